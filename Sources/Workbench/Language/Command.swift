/// One parsed line of the command language, ready to execute.
///
/// The prompt, session files and the headless runner all turn text into `Command` values through
/// the same tokenizer and parser, so a command behaves the same wherever it is typed.
public enum Command: Equatable, Sendable {
    // Data
    case dataLoad(DataLoadOptions)
    /// A generated two-feature set: `data spiral N`, `data circle N` and so on.
    case dataToy(ToyDataOptions)
    case dataInfo
    /// The MNIST digits from their IDX files: `data mnist DIR`.
    case dataMNIST(MNISTOptions)
    /// Features and labels from two NumPy files: `data npy FEATURES LABELS`.
    case dataNPY(NPYOptions)
    /// A CSV column cut into forecasting windows: `data window FILE column=C length=W`.
    case dataWindow(WindowOptions)
    /// Next-character samples from a word list or a text: `data text FILE`.
    case dataText(TextOptions)

    // Model
    case input(shape: [Int])
    case dense(units: Int, activation: ActivationKind?, initializer: InitializerKind?, bias: Bool)
    case activation(ActivationKind)
    case conv2d(Conv2DOptions)
    case conv1d(Conv1DOptions)
    /// `maxpool` or `avgpool`, 1-D or 2-D by the rank of the layer's input.
    case pool(PoolOptions)
    case flatten
    /// Inverted dropout that zeroes each value with probability `rate` while training.
    case dropout(rate: Float)
    case batchNorm(momentum: Float, epsilon: Float)
    /// `rnn UNITS`, `lstm UNITS` or `gru UNITS`.
    case recurrent(RecurrentOptions)
    case pop
    case clear
    case reset

    // Training set-up
    case loss(LossKind)
    case optimizer(OptimizerSpec)
    case batch(BatchSize)
    case seed(UInt64)
    /// `regularize [l1=X] [l2=X]`: an absent coefficient keeps its value, and a bare
    /// `regularize` changes nothing and shows the setting.
    case regularize(l1: Float?, l2: Float?)
    /// Marks the last layer as an autoencoder's code, with an optional penalty on it.
    case code(CodePenaltyChoice)

    // Running
    case train(count: Int, unit: TrainUnit)
    case eval(EvalSplit)
    case predict(values: [Double])
    case summary
    /// Samples words or text from a model trained on `data text`.
    case generate(GenerateOptions)

    // Interactive control; the headless runner accepts and ignores the ones that need a screen.
    case pause
    case resume
    case stop
    case step
    case set(Setting)

    // Taking a training step apart
    case forward(byOp: Bool)
    case backward
    case next
    case previous
    case undo
    case explain(String)
    case gradientCheck
    case graph

    // Files
    /// `save NAME`: the set-up commands to NAME.lab and the tensors to NAME.safetensors.
    case save(String)
    /// `load NAME`: the session saved as NAME, after checking both files.
    case load(String)
    case export(ExportRequest)
    /// `history`: the commands typed in this session, recovered ones included.
    case history

    // Narration in sessions and lessons
    case say(String)
    case wait

    case help(topic: String?)
    case quit
}

/// Options of `data load PATH`.
public struct DataLoadOptions: Equatable, Sendable {
    public var path: String
    /// The label column; `nil` means the last column.
    public var label: ColumnReference?
    /// Fraction of the rows held out as the test set, in [0, 1).
    public var testFraction: Double
    /// Whether features are standardized with the mean and standard deviation of the training
    /// rows.
    public var standardize: Bool
    /// Classification or regression; `nil` infers it from the label column.
    public var task: TaskKind?

    public init(
        path: String, label: ColumnReference? = nil, testFraction: Double = 0.2,
        standardize: Bool = true, task: TaskKind? = nil
    ) {
        self.path = path
        self.label = label
        self.testFraction = testFraction
        self.standardize = standardize
        self.task = task
    }
}

/// Options of `data spiral N`, `data circle N` and the other generated two-feature sets.
public struct ToyDataOptions: Equatable, Sendable {
    public var kind: ToyDataKind
    /// The number of points, at least 4.
    public var count: Int
    /// The standard deviation of the Gaussian noise, in the units of the data (of the target
    /// for `plane`).
    public var noise: Float
    /// The number of classes of `spiral` and `gaussian`. The other sets ignore it, because
    /// `circle`, `xor` and `moons` always have 2 classes and `plane` is regression.
    public var classes: Int
    /// Fraction of the points held out as the test set, in [0, 1).
    public var testFraction: Double
    /// Whether features are standardized with the mean and standard deviation of the training
    /// rows. Off by default, because the sets are already centred on the origin at unit scale.
    public var standardize: Bool

    public init(
        kind: ToyDataKind, count: Int, noise: Float = 0.1, classes: Int = 2,
        testFraction: Double = 0.2, standardize: Bool = false
    ) {
        self.kind = kind
        self.count = count
        self.noise = noise
        self.classes = classes
        self.testFraction = testFraction
        self.standardize = standardize
    }
}

/// The generated two-feature sets, named as the command language writes them.
public enum ToyDataKind: String, Equatable, Sendable, CaseIterable {
    case spiral
    case circle
    case xor
    case gaussian
    case moons
    case plane
}

/// A CSV column named by its header or by its zero-based position.
public enum ColumnReference: Equatable, Sendable {
    case name(String)
    case index(Int)
}

public enum TaskKind: String, Equatable, Sendable, CaseIterable {
    case classification
    case regression
}

public enum ActivationKind: Equatable, Sendable {
    case relu
    case leakyReLU(slope: Float)
    case elu(alpha: Float)
    case sigmoid
    case tanh
    case softmax

    /// The word that names this activation in the command language.
    public var keyword: String {
        switch self {
        case .relu: "relu"
        case .leakyReLU: "leakyrelu"
        case .elu: "elu"
        case .sigmoid: "sigmoid"
        case .tanh: "tanh"
        case .softmax: "softmax"
        }
    }
}

public enum InitializerKind: String, Equatable, Sendable, CaseIterable {
    case xavier
    case he
}

public enum LossKind: String, Equatable, Sendable, CaseIterable {
    case mse
    case bce
    case crossentropy
    /// The mean squared error between the output and the model's own input, for autoencoders.
    case reconstruction
}

public enum OptimizerSpec: Equatable, Sendable {
    /// Gradient descent; with `batch all` it is full-batch gradient descent.
    case sgd(learningRate: Float, momentum: Float, nesterov: Bool, weightDecay: Float)
    case adam(learningRate: Float, beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float)
    case adagrad(learningRate: Float, epsilon: Float, weightDecay: Float)
    case adadelta(learningRate: Float, rho: Float, epsilon: Float, weightDecay: Float)
}

public enum BatchSize: Equatable, Sendable {
    case size(Int)
    /// Every training sample in one batch: full-batch gradient descent.
    case all
}

public enum TrainUnit: String, Equatable, Sendable {
    case epochs
    case steps
}

public enum EvalSplit: String, Equatable, Sendable {
    case train
    case test
}

/// A hyperparameter changed with `set`, applied between training steps.
public enum Setting: Equatable, Sendable {
    case learningRate(Float)
    case batch(BatchSize)
}
