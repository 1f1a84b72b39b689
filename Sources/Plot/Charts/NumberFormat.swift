/// Short decimal text for axis labels, bin edges and legends, without Foundation.
enum NumberFormat {
    /// Formats `value` with exactly `decimals` digits after the point, rounding half away from
    /// zero. Values too large for `Int64` after scaling fall back to `compact`.
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return nonFinite(value) }
        var scale = 1.0
        for _ in 0..<max(0, decimals) {
            scale *= 10
        }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e18 else { return compact(value) }

        let units = Int64(scaled)
        let whole = units / Int64(scale)
        let isNegative = value < 0 && units != 0
        var text = (isNegative ? "-" : "") + String(whole)
        if decimals > 0 {
            let fraction = String(units % Int64(scale))
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return text
    }

    /// Formats `value` with about `significantDigits` significant digits and no trailing zeros:
    /// `0.0123`, `-1.5`, `4096`, `1.2e-5`, `3e7`.
    ///
    /// Magnitudes from 0.001 up to 1,000,000 are written in positional notation, others in
    /// exponent notation.
    static func compact(_ value: Double, significantDigits: Int = 3) -> String {
        guard value.isFinite else { return nonFinite(value) }
        if value == 0 { return "0" }

        let exponent = floorOfLog10(abs(value))
        if exponent >= -3 && exponent < 6 {
            let decimals = max(0, significantDigits - 1 - exponent)
            return trimmingZeros(fixed(value, decimals: decimals))
        }

        var mantissa = value / power10(exponent)
        var shownExponent = exponent
        let rounded = fixed(mantissa, decimals: max(0, significantDigits - 1))
        if abs(Double(rounded) ?? mantissa) >= 10 {
            mantissa /= 10
            shownExponent += 1
        }
        let digits = trimmingZeros(fixed(mantissa, decimals: max(0, significantDigits - 1)))
        return "\(digits)e\(shownExponent)"
    }

    /// Returns the number of decimals that tick labels `step` apart need to differ: 0 for a step
    /// of 1 or more, 1 for 0.5, 2 for 0.25.
    static func decimals(forStep step: Double) -> Int {
        guard step.isFinite, step > 0 else { return 0 }
        for decimals in 0...12 {
            let scaled = step * power10(decimals)
            if abs(scaled - scaled.rounded()) < 1e-6 * max(1, scaled) {
                return decimals
            }
        }
        return 12
    }

    /// Returns 10 raised to an integer power.
    static func power10(_ exponent: Int) -> Double {
        PlotMath.exp10(Double(exponent))
    }

    /// Returns the largest integer `e` with 10^e ≤ `value`, for a positive finite `value`.
    static func floorOfLog10(_ value: Double) -> Int {
        var exponent = Int(PlotMath.log10(value).rounded(.down))

        // log10 may land just below an exact power of ten, so correct by one either way.
        if power10(exponent + 1) <= value {
            exponent += 1
        } else if power10(exponent) > value {
            exponent -= 1
        }
        return exponent
    }

    private static func trimmingZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var result = text
        while result.last == "0" {
            result.removeLast()
        }
        if result.last == "." {
            result.removeLast()
        }
        return result
    }

    private static func nonFinite(_ value: Double) -> String {
        value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf")
    }
}
