/// The text of `export metrics`: every epoch's metrics and every step's loss, as CSV or as JSON
/// lines.
enum MetricsExport {
    /// The formats by file extension.
    static let formats = [".csv", ".jsonl"]

    /// Returns CSV with a header row; `kind` is `epoch` or `step`. An epoch row leaves `step` empty and a
    /// step row leaves the epoch columns empty. Loss terms get a `loss_NAME` column each.
    static func csv(_ history: MetricsHistory) -> String {
        let termNames = termColumns(history)
        var header = ["kind", "epoch", "step", "loss"]
        header += termNames.map { "loss_" + $0 }
        header += ["train_accuracy", "test_accuracy", "test_loss", "samples_per_second"]
        var lines = [header.joined(separator: ",")]
        for report in history.epochs {
            var row = ["epoch", String(report.epoch), "", number(report.loss)]
            for name in termNames {
                row.append(report.lossTerms.first { $0.name == name }.map { number($0.value) } ?? "")
            }
            row.append(report.trainAccuracy.map(number) ?? "")
            row.append(report.testAccuracy.map(number) ?? "")
            row.append(report.testLoss.map(number) ?? "")
            row.append(number(report.samplesPerSecond))
            lines.append(row.joined(separator: ","))
        }
        let padding = Array(repeating: "", count: termNames.count + 4)
        for (step, loss) in zip(history.stepNumbers, history.stepLosses) {
            let row = ["step", "", String(step), loss.isFinite ? "\(loss)" : ""] + padding
            lines.append(row.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Returns one JSON object per line: the epochs as `layerlab run --json` prints them, then
    /// `{"type": "step", "step": N, "loss": X}` per step.
    static func jsonLines(_ history: MetricsHistory) -> String {
        var lines = history.epochs.map { JSONLine.epoch($0, kind: "epoch") }
        for (step, loss) in zip(history.stepNumbers, history.stepLosses) {
            let value = loss.isFinite ? "\(loss)" : "null"
            lines.append("{\"type\": \"step\", \"step\": \(step), \"loss\": \(value)}")
        }
        return lines.map { $0 + "\n" }.joined()
    }

    private static func termColumns(_ history: MetricsHistory) -> [String] {
        var names: [String] = []
        for report in history.epochs {
            for term in report.lossTerms where !names.contains(term.name) {
                names.append(term.name)
            }
        }
        return names
    }

    /// Formats a number as CSV writes it: Swift's shortest exact form, and an empty field for NaN. Step
    /// losses are written from their `Float` value the same way.
    private static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : ""
    }
}
