import Datasets
import Engine

/// Why a command could not run. Rendered to one line of text in `description`, which names the
/// value at fault and what to do instead.
public enum WorkbenchError: Error, CustomStringConvertible {
    case parse(ParseError)
    case dataset(DatasetError)
    case shape(ShapeError)
    /// A command that needs something the session does not have yet, with the command that
    /// provides it.
    case missing(what: String, fix: String)
    /// A command whose values do not fit the current session.
    case invalid(String)
    /// Training produced a loss or gradient that is not a number.
    case notFinite(String)
    /// Saving, loading, exporting or the journal failed.
    case persistence(PersistenceError)

    public var description: String {
        switch self {
        case .parse(let error): error.message
        case .dataset(let error): error.description
        case .shape(let error): error.description
        case .missing(let what, let fix): "\(what); \(fix)"
        case .invalid(let message): message
        case .notFinite(let message): message
        case .persistence(let error): error.description
        }
    }

    /// The 1-based column the error points at, when it comes from a token of the line.
    public var column: Int? {
        if case .parse(let error) = self { return error.columns.lowerBound }
        return nil
    }
}
