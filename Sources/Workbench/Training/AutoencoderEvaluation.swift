import Datasets
import Engine

/// The figures that `eval` adds for an autoencoder: a baseline for the reconstruction error,
/// and the mean activation of the code layer.
struct AutoencoderEvaluation: Equatable, Sendable {
    /// The mean squared error of predicting the mean training sample for every row:
    /// `(1/(n·d)) Σ_i Σ_j (x[i, j] − m[j])²` with `m` the mean of the training rows.
    var baselineMeanSquaredError: Double?
    /// The mean of the code layer's outputs over every row and unit, in evaluation mode.
    var meanCodeActivation: Double?
    /// The smallest and largest mean activation of a single code unit over the rows.
    var unitMeanRange: ClosedRange<Double>?
    /// The number of values in one sample's code.
    var codeUnits: Int?

    /// Computes the baseline when `reconstructs` is set and the code statistics when
    /// `codeLayer` is set.
    ///
    /// - Parameters:
    ///   - training: the rows whose mean sample is the baseline's prediction.
    ///   - dataset: the rows evaluated.
    ///   - codeLayer: the index of the code layer in `model`.
    static func evaluate(
        model: Sequential, training: Dataset, dataset: Dataset, reconstructs: Bool,
        codeLayer: Int?, context: ForwardContext
    ) -> AutoencoderEvaluation {
        var result = AutoencoderEvaluation()
        if reconstructs {
            result.baselineMeanSquaredError = meanSampleError(training: training, dataset: dataset)
        }
        if let codeLayer, codeLayer < model.layers.count, dataset.rowCount > 0 {
            let unitMeans = codeUnitMeans(
                model: model, layer: codeLayer, dataset: dataset, context: context)
            result.codeUnits = unitMeans.count
            result.meanCodeActivation = unitMeans.reduce(0, +) / Double(max(1, unitMeans.count))
            if let low = unitMeans.min(), let high = unitMeans.max() {
                result.unitMeanRange = low...high
            }
        }
        return result
    }

    /// Returns the mean squared error of predicting the mean row of `training` for each row of
    /// `dataset`, or `nil` when either set has no rows.
    static func meanSampleError(training: Dataset, dataset: Dataset) -> Double? {
        guard training.rowCount > 0, dataset.rowCount > 0 else { return nil }
        let width = training.featureCount
        var mean = [Double](repeating: 0, count: width)
        training.features.scalars.withUnsafeBufferPointer { x in
            for i in 0..<training.rowCount {
                for j in 0..<width { mean[j] += Double(x[i * width + j]) }
            }
        }
        for j in 0..<width { mean[j] /= Double(training.rowCount) }

        var total = 0.0
        dataset.features.scalars.withUnsafeBufferPointer { x in
            for i in 0..<dataset.rowCount {
                for j in 0..<width {
                    let difference = Double(x[i * width + j]) - mean[j]
                    total += difference * difference
                }
            }
        }
        return total / Double(dataset.rowCount * width)
    }

    /// Computes the mean output of each unit of layer `layer` over the rows of `dataset`, computed in
    /// chunks of 1024 rows in evaluation mode.
    private static func codeUnitMeans(
        model: Sequential, layer: Int, dataset: Dataset, context: ForwardContext
    ) -> [Double] {
        let wasTraining = context.isTraining
        context.isTraining = false
        defer { context.isTraining = wasTraining }

        var sums: [Double] = []
        for start in stride(from: 0, to: dataset.rowCount, by: 1024) {
            let rows = Array(start..<min(dataset.rowCount, start + 1024))
            let pass = model.forward(
                dataset.inputs(rows: rows), context: context, layerCount: layer + 1)
            let code = pass.output.value
            let units = code.count / rows.count
            if sums.isEmpty { sums = [Double](repeating: 0, count: units) }
            code.scalars.withUnsafeBufferPointer { h in
                for index in 0..<h.count { sums[index % units] += Double(h[index]) }
            }
        }
        return sums.map { $0 / Double(dataset.rowCount) }
    }
}
