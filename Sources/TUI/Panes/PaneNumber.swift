import Foundation

/// Short number text for pane titles, tables and the status line.
enum PaneNumber {
    /// Formats `value` with about `digits` significant digits and no trailing zeros: `0.0123`,
    /// `1.5`, `4096`, `1.2e-5`, `3e7`. Magnitudes from 0.001 up to 100,000 are positional.
    static func compact(_ value: Double, digits: Int = 3) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 1e-3 && magnitude < 1e5 {
            let exponent = Int(log10(magnitude).rounded(.down))
            let decimals = max(0, digits - 1 - exponent)
            return trimmingZeros(String(format: "%.\(decimals)f", value))
        }
        let text = String(format: "%.\(max(0, digits - 1))e", value)
        guard let marker = text.firstIndex(of: "e") else { return text }
        let mantissa = trimmingZeros(String(text[..<marker]))
        let exponent = Int(text[text.index(after: marker)...]) ?? 0
        return "\(mantissa)e\(exponent)"
    }

    /// Formats a fraction in `0...1` as a whole percentage, with `<1%` for a small nonzero one.
    static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return compact(fraction) }
        if fraction > 0 && fraction < 0.005 { return "<1%" }
        return "\(Int((fraction * 100).rounded()))%"
    }

    /// Formats an integer with a comma between groups of three digits: `101,770`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 {
                result.append(",")
            }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }

    /// Formats an integer in at most 5 characters (6 when negative), with 3 significant digits
    /// and a `k`, `M`, `G` or `T` suffix from 1000 on: `950`, `1.23k`, `16.4k`, `102k`, `1.5M`.
    static func abbreviated(_ value: Int) -> String {
        let magnitude = Double(value.magnitude)
        let sign = value < 0 ? "-" : ""
        guard magnitude >= 1000 else { return String(value) }
        var scaled = magnitude
        var suffixes = ["k", "M", "G", "T"][...]
        var suffix = ""
        while scaled >= 999.5, let next = suffixes.popFirst() {
            scaled /= 1000
            suffix = next
        }
        let decimals = scaled < 9.995 ? 2 : (scaled < 99.95 ? 1 : 0)
        return sign + trimmingZeros(String(format: "%.\(decimals)f", scaled)) + suffix
    }

    /// Formats a rate with a `k` or `M` suffix above ten thousand: `950`, `12.3k`, `1.5M`.
    static func rate(_ value: Double) -> String {
        guard value.isFinite, value >= 0 else { return "-" }
        if value >= 1e6 { return compact(value / 1e6, digits: 2) + "M" }
        if value >= 1e4 { return compact(value / 1e3, digits: 3) + "k" }
        return String(Int(value.rounded()))
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
}
