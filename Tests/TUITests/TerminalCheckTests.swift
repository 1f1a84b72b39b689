import Testing
import TUI

struct TerminalCheckTests {
    @Test func screenNeedsTerminalsAndAUsableTerm() {
        let term = ["TERM": "xterm-256color"]
        #expect(TerminalCheck.reasonScreenIsUnavailable(
            environment: term, stdinIsTerminal: true, stdoutIsTerminal: true) == nil)
        #expect(TerminalCheck.reasonScreenIsUnavailable(
            environment: term, stdinIsTerminal: false, stdoutIsTerminal: true) != nil)
        #expect(TerminalCheck.reasonScreenIsUnavailable(
            environment: term, stdinIsTerminal: true, stdoutIsTerminal: false) != nil)
        #expect(TerminalCheck.reasonScreenIsUnavailable(
            environment: [:], stdinIsTerminal: true, stdoutIsTerminal: true) != nil)
        #expect(TerminalCheck.reasonScreenIsUnavailable(
            environment: ["TERM": "dumb"], stdinIsTerminal: true, stdoutIsTerminal: true) != nil)
    }
}
