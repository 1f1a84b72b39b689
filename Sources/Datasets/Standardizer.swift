import Engine

/// Per-feature standardization with statistics fitted on training rows.
///
/// ```
/// mean[j] = (1/n) Σᵢ x[i, j]
/// standardDeviation[j] = sqrt((1/n) Σᵢ (x[i, j] − mean[j])²)    (population, divides by n)
/// x̂[i, j] = (x[i, j] − mean[j]) / standardDeviation[j]
/// ```
///
/// A constant feature, whose fitted values are all equal, gets a standard deviation of 1, so it
/// becomes 0 instead of dividing by zero. Its index is listed in `constantFeatures`.
///
/// Shapes: fitted on `[rows, features]`. `transform` maps `[..., features]` to the same shape,
/// so one raw input row `[features]` can be standardized for prediction with the training
/// statistics.
public struct Standardizer: Equatable, Sendable {
    /// The fitted mean of each feature.
    public let mean: [Float]
    /// The fitted population standard deviation of each feature, 1 for a constant feature.
    public let standardDeviation: [Float]
    /// Indices of the features that were constant in the fitted rows.
    public let constantFeatures: [Int]

    /// Fits the statistics on `features` `[rows, features]`, which must have at least one row.
    ///
    /// Sums run in `Double`, and in two passes, so large offsets do not swamp the variance.
    public init(fitting features: Tensor) {
        precondition(
            features.rank == 2, "Standardizer fits [rows, features], got \(features.shape)")
        let rowCount = features.shape[0]
        let featureCount = features.shape[1]
        precondition(rowCount > 0, "Standardizer needs at least one row to fit")

        var mean = [Float](repeating: 0, count: featureCount)
        var standardDeviation = [Float](repeating: 1, count: featureCount)
        var constantFeatures: [Int] = []
        features.scalars.withUnsafeBufferPointer { x in
            for j in 0..<featureCount {
                var sum = 0.0
                var minimum = x[j]
                var maximum = x[j]
                for i in 0..<rowCount {
                    let value = x[i * featureCount + j]
                    sum += Double(value)
                    minimum = min(minimum, value)
                    maximum = max(maximum, value)
                }
                if minimum == maximum {
                    // Exact comparison, so the column maps to exactly 0.
                    mean[j] = minimum
                    constantFeatures.append(j)
                    continue
                }

                let mu = sum / Double(rowCount)
                var squaredDeviations = 0.0
                for i in 0..<rowCount {
                    let deviation = Double(x[i * featureCount + j]) - mu
                    squaredDeviations += deviation * deviation
                }
                mean[j] = Float(mu)
                standardDeviation[j] = Float((squaredDeviations / Double(rowCount)).squareRoot())
            }
        }
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.constantFeatures = constantFeatures
    }

    /// Restores fitted statistics, for example from a saved session.
    ///
    /// - Parameters:
    ///   - mean: The mean of each feature.
    ///   - standardDeviation: The standard deviation of each feature. Each must be positive.
    ///   - constantFeatures: Indices of the features that were constant when fitted.
    public init(mean: [Float], standardDeviation: [Float], constantFeatures: [Int] = []) {
        precondition(
            mean.count == standardDeviation.count,
            "Standardizer has \(mean.count) means but \(standardDeviation.count) deviations")
        precondition(
            standardDeviation.allSatisfy { $0 > 0 && $0.isFinite },
            "Standardizer deviations must be positive and finite")
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.constantFeatures = constantFeatures
    }

    public var featureCount: Int { mean.count }

    /// Standardizes `x` `[..., features]` with the fitted statistics.
    public func transform(_ x: Tensor) -> Tensor {
        precondition(
            x.rank >= 1 && x.shape[x.rank - 1] == featureCount,
            "Standardizer was fitted on \(featureCount) features, got shape \(x.shape)")
        var result = x
        result.scalars.withUnsafeMutableBufferPointer { y in
            for offset in 0..<y.count {
                let j = offset % featureCount
                y[offset] = (y[offset] - mean[j]) / standardDeviation[j]
            }
        }
        return result
    }

    /// Maps standardized values `[..., features]` back to raw feature values.
    public func inverseTransform(_ x: Tensor) -> Tensor {
        precondition(
            x.rank >= 1 && x.shape[x.rank - 1] == featureCount,
            "Standardizer was fitted on \(featureCount) features, got shape \(x.shape)")
        var result = x
        result.scalars.withUnsafeMutableBufferPointer { y in
            for offset in 0..<y.count {
                let j = offset % featureCount
                y[offset] = y[offset] * standardDeviation[j] + mean[j]
            }
        }
        return result
    }
}

extension Dataset {
    /// Returns the data set with its features replaced by `standardizer.transform(features)`.
    public func standardized(by standardizer: Standardizer) -> Dataset {
        Dataset(
            name: name, features: standardizer.transform(features), featureNames: featureNames,
            targets: targets, sampleShape: sampleShape)
    }
}
