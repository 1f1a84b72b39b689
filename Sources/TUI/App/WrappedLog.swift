/// The output log wrapped into the log pane's rows, updated by wrapping only the lines appended
/// since the last update.
///
/// Scrolling and drawing the log pane then cost the same for a log of ten lines and one of
/// thousands: a page is a slice of `rows`, and the scroll limit comes from `rows.count`. A
/// change of width wraps the whole log again, once.
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
    /// The position of the oldest wrapped line among all lines ever appended to the log.
    private var firstLineNumber = 0

    /// Brings `rows` up to date with `log` at `width` columns: drops the rows of the lines the
    /// log dropped and wraps the lines it gained. A width of 0 or less keeps no rows.
    mutating func update(from log: OutputLog, width: Int) {
        let logFirstLineNumber = log.appendedCount - log.lines.count
        let cachedEnd = firstLineNumber + rowCounts.count
        let isStale = cachedEnd < logFirstLineNumber || cachedEnd > log.appendedCount
        if width != self.width || isStale {
            rows = []
            rowCounts = []
            firstLineNumber = logFirstLineNumber
            self.width = width
        }
        guard width > 0 else { return }

        let droppedLines = logFirstLineNumber - firstLineNumber
        if droppedLines > 0 {
            rows.removeFirst(rowCounts.prefix(droppedLines).reduce(0, +))
            rowCounts.removeFirst(droppedLines)
            firstLineNumber = logFirstLineNumber
        }

        let firstNewIndex = firstLineNumber + rowCounts.count - logFirstLineNumber
        for line in log.lines[firstNewIndex...] {
            let lineRows = LogPane.wrapped(line, width: width)
            rows += lineRows
            rowCounts.append(lineRows.count)
            wrappedLineCount += 1
        }
    }
}
