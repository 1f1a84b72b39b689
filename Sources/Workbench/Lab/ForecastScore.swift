import Datasets
import Engine

/// A forecaster's test MSE next to the last-value baseline's on the same windows.
///
/// ```
/// ratio = testMSE / baselineTestMSE      (below 1: the model beats "the next value is the last")
/// ```
///
/// Both are in the scaled units of `data window`; the ratio does not depend on the scaling.
public struct ForecastScore: Equatable, Sendable {
    public let testMSE: Double
    public let baselineTestMSE: Double

    /// The model's test MSE divided by the baseline's, or NaN when the baseline is exact.
    public var ratio: Double { baselineTestMSE > 0 ? testMSE / baselineTestMSE : .nan }

    /// Scores the session's model on the test windows, or returns `nil` when the data is not
    /// from `data window`, there are no test windows, or the model does not take the windows
    /// and output one value.
    public static func measure(lab: Lab) -> ForecastScore? {
        guard let data = lab.data, case .series(let series)? = data.sequences,
            let baseline = series.windows.testBaselineMSE, let model = lab.model,
            model.inputShape == data.featureShape, model.outputShape == [1],
            let targets = data.test.targets.values
        else { return nil }

        let test = data.test
        let context = ForwardContext(isTraining: false, random: lab.random)
        var total = 0.0
        for start in stride(from: 0, to: test.rowCount, by: 1024) {
            let rows = Array(start..<min(test.rowCount, start + 1024))
            let output = model.forward(test.inputs(rows: rows), context: context).output.value
            for (offset, row) in rows.enumerated() {
                let error = Double(output.scalars[offset]) - Double(targets.scalars[row])
                total += error * error
            }
        }
        return ForecastScore(
            testMSE: total / Double(test.rowCount), baselineTestMSE: Double(baseline))
    }
}
