/// A problem with a data file or a data request, carrying the place and the value it concerns.
///
/// Lines are physical lines of the file, 1-based, with the header on line 1. An error about one
/// field names the line where that field starts, which is later than the row's first line when
/// an earlier field of the row is quoted and contains a line break. Columns are 1-based field
/// positions, as a spreadsheet counts them, and each message also names the column by its header.
public enum DatasetError: Error, Equatable, Sendable {
    // Reading the file
    case unreadableFile(path: String, reason: String)
    case invalidUTF8(path: String, InvalidUTF8)
    case emptyFile(path: String)
    case missingDataRows(path: String)

    // CSV syntax
    case blankLine(path: String, line: Int)
    case unterminatedQuote(path: String, line: Int, column: Int)
    case misplacedQuote(path: String, line: Int, column: Int)
    case wrongFieldCount(path: String, line: Int, expected: Int, found: Int)
    case emptyColumnName(path: String, column: Int)
    case duplicateColumnName(path: String, column: Int, name: String, firstColumn: Int)

    // Values and columns
    case missingValue(path: String, line: Int, column: Int, columnName: String)
    case nonNumericValue(path: String, line: Int, column: Int, columnName: String, value: String)
    case nonNumericLabel(path: String, line: Int, column: Int, columnName: String, value: String)
    case unknownLabelColumn(path: String, name: String, header: [String])
    case labelIndexOutOfRange(path: String, index: Int, header: [String])
    case missingFeatureColumns(path: String, header: [String])

    // Splitting
    case invalidTestFraction(Double)
    case emptyTrainingSet(rowCount: Int, testFraction: Double)

    // Binary array files (IDX, NPY) and the data sets built from them
    /// A format problem found at `offset`, counted in the decompressed bytes when
    /// `isDecompressed` is true (a gzip-compressed file).
    case malformedFile(path: String, offset: Int, isDecompressed: Bool, problem: FileFormatProblem)
    case missingDataFile(directory: String, candidates: [String])
    case sampleCountMismatch(
        featuresPath: String, featureRows: Int, labelsPath: String, labelRows: Int)
    case sampleShapeMismatch(
        path: String, shape: [Int], otherPath: String, otherShape: [Int])
    case invalidLabelShape(path: String, shape: [Int])
    case nonIntegerClassLabel(path: String, index: Int, value: Double)

    // Options, series and text
    case invalidOption(name: String, value: String, expected: String)
    case seriesTooShort(name: String, length: Int, window: Int, horizon: Int)
    case emptyText(path: String)
    case textTooShort(path: String, characterCount: Int, contextLength: Int)
    case oneHotTooLarge(sampleCount: Int, contextLength: Int, vocabularySize: Int, limit: Int)
    case invalidProbabilities(reason: String)
}

