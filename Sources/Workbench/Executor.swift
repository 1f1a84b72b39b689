import Datasets
import Engine

/// Carries out commands on a `Lab` and reports to a `WorkbenchOutput`.
///
/// The prompt, session files and the headless runner all go through `execute(line:)`, so a
/// command does the same wherever it comes from.
public final class Executor {
    public let lab: Lab
    public let output: any WorkbenchOutput
    /// Where relative data paths are looked up when they are not found from the working
    /// directory: the folder of the session file being run.
    public var sessionDirectory: String?
    /// The background trainer of the screen; `nil` when `train` runs to completion before the
    /// next command, as in the headless runner.
    var worker: TrainingWorker?
    /// The check asked before each step of a `train` or `step` command that runs on the
    /// caller's thread. When it returns true, the command ends after the step in progress and
    /// the model keeps its training so far. The line-mode prompt stops training at signals so.
    public var trainingStopCheck: (() -> Bool)?
    /// The journal, the history and the line being run, for `save`, `history` and recovery.
    let persistence = PersistenceState()
    /// Returns the memory that training may still allocate; tests replace it with a fixed
    /// limit.
    var memoryLimit: () -> MemoryLimit? = MemoryLimit.current
    /// Returns the bytes of OpenBLAS's work buffers that its next matrix product allocates: one
    /// per BLAS thread before the first `sgemm`, none after. Tests replace it.
    var pendingWorkBufferBytes: () -> Int = {
        BLAS.workBufferAllocated ? 0 : BLAS.threadCount * BLAS.workBufferBytes
    }

    public init(lab: Lab = Lab(), output: any WorkbenchOutput) {
        self.lab = lab
        self.output = output
    }

    /// Whether the session goes on after a command.
    public enum Outcome: Equatable, Sendable {
        case proceed
        case quit
    }

    /// Parses and runs one line; empty and comment lines do nothing.
    @discardableResult
    public func execute(line: String) throws(WorkbenchError) -> Outcome {
        journalLine(line)
        persistence.currentLine = line
        defer { persistence.currentLine = nil }
        let command: Command?
        do {
            command = try Parser.parse(line: line)
        } catch {
            throw .parse(error)
        }
        guard let command else { return .proceed }
        return try execute(command)
    }

    /// Runs one parsed command.
    @discardableResult
    public func execute(_ command: Command) throws(WorkbenchError) -> Outcome {
        if let worker, worker.isBusy {
            return try executeWhileTraining(command, worker: worker)
        }
        if lab.stepThrough != nil && !Self.keepsStepping(command) {
            abandonStepping()
        }
        let seedBefore = lab.seed
        let randomBefore = lab.random
        switch command {
        case .dataLoad(let options): try loadData(options)
        case .dataToy(let options): try generateToyData(options)
        case .dataInfo: try describeData()
        case .dataMNIST(let options): try loadMNIST(options)
        case .dataNPY(let options): try loadNPY(options)
        case .dataWindow(let options): try loadWindows(options)
        case .dataText(let options): try loadText(options)
        case .input(let shape): setInput(shape)
        case .dense(let units, let activation, let initializer, let bias):
            let chosen = initializer?.engineInitializer
                ?? (activation?.prefersHeInitialization == true ? .he : .xavier)
            var specs = [LayerSpec.dense(units: units, initializer: chosen, bias: bias)]
            if let activation { specs.append(.activation(activation)) }
            try addLayers(specs)
        case .activation(let kind): try addLayers([.activation(kind)])
        case .recurrent(let options): try addRecurrent(options)
        case .conv2d(let options): try addConv2D(options)
        case .conv1d(let options): try addConv1D(options)
        case .pool(let options): try addLayers([.pool(options)])
        case .flatten: try addLayers([.flatten])
        case .dropout(let rate): try addLayers([.dropout(rate: rate)])
        case .batchNorm(let momentum, let epsilon):
            try addLayers([.batchNorm(momentum: momentum, epsilon: epsilon)])
        case .pop: try popLayer()
        case .clear: clearModel()
        case .reset: try resetWeights()
        case .loss(let kind): setLoss(kind)
        case .optimizer(let spec):
            lab.optimizerSpec = spec
            lab.optimizer = nil
            output.message("optimizer \(spec.summary)")
        case .batch(let size): setBatch(size)
        case .seed(let seed):
            lab.reseed(seed)
            output.message("seed \(seed)")
        case .regularize(let l1, let l2): regularize(l1: l1, l2: l2)
        case .code(let penalty): try markCodeLayer(penalty)
        case .train(let count, let unit): try train(count: count, unit: unit)
        case .step: try train(count: 1, unit: .steps)
        case .eval(let split): try evaluate(split)
        case .predict(let values): try predict(values)
        case .summary: try summarize()
        case .generate(let options): try generate(options)
        case .pause, .resume, .stop:
            output.message("nothing is training; `\(command.word)` has no effect")
        case .set(let setting): try apply(setting)
        case .forward(let byOp): try stepThrough(backward: false, byOp: byOp)
        case .backward: try stepThrough(backward: true)
        case .next: try moveStepping(by: 1)
        case .previous: try moveStepping(by: -1)
        case .undo: try undo()
        case .explain(let parameter): try explain(parameter)
        case .gradientCheck: try gradientCheck()
        case .graph: try graph()
        case .save(let name): try save(name)
        case .load(let name): try load(name)
        case .export(let request): try export(request)
        case .history: showHistory()
        case .say(let text): output.message(text)
        case .wait: break
        case .help(let topic): try showHelp(topic)
        case .quit: return .quit
        }
        recordDataSource(
            command, line: persistence.currentLine, seed: seedBefore, random: randomBefore)
        return .proceed
    }

