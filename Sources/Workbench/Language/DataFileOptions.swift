/// The values of `data mnist`, `data npy`, `data window` and `data text`, which read images,
/// NumPy arrays, series and text instead of a CSV table.

/// Options of `data mnist DIR`.
public struct MNISTOptions: Equatable, Sendable {
    /// The folder with the four IDX files, plain or gzip-compressed.
    public var directory: String
    /// Keep only the first rows of the training and of the test set; `nil` keeps all.
    public var limit: Int?

    public init(directory: String, limit: Int? = nil) {
        self.directory = directory
        self.limit = limit
    }
}

/// Options of `data npy FEATURES.npy LABELS.npy`.
public struct NPYOptions: Equatable, Sendable {
    public var featuresPath: String
    public var labelsPath: String
    /// Fraction of the rows held out as the test set, in [0, 1).
    public var testFraction: Double
    /// Classification or regression; `nil` follows the labels' dtype.
    public var task: TaskKind?
    /// Whether features are standardized with the statistics of the training rows.
    public var standardize: Bool

    public init(
        featuresPath: String, labelsPath: String, testFraction: Double = 0.2,
        task: TaskKind? = nil, standardize: Bool = false
    ) {
        self.featuresPath = featuresPath
        self.labelsPath = labelsPath
        self.testFraction = testFraction
        self.task = task
        self.standardize = standardize
    }
}

/// The rescaling of a series by `data window`, fitted on the training part.
public enum SeriesScalingKind: String, Equatable, Sendable, CaseIterable {
    case minmax
    case standard
    case none
}

/// Options of `data window FILE.csv column=NAME|INDEX length=W`.
public struct WindowOptions: Equatable, Sendable {
    public var path: String
    /// The series column.
    public var column: ColumnReference
    /// The inputs per window, W, at least 1.
    public var length: Int
    /// How many steps after a window's last value its target lies, at least 1.
    public var horizon: Int
    /// Fraction of the windows, the latest ones, held out as the test set, in [0, 1).
    public var testFraction: Double
    public var scaling: SeriesScalingKind

    public init(
        path: String, column: ColumnReference, length: Int, horizon: Int = 1,
        testFraction: Double = 0.2, scaling: SeriesScalingKind = .minmax
    ) {
        self.path = path
        self.column = column
        self.length = length
        self.horizon = horizon
        self.testFraction = testFraction
        self.scaling = scaling
    }
}

/// The reading of a file by `data text`: one word per line, or running text.
public enum TextModeKind: String, Equatable, Sendable, CaseIterable {
    case words
    case text
}

/// Options of `data text FILE`.
public struct TextOptions: Equatable, Sendable {
    public var path: String
    /// The characters of context before each predicted character, T, at least 1.
    public var contextLength: Int
    public var mode: TextModeKind
    /// Words to draw (words mode) or windows to keep from the start (text mode); `nil` keeps
    /// all.
    public var limit: Int?
    /// Fraction of the words (words mode) or of the windows, the last ones (text mode), held
    /// out as the test set, in [0, 1).
    public var testFraction: Double

    public init(
        path: String, contextLength: Int = 8, mode: TextModeKind = .words, limit: Int? = nil,
        testFraction: Double = 0.1
    ) {
        self.path = path
        self.contextLength = contextLength
        self.mode = mode
        self.limit = limit
        self.testFraction = testFraction
    }
}
