import Testing

@testable import Workbench

/// Returns the error that parsing `line` throws, or `nil` when the line parses.
private func parseError(_ line: String) -> ParseError? {
    do {
        _ = try Parser.parse(line: line)
        return nil
    } catch {
        return error
    }
}

/// `rnn`, `lstm` and `gru`: the commands they parse to, the errors they raise, and their help.
@Suite struct RecurrentParserTests {
    static let cases: [(String, Command)] = [
        ("rnn 16", .recurrent(RecurrentOptions(cell: .rnn, units: 16))),
        (
            "LSTM 32 sequences=yes",
            .recurrent(RecurrentOptions(cell: .lstm, units: 32, returnSequences: true))
        ),
        ("gru 8", .recurrent(RecurrentOptions(cell: .gru(.chapter), units: 8))),
        (
            "gru 8 form=PyTorch sequences=no",
            .recurrent(RecurrentOptions(cell: .gru(.pytorch), units: 8, returnSequences: false))
        ),
        (
            "gru 4 sequences=true form=chapter",
            .recurrent(RecurrentOptions(cell: .gru(.chapter), units: 4, returnSequences: true))
        ),
    ]

    @Test(arguments: cases)
    func lineParses(line: String, expected: Command) throws {
        #expect(try Parser.parse(line: line) == expected)
    }

    /// Each line with the columns of the offending token and the whole message.
    static let errorCases: [(String, ClosedRange<Int>, String)] = [
        ("rnn", 4...4, "missing argument UNITS. Usage: rnn UNITS [sequences=yes|no]"),
        ("lstm 0", 6...6, "invalid value '0' for UNITS. Expected a whole number of at least 1"),
        (
            "gru 8 form=keras", 12...16,
            "invalid value 'keras' for form. Valid values: chapter, pytorch"
        ),
        (
            "rnn 8 form=chapter", 7...18,
            "unknown option 'form' for rnn. Valid options: sequences"
        ),
        (
            "lstm 8 sequences=maybe", 18...22,
            "invalid value 'maybe' for sequences. Valid values: yes, no"
        ),
        (
            "gru 8 relu", 7...10,
            "unexpected argument 'relu'. Usage: gru UNITS [form=chapter|pytorch]"
                + " [sequences=yes|no]"
        ),
    ]

    @Test(arguments: errorCases)
    func lineFails(line: String, columns: ClosedRange<Int>, message: String) throws {
        let error = try #require(parseError(line))
        #expect(error.columns == columns)
        #expect(error.message == message)
    }

    @Test func misspelledRecurrentLayerIsSuggested() throws {
        let error = try #require(parseError("lstn 8"))
        #expect(error.suggestion == "lstm")
    }


    @Test func helpShowsTheChapterEquationsAndGateOrder() throws {
        func flat(_ topic: String) throws -> String {
            let text = try #require(CommandCatalog.helpText(topic: topic))
            return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        let rnn = try flat("rnn")
        #expect(rnn.contains("h(t) = tanh(W_hh h(t-1) + W_hx x(t) + b_h)"))
        #expect(rnn.contains("H * (I + H + 2) parameters"))
        let lstm = try flat("lstm")
        #expect(lstm.contains("C(t) = f(t) * C(t-1) + i(t) * C~(t)"))
        #expect(lstm.contains("in the order i, f, g, o"))
        let gru = try flat("gru")
        #expect(gru.contains("chapter: h~(t) = tanh(W x(t) + U (r(t) * h(t-1)) + b)"))
        #expect(gru.contains("pytorch: h~(t) = tanh(W x(t) + b_in + r(t) * (U h(t-1) + b_hn))"))
        #expect(gru.contains("in the order r, z, n"))
        #expect(gru.contains("Weights exported to PyTorch need form=pytorch"))
        #expect(gru.contains("Default: chapter."))
    }
}
