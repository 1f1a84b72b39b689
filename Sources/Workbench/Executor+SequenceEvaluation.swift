import Datasets
import Engine
import Foundation

extension Executor {
    /// Adds to `eval` the last-value baseline on `data window` data, and the cross-entropy in
    /// nats and bits per character on `data text` data.
    func reportSequenceEvaluation(
        _ result: Evaluation, split: EvalSplit, data: LoadedData, loss: Loss
    ) {
        switch data.sequences {
        case .series(let series)?:
            let windows = series.windows
            let baseline = split == .test ? windows.testBaselineMSE : windows.trainBaselineMSE
            guard let mse = result.meanSquaredError, let baseline else { return }
            output.message(Self.baselineLines(mse: mse, baseline: Double(baseline), series: series))
        case .text(let text)?:
            guard loss == .crossEntropy else { return }
            let nats = result.loss
            let note = text.isWordList ? " (the end of a word counts as a character)" : ""
            output.message(
                "cross-entropy \(format(nats, digits: 4)) nats per character"
                    + " = \(format(nats / log(2), digits: 4)) bits, perplexity"
                    + " \(format(exp(nats), digits: 2))" + note)
        case nil:
            return
        }
    }

    /// Returns the baseline's MSE, the model's ratio to it, and both errors in the series' units.
    private static func baselineLines(
        mse: Double, baseline: Double, series: SeriesSource
    ) -> String {
        let ratio = baseline > 0 ? format(mse / baseline, digits: 3) : "undefined (exact baseline)"
        var lines = [
            "last-value baseline: MSE \(format(baseline, digits: 4)) on the same windows;"
                + " model / baseline = \(ratio), below 1 beats the baseline"
        ]
        let scaler = series.windows.scaler
        if scaler.scaling != .none {
            let scale = Double(scaler.scale)
            lines.append(
                "in the units of \(series.column): RMSE"
                    + " \(format(mse.squareRoot() * scale, digits: 3)) for the model,"
                    + " \(format(baseline.squareRoot() * scale, digits: 3)) for the baseline")
        }
        return lines.joined(separator: "\n")
    }
}
