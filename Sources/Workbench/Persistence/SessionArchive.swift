import Engine
import Foundation

/// The progress of a training run that the lab does not hold between two steps: the run's live
/// generator and its open epoch. A checkpoint taken inside a run saves these instead of the
/// lab's own values.
struct TrainingPosition {
    var random: RandomGenerator
    var cursor: EpochCursor?
}

/// Saves a lab as `NAME.lab` and `NAME.safetensors`, and reads such a pair back into a new lab.
///
/// The safetensors file holds every parameter and buffer under its PyTorch name, the
/// optimizer's state under `optimizer.<parameter>.<state>`, the step losses under
/// `metrics.step_loss`, and in `__metadata__` the version, the architecture, the counters, the
/// learning rate, the generator's state and the open epoch (see `CheckpointKey`).
enum SessionArchive {
    /// Writes both files, each atomically: the weights first, then the script.
    static func save(
        _ lab: Lab, model: Sequential, to files: SessionFiles, position: TrainingPosition? = nil
    ) throws(PersistenceError) {
        let script = try LabScript.text(
            for: lab, directory: files.directory,
            header: [
                "LayerLab \(layerLabVersion) session: the commands that rebuild its data and model.",
                "Weights, optimizer state and progress are in "
                    + "\((files.weights as NSString).lastPathComponent).",
                "`load \((files.name as NSString).lastPathComponent)` restores both; "
                    + "`layerlab run` on this file starts with fresh weights.",
            ])
        let weights = weightsFile(
            lab: lab, model: model,
            position: position ?? TrainingPosition(random: lab.random, cursor: lab.epochCursor))
        do {
            try weights.write(to: files.weights)
        } catch {
            throw .safeTensors(error)
        }
        do {
            try AtomicFile.write(Array(script.utf8), to: files.script)
        } catch {
            throw .writeFailed(error)
        }
    }

    /// Returns the tensors and metadata of a lab at `position`.
    static func weightsFile(lab: Lab, model: Sequential, position: TrainingPosition)
        -> SafeTensorsFile
    {
        var tensors: [String: Tensor] = [:]
        for (name, variable) in ModelWeights.namedTensors(of: model) {
            tensors[name] = variable.value
        }
        for (name, value) in lab.optimizer?.state ?? [:] {
            tensors[CheckpointKey.optimizerPrefix + name] = value
        }
        let metrics = lab.metrics.visible(steps: lab.stepsTrained, epochs: lab.epochsTrained)
        tensors[CheckpointKey.stepLossTensor] = Tensor(
            shape: [metrics.stepLosses.count], scalars: metrics.stepLosses)

        var metadata: [String: String] = [
            CheckpointKey.format: CheckpointKey.formatValue,
            CheckpointKey.version: layerLabVersion,
            CheckpointKey.architecture: ArchitectureSummary.text(of: model),
            CheckpointKey.seed: String(lab.seed),
            CheckpointKey.step: String(lab.stepsTrained),
            CheckpointKey.epoch: String(lab.epochsTrained),
            CheckpointKey.optimizer: lab.optimizer == nil ? "none" : lab.optimizerSpec.summary,
            CheckpointKey.optimizerStepCount: String(lab.optimizer?.stepCount ?? 0),
            CheckpointKey.learningRate:
                "\(lab.optimizer?.learningRate ?? lab.optimizerSpec.learningRate)",
            CheckpointKey.randomState: MetadataCodec.randomState(position.random),
            CheckpointKey.epochCursor: MetadataCodec.cursor(position.cursor),
            CheckpointKey.loss: metrics.stepLosses.last.map { "\($0)" } ?? "none",
            CheckpointKey.epochMetrics: EpochRecordCodec.text(metrics.epochs),
            CheckpointKey.firstStep: String(metrics.firstStep),
        ]
        if let source = lab.dataSource, source.random != RandomGenerator(seed: source.seed) {
            metadata[CheckpointKey.dataRandomState] = MetadataCodec.randomState(source.random)
        }
        return SafeTensorsFile(tensors: tensors, metadata: metadata)
    }

