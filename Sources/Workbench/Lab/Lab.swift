import Datasets
import Engine

/// The state of a session: data, model, training set-up and the random generator.
///
/// Commands change it through the `Executor`; the screen reads it. Only one thread uses a `Lab`
/// at a time.
public final class Lab {
    /// The seed given by the last `seed` command (0 until then).
    public private(set) var seed: UInt64 = 0
    /// The session's one random generator: weights, splits, shuffling and dropout draw from it.
    public var random = RandomGenerator(seed: 0)

    public var data: LoadedData?
    /// The per-sample input shape set by `input`, or taken from the data by the first layer.
    public var inputShape: [Int]?
    public var model: Sequential?
    /// How each layer of `model` was asked for, in order.
    public var layerSpecs: [LayerSpec] = []

    /// The loss chosen with `loss`; `nil` means it is inferred from the data and the model.
    public var chosenLoss: Loss?
    public var optimizerSpec: OptimizerSpec = .adam(
        learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0)
    /// The optimizer with its state; rebuilt when the model or the optimizer choice changes.
    public var optimizer: (any Optimizer)?
    public var batchSize: BatchSize = .size(32)
    /// λ₁ and λ₂ of the weight penalties set by `regularize`.
    public var weightL1: Float = 0
    public var weightL2: Float = 0
    /// The autoencoder's code layer and its penalty, set by `code`.
    public var codePenalty: CodePenalty?
    /// The index of the autoencoder's code layer, set by `code` with or without a penalty.
    public var codeLayer: Int?
    /// Whether the model is trained to reproduce its input (`loss reconstruction`).
    public var reconstructsInput = false

    /// Epochs and optimization steps since the model's weights were initialized.
    public var epochsTrained = 0
    public var stepsTrained = 0
    /// The current epoch's row order and position, kept between `step` commands.
    var epochCursor: EpochCursor?
    /// The state before the last training command, for `undo`.
    var undoPoint: UndoPoint?
    /// The training step being stepped through with `forward` and `backward`, if any.
    var stepThrough: StepThrough?
    /// The number of step-throughs begun in this session, which numbers each from 1.
    public internal(set) var stepThroughCount = 0
    /// How the data was made, so that `save` can write the command that makes it again.
    public internal(set) var dataSource: DataSource?
    /// Every epoch's metrics and every step's loss, for `export metrics` and `save`.
    public internal(set) var metrics = MetricsHistory()
    /// The number of times `adopt` replaced the state, by `load` or by recovery.
    public internal(set) var loadCount = 0

    public init() {}

    /// Restarts the random generator from `seed`.
    public func reseed(_ seed: UInt64) {
        self.seed = seed
        random = RandomGenerator(seed: seed)
    }

    /// Forgets the training progress and optimizer state, after the model or data changed.
    func resetTraining() {
        optimizer = nil
        epochsTrained = 0
        stepsTrained = 0
        epochCursor = nil
        undoPoint = nil
        stepThrough = nil
    }

    /// The complete training objective: the loss in use with the penalties that are set.
    public func objective() throws(WorkbenchError) -> Objective {
        Objective(
            loss: try effectiveLoss(), weightL1: weightL1, weightL2: weightL2,
            codePenalty: codePenalty, reconstructsInput: reconstructsInput)
    }

    /// The loss in use: the chosen one, or the one that fits the data and the model's output.
    public func effectiveLoss() throws(WorkbenchError) -> Loss {
        if let chosenLoss { return chosenLoss }
        if reconstructsInput { return .meanSquaredError }
        guard let data else {
            throw .missing(what: "no loss is set and there is no data to infer it from",
                           fix: "type `loss mse`, `loss bce` or `loss crossentropy`")
        }
        switch data.task {
        case .regression:
            return .meanSquaredError
        case .classification:
            return model?.outputShape == [1] ? .binaryCrossEntropy : .crossEntropy
        }
    }
}

/// A data set as loaded by `data load`: the raw rows, and the train/test split after
/// standardization.
public struct LoadedData {
    public var path: String
    public var raw: Dataset
    /// The rows of `raw` held for training and for testing, before standardization.
    public var split: DatasetSplit
    public var train: Dataset
    public var test: Dataset
    /// The statistics fitted on the training rows, applied to test rows and to `predict` input.
    public var standardizer: Standardizer?
    /// The series or text behind data from `data window` or `data text`, and `nil` for
    /// other data.
    public var sequences: SequenceSource?

    /// Returns the rows that the data pane shows: the first `limit` test rows, or training rows
    /// when there is no test set, with their positions in `raw`.
    func sampleRows(limit: Int) -> (source: Dataset, rawRows: [Int], count: Int) {
        let useTest = test.rowCount > 0
        let source = useTest ? test : train
        return (source, useTest ? split.testRows : split.trainRows, min(limit, source.rowCount))
    }

    public var task: Dataset.Task { raw.task }
    /// The shape of one input sample: `[features]` for tables, `[1, 28, 28]` for images.
    public var featureShape: [Int] { raw.sampleShape }
    public var classNames: [String] { raw.classNames }
}
