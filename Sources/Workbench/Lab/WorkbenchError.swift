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
    /// One batch's activations would need more memory than the process can still get.
    case batchTooLarge(ActivationMemory, MemoryLimit)

    public var description: String {
        switch self {
        case .parse(let error): error.message
        case .dataset(let error): error.description
        case .shape(let error): error.description
        case .missing(let what, let fix): "\(what); \(fix)"
        case .invalid(let message): message
        case .notFinite(let message): message
        case .persistence(let error): error.description
        case .batchTooLarge(let memory, let limit): Self.batchTooLargeMessage(memory, limit)
        }
    }

    /// The 1-based column the error points at, when it comes from a token of the line.
    public var column: Int? {
        if case .parse(let error) = self { return error.columns.lowerBound }
        return nil
    }
}

extension WorkbenchError {
    /// Renders `batchTooLarge`: the estimate, the bound it exceeds, the largest layer and the
    /// batch size that would fit.
    static func batchTooLargeMessage(_ memory: ActivationMemory, _ limit: MemoryLimit) -> String {
        let bound =
            switch limit.source {
            case .memAvailable: "the \(megabytes(limit.availableBytes)) of memory available"
            case .addressSpace:
                "the \(megabytes(limit.availableBytes)) left under the address-space limit"
                    + " (ulimit -v)"
            }
        let largest = memory.largest
        var message = "training on a batch of \(memory.batchSize) needs about"
            + " \(megabytes(memory.totalBytes)) (\(megabytes(memory.activationBytes)) for the"
            + " layers' outputs and their gradients, \(megabytes(memory.parameterStateBytes))"
            + " for copies of the parameters), more than \(bound); the output of layer"
            + " \(largest.index) (\(largest.kind)) and its gradient alone need"
            + " \(megabytes(largest.bytes))"
        // The activations grow in proportion to the batch size, and the copies do not.
        let room = Double(limit.availableBytes) - Double(memory.parameterStateBytes)
        let fitting = room <= 0 ? 0
            : Int(Double(memory.batchSize) * room / Double(memory.activationBytes))
        if fitting >= 1 {
            // Half of the batch that just fits leaves room for what the estimate leaves out.
            message += ". Lower the batch size, for example `batch \(max(1, fitting / 2))`"
        } else {
            message += ". Even one sample does not fit, so make layer \(largest.index) smaller"
                + " or free memory"
        }
        return message
    }

    /// Formats a byte count in megabytes (10⁶ bytes), as `153.6 MB` or `4,096 MB`.
    static func megabytes(_ bytes: Int) -> String {
        let value = Double(bytes) / 1e6
        return value < 100 ? format(value, digits: 1) + " MB" : grouped(Int(value.rounded())) + " MB"
    }
}