    /// The words of commands that a saved session file may not contain: they train, read or
    /// write files, or need someone at the keyboard.
    static let rejectedWords: Set<String> = [
        "train", "step", "save", "load", "export", "history", "quit", "wait", "pause", "resume",
        "stop", "forward", "backward", "next", "prev", "undo", "explain", "gradcheck", "graph",
    ]

    /// Reads and checks both files and returns a new lab in the saved state; nothing else is
    /// changed, so a failure leaves the session as it was.
    ///
    /// The order: the weights file is read and its header, dtypes and sizes checked; its
    /// metadata is parsed; the script runs in a lab of its own (with relative data paths
    /// resolved from `dataDirectory`, else the working directory); the model it builds is
    /// checked against the architecture and every tensor; only then are the tensors, the
    /// optimizer state, the counters, the generator and the open epoch put in.
    static func read(_ files: SessionFiles, dataDirectory: String? = nil)
        throws(PersistenceError) -> Lab
    {
        let path = files.weights
        let file: SafeTensorsFile
        do {
            file = try SafeTensorsFile(contentsOf: path)
        } catch {
            throw .safeTensors(error)
        }
        let saved = try SavedProgress(metadata: file.metadata, path: path)
        let text: String
        do {
            text = try SessionFile.read(path: files.script)
        } catch {
            throw .sessionFile(error)
        }

        let lab = try runScript(
            text, path: files.script, dataDirectory: dataDirectory ?? files.directory,
            dataRandom: saved.dataRandom)
        guard let model = lab.model, !model.layers.isEmpty else {
            throw .noModel(path: files.script)
        }
        let built = ArchitectureSummary.text(of: model)
        guard built == saved.architecture else {
            throw .architectureMismatch(path: path, saved: saved.architecture, built: built)
        }
        try ModelWeights.check(
            file, path: path, model: model,
            otherPrefixes: [CheckpointKey.optimizerPrefix, CheckpointKey.stepLossTensor])
        let optimizerState = try checkedOptimizerState(file, path: path, model: model)
        let stepLosses = try checkedStepLosses(file, path: path)
        let cursor = try MetadataCodec.cursor(
            saved.cursorText, rowCount: lab.data?.train.rowCount ?? 0, path: path)

        ModelWeights.apply(file, to: model)
        if saved.hasOptimizer {
            let optimizer = lab.optimizerSpec.makeOptimizer()
            optimizer.state = optimizerState
            optimizer.stepCount = saved.optimizerStepCount
            optimizer.learningRate = saved.learningRate
            lab.optimizer = optimizer
        }
        lab.optimizerSpec = lab.optimizerSpec.withLearningRate(saved.learningRate)
        lab.epochsTrained = saved.epoch
        lab.stepsTrained = saved.step
        lab.epochCursor = cursor
        lab.random = saved.random
        lab.metrics = MetricsHistory(
            epochs: saved.epochs, firstStep: saved.firstStep, stepLosses: stepLosses)
        return lab
    }

    /// Runs a saved session file in a new lab with its output dropped, and returns the lab.
    private static func runScript(
        _ text: String, path: String, dataDirectory: String, dataRandom: RandomGenerator?
    ) throws(PersistenceError) -> Lab {
        let executor = Executor(output: SilentOutput())
        executor.sessionDirectory = dataDirectory
        for (index, line) in SessionFile.lines(of: text).enumerated() {
            let failure = { (message: String) in
                PersistenceError.sessionLine(
                    path: path, line: index + 1, text: line, message: message)
            }
            let command: Command?
            do {
                command = try Parser.parse(line: line)
            } catch {
                throw failure(error.message)
            }
            guard let command else { continue }
            let word = command.word.split(separator: " ").first.map(String.init) ?? ""
            if rejectedWords.contains(word) {
                throw failure("a saved session file may only set up data and model, not `\(word)`")
            }
            if let dataRandom, command.word.hasPrefix("data ") {
                executor.lab.random = dataRandom
            }
            do {
                try executor.execute(command)
            } catch {
                throw failure(error.description)
            }
        }
        return executor.lab
    }

