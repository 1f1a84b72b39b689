import Foundation
import Testing

@testable import Workbench

/// The line-mode prompt's reader on a pipe: line endings, the end of input, and a signal that
/// must end the wait although no input comes.
@Suite struct LineReaderTests {
    /// A pipe whose read end the reader takes; the write end is closed by `closeWriter`.
    final class Pipe {
        let readEnd: Int32
        private(set) var writeEnd: Int32

        init() throws {
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else { throw POSIXError(.EMFILE) }
            readEnd = ends[0]
            writeEnd = ends[1]
        }

        func send(_ bytes: [UInt8]) {
            let written = bytes.withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
            precondition(written == bytes.count)
        }

        func closeWriter() {
            close(writeEnd)
            writeEnd = -1
        }

        deinit {
            if writeEnd >= 0 { close(writeEnd) }
            close(readEnd)
        }
    }

    @Test func splitsLinesAndEndsAtClose() throws {
        let pipe = try Pipe()
        pipe.send(Array("train 5\nsummary\r\n\nquit".utf8))
        pipe.closeWriter()
        let reader = LineReader(fileDescriptor: pipe.readEnd)
        var events: [LineReader.Event] = []
        for _ in 0..<6 {
            events.append(reader.next { false })
        }
        #expect(events == [.line("train 5"), .line("summary"), .line(""), .line("quit"), .end, .end])
    }

    @Test func invalidUTF8BecomesReplacement() throws {
        let pipe = try Pipe()
        pipe.send([0x73, 0x61, 0x79, 0x20, 0xFF, 0x0A])
        pipe.closeWriter()
        let reader = LineReader(fileDescriptor: pipe.readEnd)
        #expect(reader.next { false } == .line("say \u{FFFD}"))
    }

    @Test func signalComesBeforeBufferedLines() throws {
        let pipe = try Pipe()
        pipe.send(Array("eval\nhistory\n".utf8))
        let reader = LineReader(fileDescriptor: pipe.readEnd)
        #expect(reader.next { false } == .line("eval"))
        #expect(reader.next { true } == .signal)
        // The line read before the signal is still there.
        #expect(reader.next { false } == .line("history"))
    }

    /// No input ever arrives and the write end stays open, so only the signal check, asked
    /// after each `poll` times out, can end the wait.
    @Test func signalEndsWaitWithoutInput() throws {
        let pipe = try Pipe()
        let reader = LineReader(fileDescriptor: pipe.readEnd, pollInterval: 10)
        var checks = 0
        let event = reader.next {
            checks += 1
            return checks == 4
        }
        #expect(event == .signal)
        #expect(checks == 4)
        pipe.send(Array("quit\n".utf8))
        #expect(reader.next { false } == .line("quit"))
    }

    /// A pipe is not a terminal, so its writer closing is the end of input, not a hang-up.
    @Test func closedPipeIsNoHangUp() throws {
        let pipe = try Pipe()
        pipe.closeWriter()
        let reader = LineReader(fileDescriptor: pipe.readEnd)
        #expect(reader.next { false } == .end)
    }
}
