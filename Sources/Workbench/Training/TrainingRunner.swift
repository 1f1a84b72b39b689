import Datasets
import Engine

/// Watches a training run from another thread's point of view: it can pause or stop the run
/// between steps, and it receives each step's results. The headless runner uses none.
protocol TrainingObserver: AnyObject {
    /// Called before each step; blocks while training is paused. Returns false to stop.
    func shouldContinue(lab: Lab, optimizer: any Optimizer) -> Bool

    /// Whether this step's details (weights before the update) are wanted; `lastOfRun` marks
    /// the final step of the command, whose statistics the screen keeps showing afterwards.
    func wantsDetails(lastOfRun: Bool) -> Bool

    func stepFinished(_ record: StepRecord)

    func epochFinished(_ report: EpochReport)

    /// A loss or gradient stopped being finite; the update was skipped. Training pauses.
    /// `advice` starts with "; " and lists the likely fixes.
    func valueNotFinite(_ alarm: NumericAlarm, advice: String)
}

/// What one step computed.
struct StepRecord {
    var loss: Float
    var pass: ForwardPass
    /// The parameters before the update, when the observer asked for details.
    var parametersBefore: [Tensor]?
    var batchSize: Int
    var seconds: Double
    /// The step's place in its epoch, from 1.
    var stepInEpoch: Int
    /// The rows of its epoch taken so far, this step's included.
    var rowsInEpoch: Int
}

/// One batch's forward pass and gradients, computed but not yet applied.
struct PreparedStep {
    let rows: [Int]
    let target: Target
    let terms: ObjectiveTerms
    let pass: ForwardPass
    let started: ContinuousClock.Instant
}

/// Runs the optimization loop of a `train` or `step` command on a lab's model and data.
///
/// One epoch visits every training row once, in mini-batches shuffled by the lab's random
/// generator (one batch of every row with `batch all`). After each epoch the model is evaluated
/// on the training and test sets in evaluation mode.
final class TrainingRunner {
    let lab: Lab
    let model: Sequential
    let objective: Objective
    let optimizer: any Optimizer
    let data: LoadedData
    let context: ForwardContext
    weak var observer: (any TrainingObserver)?
    /// Takes checkpoints between steps and epochs; `nil` without a journal.
    var checkpointer: (any TrainingCheckpointer)?
    /// Asked before each step when training runs on the caller's thread; true ends the run
    /// there, leaving the epoch open as the screen's `stop` does. `nil` never stops.
    var stopCheck: (() -> Bool)?
    private let clock = ContinuousClock()

    init(lab: Lab, model: Sequential, objective: Objective, optimizer: any Optimizer, data: LoadedData) {
        self.lab = lab
        self.model = model
        self.objective = objective
        self.optimizer = optimizer
        self.data = data
        self.context = ForwardContext(isTraining: true, random: lab.random)
    }

    /// Trains for `count` epochs (finishing the current one first if a `step` left it open),
    /// reporting each to `output` and the observer.
    func runEpochs(_ count: Int, output: any WorkbenchOutput) throws(WorkbenchError) -> TrainingReport {
        let started = clock.now
        var report = TrainingReport(epochs: 0, steps: 0, seconds: 0, last: nil, lastStepLoss: .nan)
        defer {
            lab.random = context.random
            report.seconds = seconds(since: started)
        }
        for epochInRun in 1...count {
            var cursor = lab.epochCursor ?? EpochCursor(rowCount: data.train.rowCount, random: &context.random)
            lab.epochCursor = nil
            while !cursor.isFinished {
                let stopped = stopCheck?() ?? false
                guard !stopped, observer?.shouldContinue(lab: lab, optimizer: optimizer) ?? true
                else {
                    lab.epochCursor = cursor
                    report.seconds = seconds(since: started)
                    return report
                }
                report.lastStepLoss = Double(try step(&cursor, finalEpoch: epochInRun == count))
                report.steps += 1
            }
            let epoch = finishEpoch(cursor, epochInRun: epochInRun, epochsInRun: count)
            report.epochs += 1
            report.last = epoch
            output.epochFinished(epoch)
            checkpointer?.epochFinished(self)
        }
        report.seconds = seconds(since: started)
        return report
    }

