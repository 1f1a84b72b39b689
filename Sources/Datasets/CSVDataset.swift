import Engine

/// A CSV column chosen by its header name or by its zero-based position.
public enum CSVColumn: Equatable, Sendable {
    case name(String)
    case index(Int)
    /// The last column of the header.
    case last
}

/// Builds a `Dataset` from a CSV file with a header row: one column is the label, every other
/// column is a numeric feature.
///
/// The task is inferred from the label column unless the caller sets it:
/// - classification when any label is not a number, or when every label is an integer and
///   there are at most `maximumInferredClassCount` (20) distinct values;
/// - regression otherwise, that is for non-integer numbers or for more than 20 distinct
///   integers.
///
/// Classes are numbered in ascending order of their label: numerically when every label is a
/// number (so `10` comes after `9`), otherwise by string comparison. A numeric class is named
/// by its value, so `1`, `1.0` and `01` are one class named `1`.
public enum CSVDataset {
    /// The largest number of distinct integer labels that still makes the inferred task
    /// classification.
    public static let maximumInferredClassCount = 20

    /// Reads the CSV file at `path` and builds a data set from it.
    ///
    /// - Parameters:
    ///   - path: The file to read. Its last path component becomes the data set's name.
    ///   - label: The label column. The default is the last column.
    ///   - task: Classification or regression. `nil` infers it as `CSVDataset` describes.
    /// - Throws: `DatasetError` for an unreadable or malformed file, an unknown label column,
    ///   a missing or non-numeric feature value, or a non-numeric label under regression.
    public static func load(
        path: String, label: CSVColumn = .last, task: Dataset.Task? = nil
    ) throws(DatasetError) -> Dataset {
        let table = try CSVTable.read(path: path)
        return try makeDataset(from: table, label: label, task: task)
    }

    /// Builds a data set from a parsed table, with the rules and errors of
    /// `load(path:label:task:)`.
    public static func makeDataset(
        from table: CSVTable, label: CSVColumn = .last, task: Dataset.Task? = nil
    ) throws(DatasetError) -> Dataset {
        let labelColumn = try resolve(label, in: table)
        guard table.header.count >= 2 else {
            throw .missingFeatureColumns(path: table.path, header: table.header)
        }
        let featureColumns = table.header.indices.filter { $0 != labelColumn }

        var scalars: [Float] = []
        scalars.reserveCapacity(table.rows.count * featureColumns.count)
        for row in table.rows {
            for column in featureColumns {
                scalars.append(try number(in: row, column: column, of: table))
            }
        }
        let features = Tensor(shape: [table.rows.count, featureColumns.count], scalars: scalars)

        let labels = try LabelColumn(table: table, column: labelColumn)
        let targets = try labels.targets(for: task ?? labels.inferredTask)
        return Dataset(
            name: fileName(of: table.path), features: features,
            featureNames: featureColumns.map { table.header[$0] }, targets: targets)
    }

    /// Returns the zero-based index of the label column.
    private static func resolve(
        _ label: CSVColumn, in table: CSVTable
    ) throws(DatasetError) -> Int {
        switch label {
        case .last:
            return table.header.count - 1
        case .index(let index):
            guard table.header.indices.contains(index) else {
                throw .labelIndexOutOfRange(path: table.path, index: index, header: table.header)
            }
            return index
        case .name(let name):
            let trimmed = name.trimmingASCIIWhitespace()
            guard let index = table.header.firstIndex(of: trimmed) else {
                throw .unknownLabelColumn(path: table.path, name: name, header: table.header)
            }
            return index
        }
    }

    /// Parses one feature value, naming its line and column when it is missing or invalid.
    private static func number(
        in row: CSVRow, column: Int, of table: CSVTable
    ) throws(DatasetError) -> Float {
        let text = row.fields[column]
        if let value = text.finiteFloat() { return value }
        let line = row.fieldLines[column]
        let name = table.header[column]
        if text.trimmingASCIIWhitespace().isEmpty {
            throw .missingValue(path: table.path, line: line, column: column + 1, columnName: name)
        }
        throw .nonNumericValue(
            path: table.path, line: line, column: column + 1, columnName: name, value: text)
    }

    private static func fileName(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
