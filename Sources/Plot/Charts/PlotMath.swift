#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The C math functions that Plot needs, wrapped in this one file so that the rest of the
/// module imports no platform library.
enum PlotMath {
    /// Returns the base-10 logarithm of `value`.
    static func log10(_ value: Double) -> Double {
        cLog10(value)
    }

    /// Returns 10 raised to the power `exponent`.
    static func exp10(_ exponent: Double) -> Double {
        cPow(10, exponent)
    }
}

private func cLog10(_ value: Double) -> Double {
    log10(value)
}

private func cPow(_ base: Double, _ exponent: Double) -> Double {
    pow(base, exponent)
}
