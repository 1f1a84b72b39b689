/// The mapping of values onto a chart axis: linear, or by base-10 logarithm.
public enum AxisKind: Equatable, Sendable {
    case linear
    /// Base-10 logarithmic. Values that are zero or negative have no position on the axis.
    case logarithmic
}

/// An axis range with rounded ends and evenly spaced ticks, and the map from values to
/// positions along it.
///
/// Linear axes widen the data range to multiples of a step of 1, 2, 2.5 or 5 times a power of
/// ten, so that the ends carry round tick labels, and pick the step that wastes least room. Logarithmic axes widen it to whole powers of
/// ten and put ticks on powers of ten.
struct AxisScale: Equatable {
    let kind: AxisKind

    /// The ends of the axis, as logarithms for a logarithmic axis.
    let lower: Double
    let upper: Double

    /// The tick values, in data units, lowest first.
    let ticks: [Double]

    /// The number of decimals that the tick labels of a linear axis need.
    let tickDecimals: Int

    /// Creates a scale that covers `minimum...maximum` with about `targetTickCount` ticks.
    ///
    /// - Parameters:
    ///   - minimum: The lowest value to cover. On a logarithmic axis it must be positive.
    ///   - maximum: The highest value to cover, at least `minimum`.
    ///   - kind: Linear or logarithmic.
    ///   - targetTickCount: The number of tick intervals to aim for, at least 1.
    ///   - widen: Whether to round the ends outwards to tick values. Without it the axis ends
    ///     at the data and only the ticks inside are kept.
    init(
        minimum: Double, maximum: Double, kind: AxisKind, targetTickCount: Int, widen: Bool = true
    ) {
        precondition(minimum <= maximum, "Axis range \(minimum)...\(maximum) is reversed")
        precondition(kind == .linear || minimum > 0, "Logarithmic axis needs positive values")
        self.kind = kind
        let target = Double(max(1, targetTickCount))

        switch kind {
        case .linear:
            var low = minimum
            var high = maximum
            if low == high {
                let padding = low == 0 ? 1 : abs(low) * 0.1
                low -= padding
                high += padding
            }
            let step = AxisScale.widenedStep(low: low, high: high, target: target, widen: widen)
            let first = (low / step).rounded(.down)
            let last = (high / step).rounded(.up)
            self.lower = widen ? first * step : low
            self.upper = widen ? last * step : high
            self.ticks = stride(from: first, through: last, by: 1)
                .map { $0 * step }
                .filter { widen || ($0 >= low - step * 1e-9 && $0 <= high + step * 1e-9) }
            self.tickDecimals = NumberFormat.decimals(forStep: step)

        case .logarithmic:
            var low = PlotMath.log10(minimum).rounded(.down)
            var high = PlotMath.log10(maximum).rounded(.up)
            if low == high {
                low -= widen ? 0 : 0.5
                high += widen ? 1 : 0.5
            }
            let decades = Int(high - low)
            let stride = max(1, Int((Double(decades) / target).rounded(.up)))
            self.lower = widen ? low : PlotMath.log10(minimum)
            self.upper = widen ? high : max(PlotMath.log10(maximum), self.lower + 1e-9)
            self.ticks = Swift.stride(from: Int(low), through: Int(high), by: stride)
                .map { PlotMath.exp10(Double($0)) }
            self.tickDecimals = 0
        }
    }

    /// Returns where `value` lies along the axis, 0 at `lower` and 1 at `upper`, or `nil` when
    /// the value has no position (not finite, or not positive on a logarithmic axis).
    ///
    /// Values outside the range give fractions below 0 or above 1.
    func fraction(of value: Double) -> Double? {
        guard value.isFinite else { return nil }
        let position: Double
        switch kind {
        case .linear:
            position = value
        case .logarithmic:
            guard value > 0 else { return nil }
            position = PlotMath.log10(value)
        }
        return (position - lower) / (upper - lower)
    }

    /// Returns the tick label for `value`.
    ///
    /// Linear labels share one number of decimals, unless the axis reaches a million or its
    /// step needs more than four decimals. Then all labels use exponent notation where needed.
    func label(_ value: Double) -> String {
        switch kind {
        case .linear:
            if max(abs(lower), abs(upper)) >= 1e6 || tickDecimals > 4 {
                return NumberFormat.compact(value)
            }
            return NumberFormat.fixed(value, decimals: tickDecimals)
        case .logarithmic:
            return NumberFormat.compact(value)
        }
    }

    /// Returns the tick step for a linear axis over `low...high`.
    ///
    /// Without widening it is the nice step for `target` intervals. With widening, the step
    /// for between `target` and `2 * target` intervals whose rounded-out range is narrowest,
    /// so that little of the plot goes to empty margin. Of equally narrow ranges, the one with
    /// the larger step and fewer labels wins.
    static func widenedStep(low: Double, high: Double, target: Double, widen: Bool) -> Double {
        var best = niceStep((high - low) / target)
        guard widen else { return best }
        func span(_ step: Double) -> Double {
            ((high / step).rounded(.up) - (low / step).rounded(.down)) * step
        }
        for count in stride(from: target + 1, through: 2 * target, by: 1) {
            let step = niceStep((high - low) / count)
            if span(step) < span(best) * (1 - 1e-9) {
                best = step
            }
        }
        return best
    }

    /// Returns the smallest step of 1, 2, 2.5 or 5 times a power of ten that is at least
    /// `roughStep`.
    static func niceStep(_ roughStep: Double) -> Double {
        guard roughStep.isFinite, roughStep > 0 else { return 1 }
        let power = NumberFormat.power10(NumberFormat.floorOfLog10(roughStep))
        let fraction = roughStep / power
        for factor in [1, 2, 2.5, 5] where fraction <= factor * (1 + 1e-9) {
            return factor * power
        }
        return 10 * power
    }
}
