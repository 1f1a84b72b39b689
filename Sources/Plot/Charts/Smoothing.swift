/// Smoothing for noisy series such as per-step training loss.
public enum Smoothing {
    /// Returns the bias-corrected exponential moving average of `values`.
    ///
    /// Over the finite values v[1], v[2], … in order:
    ///
    /// ```
    /// m[k] = weight * m[k-1] + (1 - weight) * v[k],   m[0] = 0
    /// smoothed[k] = m[k] / (1 - weight^k)
    /// ```
    ///
    /// Dividing by `1 - weight^k` removes the pull towards the zero start, so the first output
    /// equals the first value. A non-finite value leaves the average unchanged and yields NaN at
    /// its position, so that a gap stays a gap in the smoothed line.
    ///
    /// - Parameters:
    ///   - values: The series, in order.
    ///   - weight: The share of the past in each step, in `0..<1`. 0 returns the finite values
    ///     unchanged, and 0.9 averages over roughly the last ten.
    /// - Returns: One smoothed value for each input value.
    public static func exponentialMovingAverage(_ values: [Double], weight: Double) -> [Double] {
        precondition(weight >= 0 && weight < 1, "Smoothing weight \(weight) is outside 0..<1")
        var average = 0.0
        var correction = 1.0
        var result: [Double] = []
        result.reserveCapacity(values.count)

        for value in values {
            guard value.isFinite else {
                result.append(.nan)
                continue
            }
            average = weight * average + (1 - weight) * value
            correction *= weight
            result.append(average / (1 - correction))
        }
        return result
    }
}