    /// Returns the optimizer's state tensors by `<parameter>.<state>` name, each checked to belong to a
    /// parameter of the model, to have its shape and to hold only finite values.
    private static func checkedOptimizerState(
        _ file: SafeTensorsFile, path: String, model: Sequential
    ) throws(PersistenceError) -> [String: Tensor] {
        let parameters = model.namedParameters
        var state: [String: Tensor] = [:]
        for name in file.names where name.hasPrefix(CheckpointKey.optimizerPrefix) {
            let key = String(name.dropFirst(CheckpointKey.optimizerPrefix.count))
            let owner = parameters.filter { key.hasPrefix($0.name + ".") }
                .max { $0.name.count < $1.name.count }
            guard let owner else {
                throw .unexpectedTensor(
                    path: path, name: name,
                    known: parameters.map { CheckpointKey.optimizerPrefix + $0.name + ".STATE" })
            }
            let entry = file.entries[name]!
            guard ModelWeights.floatTypes.contains(entry.storedDType) else {
                throw .wrongDType(
                    path: path, name: name, dtype: entry.storedDType,
                    accepted: ModelWeights.floatTypes)
            }
            guard entry.tensor.shape == owner.variable.value.shape else {
                throw .shapeMismatch(
                    path: path, name: name, expected: owner.variable.value.shape,
                    found: entry.tensor.shape)
            }
            try ModelWeights.checkFinite(entry.tensor, path: path, name: name)
            state[key] = entry.tensor
        }
        return state
    }

    private static func checkedStepLosses(_ file: SafeTensorsFile, path: String)
        throws(PersistenceError) -> [Float]
    {
        guard let entry = file.entries[CheckpointKey.stepLossTensor] else { return [] }
        guard entry.tensor.rank == 1 else {
            throw .shapeMismatch(
                path: path, name: CheckpointKey.stepLossTensor,
                expected: [entry.tensor.count], found: entry.tensor.shape)
        }
        return entry.tensor.scalars
    }
}

/// The metadata of a saved session's weights file, parsed and checked.
private struct SavedProgress {
    var architecture: String
    var step: Int
    var epoch: Int
    var hasOptimizer: Bool
    var optimizerStepCount: Int
    var learningRate: Float
    var random: RandomGenerator
    var dataRandom: RandomGenerator?
    var cursorText: String
    var epochs: [EpochReport]
    var firstStep: Int

    init(metadata: [String: String], path: String) throws(PersistenceError) {
        let format = try MetadataCodec.required(metadata, CheckpointKey.format, path: path)
        guard format == CheckpointKey.formatValue else {
            throw .invalidMetadata(
                path: path, key: CheckpointKey.format, value: format,
                expected: CheckpointKey.formatValue)
        }
        architecture = try MetadataCodec.required(metadata, CheckpointKey.architecture, path: path)
        step = try MetadataCodec.integer(metadata, CheckpointKey.step, path: path)
        epoch = try MetadataCodec.integer(metadata, CheckpointKey.epoch, path: path)
        hasOptimizer =
            try MetadataCodec.required(metadata, CheckpointKey.optimizer, path: path) != "none"
        optimizerStepCount = try MetadataCodec.integer(
            metadata, CheckpointKey.optimizerStepCount, path: path)
        let rateText = try MetadataCodec.required(metadata, CheckpointKey.learningRate, path: path)
        guard let rate = Float(rateText), rate.isFinite, rate > 0 else {
            throw .invalidMetadata(
                path: path, key: CheckpointKey.learningRate, value: rateText,
                expected: "a number greater than 0")
        }
        learningRate = rate
        random = try MetadataCodec.randomGenerator(
            MetadataCodec.required(metadata, CheckpointKey.randomState, path: path),
            key: CheckpointKey.randomState, path: path)
        dataRandom = try metadata[CheckpointKey.dataRandomState].map {
            (text) throws(PersistenceError) in
            try MetadataCodec.randomGenerator(text, key: CheckpointKey.dataRandomState, path: path)
        }
        cursorText = try MetadataCodec.required(metadata, CheckpointKey.epochCursor, path: path)
        epochs = try EpochRecordCodec.reports(metadata[CheckpointKey.epochMetrics] ?? "", path: path)
        firstStep = metadata[CheckpointKey.firstStep].flatMap { Int($0) } ?? 1
    }
}
