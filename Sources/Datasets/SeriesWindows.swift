import Engine
import Foundation

/// A numeric series cut into sliding windows for forecasting, split by time.
///
/// Window `i` takes `window` consecutive values as inputs and the value `horizon` steps after
/// its last one as the regression target:
///
/// ```
/// inputs[i]  = x[i], x[i+1], ..., x[i+W−1]
/// target[i]  = x[i+W−1+h]
/// n          = T − W − h + 1 windows for a series of T values
/// ```
///
/// The split is chronological, with no shuffling across its boundary: the first
/// `n − round(testFraction × n)` windows train and the rest test, so every training target
/// comes before every test target. Test windows take their inputs from the values before them,
/// some of them training targets, as a forecaster would at that time. Shuffling the training
/// windows into mini-batches afterwards is fine, because it does not move any across the
/// boundary.
///
/// Scaling is fitted on the training part only: the values the training windows read, that is
/// `x[0 ..< trainCount + W + h − 1]`. The whole series is then scaled with it, targets included,
/// so a model's MSE is in scaled units, and `scaler.inverseTransform` maps predictions back.
///
/// Shapes: `whole.features` is `[n, W]` with `sampleShape` `[W, 1]`, a sequence of `W` steps
/// of one feature for RNN, LSTM and GRU layers. The targets are `[n, 1]`.
public struct SeriesWindows: Equatable, Sendable {
    /// The series as given, before scaling, in time order.
    public let values: [Float]
    public let window: Int
    public let horizon: Int
    /// The scaling fitted on the training part and applied to every value.
    public let scaler: SeriesScaler
    /// Every window, in time order, scaled.
    public let whole: Dataset
    /// The first windows for training and the last for testing, each in time order.
    public let split: DatasetSplit

    /// The mean squared error of the last-value forecast on the training windows, in scaled
    /// units. `lastValueMSE(of:)` defines it.
    public var trainBaselineMSE: Float? { Self.lastValueMSE(of: split.train) }
    /// The mean squared error of the last-value forecast on the test windows, in scaled units,
    /// or `nil` without test windows.
    public var testBaselineMSE: Float? { Self.lastValueMSE(of: split.test) }

    /// Cuts `series` into windows and splits them by time.
    ///
    /// - Parameters:
    ///   - series: The values in time order, each finite.
    ///   - name: The data set's name for summaries.
    ///   - window: The inputs per window `W`, at least 1.
    ///   - horizon: How many steps after the last input the target lies, `h`, at least 1.
    ///   - testFraction: The share of windows, the latest ones, held out, in `[0, 1)`.
    ///   - scaling: The scaling fitted on the training part.
    /// - Throws: `DatasetError.invalidOption` for a window or horizon below 1 or a value that
    ///   is not finite, `DatasetError.seriesTooShort` when not one window fits,
    ///   `DatasetError.invalidTestFraction` outside `[0, 1)`, and
    ///   `DatasetError.emptyTrainingSet` when no window is left for training.
    public static func make(
        series: [Float], name: String, window: Int, horizon: Int = 1, testFraction: Double = 0.2,
        scaling: SeriesScaling = .none
    ) throws(DatasetError) -> SeriesWindows {
        guard window >= 1 else {
            throw .invalidOption(name: "length", value: String(window), expected: "at least 1")
        }
        guard horizon >= 1 else {
            throw .invalidOption(name: "horizon", value: String(horizon), expected: "at least 1")
        }
        if let position = series.firstIndex(where: { !$0.isFinite }) {
            throw .invalidOption(
                name: "series", value: "\(series[position]) at position \(position)",
                expected: "a series of finite values")
        }
        let windowCount = series.count - window - horizon + 1
        guard windowCount >= 1 else {
            throw .seriesTooShort(
                name: name, length: series.count, window: window, horizon: horizon)
        }
        guard testFraction >= 0 && testFraction < 1 else {
            throw .invalidTestFraction(testFraction)
        }
        let testCount = Int((testFraction * Double(windowCount)).rounded(.toNearestOrAwayFromZero))
        let trainCount = windowCount - testCount
        guard trainCount >= 1 else {
            throw .emptyTrainingSet(rowCount: windowCount, testFraction: testFraction)
        }

        let scaler = SeriesScaler(
            fitting: series[0..<(trainCount + window + horizon - 1)], scaling: scaling)
        let scaled = series.map(scaler.transform)
        var inputs = [Float](repeating: 0, count: windowCount * window)
        var targets = [Float](repeating: 0, count: windowCount)
        for i in 0..<windowCount {
            for j in 0..<window {
                inputs[i * window + j] = scaled[i + j]
            }
            targets[i] = scaled[i + window - 1 + horizon]
        }

        let featureNames = (0..<window).map { j in
            let lag = window - 1 - j
            return lag == 0 ? "t" : "t-\(lag)"
        }
        let whole = Dataset(
            name: name, features: Tensor(shape: [windowCount, window], scalars: inputs),
            featureNames: featureNames,
            targets: .regression(Tensor(shape: [windowCount, 1], scalars: targets)),
            sampleShape: [window, 1])
        let trainRows = Array(0..<trainCount)
        let testRows = Array(trainCount..<windowCount)
        let split = DatasetSplit(
            train: whole.gathering(rows: trainRows), test: whole.gathering(rows: testRows),
            trainRows: trainRows, testRows: testRows)
        return SeriesWindows(
            values: series, window: window, horizon: horizon, scaler: scaler, whole: whole,
            split: split)
    }

