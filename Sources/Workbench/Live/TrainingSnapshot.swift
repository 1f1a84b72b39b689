import Plot

/// Everything the screen shows about the session at one moment, as an immutable value.
///
/// The training worker publishes a new snapshot when the screen has taken the previous one.
/// The screen copies the latest one when it looks for a frame and draws every pane from it, so
/// drawing never touches the model.
public struct TrainingSnapshot: Sendable {
    /// Counts the snapshots published, so that the screen can tell a new one from the one it
    /// has drawn.
    public var version = 0
    public var run: RunState = .idle
    /// Epochs and optimization steps since the model's weights were initialized.
    public var epoch = 0
    public var step = 0
    /// The current `train` command's progress: epochs done and requested.
    public var epochsRequested = 0
    public var epochsDoneInRun = 0
    /// The steps the current epoch took so far, and the steps it takes in all when its
    /// remaining rows go at the current batch size. Both are 0 when no epoch is open, as after
    /// a run of whole epochs.
    public var stepInEpoch = 0
    public var stepsPerEpoch = 0
    public var learningRate: Float = 0
    /// Rows per mini-batch (the whole training set with `batch all`).
    public var batchSize = 0
    public var samplesPerSecond = 0.0

    /// The loss of every step since the lab's first, in at most
    /// `TrainingSnapshot.stepLossCapacity` bins that average neighbouring steps once the run is
    /// longer than that.
    public var stepLosses = StepLossBins(capacity: TrainingSnapshot.stepLossCapacity)
    /// Every finished epoch's metrics, in order.
    public var epochs: [EpochReport] = []

    public var model = ModelDescription()
    /// Per layer, the statistics of the latest sampled step.
    public var layers: [LayerStatistics] = []
    /// Set when a loss, activation or gradient stopped being finite; training is then paused.
    public var alarm: NumericAlarm?

    /// What the data pane draws: the decision boundary of 2-D data, or sample predictions.
    public var data: DataView = .none

    /// The stage of a training step being stepped through with `forward` and `backward`, which
    /// the step pane shows; `nil` when no step is being stepped through.
    public var stepView: StepView?
    /// The number of the latest step-through, counted from 1 in the session (0 before the
    /// first), so that the screen can tell a new step-through from the one it showed.
    public var stepThroughNumber = 0

    public init() {}

    /// The largest number of step loss bins a snapshot keeps.
    public static let stepLossCapacity = 4096
}

/// Whether training is running.
public enum RunState: Equatable, Sendable {
    case idle
    case training
    case paused
    /// Training ended because a value stopped being finite, or a command failed; the message
    /// says why.
    case failed(String)
}

/// The layers of the model as the model pane lists them.
public struct ModelDescription: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        public var index: Int
        public var kind: String
        public var outputShape: [Int]
        public var parameterCount: Int
    }

    public var inputShape: [Int]?
    public var rows: [Row] = []
    public var parameterCount: Int { rows.reduce(0) { $0 + $1.parameterCount } }

    public init(inputShape: [Int]? = nil, rows: [Row] = []) {
        self.inputShape = inputShape
        self.rows = rows
    }
}

/// What one layer's values looked like at the latest sampled step.
public struct LayerStatistics: Sendable {
    public var index: Int
    public var kind: String
    /// The layer's output over the batch's first rows, at most
    /// `SnapshotBuilder.histogramRowLimit` of them.
    public var activations: HistogramBins?
    /// The layer's weight (its first parameter), when it has one.
    public var weights: HistogramBins?
    /// ∂L/∂weight at that step.
    public var gradients: HistogramBins?
    /// For ReLU layers: the fraction of units that output 0 for every row of the batch.
    public var deadFraction: Double?
    /// For sigmoid and tanh layers: the fraction of outputs within 1% of the asymptotes.
    public var saturatedFraction: Double?
    /// The Euclidean norm of ∂L/∂parameters of this layer.
    public var gradientNorm: Double?
    /// ‖Δweight‖ / ‖weight‖ over the optimizer step: around 10⁻³ is healthy, far above means
    /// the learning rate is too high, far below too low.
    public var updateRatio: Double?

    public init(index: Int, kind: String) {
        self.index = index
        self.kind = kind
    }
}

/// A value that stopped being finite, and the first place it appeared.
public struct NumericAlarm: Equatable, Sendable {
    public var step: Int
    /// The first layer whose output or gradient was not finite, or `nil` when only the loss was.
    public var layerIndex: Int?
    public var message: String
}

/// The data pane's content.
public enum DataView: Sendable {
    case none
    /// A two-feature classification or regression: the model's output over a grid of the input
    /// plane, and the training points.
    case plane(DecisionBoundary)
    /// Other data: a few test rows with their true and predicted labels or values.
    case samples([SamplePrediction])
    /// An autoencoder's data: a few test rows with their reconstruction and its error.
    case reconstructions([SampleReconstruction])
}

/// The model's output over a grid covering the input plane of 2-D data.
public struct DecisionBoundary: Sendable {
    /// The grid's extent in the (standardized) input coordinates.
    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>
    public var columns: Int
    public var rows: Int
    /// Row-major from the top row (largest y): for classification the predicted class of each
    /// cell, for regression the output value.
    public var values: [Double]
    /// The probability of the predicted class, in [0, 1], for shading; 1 for regression.
    public var confidence: [Double]
    /// Training points: position and class (or target value).
    public var points: [(x: Double, y: Double, label: Double)]
    public var classCount: Int
}

/// One row of data with its true and predicted labels.
public struct SamplePrediction: Equatable, Sendable {
    public var row: Int
    public var truth: String
    public var predicted: String
    public var confidence: Double
    /// The input as an image (rows of values in [0, 1]) when its shape is square, e.g. 8x8 digits.
    public var image: [[Double]]?
}

/// One row of data with an autoencoder's reconstruction of it.
public struct SampleReconstruction: Equatable, Sendable {
    public var row: Int
    /// The mean squared error between the output and the input the model reads, the loss the
    /// model trains on: `(1 / n) * Σ (y[i] - x[i])²` over the row's n features.
    public var error: Double
    /// The input as an image (rows of values in [0, 1]) when its shape is square.
    public var input: [[Double]]?
    /// The reconstruction in the data's units on the input image's scale, so that equal shades
    /// mean equal values. The pane clamps values outside [0, 1] when it draws them.
    public var output: [[Double]]?
}
