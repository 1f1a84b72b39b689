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
    /// batch size that would fit, or how to raise the bound when no batch fits.
    static func batchTooLargeMessage(_ memory: ActivationMemory, _ limit: MemoryLimit) -> String {
        var bound =
            switch limit.source {
            case .memAvailable: "the \(megabytes(limit.availableBytes)) of memory available"
            case .addressSpace:
                "the \(megabytes(limit.availableBytes)) left under the address-space limit"
                    + " (ulimit -v)"
            }
        if let addressSpaceLimit = limit.addressSpaceLimit {
            bound += " of \(grouped(addressSpaceLimit / 1024)) kB"
        }

        var parts = "\(megabytes(memory.activationBytes)) for the layers' outputs and their"
            + " gradients, \(megabytes(memory.parameterStateBytes)) for copies of the parameters"
        if memory.workBufferBytes > 0 {
            parts += ", \(megabytes(memory.workBufferBytes)) for the work buffer that OpenBLAS"
                + " allocates on its first matrix product"
        }

        let largest = memory.largest
        var message = "training on a batch of \(memory.batchSize) needs about"
            + " \(megabytes(memory.totalBytes)) (\(parts)), more than \(bound); the output of"
            + " layer \(largest.index) (\(largest.kind)) and its gradient alone need"
            + " \(megabytes(largest.bytes))"

        // The activations grow in proportion to the batch size, and the rest does not.
        let fixedBytes = Double(memory.parameterStateBytes) + Double(memory.workBufferBytes)
        let room = Double(limit.availableBytes) - fixedBytes
        let fitting = room <= 0 ? 0
            : Int(Double(memory.batchSize) * room / Double(memory.activationBytes))
        if fitting >= 1 {
            // Half of the batch that just fits leaves room for what the estimate leaves out.
            return message + ". Lower the batch size, for example `batch \(max(1, fitting / 2))`"
        }

        let fixedPartTooLarge = room <= 0 && memory.workBufferBytes > 0
        // A smaller layer does not help when the work buffer alone takes the room.
        let smallerLayer = fixedPartTooLarge ? "" : "make layer \(largest.index) smaller or "
        message += fixedPartTooLarge
            ? ". The parameter copies and OpenBLAS's work buffer alone do not fit, so "
            : ". Even one sample does not fit, so "
        guard limit.source == .addressSpace else {
            return message + smallerLayer + "free memory"
        }

        // Twice the shortfall on top of the present limit leaves room for what the estimate
        // leaves out, rounded up to 100,000 kB.
        let shortfall = max(0, memory.totalBytes - limit.availableBytes)
        let current = limit.addressSpaceLimit ?? limit.availableBytes
        let suggested = ((current + 2 * shortfall) / 1024 / 100_000 + 1) * 100_000
        return message + smallerLayer + "raise the limit before starting LayerLab, for example"
            + " `ulimit -v \(suggested)`"
    }

    /// Formats a byte count in megabytes (10⁶ bytes), as `153.6 MB` or `4,096 MB`.
    static func megabytes(_ bytes: Int) -> String {
        let value = Double(bytes) / 1e6
        return value < 100 ? format(value, digits: 1) + " MB" : grouped(Int(value.rounded())) + " MB"
    }
}