    /// Cuts a series tensor `[T]` into windows, as `make(series:name:...)` with its values
    /// does.
    ///
    /// - Throws: `DatasetError.invalidOption` when the tensor is not rank 1, and the errors of
    ///   `make(series:name:window:horizon:testFraction:scaling:)`.
    public static func make(
        series: Tensor, name: String, window: Int, horizon: Int = 1, testFraction: Double = 0.2,
        scaling: SeriesScaling = .none
    ) throws(DatasetError) -> SeriesWindows {
        guard series.rank == 1 else {
            throw .invalidOption(
                name: "series", value: "a tensor of shape \(series.shape)",
                expected: "a series of shape [T]")
        }
        return try make(
            series: series.scalars, name: name, window: window, horizon: horizon,
            testFraction: testFraction, scaling: scaling)
    }

    /// Reads one column of a CSV file as a series, in the file's row order, and cuts it into
    /// windows named after the file.
    ///
    /// The rows must already be in time order: they are not sorted.
    ///
    /// - Parameters:
    ///   - path: The CSV file, with a header row.
    ///   - column: The series column. The default is the last column.
    /// - Throws: The errors of `CSVTable.read(path:)`.
    ///   `DatasetError.unknownLabelColumn` or `DatasetError.labelIndexOutOfRange` for a column
    ///   that does not exist. `DatasetError.missingValue` or `DatasetError.nonNumericValue` for
    ///   a value that is not a finite number. The errors of
    ///   `make(series:name:window:horizon:testFraction:scaling:)`.
    public static func load(
        path: String, column: CSVColumn = .last, window: Int, horizon: Int = 1,
        testFraction: Double = 0.2, scaling: SeriesScaling = .none
    ) throws(DatasetError) -> SeriesWindows {
        let table = try CSVTable.read(path: path)
        let index = try columnIndex(column, in: table)
        var series: [Float] = []
        series.reserveCapacity(table.rows.count)
        for row in table.rows {
            let text = row.fields[index]
            guard let value = text.finiteFloat() else {
                let line = row.fieldLines[index]
                let name = table.header[index]
                if text.trimmingASCIIWhitespace().isEmpty {
                    throw .missingValue(path: path, line: line, column: index + 1, columnName: name)
                }
                throw .nonNumericValue(
                    path: path, line: line, column: index + 1, columnName: name, value: text)
            }
            series.append(value)
        }
        return try make(
            series: series, name: (path as NSString).lastPathComponent, window: window,
            horizon: horizon, testFraction: testFraction, scaling: scaling)
    }

    /// Returns the mean squared error of the last-value (persistence) forecast, which predicts
    /// each target by the window's last input, or `nil` for a data set without rows.
    ///
    /// ```
    /// MSE = (1/n) Σᵢ (features[i, W−1] − target[i])²
    /// ```
    ///
    /// A model that cannot beat it on the test windows has learned nothing useful beyond
    /// "tomorrow is like today".
    ///
    /// Shapes: `dataset.features` `[n, W]` with regression targets `[n, 1]`.
    public static func lastValueMSE(of dataset: Dataset) -> Float? {
        guard let targets = dataset.targets.values, dataset.rowCount > 0 else { return nil }
        precondition(targets.shape[1] == 1, "lastValueMSE needs one target per window")
        let width = dataset.featureCount
        var sum = 0.0
        for i in 0..<dataset.rowCount {
            let error =
                Double(dataset.features.scalars[i * width + width - 1])
                - Double(targets.scalars[i])
            sum += error * error
        }
        return Float(sum / Double(dataset.rowCount))
    }

    /// Returns the zero-based index of `column`, with the CSV loader's errors for a column
    /// that does not exist.
    private static func columnIndex(
        _ column: CSVColumn, in table: CSVTable
    ) throws(DatasetError) -> Int {
        switch column {
        case .last:
            return table.header.count - 1
        case .index(let index):
            guard table.header.indices.contains(index) else {
                throw .labelIndexOutOfRange(path: table.path, index: index, header: table.header)
            }
            return index
        case .name(let name):
            guard let index = table.header.firstIndex(of: name.trimmingASCIIWhitespace()) else {
                throw .unknownLabelColumn(path: table.path, name: name, header: table.header)
            }
            return index
        }
    }
}
