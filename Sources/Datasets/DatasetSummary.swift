import Engine

/// A description of a data set: its size, its task, its classes with their row counts, and the
/// train/test sizes when it has been split.
public struct DatasetSummary: Equatable, Sendable {
    /// Row counts of one class, in the whole set and in each part of the split.
    public struct ClassCount: Equatable, Sendable {
        public let name: String
        public let rows: Int
        /// Rows in the training set, or `nil` when the data set is not split.
        public let trainRows: Int?
        /// Rows in the test set, or `nil` when the data set is not split.
        public let testRows: Int?
    }

    /// The smallest, largest and mean value of each regression output.
    public struct TargetRange: Equatable, Sendable {
        public let minimum: Float
        public let maximum: Float
        public let mean: Float
    }

    public let name: String
    public let rowCount: Int
    public let featureNames: [String]
    public let task: Dataset.Task
    /// One entry per class in class-index order, or none for regression.
    public let classes: [ClassCount]
    /// One entry per regression output, or none for classification.
    public let targetRanges: [TargetRange]
    public let trainRowCount: Int?
    public let testRowCount: Int?
    /// Names of the features that the standardizer found constant in the training rows.
    public let constantFeatureNames: [String]

    /// Summarizes `dataset` and, when given, how `split` divides it.
    ///
    /// - Parameters:
    ///   - dataset: The whole data set, before splitting.
    ///   - split: Its division into training and test rows, if any.
    ///   - standardizer: The statistics fitted on the training rows, if any, whose constant
    ///     features are listed.
    public init(dataset: Dataset, split: DatasetSplit? = nil, standardizer: Standardizer? = nil) {
        name = dataset.name
        rowCount = dataset.rowCount
        featureNames = dataset.featureNames
        task = dataset.task
        trainRowCount = split?.train.rowCount
        testRowCount = split?.test.rowCount
        constantFeatureNames = standardizer?.constantFeatures.map { dataset.featureNames[$0] } ?? []

        let trainCounts = split?.train.classCounts
        let testCounts = split?.test.classCounts
        classes = zip(dataset.classNames, dataset.classCounts).enumerated().map { c, pair in
            ClassCount(
                name: pair.0, rows: pair.1, trainRows: trainCounts?[c], testRows: testCounts?[c])
        }

        guard let values = dataset.targets.values, dataset.rowCount > 0 else {
            targetRanges = []
            return
        }
        let outputCount = values.shape[1]
        targetRanges = (0..<outputCount).map { j in
            let column = stride(from: j, to: values.count, by: outputCount).map {
                values.scalars[$0]
            }
            let mean = column.reduce(0.0) { $0 + Double($1) } / Double(column.count)
            return TargetRange(
                minimum: column.min()!, maximum: column.max()!, mean: Float(mean))
        }
    }
}

extension DatasetSummary: CustomStringConvertible {
    /// A few lines of plain text with a class table. Long feature lists are shortened.
    ///
    /// ```
    /// iris.csv: 150 rows, 4 features, classification with 3 classes
    /// features: sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm
    /// split: 120 train, 30 test
    /// class   rows  train  test
    /// 0         50     40    10
    /// ```
    public var description: String {
        var lines: [String] = []
        var heading = "\(name): \(Self.count(rowCount, "row")), "
            + "\(Self.count(featureNames.count, "feature")), \(task.rawValue)"
        if task == .classification { heading += " with \(Self.count(classes.count, "class"))" }
        lines.append(heading)
        lines.append("features: \(Self.abbreviated(featureNames))")
        if !constantFeatureNames.isEmpty {
            lines.append(
                "constant in training rows, standardized to 0: "
                    + Self.abbreviated(constantFeatureNames))
        }
        if let trainRowCount, let testRowCount {
            lines.append("split: \(trainRowCount) train, \(testRowCount) test")
        }
        lines += classTable()
        for (j, range) in targetRanges.enumerated() {
            let output = targetRanges.count > 1 ? " \(j)" : ""
            lines.append(
                "target\(output): min \(range.minimum), max \(range.maximum), mean \(range.mean)")
        }
        return lines.joined(separator: "\n")
    }

    /// Writes `count` with the noun, adding "es" after "s" and "s" elsewhere when not 1.
    private static func count(_ count: Int, _ noun: String) -> String {
        guard count != 1 else { return "1 \(noun)" }
        return "\(count) \(noun)\(noun.hasSuffix("s") ? "es" : "s")"
    }

    /// Lists names, keeping the first four and the last one of a long list.
    private static func abbreviated(_ names: [String]) -> String {
        guard names.count > 6 else { return names.joined(separator: ", ") }
        return (names.prefix(4) + ["…", names[names.count - 1]]).joined(separator: ", ")
    }

    /// Formats the class table, one row per class, with train and test columns after a split.
    private func classTable() -> [String] {
        guard !classes.isEmpty else { return [] }
        let isSplit = trainRowCount != nil
        let nameWidth = max(5, classes.map(\.name.count).max() ?? 0)
        func cell(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - text.count)) + text
        }
        func nameCell(_ text: String) -> String {
            text + String(repeating: " ", count: nameWidth - text.count)
        }

        var header = nameCell("class") + cell("rows", 7)
        if isSplit { header += cell("train", 7) + cell("test", 6) }
        var lines = [header]
        for entry in classes {
            var line = nameCell(entry.name) + cell(String(entry.rows), 7)
            if let trainRows = entry.trainRows, let testRows = entry.testRows {
                line += cell(String(trainRows), 7) + cell(String(testRows), 6)
            }
            lines.append(line)
        }
        return lines
    }
}

extension Dataset {
    /// Summarizes the data set, as `DatasetSummary.init(dataset:split:standardizer:)` describes.
    public func summary(
        split: DatasetSplit? = nil, standardizer: Standardizer? = nil
    ) -> DatasetSummary {
        DatasetSummary(dataset: self, split: split, standardizer: standardizer)
    }
}
