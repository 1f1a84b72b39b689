import Testing
import Workbench

@testable import TUI

struct OutputLogTests {
    @Test func keepsTheNewestLines() {
        var log = OutputLog()
        let lines = (0..<6000).map { LogLine(kind: .message, text: "line \($0)") }
        log.append(contentsOf: lines)
        #expect(log.lines.count == OutputLog.capacity)
        #expect(log.lines.last?.text == "line 5999")
        #expect(log.lines.first?.text == "line 1000")
    }

    @Test func growsPastCapacityOnlyBriefly() {
        var log = OutputLog()
        for index in 0..<20000 {
            log.append(message: "line \(index)")
            #expect(log.lines.count <= OutputLog.capacity + OutputLog.capacity / 10)
        }
        #expect(log.lines.last?.text == "line 19999")
    }

    @Test func appendedCountIncludesDroppedLines() {
        var log = OutputLog()
        log.append(contentsOf: (0..<6000).map { LogLine(kind: .message, text: "line \($0)") })
        log.append(message: "one more")
        #expect(log.appendedCount == 6001)
    }

    /// A reply typed during fast training must outlive any number of epoch lines after it.
    @Test func epochLinesNeverPushOutReplies() {
        var log = OutputLog()
        log.append(contentsOf: (0..<100).map { LogLine(kind: .epoch, text: "epoch \($0)") })
        log.append(contentsOf: [
            LogLine(kind: .command, text: "pop"),
            LogLine(kind: .error, text: "error: `pop` cannot run while training"),
        ])
        for chunk in 0..<40 {
            log.append(
                contentsOf: (0..<500).map {
                    LogLine(kind: .epoch, text: "epoch \(100 + chunk * 500 + $0)")
                })
        }
        #expect(log.lines.contains(LogLine(kind: .command, text: "pop")))
        #expect(log.lines.contains { $0.kind == .error })
        #expect(log.lines.last?.text == "epoch 20099")
        let epochLines = log.lines.count { $0.kind == .epoch }
        #expect(epochLines >= OutputLog.capacity)
        #expect(epochLines <= OutputLog.capacity + OutputLog.capacity / 10)
        #expect(log.serials.count == log.lines.count)
        #expect(log.serials.last == log.appendedCount - 1)
        #expect(zip(log.serials, log.serials.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func messagesHaveMessageKind() {
        var log = OutputLog()
        log.append(message: "paused")
        #expect(log.lines == [LogLine(kind: .message, text: "paused")])
    }

    @Test func outputLogStoresAsciiWhenAsked() {
        var plain = OutputLog()
        plain.asciiOnly = true
        var unicode = OutputLog()
        let lines = [
            LogLine(kind: .message, text: "loss ▁▃▅█ 0.25"),
            LogLine(kind: .epoch, text: "epoch 1 · loss 0.25"),
        ]
        plain.append(contentsOf: lines)
        plain.append(message: "a → b")
        unicode.append(contentsOf: lines)
        #expect(plain.lines.map(\.text) == ["loss _-=# 0.25", "epoch 1 * loss 0.25", "a -> b"])
        #expect(plain.lines.map(\.kind) == [.message, .epoch, .message])
        #expect(unicode.lines == lines)
    }
}
