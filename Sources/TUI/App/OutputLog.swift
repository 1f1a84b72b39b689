import Workbench

/// The lines of the output log that the screen keeps: the newest `capacity` epoch lines and,
/// apart from them, the newest `capacity` other lines.
///
/// Fast training writes thousands of epoch lines a second, so one retention for all lines
/// would push out a command's reply or error within seconds. With two, epoch lines only ever
/// push out older epoch lines.
struct OutputLog {
    static let capacity = 5000

    /// Whether appended lines are stored in ASCII, for a terminal whose locale is not UTF-8.
    var asciiOnly = false

    private(set) var lines: [LogLine] = []
    /// The position of each kept line among all lines ever appended, increasing.
    private(set) var serials: [Int] = []
    /// The number of lines ever appended, the dropped ones included.
    private(set) var appendedCount = 0
    private var epochLineCount = 0

    /// Appends lines, dropping the oldest of a retention beyond `capacity`.
    mutating func append(contentsOf newLines: [LogLine]) {
        if asciiOnly {
            lines.append(
                contentsOf: newLines.map { LogLine(kind: $0.kind, text: ASCIIText.plain($0.text)) })
        } else {
            lines.append(contentsOf: newLines)
        }
        serials.append(contentsOf: appendedCount..<(appendedCount + newLines.count))
        appendedCount += newLines.count
        epochLineCount += newLines.count { $0.kind == .epoch }

        // Trimming in chunks keeps the cost of removing lines rare.
        let limit = OutputLog.capacity + OutputLog.capacity / 10
        let otherLineCount = lines.count - epochLineCount
        guard epochLineCount > limit || otherLineCount > limit else { return }
        var epochsToDrop = max(0, epochLineCount - OutputLog.capacity)
        var othersToDrop = max(0, otherLineCount - OutputLog.capacity)
        var keptLines: [LogLine] = []
        var keptSerials: [Int] = []
        keptLines.reserveCapacity(lines.count)
        keptSerials.reserveCapacity(lines.count)
        for (line, serial) in zip(lines, serials) {
            if line.kind == .epoch && epochsToDrop > 0 {
                epochsToDrop -= 1
                epochLineCount -= 1
            } else if line.kind != .epoch && othersToDrop > 0 {
                othersToDrop -= 1
            } else {
                keptLines.append(line)
                keptSerials.append(serial)
            }
        }
        lines = keptLines
        serials = keptSerials
    }

    /// Appends a message of the screen itself.
    mutating func append(message: String) {
        append(contentsOf: [LogLine(kind: .message, text: message)])
    }
}
