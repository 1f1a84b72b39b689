import Datasets
import Engine

/// Runs the optimization loop of a `train` or `step` command on a lab's model and data.
///
/// One epoch visits every training row once, in mini-batches shuffled by the lab's random
/// generator (one batch of every row with `batch all`). After each epoch the model is evaluated
/// on the training and test sets in evaluation mode.
final class TrainingRunner {
    let lab: Lab
    let model: Sequential
    let loss: Loss
    let optimizer: any Optimizer
    let data: LoadedData
    let context: ForwardContext

    init(lab: Lab, model: Sequential, loss: Loss, optimizer: any Optimizer, data: LoadedData) {
        self.lab = lab
        self.model = model
        self.loss = loss
        self.optimizer = optimizer
        self.data = data
        self.context = ForwardContext(isTraining: true, random: lab.random)
    }

    /// Trains for `count` epochs, reporting each to `output`.
    func runEpochs(_ count: Int, output: any WorkbenchOutput) throws(WorkbenchError) -> TrainingReport {
        let clock = ContinuousClock()
        let started = clock.now
        var report = TrainingReport(epochs: 0, steps: 0, seconds: 0, last: nil, lastStepLoss: .nan)
        defer { lab.random = context.random }

        for epochInRun in 1...count {
            let epochStarted = clock.now
            var lossTotal = 0.0
            var samples = 0
            var steps = 0
            var batches = lab.pendingBatches ?? makeBatches()
            lab.pendingBatches = nil
            while let batch = batches.next() {
                let value = try step(batch)
                lossTotal += Double(value) * Double(batch.count)
                samples += batch.count
                steps += 1
                report.lastStepLoss = Double(value)
            }
            let trainingSeconds = seconds(clock.now - epochStarted)
            lab.epochsTrained += 1

            let train = Evaluation.evaluate(model: model, loss: loss, dataset: data.train, context: context)
            let test = data.test.rowCount > 0
                ? Evaluation.evaluate(model: model, loss: loss, dataset: data.test, context: context)
                : nil
            let epoch = EpochReport(
                epoch: lab.epochsTrained, epochInRun: epochInRun, epochsInRun: count,
                loss: samples > 0 ? lossTotal / Double(samples) : .nan,
                trainAccuracy: train.accuracy, testAccuracy: test?.accuracy, testLoss: test?.loss,
                samplesPerSecond: trainingSeconds > 0 ? Double(samples) / trainingSeconds : 0,
                steps: steps)
            report.epochs += 1
            report.steps += steps
            report.last = epoch
            output.epochFinished(epoch)
        }
        report.seconds = seconds(clock.now - started)
        return report
    }

    /// Trains for `count` mini-batch steps, continuing the current epoch.
    func runSteps(_ count: Int) throws(WorkbenchError) -> TrainingReport {
        let clock = ContinuousClock()
        let started = clock.now
        var report = TrainingReport(epochs: 0, steps: 0, seconds: 0, last: nil, lastStepLoss: .nan)
        defer { lab.random = context.random }
        var batches = lab.pendingBatches ?? makeBatches()
        for _ in 0..<count {
            guard let batch = batches.next() else {
                lab.epochsTrained += 1
                report.epochs += 1
                batches = makeBatches()
                continue
            }
            report.lastStepLoss = Double(try step(batch))
            report.steps += 1
        }
        lab.pendingBatches = batches
        report.seconds = seconds(clock.now - started)
        return report
    }

    private func makeBatches() -> BatchIterator {
        let size: Int
        switch lab.batchSize {
        case .all: size = max(1, data.train.rowCount)
        case .size(let n): size = n
        }
        return data.train.batches(size: size, using: &context.random)
    }

    private func step(_ batch: Batch) throws(WorkbenchError) -> Float {
        let value = trainingStep(
            model: model, loss: loss, optimizer: optimizer, inputs: batch.inputs,
            target: batch.targets.engineTarget, context: context)
        lab.stepsTrained += 1
        guard value.isFinite else {
            throw .notFinite(
                "the loss became \(value) at step \(lab.stepsTrained); lower the learning rate "
                    + "(`set lr \(optimizer.learningRate / 10)`) or standardize the data")
        }
        return value
    }

    private func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
