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

    @Test func messagesHaveMessageKind() {
        var log = OutputLog()
        log.append(message: "paused")
        #expect(log.lines == [LogLine(kind: .message, text: "paused")])
    }
}