    /// Trains for `count` mini-batch steps, continuing the current epoch; an epoch that ends on
    /// the way is evaluated and reported as `train` does.
    func runSteps(_ count: Int, output: any WorkbenchOutput) throws(WorkbenchError) -> TrainingReport {
        let started = clock.now
        var report = TrainingReport(epochs: 0, steps: 0, seconds: 0, last: nil, lastStepLoss: .nan)
        defer { lab.random = context.random }
        var cursor = lab.epochCursor ?? EpochCursor(rowCount: data.train.rowCount, random: &context.random)
        for index in 0..<count {
            if stopCheck?() == true { break }
            report.lastStepLoss = Double(try step(&cursor, lastOfRun: index == count - 1))
            report.steps += 1
            if cursor.isFinished {
                let epoch = finishEpoch(cursor, epochInRun: 1, epochsInRun: 1)
                report.epochs += 1
                report.last = epoch
                output.epochFinished(epoch)
                cursor = EpochCursor(rowCount: data.train.rowCount, random: &context.random)
            }
        }
        lab.epochCursor = cursor
        report.seconds = seconds(since: started)
        return report
    }

    /// Evaluates the model after an epoch and returns its report.
    func finishEpoch(_ cursor: EpochCursor, epochInRun: Int, epochsInRun: Int) -> EpochReport {
        lab.epochsTrained += 1
        let train = Evaluation.evaluate(
            model: model, objective: objective, dataset: data.train, context: context)
        let test = data.test.rowCount > 0
            ? Evaluation.evaluate(
                model: model, objective: objective, dataset: data.test, context: context)
            : nil
        var epoch = EpochReport(
            epoch: lab.epochsTrained, epochInRun: epochInRun, epochsInRun: epochsInRun,
            loss: cursor.samples > 0 ? cursor.lossTotal / Double(cursor.samples) : .nan,
            trainAccuracy: train.accuracy, testAccuracy: test?.accuracy, testLoss: test?.loss,
            samplesPerSecond: cursor.trainingSeconds > 0 && cursor.timedSamples > 0
                ? Double(cursor.timedSamples) / cursor.trainingSeconds : 0,
            steps: cursor.steps)
        if cursor.termTotals.count > 1, cursor.samples > 0 {
            epoch.lossTerms = cursor.termTotals.map {
                LossTerm(name: $0.name, value: $0.total / Double(cursor.samples))
            }
        }
        lab.metrics.recordEpoch(epoch)
        observer?.epochFinished(epoch)
        return epoch
    }

    /// One optimization step on the cursor's next rows: `prepareStep` then `finishStep`.
    private func step(_ cursor: inout EpochCursor, finalEpoch: Bool = false, lastOfRun: Bool = false)
        throws(WorkbenchError) -> Float
    {
        let prepared = try prepareStep(&cursor)
        let isLast = lastOfRun || (finalEpoch && cursor.isFinished)
        return try finishStep(prepared, cursor: &cursor, isLast: isLast)
    }

    /// Takes the cursor's next rows, runs the forward pass and the objective, and fills every
    /// parameter's gradient, without updating anything yet.
    func prepareStep(_ cursor: inout EpochCursor) throws(WorkbenchError) -> PreparedStep {
        let started = clock.now
        let rows = Array(cursor.nextRows(size: currentBatchSize()))
        let inputs = data.train.inputs(rows: rows)
        let target = data.train.targets.gathering(rows: rows).engineTarget
        do {
            let (terms, pass) = try computeGradients(
                model: model, objective: objective, inputs: inputs, target: target, context: context)
            return PreparedStep(rows: rows, target: target, terms: terms, pass: pass, started: started)
        } catch {
            throw .invalid(error.description)
        }
    }

