import Engine

/// The label column of a CSV table, read once, from which the task is inferred and the targets
/// are built. `CSVDataset` documents the rules.
struct LabelColumn {
    private let table: CSVTable
    private let column: Int
    /// Each row's label, trimmed of spaces and tabs.
    private let texts: [String]
    /// Each row's label as a number, or `nil` when any label is not a finite number.
    private let numbers: [Double]?

    /// Reads the labels of `column`.
    ///
    /// - Throws: `DatasetError.missingValue` for an empty label.
    init(table: CSVTable, column: Int) throws(DatasetError) {
        var texts: [String] = []
        texts.reserveCapacity(table.rows.count)
        for row in table.rows {
            let text = row.fields[column].trimmingASCIIWhitespace()
            if text.isEmpty {
                throw .missingValue(
                    path: table.path, line: row.fieldLines[column], column: column + 1,
                    columnName: table.header[column])
            }
            texts.append(text)
        }
        var numbers: [Double]? = []
        for text in texts {
            guard let number = Double(text), number.isFinite else {
                numbers = nil
                break
            }
            numbers?.append(number)
        }
        self.table = table
        self.column = column
        self.texts = texts
        self.numbers = numbers
    }

    var inferredTask: Dataset.Task {
        guard let numbers else { return .classification }
        guard numbers.allSatisfy(Self.isInteger) else { return .regression }
        let distinctCount = Set(numbers).count
        let isFewClasses = distinctCount <= CSVDataset.maximumInferredClassCount
        return isFewClasses ? .classification : .regression
    }

    /// Builds the targets for `task`.
    ///
    /// - Throws: `DatasetError.nonNumericLabel` at the first label that is not a finite Float32
    ///   number when `task` is regression.
    func targets(for task: Dataset.Task) throws(DatasetError) -> Targets {
        switch task {
        case .classification:
            return classificationTargets()
        case .regression:
            return try regressionTargets()
        }
    }

    private func classificationTargets() -> Targets {
        if let numbers {
            let (classIndices, classes) = Self.numberClasses(of: numbers)
            return .classification(
                classIndices: classIndices, classNames: classes.map(Self.name(of:)))
        }
        let (classIndices, classes) = Self.numberClasses(of: texts)
        return .classification(classIndices: classIndices, classNames: classes)
    }

    /// Numbers the distinct values in ascending order and returns each row's class index with
    /// the sorted distinct values.
    private static func numberClasses<Label: Hashable & Comparable>(
        of labels: [Label]
    ) -> (classIndices: [Int], classes: [Label]) {
        let classes = Set(labels).sorted()
        var indexOfClass: [Label: Int] = [:]
        for (index, label) in classes.enumerated() { indexOfClass[label] = index }
        return (labels.map { indexOfClass[$0]! }, classes)
    }

    private func regressionTargets() throws(DatasetError) -> Targets {
        var values: [Float] = []
        values.reserveCapacity(texts.count)
        for (row, text) in zip(table.rows, texts) {
            guard let value = text.finiteFloat() else {
                throw .nonNumericLabel(
                    path: table.path, line: row.fieldLines[column], column: column + 1,
                    columnName: table.header[column], value: text)
            }
            values.append(value)
        }
        return .regression(Tensor(shape: [values.count, 1], scalars: values))
    }

    /// Returns whether `number` is an integer that `Double` represents exactly.
    private static func isInteger(_ number: Double) -> Bool {
        number == number.rounded() && abs(number) < 0x1p53
    }

    /// Names a numeric class by its value: `3` for an integer, `2.5` otherwise.
    private static func name(of number: Double) -> String {
        isInteger(number) ? String(Int64(number)) : String(number)
    }
}
