import Testing
import Workbench

@testable import TUI

struct WrappedLogTests {
    static func lines(_ range: Range<Int>) -> [LogLine] {
        range.map { index in
            let kind: LogLine.Kind = index % 3 == 0 ? .command : .message
            let words = String(repeating: "word ", count: index % 7)
            return LogLine(kind: kind, text: "line \(index) " + words)
        }
    }

    /// The rows of every line wrapped afresh, which the cache must always equal.
    static func freshRows(_ log: OutputLog, width: Int) -> [LogPane.VisibleLine] {
        log.lines.flatMap { LogPane.wrapped($0, width: width) }
    }

    @Test func updateWrapsOnlyAppendedLines() {
        var log = OutputLog()
        var wrapped = WrappedLog()
        log.append(contentsOf: Self.lines(0..<100))
        wrapped.update(from: log, width: 20)
        #expect(wrapped.wrappedLineCount == 100)
        #expect(wrapped.rows == Self.freshRows(log, width: 20))

        log.append(contentsOf: Self.lines(100..<103))
        wrapped.update(from: log, width: 20)
        #expect(wrapped.wrappedLineCount == 103)
        #expect(wrapped.rows == Self.freshRows(log, width: 20))

        wrapped.update(from: log, width: 20)
        #expect(wrapped.wrappedLineCount == 103)
    }

    @Test func widthChangeWrapsAgain() {
        var log = OutputLog()
        var wrapped = WrappedLog()
        log.append(contentsOf: Self.lines(0..<50))
        wrapped.update(from: log, width: 20)
        wrapped.update(from: log, width: 35)
        #expect(wrapped.wrappedLineCount == 100)
        #expect(wrapped.width == 35)
        #expect(wrapped.rows == Self.freshRows(log, width: 35))
    }

    @Test func droppedLinesLeaveRows() {
        var log = OutputLog()
        var wrapped = WrappedLog()
        var appended = 0
        // Updating after each chunk makes the log trim its oldest lines between updates.
        while appended < 3 * OutputLog.capacity {
            log.append(contentsOf: Self.lines(appended..<appended + 700))
            appended += 700
            wrapped.update(from: log, width: 24)
        }
        #expect(log.appendedCount > log.lines.count)
        #expect(wrapped.wrappedLineCount == appended)
        #expect(wrapped.rows == Self.freshRows(log, width: 24))
    }

    @Test func zeroWidthKeepsNoRows() {
        var log = OutputLog()
        var wrapped = WrappedLog()
        log.append(contentsOf: Self.lines(0..<10))
        wrapped.update(from: log, width: 0)
        #expect(wrapped.rows.isEmpty)
        wrapped.update(from: log, width: 30)
        #expect(wrapped.rows == Self.freshRows(log, width: 30))
    }

    /// Epoch lines dropped from between replies take their rows along, and no line is wrapped
    /// twice.
    @Test func droppedEpochLinesLeaveRows() {
        var log = OutputLog()
        var wrapped = WrappedLog()
        var appended = 0
        while appended < 3 * OutputLog.capacity {
            var chunk = (0..<690).map { index in
                LogLine(kind: .epoch, text: "epoch \(appended + index) loss 0.25 accuracy 0.9")
            }
            chunk += Self.lines(appended..<appended + 10)
            log.append(contentsOf: chunk)
            appended += chunk.count
            wrapped.update(from: log, width: 24)
        }
        #expect(log.lines.count { $0.kind != .epoch } == appended / 700 * 10)
        #expect(log.lines.count < appended)
        #expect(wrapped.wrappedLineCount == appended)
        #expect(wrapped.rows == Self.freshRows(log, width: 24))
    }
}
