import Engine

/// The `__metadata__` keys and the extra tensor names of a saved session's safetensors file.
///
/// Every value is a string, as the format requires. Numbers are written in Swift's shortest
/// form that reads back to the same bits, so a loaded session continues bit for bit.
enum CheckpointKey {
    /// `layerlab-session/1`; `load` rejects files without it.
    static let format = "format"
    static let formatValue = "layerlab-session/1"
    static let version = "layerlab_version"
    /// The layers and their output shapes, as `ArchitectureSummary.text` writes them.
    static let architecture = "architecture"
    static let seed = "seed"
    static let step = "step"
    static let epoch = "epoch"
    /// The optimizer's settings, or `none` when no training step has built it yet.
    static let optimizer = "optimizer"
    static let optimizerStepCount = "optimizer_step_count"
    static let learningRate = "learning_rate"
    /// The session generator's four state words in hexadecimal, comma-separated.
    static let randomState = "random_state"
    /// The generator's state before the data command drew from it, when that was not the state
    /// right after `seed`.
    static let dataRandomState = "data_random_state"
    /// The open epoch's row order and progress, or `none` between epochs.
    static let epochCursor = "epoch_cursor"
    /// The loss of the last step, or `none` before the first.
    static let loss = "loss"
    /// One line per finished epoch, as `EpochRecordCodec` writes them.
    static let epochMetrics = "metrics_epochs"
    /// The step number of the first value of the `metrics.step_loss` tensor.
    static let firstStep = "metrics_first_step"

    /// The prefix of the optimizer's state tensors: `optimizer.0.weight.exp_avg`.
    static let optimizerPrefix = "optimizer."
    /// The tensor of every recorded step's loss.
    static let stepLossTensor = "metrics.step_loss"
}

/// A one-line description of a model's layers and output shapes, stored with its weights so
/// `load` can tell when a session file builds another model.
enum ArchitectureSummary {
    /// Returns text such as `input [2]; 0 Dense [16]; 1 ReLU [16]; 2 Dense [3]`.
    static func text(of model: Sequential) -> String {
        var parts = ["input " + formatShape(model.inputShape)]
        for (index, layer) in model.layers.enumerated() {
            parts.append("\(index) \(layer.kind) " + formatShape(model.outputShapes[index]))
        }
        return parts.joined(separator: "; ")
    }
}

/// Reads and writes the metadata values that are not plain integers.
enum MetadataCodec {
    static func randomState(_ random: RandomGenerator) -> String {
        random.stateWords.map { String($0, radix: 16) }.joined(separator: ",")
    }

    static func randomGenerator(_ text: String, key: String, path: String)
        throws(PersistenceError) -> RandomGenerator
    {
        let words = text.split(separator: ",").compactMap { UInt64($0, radix: 16) }
        guard words.count == 4, text.split(separator: ",").count == 4,
            let random = RandomGenerator(stateWords: words)
        else {
            throw .invalidMetadata(
                path: path, key: key, value: text,
                expected: "four hexadecimal words separated by commas, not all zero")
        }
        return random
    }

    static func integer(_ metadata: [String: String], _ key: String, path: String)
        throws(PersistenceError) -> Int
    {
        let text = try required(metadata, key, path: path)
        guard let value = Int(text), value >= 0 else {
            throw .invalidMetadata(
                path: path, key: key, value: text, expected: "a whole number of at least 0")
        }
        return value
    }

    static func required(_ metadata: [String: String], _ key: String, path: String)
        throws(PersistenceError) -> String
    {
        guard let value = metadata[key] else { throw .missingMetadata(path: path, key: key) }
        return value
    }

    /// Writes the cursor as `position=P;steps=S;loss_total=X;training_seconds=T;terms=...;
    /// order=i,j,...`.
    static func cursor(_ cursor: EpochCursor?) -> String {
        guard let cursor else { return "none" }
        let terms = cursor.termTotals.map { "\($0.name):\($0.total)" }.joined(separator: ",")
        return "position=\(cursor.position);steps=\(cursor.steps);loss_total=\(cursor.lossTotal)"
            + ";training_seconds=\(cursor.trainingSeconds);terms=\(terms);order="
            + cursor.order.map(String.init).joined(separator: ",")
    }

