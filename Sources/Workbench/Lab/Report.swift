import Datasets
import Engine
import Foundation
import Plot

/// Text renderings of models, evaluations, predictions and epochs, shared by the headless runner
/// and the screen.
public enum Report {
    /// The glyphs of tables.
    static let tableStyle: TextTable.Style = .unicode

    /// A Keras-style table: each layer with its output shape and parameter count, then totals.
    public static func summary(of model: Sequential) -> String {
        var rows: [TextTable.Row] = [
            .cells(["input", formatShape(model.inputShape, batch: true), "0"])
        ]
        for (index, layer) in model.layers.enumerated() {
            rows.append(.cells([
                "\(index) (\(layer.kind))", formatShape(model.outputShapes[index], batch: true),
                grouped(layer.parameterCount),
            ]))
        }
        rows.append(.separator)
        rows.append(.cells(["Total", "", grouped(model.parameterCount)]))
        let table = TextTable(
            columns: [
                .init("Layer (type)"), .init("Output shape"), .init("Param #", alignment: .right),
            ],
            rows: rows)
        var lines = table.render(style: tableStyle) + [
            "Total params: \(grouped(model.parameterCount)) "
                + "(\(grouped(model.parameterCount * 4)) bytes as float32)"
        ]
        let buffers = model.namedBuffers
        if !buffers.isEmpty {
            let count = buffers.reduce(0) { $0 + $1.variable.value.count }
            lines.append(
                "Non-trainable: \(grouped(count)) buffer values (batchnorm running statistics"
                    + " and batch counts), saved with the weights but not counted above")
        }
        return lines.joined(separator: "\n")
    }

    /// Loss, accuracy and confusion matrix for classification; loss and MSE for regression.
    public static func evaluation(
        _ result: Evaluation, split: EvalSplit, classNames: [String], loss: Loss
    ) -> String {
        var lines = ["\(split.rawValue) set, \(result.rowCount) rows: loss \(format(result.loss, digits: 4)) (\(loss.rawValue), mean over rows)"]
        if let mse = result.meanSquaredError {
            lines.append("mean squared error \(format(mse, digits: 4)), RMSE \(format(mse.squareRoot(), digits: 4))")
        }
        if let accuracy = result.accuracy, let confusion = result.confusion {
            let correct = confusion.indices.reduce(0) { $0 + confusion[$1][$1] }
            lines.append("accuracy \(format(accuracy, digits: 4)) (\(correct) of \(result.rowCount))")
            lines.append("confusion matrix (rows: true class, columns: predicted class)")
            let columns = [TextTable.Column("")]
                + classNames.map { TextTable.Column($0, alignment: .right) }
            let rows = confusion.enumerated().map { index, counts in
                TextTable.Row.cells([classNames[index]] + counts.map(String.init))
            }
            lines += TextTable(columns: columns, rows: rows).render(style: tableStyle)
        }
        return lines.joined(separator: "\n")
    }

    /// The predicted class with every class probability, or the predicted values.
    ///
    /// - Parameters:
    ///   - prediction: one row of class probabilities (a single probability of the second
    ///     class for a one-unit binary model), or of predicted values when there are no class
    ///     names.
    ///   - isProbability: whether a one-unit binary model's output is a probability, as after
    ///     a sigmoid; otherwise, as under `loss mse`, it is shown as an output.
    static func prediction(_ prediction: Tensor, classNames: [String], isProbability: Bool = true)
        -> String
    {
        let values = prediction.scalars
        guard !classNames.isEmpty else {
            return "prediction: " + values.map { format(Double($0), digits: 4) }.joined(separator: " ")
        }
        if values.count == 1, classNames.count == 2 {
            let name = classNames[values[0] > 0.5 ? 1 : 0]
            let value = format(Double(values[0]), digits: 4)
            guard isProbability else {
                return "prediction: \(name) (output \(value), not a probability; above 0.5 means"
                    + " \(classNames[1]))"
            }
            return "prediction: \(name) (p(\(classNames[1])) = \(value))"
        }
        let best = argmax(values)
        let name = best < classNames.count ? classNames[best] : "\(best)"
        let parts = zip(classNames, values).map { "\($0) \(format(Double($1), digits: 3))" }
        return "prediction: \(name) (" + parts.joined(separator: ", ") + ")"
    }

