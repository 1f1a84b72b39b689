import Engine

/// The rescaling of a series before it is cut into windows.
public enum SeriesScaling: String, Equatable, Sendable, CaseIterable {
    /// The values as they are.
    case none
    /// Min-max scaling, which maps the fitted values onto [0, 1].
    case minMax = "minmax"
    /// Standardization to mean 0 and standard deviation 1 over the fitted values.
    case standardize = "standard"
}

/// The scaling of a series, fitted on its training part so that no statistic of the test part
/// leaks into training.
///
/// ```
/// y = (x − offset) / scale
/// minMax:       offset = min(x),  scale = max(x) − min(x)
/// standardize:  offset = mean(x), scale = sqrt((1/n) Σ (x − mean(x))²)   (population)
/// none:         offset = 0,       scale = 1
/// ```
///
/// A constant fitted part gets a scale of 1, so it maps to 0 instead of dividing by zero. Test
/// values may fall outside [0, 1] under min-max scaling when they leave the training range.
public struct SeriesScaler: Equatable, Sendable {
    public let scaling: SeriesScaling
    /// The value subtracted: the minimum, the mean, or 0.
    public let offset: Float
    /// The divisor after the subtraction: the range, the standard deviation, or 1.
    public let scale: Float

    /// Fits `scaling` on `values`, which must not be empty unless `scaling` is `.none`.
    public init<Values: Collection<Float>>(fitting values: Values, scaling: SeriesScaling) {
        precondition(scaling == .none || !values.isEmpty, "SeriesScaler needs values to fit")
        self.scaling = scaling
        switch scaling {
        case .none:
            offset = 0
            scale = 1
        case .minMax:
            let minimum = values.min()!
            let range = values.max()! - minimum
            offset = minimum
            scale = range > 0 && range.isFinite ? range : 1
        case .standardize:
            // Double sums in two passes, so a large mean does not swamp the variance.
            let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
            let variance =
                values.reduce(0.0) { sum, x in
                    let deviation = Double(x) - mean
                    return sum + deviation * deviation
                } / Double(values.count)
            let deviation = Float(variance.squareRoot())
            offset = Float(mean)
            scale = deviation > 0 && deviation.isFinite ? deviation : 1
        }
    }

    /// Restores a fitted scaler, for example from a saved session.
    ///
    /// - Parameters:
    ///   - scaling: The kind of scaling.
    ///   - offset: The value subtracted.
    ///   - scale: The positive divisor.
    public init(scaling: SeriesScaling, offset: Float, scale: Float) {
        precondition(
            scale > 0 && scale.isFinite, "SeriesScaler scale must be positive, got \(scale)")
        self.scaling = scaling
        self.offset = offset
        self.scale = scale
    }

    /// Scales one raw value.
    public func transform(_ x: Float) -> Float {
        (x - offset) / scale
    }

    /// Maps one scaled value, such as a prediction, back to the series' units.
    public func inverseTransform(_ y: Float) -> Float {
        y * scale + offset
    }

    /// Maps scaled values of any shape back to the series' units.
    public func inverseTransform(_ y: Tensor) -> Tensor {
        var result = y
        result.scalars.withUnsafeMutableBufferPointer { values in
            for i in 0..<values.count {
                values[i] = values[i] * scale + offset
            }
        }
        return result
    }
}
