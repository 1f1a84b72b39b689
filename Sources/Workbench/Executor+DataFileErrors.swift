import Datasets

/// The errors of `data window` and `data text` in the words of their options.
///
/// The loaders' messages name the options of their Swift API (`window=`, `context=`, a label
/// column), so the errors whose fix names an option are reworded here for `length=`, `column=`
/// and `limit=`. The others pass through unchanged.
extension Executor {
    static func windowError(_ error: DatasetError) -> WorkbenchError {
        switch error {
        case let .seriesTooShort(name, length, window, horizon):
            return .invalid(
                "\(name): the series has \(length) values, but one window of \(window) values"
                    + " with a target \(horizon) step\(horizon == 1 ? "" : "s") after it needs"
                    + " \(window + horizon); lower length= or horizon=")
        case let .unknownLabelColumn(path, name, header):
            return .invalid(
                "\(path):1: no column is named '\(name)'; choose column= from \(quoted(header))"
                    + " or give the column's zero-based index")
        case let .labelIndexOutOfRange(path, index, header):
            return .invalid(
                "\(path):1: column index \(index) is outside 0...\(header.count - 1); choose"
                    + " column= in that range or one of \(quoted(header))")
        case let .nonNumericValue(path, line, column, columnName, value):
            return .invalid(
                "\(path):\(line):\(column): '\(value)' in column '\(columnName)' is not a"
                    + " finite number; fix the value or choose a numeric column with column=")
        case let .emptyTrainingSet(rowCount, testFraction):
            return .invalid(
                "test=\(testFraction) leaves none of the \(rowCount) windows for training;"
                    + " lower test= or length=")
        default:
            return .dataset(error)
        }
    }

    static func textError(_ error: DatasetError, mode: TextModeKind) -> WorkbenchError {
        switch error {
        case let .textTooShort(path, characterCount, contextLength):
            return .invalid(
                "\(path): the text has \(characterCount) characters, but a context of"
                    + " \(contextLength) and the character after it need \(contextLength + 1);"
                    + " lower length= or use a longer text")
        case let .oneHotTooLarge(sampleCount, contextLength, vocabularySize, limit):
            return .invalid(
                "\(sampleCount) samples of \(contextLength) one-hot characters over"
                    + " \(vocabularySize) symbols need more than \(limit) bytes; lower limit="
                    + " or length=")
        case let .emptyTrainingSet(rowCount, testFraction):
            let unit = mode == .words ? "words" : "windows"
            return .invalid(
                "test=\(testFraction) leaves none of the \(rowCount) \(unit) for training;"
                    + " lower test= or raise limit=")
        default:
            return .dataset(error)
        }
    }

    /// Quotes column names, keeping the first 8 and the last 2 of a long header.
    private static func quoted(_ names: [String]) -> String {
        let quoted = names.map { "'\($0)'" }
        guard quoted.count > 12 else { return quoted.joined(separator: ", ") }
        return (quoted.prefix(8) + ["and \(quoted.count - 10) more"] + quoted.suffix(2))
            .joined(separator: ", ")
    }
}
