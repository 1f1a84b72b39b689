/// Every epoch's metrics and every step's loss since the model's weights were initialized, for
/// `export metrics` and `export plot loss`, and saved with the weights.
///
/// Recording a step or epoch drops the records at or after it first, so after `undo`, `reset`
/// or a new model the history continues from the number the lab is at. `visible` drops the
/// records that training has not reached again yet.
public struct MetricsHistory: Equatable, Sendable {
    public private(set) var epochs: [EpochReport] = []
    /// The step number of `stepLosses[0]`, from 1.
    public private(set) var firstStep = 1
    /// The objective's value of each step, in order.
    public private(set) var stepLosses: [Float] = []

    public init() {}

    /// Creates a history from saved records.
    init(epochs: [EpochReport], firstStep: Int, stepLosses: [Float]) {
        self.epochs = epochs
        self.firstStep = firstStep
        self.stepLosses = stepLosses
    }

    /// Records the loss of step `step`, dropping any recorded steps from `step` on. A gap after
    /// the last recorded step starts the step record over at `step`.
    mutating func recordStep(_ step: Int, loss: Float) {
        let kept = step - firstStep
        if stepLosses.isEmpty || kept < 0 || kept > stepLosses.count {
            firstStep = step
            stepLosses = []
        } else if kept < stepLosses.count {
            stepLosses.removeLast(stepLosses.count - kept)
        }
        stepLosses.append(loss)
    }

    /// Records a finished epoch, dropping any recorded epochs from its number on.
    mutating func recordEpoch(_ report: EpochReport) {
        epochs.removeAll { $0.epoch >= report.epoch }
        epochs.append(report)
    }

    /// Returns the records up to `steps` steps and `epochs` epochs, the lab's current progress.
    func visible(steps: Int, epochs epochCount: Int) -> MetricsHistory {
        let stepCount = max(0, min(stepLosses.count, steps - firstStep + 1))
        return MetricsHistory(
            epochs: epochs.filter { $0.epoch <= epochCount }, firstStep: firstStep,
            stepLosses: Array(stepLosses.prefix(stepCount)))
    }

    /// The step number of each recorded loss.
    public var stepNumbers: Range<Int> { firstStep..<(firstStep + stepLosses.count) }
}