    /// Reads a cursor written by `cursor(_:)` and checks that its order is a permutation of the
    /// `rowCount` training rows.
    static func cursor(_ text: String, rowCount: Int, path: String) throws(PersistenceError)
        -> EpochCursor?
    {
        if text == "none" { return nil }
        let invalid = PersistenceError.invalidMetadata(
            path: path, key: CheckpointKey.epochCursor, value: text,
            expected: "none, or position, steps, loss_total, training_seconds, terms and an "
                + "order of the \(rowCount) training rows")
        var fields: [String: Substring] = [:]
        for field in text.split(separator: ";", omittingEmptySubsequences: false) {
            guard let equals = field.firstIndex(of: "=") else { throw invalid }
            fields[String(field[..<equals])] = field[field.index(after: equals)...]
        }
        guard fields.count == 6,
            let position = fields["position"].flatMap({ Int($0) }),
            let steps = fields["steps"].flatMap({ Int($0) }),
            let lossTotal = fields["loss_total"].flatMap({ Double($0) }),
            let seconds = fields["training_seconds"].flatMap({ Double($0) }),
            let termsText = fields["terms"], let orderText = fields["order"]
        else { throw invalid }

        let order = orderText.isEmpty ? [] : orderText.split(separator: ",").compactMap { Int($0) }
        var seen = [Bool](repeating: false, count: rowCount)
        for row in order {
            guard row >= 0, row < rowCount, !seen[row] else { throw invalid }
            seen[row] = true
        }
        guard order.count == rowCount, (0...rowCount).contains(position), steps >= 0 else {
            throw invalid
        }
        var terms: [(name: String, total: Double)] = []
        for term in termsText.split(separator: ",") {
            let parts = term.split(separator: ":")
            guard parts.count == 2, let total = Double(parts[1]) else { throw invalid }
            terms.append((String(parts[0]), total))
        }
        return EpochCursor(
            order: order, position: position, lossTotal: lossTotal, termTotals: terms,
            steps: steps, trainingSeconds: seconds)
    }
}

/// Writes and reads `EpochReport`s as lines of `key=value` fields separated by `;`.
enum EpochRecordCodec {
    static func text(_ reports: [EpochReport]) -> String {
        reports.map(line).joined(separator: "\n")
    }

    static func line(_ report: EpochReport) -> String {
        var fields = [
            "epoch=\(report.epoch)", "in_run=\(report.epochInRun)",
            "of_run=\(report.epochsInRun)", "loss=\(report.loss)",
        ]
        if let value = report.trainAccuracy { fields.append("train_accuracy=\(value)") }
        if let value = report.testAccuracy { fields.append("test_accuracy=\(value)") }
        if let value = report.testLoss { fields.append("test_loss=\(value)") }
        fields.append("samples_per_second=\(report.samplesPerSecond)")
        fields.append("steps=\(report.steps)")
        if !report.lossTerms.isEmpty {
            fields.append(
                "terms=" + report.lossTerms.map { "\($0.name):\($0.value)" }.joined(separator: ","))
        }
        return fields.joined(separator: ";")
    }

    static func reports(_ text: String, path: String) throws(PersistenceError) -> [EpochReport] {
        guard !text.isEmpty else { return [] }
        var reports: [EpochReport] = []
        for line in text.split(separator: "\n") {
            guard let report = report(line) else {
                throw .invalidMetadata(
                    path: path, key: CheckpointKey.epochMetrics, value: String(line),
                    expected: "lines of epoch metrics as `save` writes them")
            }
            reports.append(report)
        }
        return reports
    }

    private static func report(_ line: Substring) -> EpochReport? {
        var fields: [String: Substring] = [:]
        for field in line.split(separator: ";") {
            guard let equals = field.firstIndex(of: "=") else { return nil }
            fields[String(field[..<equals])] = field[field.index(after: equals)...]
        }
        func double(_ key: String) -> Double? { fields[key].flatMap { Double($0) } }
        func integer(_ key: String) -> Int? { fields[key].flatMap { Int($0) } }
        guard let epoch = integer("epoch"), let inRun = integer("in_run"),
            let ofRun = integer("of_run"), let loss = double("loss"),
            let rate = double("samples_per_second"), let steps = integer("steps")
        else { return nil }
        var report = EpochReport(
            epoch: epoch, epochInRun: inRun, epochsInRun: ofRun, loss: loss,
            trainAccuracy: double("train_accuracy"), testAccuracy: double("test_accuracy"),
            testLoss: double("test_loss"), samplesPerSecond: rate, steps: steps)
        if let terms = fields["terms"] {
            for term in terms.split(separator: ",") {
                let parts = term.split(separator: ":")
                guard parts.count == 2, let value = Double(parts[1]) else { return nil }
                report.lossTerms.append(LossTerm(name: String(parts[0]), value: value))
            }
        }
        return report
    }
}

extension EpochCursor {
    /// Recreates a cursor saved by `MetadataCodec.cursor(_:)`.
    init(
        order: [Int], position: Int, lossTotal: Double, termTotals: [(name: String, total: Double)],
        steps: Int, trainingSeconds: Double
    ) {
        self.order = order
        if position > 0 { _ = nextRows(size: position) }
        self.lossTotal = lossTotal
        self.termTotals = termTotals
        self.steps = steps
        self.trainingSeconds = trainingSeconds
    }
}
