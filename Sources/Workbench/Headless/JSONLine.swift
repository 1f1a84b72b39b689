/// One-line JSON objects for `layerlab run --json`.
enum JSONLine {
    /// An epoch's metrics under the keys `epoch`, `loss`, `train_accuracy`, `test_accuracy`,
    /// `test_loss`, `samples_per_second` and `steps` (the report's optimizer steps), with
    /// `type` set to `kind`. Accuracy keys are left out for regression, and `test_loss` when
    /// there is no test set. With penalties,
    /// `loss_terms` maps `data` and each penalty to its mean. The `extra` fields follow, such
    /// as the forecast keys of the final object.
    static func epoch(
        _ report: EpochReport, kind: String, extra: [(String, String)] = []
    ) -> String {
        var fields: [(String, String)] = [
            ("type", quoted(kind)),
            ("epoch", String(report.epoch)),
            ("loss", number(report.loss)),
        ]
        if !report.lossTerms.isEmpty {
            let terms = report.lossTerms.map { "\(quoted($0.name)): \(number($0.value))" }
            fields.append(("loss_terms", "{" + terms.joined(separator: ", ") + "}"))
        }
        if let accuracy = report.trainAccuracy { fields.append(("train_accuracy", number(accuracy))) }
        if let accuracy = report.testAccuracy { fields.append(("test_accuracy", number(accuracy))) }
        if let loss = report.testLoss { fields.append(("test_loss", number(loss))) }
        fields.append(("samples_per_second", number(report.samplesPerSecond)))
        fields.append(("steps", String(report.steps)))
        fields += extra
        return "{" + fields.map { "\(quoted($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// A JSON number, or `null` for NaN and infinities, which JSON cannot represent.
    static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : "null"
    }

    /// A JSON string literal with the required escapes.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