    /// Formats the forecast in the series' units, followed by the model's scaled output.
    ///
    /// ```
    /// x = y * scale + offset
    /// ```
    /// - Parameters:
    ///   - prediction: the model's output y, in scaled units.
    ///   - column: the series column, which names the units.
    static func seriesPrediction(_ prediction: Tensor, scaler: SeriesScaler, column: String)
        -> String
    {
        let scaled = prediction.scalars
        let raw = scaled.map { format(Double(scaler.inverseTransform($0)), digits: 4) }
        let scaledText = scaled.map { format(Double($0), digits: 4) }
        return "prediction: " + raw.joined(separator: " ") + " in the units of \(column)"
            + " (scaled by \(scaler.scaling.rawValue): " + scaledText.joined(separator: " ") + ")"
    }

    /// One line per epoch: epoch, loss, accuracies, test loss and throughput, if measured.
    public static func epochLine(_ report: EpochReport) -> String {
        let width = String(report.epochsInRun).count
        var line = "epoch \(pad(report.epochInRun, width))/\(report.epochsInRun)"
        if report.epoch != report.epochInRun { line += " (\(report.epoch))" }
        line += "  loss \(format(report.loss, digits: 4))"
        if !report.lossTerms.isEmpty {
            let terms = report.lossTerms.map { "\($0.name) \(format($0.value, digits: 4))" }
            line += " (" + terms.joined(separator: " + ") + ")"
        }
        if let accuracy = report.trainAccuracy { line += "  train acc \(format(accuracy, digits: 3))" }
        if let accuracy = report.testAccuracy { line += "  test acc \(format(accuracy, digits: 3))" }
        if let testLoss = report.testLoss { line += "  test loss \(format(testLoss, digits: 4))" }
        // A stepped step is not timed, so its epoch may have no rate to show.
        if report.samplesPerSecond > 0 {
            line += "  \(grouped(Int(report.samplesPerSecond.rounded()))) samples/s"
        }
        return line
    }

    /// The closing line of a `train` command.
    public static func trainingLine(_ report: TrainingReport) -> String {
        var line = "trained \(report.epochs) epoch\(report.epochs == 1 ? "" : "s") "
            + "(\(grouped(report.steps)) step\(report.steps == 1 ? "" : "s")) in"
            + " \(format(report.seconds, digits: 2)) s"
        if let last = report.last {
            if let accuracy = last.testAccuracy {
                line += "; test accuracy \(format(accuracy, digits: 4))"
                if let trainAccuracy = last.trainAccuracy {
                    line += " (train \(format(trainAccuracy, digits: 4)), gap"
                        + " \(format(trainAccuracy - accuracy, digits: 4)))"
                }
            }
            if let testLoss = last.testLoss { line += ", test loss \(format(testLoss, digits: 4))" }
        }
        return line
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}

/// Formats `value` with `digits` decimals, in scientific notation (`1.2677e+37`) from
/// `scientificThreshold` in magnitude, where fixed notation would print dozens of digits.
func format(_ value: Double, digits: Int) -> String {
    guard value.isFinite else { return "\(value)" }
    if abs(value) >= scientificThreshold {
        return String(format: "%.\(digits)e", value)
    }
    return String(format: "%.\(digits)f", value)
}

/// The magnitude from which `format` switches to scientific notation.
let scientificThreshold = 1e6

/// Formats an integer with thousands separators: 12,345.
func grouped(_ value: Int) -> String {
    let digits = String(abs(value))
    var result = ""
    for (offset, character) in digits.enumerated() {
        if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
        result.append(character)
    }
    return value < 0 ? "-" + result : result
}
