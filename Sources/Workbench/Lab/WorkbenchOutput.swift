/// Where the executor sends what a person should see. The headless runner prints it; the screen
/// shows it in its panes.
public protocol WorkbenchOutput: AnyObject {
    /// A line of text for the output log (several lines are separated by newlines).
    func message(_ text: String)

    /// The metrics of an epoch that has just finished.
    func epochFinished(_ report: EpochReport)

    /// The result of a `train` command.
    func trainingFinished(_ report: TrainingReport)

    /// Reports the result of a `train N steps` or `step` command, which reports no
    /// `trainingFinished`. Outputs that do not count steps can leave it out.
    func stepsFinished(_ report: TrainingReport)
}

extension WorkbenchOutput {
    public func stepsFinished(_ report: TrainingReport) {}
}

/// The metrics at the end of one epoch. Accuracy is `nil` for regression.
public struct EpochReport: Equatable, Sendable {
    /// Epochs trained since the model was built, this one included.
    public var epoch: Int
    /// The epoch count requested by the current `train` command, and this epoch's place in it.
    public var epochInRun: Int
    public var epochsInRun: Int
    /// The mean training objective over the epoch's mini-batches, weighted by batch size: the
    /// data loss plus any penalties.
    public var loss: Double
    /// The objective's terms averaged like `loss` (`data`, or `reconstruction` for an
    /// autoencoder, then `l1`, `l2`, `code_l1` or `kl_sparsity`), when there is more than the
    /// data loss.
    public var lossTerms: [LossTerm] = []
    public var trainAccuracy: Double?
    public var testAccuracy: Double?
    /// The loss on the test set in evaluation mode; `nil` without a test set.
    public var testLoss: Double?
    /// Training rows per second of measured step time; 0 when no step was timed.
    public var samplesPerSecond: Double
    public var steps: Int

    public init(
        epoch: Int, epochInRun: Int, epochsInRun: Int, loss: Double, trainAccuracy: Double?,
        testAccuracy: Double?, testLoss: Double?, samplesPerSecond: Double, steps: Int
    ) {
        self.epoch = epoch
        self.epochInRun = epochInRun
        self.epochsInRun = epochsInRun
        self.loss = loss
        self.trainAccuracy = trainAccuracy
        self.testAccuracy = testAccuracy
        self.testLoss = testLoss
        self.samplesPerSecond = samplesPerSecond
        self.steps = steps
    }
}

/// One named term of the training objective and its value.
public struct LossTerm: Equatable, Sendable {
    public var name: String
    public var value: Double

    public init(name: String, value: Double) {
        self.name = name
        self.value = value
    }
}

/// What one `train` command did.
public struct TrainingReport: Equatable, Sendable {
    public var epochs: Int
    public var steps: Int
    public var seconds: Double
    /// The last epoch's metrics; `nil` when only steps inside an epoch were trained.
    public var last: EpochReport?
    /// The loss of the last step.
    public var lastStepLoss: Double
}

/// An output that drops everything, for runs whose progress is reported another way.
final class SilentOutput: WorkbenchOutput {
    func message(_ text: String) {}
    func epochFinished(_ report: EpochReport) {}
    func trainingFinished(_ report: TrainingReport) {}
}