extension DatasetError: CustomStringConvertible {
    /// One line naming the place, the value and the fix, starting with `path:line:column:` as
    /// compiler diagnostics do.
    public var description: String {
        switch self {
        case let .unreadableFile(path, reason):
            return "\(path): cannot read the file: \(reason); check the path and its permissions"
        case let .invalidUTF8(path, invalid):
            return "\(path):\(invalid.line): \(invalid) is not valid UTF-8; "
                + "save the file as UTF-8, for example with `iconv -f latin1 -t utf-8`"
        case let .emptyFile(path):
            return "\(path): the file is empty; a CSV file needs a header row and data rows"
        case let .missingDataRows(path):
            return "\(path): the file has a header row but no data rows; add at least one row"
        case let .blankLine(path, line):
            return "\(path):\(line): blank line between rows; delete it or fill in the row"
        case let .unterminatedQuote(path, line, column):
            return "\(path):\(line):\(column): the double quote opened here is never closed; "
                + "add the closing quote"
        case let .misplacedQuote(path, line, column):
            return "\(path):\(line):\(column): double quote in the middle of a field; "
                + "enclose the whole field in double quotes and write each quote inside it as \"\""
        case let .wrongFieldCount(path, line, expected, found):
            return "\(path):\(line): the row has \(found) fields but the header has \(expected); "
                + "look for a missing value or a comma that needs double quotes around its field"
        case let .emptyColumnName(path, column):
            return "\(path):1:\(column): column \(column) has no name in the header; give it one"
        case let .duplicateColumnName(path, column, name, firstColumn):
            return "\(path):1:\(column): column name '\(name)' is also the name of column "
                + "\(firstColumn); rename one of them"
        case let .missingValue(path, line, column, columnName):
            return "\(path):\(line):\(column): missing value in column '\(columnName)'; "
                + "fill it in or delete the row"
        case let .nonNumericValue(path, line, column, columnName, value):
            return "\(path):\(line):\(column): \(Self.numberProblem(value)) in column "
                + "'\(columnName)'; fix the value or choose it as the label column with "
                + "label=\(columnName)"
        case let .nonNumericLabel(path, line, column, columnName, value):
            return "\(path):\(line):\(column): \(Self.numberProblem(value)) in label column "
                + "'\(columnName)', so it cannot be a regression target; fix the value or "
                + "use task=classification"
        case let .unknownLabelColumn(path, name, header):
            if header.count == 1, let separator = Self.otherSeparator(in: header[0]) {
                return "\(path):1: no column is named '\(name)': the only column is"
                    + " \(Self.list(header)), because LayerLab separates fields with commas and"
                    + " this header uses \(separator); save the file with commas between fields"
                    + " and points as decimal marks"
            }
            return "\(path):1: no column is named '\(name)'; choose one of "
                + "\(Self.list(header)) or give the column's zero-based index"
        case let .labelIndexOutOfRange(path, index, header):
            return "\(path):1: label column index \(index) is outside 0...\(header.count - 1); "
                + "choose an index in that range or one of \(Self.list(header))"
        case let .missingFeatureColumns(path, header):
            if header.count == 1, let separator = Self.otherSeparator(in: header[0]) {
                return "\(path):1: the only column is \(Self.list(header)), because LayerLab"
                    + " separates fields with commas and this header uses \(separator); save"
                    + " the file with commas between fields and points as decimal marks"
            }
            return "\(path):1: the only column, \(Self.list(header)), is the label column; "
                + "add at least one feature column"
        case let .invalidTestFraction(fraction):
            return "test fraction \(fraction) is outside [0, 1); choose a value such as test=0.2"
        case let .emptyTrainingSet(rowCount, testFraction):
            return "a test fraction of \(testFraction) leaves none of the \(rowCount) rows "
                + "for training; lower test= or add rows"
        case let .malformedFile(path, offset, isDecompressed, problem):
            let place = isDecompressed ? "byte \(offset) after decompression" : "byte \(offset)"
            return "\(path): \(place): \(problem)"
        case let .missingDataFile(directory, candidates):
            return "\(directory): none of \(Self.list(candidates)) is in this directory; "
                + "put the file there or give another directory"
        case let .sampleCountMismatch(featuresPath, featureRows, labelsPath, labelRows):
            return "\(featuresPath) has \(featureRows) samples but \(labelsPath) has "
                + "\(labelRows) labels; use the labels file that belongs to these samples"
        case let .sampleShapeMismatch(path, shape, otherPath, otherShape):
            return "\(path) has samples of shape \(shape) but \(otherPath) has \(otherShape); "
                + "use files with samples of one shape"
        case let .invalidLabelShape(path, shape):
            return "\(path): labels of shape \(shape) are not [samples] or "
                + "[samples, outputs]; save one label per sample"
        case let .nonIntegerClassLabel(path, index, value):
            return "\(path): label \(index) is \(value), which is not a class number; "
                + "use integer labels or task=regression"
        case let .invalidOption(name, value, expected):
            return "\(name)=\(value) is invalid; choose \(expected)"
        case let .seriesTooShort(name, length, window, horizon):
            return "\(name): the series has \(length) values, but one window of \(window) "
                + "inputs with a target \(horizon) step\(horizon == 1 ? "" : "s") ahead needs "
                + "\(window + horizon); lower length= or horizon="
        case let .emptyText(path):
            return "\(path): the file has no text to learn from; give a file with at least "
                + "one non-empty line"
        case let .textTooShort(path, characterCount, contextLength):
            return "\(path): the text has \(characterCount) characters, but a context of "
                + "\(contextLength) and the character after it need \(contextLength + 1); "
                + "lower length= or use a longer text"
        case let .oneHotTooLarge(sampleCount, contextLength, vocabularySize, limit):
            return "\(sampleCount) samples of \(contextLength) one-hot characters over "
                + "\(vocabularySize) symbols need more than \(limit) bytes; keep fewer samples "
                + "with limit=, lower length= or use a shorter text"
        case let .invalidProbabilities(reason):
            return "cannot sample a character: \(reason); retrain the model, for example with "
                + "a lower learning rate"
        }
    }

    /// Returns the reason `value` was not accepted as a number: text that does not parse, or a
    /// number that is not finite in Float32 (`nan`, `inf`, or a magnitude above about 3.4e38).
    private static func numberProblem(_ value: String) -> String {
        if let number = Double(value.trimmingASCIIWhitespace()), !number.isNaN {
            return "'\(value)' is not a finite Float32 number"
        }
        return "'\(value)' is not a number"
    }

    /// Names the semicolons or tabs that separate a header's fields in place of commas, or
    /// returns nil when the header has neither.
    private static func otherSeparator(in header: String) -> String? {
        if header.contains(";") { return "semicolons" }
        if header.contains("\t") { return "tabs" }
        return nil
    }

    /// Quotes column names for a message, eliding the middle of a long header. The last names
    /// stay visible because the label column is usually there.
    private static func list(_ names: [String]) -> String {
        let quoted = names.map { "'\($0)'" }
        guard quoted.count > 12 else { return quoted.joined(separator: ", ") }
        let elided = quoted.count - 10
        return (quoted.prefix(8) + ["… \(elided) more …"] + quoted.suffix(2))
            .joined(separator: ", ")
    }
}
