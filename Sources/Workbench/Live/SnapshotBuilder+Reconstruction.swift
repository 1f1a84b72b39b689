import Datasets
import Engine

extension SnapshotBuilder {
    /// Returns the first few test rows (training rows without a test set) with an autoencoder's
    /// reconstruction and its error, and both as images when the input has a square number of
    /// features, such as 8x8 digits.
    static func sampleReconstructions(
        data: LoadedData, model: Sequential, loss: Loss, context: ForwardContext
    ) -> [SampleReconstruction] {
        let (source, originalRows, count) = data.sampleRows(limit: 6)
        guard count > 0 else { return [] }
        let inputs = source.inputs(rows: Array(0..<count))
        let prediction = loss.prediction(of: model.forward(inputs, context: context), model: model)
        let features = data.raw.featureCount
        guard prediction.count == inputs.count, inputs.count == count * features else { return [] }

        // The output in the data's units, to draw on the same scale as the raw input.
        var rawOutput = prediction.reshaped([count, features])
        if let standardizer = data.standardizer, standardizer.featureCount == features {
            rawOutput = standardizer.inverseTransform(rawOutput)
        }
        let side = Int(Double(features).squareRoot())
        let isSquare = side * side == features && side >= 4

        return (0..<count).map { row in
            let span = (row * features)..<((row + 1) * features)
            var squaredError = 0.0
            for index in span {
                let difference = Double(prediction.scalars[index] - inputs.scalars[index])
                squaredError += difference * difference
            }
            var sample = SampleReconstruction(
                row: row, error: squaredError / Double(features), input: nil, output: nil)
            if isSquare {
                let start = originalRows[row] * features
                let pixels = data.raw.features.scalars[start..<(start + features)].map(Double.init)
                let maximum = max(pixels.max() ?? 1, 1e-9)
                let output = rawOutput.scalars[span].map(Double.init)
                sample.input = (0..<side).map { r in
                    (0..<side).map { c in pixels[r * side + c] / maximum }
                }
                sample.output = (0..<side).map { r in
                    (0..<side).map { c in output[r * side + c] / maximum }
                }
            }
            return sample
        }
    }
}
