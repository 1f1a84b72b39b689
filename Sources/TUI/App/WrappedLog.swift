/// The output log wrapped into the log pane's rows, updated by wrapping only the lines appended
/// since the last update.
///
/// Scrolling and drawing the log pane then cost the same for a log of ten lines and one of
/// thousands: a page is a slice of `rows`, and the scroll limit comes from `rows.count`. A
/// change of width wraps the whole log again, once. Lines the log dropped, from its start or,
/// for epoch lines, from the middle, take their rows with them without any rewrapping.
struct WrappedLog {
    /// The wrapped rows of every line in the log, oldest first.
    private(set) var rows: [LogPane.VisibleLine] = []
    /// The row width in columns that `rows` were wrapped to, or 0 before the first update.
    private(set) var width = 0
    /// The number of log lines wrapped since this value was made, for tests that check that an
    /// update wraps only the new lines.
    private(set) var wrappedLineCount = 0
    /// The number of rows each wrapped log line took, oldest first.
    private var rowCounts: [Int] = []
    /// The `OutputLog.serials` of the wrapped lines.
    private var serials: [Int] = []

    /// Brings `rows` up to date with `log` at `width` columns: drops the rows of the lines the
    /// log dropped and wraps the lines it gained. A width of 0 or less keeps no rows.
    mutating func update(from log: OutputLog, width: Int) {
        if width != self.width {
            rows = []
            rowCounts = []
            serials = []
            self.width = width
        }
        guard width > 0 else { return }

        if !keepsPrefix(of: log) {
            dropLinesMissing(from: log)
        }
        let firstNewIndex = serials.count
        for (line, serial) in zip(log.lines[firstNewIndex...], log.serials[firstNewIndex...]) {
            let lineRows = LogPane.wrapped(line, width: width)
            rows += lineRows
            rowCounts.append(lineRows.count)
            serials.append(serial)
            wrappedLineCount += 1
        }
    }

    /// Returns whether the wrapped lines are the log's first lines, so that only appended
    /// lines are missing. Serials increase and new lines come after the wrapped ones, so equal
    /// first and last serials mean that no wrapped line was dropped.
    private func keepsPrefix(of log: OutputLog) -> Bool {
        guard let first = serials.first, let last = serials.last else { return true }
        return serials.count <= log.serials.count && log.serials[0] == first
            && log.serials[serials.count - 1] == last
    }

    /// Removes the rows of wrapped lines that the log no longer has, keeping the others' rows.
    private mutating func dropLinesMissing(from log: OutputLog) {
        var keptRows: [LogPane.VisibleLine] = []
        var keptCounts: [Int] = []
        var keptSerials: [Int] = []
        var rowStart = 0
        var logIndex = 0
        for (serial, count) in zip(serials, rowCounts) {
            while logIndex < log.serials.count && log.serials[logIndex] < serial {
                logIndex += 1
            }
            if logIndex < log.serials.count && log.serials[logIndex] == serial {
                keptRows += rows[rowStart..<(rowStart + count)]
                keptCounts.append(count)
                keptSerials.append(serial)
            }
            rowStart += count
        }
        rows = keptRows
        rowCounts = keptCounts
        serials = keptSerials
    }
}