    /// Applies the optimizer's update for a prepared step and counts it. A loss or gradient
    /// that is not finite skips the update: the observer pauses training, and without one it is
    /// an error. Returns the objective's value for the batch.
    ///
    /// - Parameter timed: whether the time since `prepareStep` counts toward the epoch's
    ///   throughput; false for a step that waited for the user.
    @discardableResult
    func finishStep(
        _ prepared: PreparedStep, cursor: inout EpochCursor, isLast: Bool = false,
        timed: Bool = true
    ) throws(WorkbenchError) -> Float {
        let terms = prepared.terms
        let value = terms.total.value.scalar
        let parameters = model.namedParameters

        if let alarm = NumericCheck.alarm(
            loss: value, pass: prepared.pass, parameters: parameters, model: model,
            step: lab.stepsTrained + 1)
        {
            guard let observer else { throw .notFinite(alarm.message + fixAdvice) }
            observer.valueNotFinite(alarm, advice: fixAdvice)
            return value
        }

        let before = observer?.wantsDetails(lastOfRun: isLast) == true
            ? parameters.map(\.variable.value) : nil
        optimizer.update(parameters)
        lab.stepsTrained += 1
        let elapsed = seconds(since: prepared.started)
        let rows = prepared.rows.count
        cursor.lossTotal += Double(value) * Double(rows)
        if !terms.penalties.isEmpty {
            let dataTerm = objective.reconstructsInput ? "reconstruction" : "data"
            cursor.accumulate(
                terms: [(dataTerm, terms.data.value.scalar)]
                    + terms.penalties.map { ($0.name, $0.value.value.scalar) },
                rows: rows)
        }
        cursor.steps += 1
        if timed {
            cursor.trainingSeconds += elapsed
        } else {
            cursor.untimedSamples += rows
        }
        lab.metrics.recordStep(lab.stepsTrained, loss: value)
        observer?.stepFinished(
            StepRecord(
                loss: value, pass: prepared.pass, parametersBefore: before, batchSize: rows,
                seconds: elapsed, stepInEpoch: cursor.steps,
                rowsInEpoch: cursor.position))
        checkpointer?.stepFinished(self, cursor: cursor)
        return value
    }

    private var fixAdvice: String {
        NotFiniteAdvice.text(learningRate: optimizer.learningRate, data: data)
    }

    private func currentBatchSize() -> Int {
        switch lab.batchSize {
        case .all: max(1, data.train.rowCount)
        case .size(let n): n
        }
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        let parts = (clock.now - start).components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}

/// Finds where a value stopped being finite.
enum NumericCheck {
    /// Returns an alarm naming the first layer whose output (in forward order) or parameter
    /// gradient (in backward order) is not finite, or `nil` when the step is finite.
    static func alarm(
        loss: Float, pass: ForwardPass, parameters: [(name: String, variable: Variable)],
        model: Sequential, step: Int
    ) -> NumericAlarm? {
        let gradientsFinite = parameters.allSatisfy { $0.variable.grad?.isFinite ?? true }
        if loss.isFinite && gradientsFinite { return nil }

        if let index = pass.layerOutputs.firstIndex(where: { !$0.value.isFinite }) {
            return NumericAlarm(
                step: step, layerIndex: index,
                message: "step \(step): the output of layer \(index) (\(model.layers[index].kind)) "
                    + "is not finite")
        }
        for (name, variable) in parameters.reversed() where !(variable.grad?.isFinite ?? true) {
            let index = Int(name.split(separator: ".").first ?? "") ?? 0
            return NumericAlarm(
                step: step, layerIndex: index,
                message: "step \(step): the gradient of \(name) is not finite")
        }
        return NumericAlarm(step: step, layerIndex: nil, message: "step \(step): the loss is \(loss)")
    }
}
