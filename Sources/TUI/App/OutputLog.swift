import Workbench

/// The lines of the output log that the screen keeps: the newest `capacity` of them.
struct OutputLog {
    static let capacity = 5000

    private(set) var lines: [LogLine] = []
    /// The number of lines ever appended, the dropped ones included.
    private(set) var appendedCount = 0

    /// Appends lines, dropping the oldest beyond `capacity`.
    mutating func append(contentsOf newLines: [LogLine]) {
        lines.append(contentsOf: newLines)
        appendedCount += newLines.count
        // Trimming in chunks keeps the cost of removing from the front rare.
        if lines.count > OutputLog.capacity + OutputLog.capacity / 10 {
            lines.removeFirst(lines.count - OutputLog.capacity)
        }
    }

    /// Appends a message of the screen itself.
    mutating func append(message: String) {
        append(contentsOf: [LogLine(kind: .message, text: message)])
    }
}