    /// Runs the commands that make sense while the worker owns the model, and rejects the rest.
    private func executeWhileTraining(_ command: Command, worker: TrainingWorker) throws(WorkbenchError)
        -> Outcome
    {
        switch command {
        case .pause:
            worker.pause()
            output.message("paused (`resume` or Ctrl-C to continue, `step` for one batch)")
        case .resume:
            worker.resume()
            output.message("resumed")
        case .stop:
            worker.stop()
            output.message("stopping after the current step")
        case .step:
            guard worker.isPaused else {
                throw .invalid("training is running; `pause` first, then `step` trains one batch")
            }
            worker.stepOnce()
        case .set(let setting):
            worker.enqueue(setting)
        case .say(let text):
            output.message(text)
        case .wait:
            break
        case .help(let topic):
            try showHelp(topic)
        case .history:
            showHistory()
        case .dataInfo:
            try describeData()
        case .quit:
            worker.stopAndWait()
            return .quit
        default:
            if worker.isStopping {
                throw .invalid(
                    "`\(command.word)` cannot run yet: training is still stopping after the "
                        + "current step; try again in a moment")
            }
            throw .invalid(
                "`\(command.word)` cannot run while training; type `stop` (or wait for the run "
                    + "to end), then try again")
        }
        return .proceed
    }

    private func showHelp(_ topic: String?) throws(WorkbenchError) {
        guard let text = CommandCatalog.helpText(topic: topic) else {
            throw .invalid("there is no help on '\(topic ?? "")'; type `help` for the list of commands")
        }
        output.message(text)
    }

    private func setBatch(_ size: BatchSize) {
        lab.batchSize = size
        switch size {
        case .all: output.message("batch all (full-batch gradient descent)")
        case .size(let n): output.message("batch \(n)")
        }
    }

    private func apply(_ setting: Setting) throws(WorkbenchError) {
        switch setting {
        case .learningRate(let rate):
            lab.optimizerSpec = lab.optimizerSpec.withLearningRate(rate)
            lab.optimizer?.learningRate = rate
            output.message("learning rate \(rate)")
        case .batch(let size):
            setBatch(size)
        }
    }
}

extension Command {
    /// The command's name as typed, for messages.
    var word: String {
        switch self {
        case .dataLoad: "data load"
        case .dataToy(let options): "data \(options.kind.rawValue)"
        case .dataInfo: "data"
        case .dataMNIST: "data mnist"
        case .dataNPY: "data npy"
        case .dataWindow: "data window"
        case .dataText: "data text"
        case .input: "input"
        case .dense: "dense"
        case .activation(let kind): kind.keyword
        case .recurrent(let options): options.cell.keyword
        case .conv2d: "conv2d"
        case .conv1d: "conv1d"
        case .pool(let options): options.kind.rawValue
        case .flatten: "flatten"
        case .dropout: "dropout"
        case .batchNorm: "batchnorm"
        case .pop: "pop"
        case .clear: "clear"
        case .reset: "reset"
        case .loss: "loss"
        case .optimizer: "optimizer"
        case .batch: "batch"
        case .seed: "seed"
        case .regularize: "regularize"
        case .code: "code"
        case .train: "train"
        case .eval: "eval"
        case .predict: "predict"
        case .summary: "summary"
        case .generate: "generate"
        case .pause: "pause"
        case .resume: "resume"
        case .stop: "stop"
        case .step: "step"
        case .set: "set"
        case .forward: "forward"
        case .backward: "backward"
        case .next: "next"
        case .previous: "prev"
        case .undo: "undo"
        case .explain: "explain"
        case .gradientCheck: "gradcheck"
        case .graph: "graph"
        case .say: "say"
        case .wait: "wait"
        case .save: "save"
        case .load: "load"
        case .export: "export"
        case .history: "history"
        case .help: "help"
        case .quit: "quit"
        }
    }
}

extension OptimizerSpec {
    func withLearningRate(_ rate: Float) -> OptimizerSpec {
        switch self {
        case .sgd(_, let momentum, let nesterov, let weightDecay):
            .sgd(learningRate: rate, momentum: momentum, nesterov: nesterov, weightDecay: weightDecay)
        case .adam(_, let beta1, let beta2, let epsilon, let weightDecay):
            .adam(learningRate: rate, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay)
        case .adagrad(_, let epsilon, let weightDecay):
            .adagrad(learningRate: rate, epsilon: epsilon, weightDecay: weightDecay)
        case .adadelta(_, let rho, let epsilon, let weightDecay):
            .adadelta(learningRate: rate, rho: rho, epsilon: epsilon, weightDecay: weightDecay)
        }
    }
}
