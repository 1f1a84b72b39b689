import Testing

@testable import Workbench

/// `data spiral N` and the other generated sets: the options they parse to, the errors they
/// raise, and completion.
@Suite struct ToyDataParserTests {
    static let cases: [(String, Command)] = [
        (
            "data spiral 400 noise=0.1 test=0.2",
            .dataToy(ToyDataOptions(kind: .spiral, count: 400, noise: 0.1, testFraction: 0.2))
        ),
        (
            "data spiral 300 classes=3 standardize=yes test=0",
            .dataToy(
                ToyDataOptions(
                    kind: .spiral, count: 300, noise: 0.1, classes: 3, testFraction: 0,
                    standardize: true))
        ),
        (
            "DATA Circle 50",
            .dataToy(
                ToyDataOptions(
                    kind: .circle, count: 50, noise: 0.1, classes: 2, testFraction: 0.2,
                    standardize: false))
        ),
        ("data xor 4 noise=0", .dataToy(ToyDataOptions(kind: .xor, count: 4, noise: 0))),
        (
            "data gaussian 200 classes=4",
            .dataToy(ToyDataOptions(kind: .gaussian, count: 200, noise: 0.3, classes: 4))
        ),
        ("data moons 1000000", .dataToy(ToyDataOptions(kind: .moons, count: 1_000_000))),
        (
            "data plane 20 noise=1.5 # a tilted plane",
            .dataToy(ToyDataOptions(kind: .plane, count: 20, noise: 1.5))
        ),
        ("data spiral 8 classes=4", .dataToy(ToyDataOptions(kind: .spiral, count: 8, classes: 4))),
    ]

    @Test(arguments: cases)
    func lineParses(line: String, expected: Command) throws {
        #expect(try Parser.parse(line: line) == expected)
    }

    /// Each line with the columns of the offending token and the whole message.
    static let errorCases: [(String, ClosedRange<Int>, String)] = [
        (
            "data spiral 3", 13...13,
            "invalid value '3' for N. Expected a whole number of at least 4"
        ),
        (
            "data moons 1000001", 12...18,
            "invalid value '1000001' for N. Expected a whole number from 4 to 1000000"
        ),
        (
            "data circle 2.5", 13...15,
            "invalid value '2.5' for N. Expected a whole number of at least 4"
        ),
        (
            "data spiral 400 noise=-0.1", 23...26,
            "invalid value '-0.1' for noise. Expected a number of at least 0"
        ),
        (
            "data xor 100 test=1", 19...19,
            "invalid value '1' for test. Expected a number from 0 up to but not including 1"
        ),
        (
            "data spiral 10 classes=6", 24...24,
            "invalid value '6' for classes. Expected a whole number from 2 to 5, half of the"
                + " 10 points, so each class has at least 2"
        ),
        (
            "data gaussian 100 classes=1", 27...27,
            "invalid value '1' for classes. Expected a whole number from 2 to 50, half of the"
                + " 100 points, so each class has at least 2"
        ),
        (
            "data circle 100 classes=3", 17...25,
            "unknown option 'classes' for data circle. Valid options: noise, test, standardize"
        ),
        (
            "data spiral", 12...12,
            "missing argument N. Usage: data spiral N [noise=X] [test=FRACTION]"
                + " [standardize=yes|no] [classes=K]"
        ),
        (
            "data moons 100 200", 16...18,
            "unexpected argument '200'. Usage: data moons N [noise=X] [test=FRACTION]"
                + " [standardize=yes|no]"
        ),
    ]

    static func parseError(_ line: String) -> ParseError? {
        do {
            _ = try Parser.parse(line: line)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: errorCases)
    func lineFails(line: String, columns: ClosedRange<Int>, message: String) {
        let error = Self.parseError(line)
        #expect(error?.columns == columns)
        #expect(error?.message == message)
    }

    @Test func unknownSetSuggestsClosest() throws {
        let error = try #require(Self.parseError("data spirl 400"))
        #expect(error.reason == .unknownWord("spirl", category: .subcommand(of: "data")))
        #expect(error.columns == 6...10)
        #expect(error.suggestion == "spiral")
        #expect(
            error.message
                == "unknown data subcommand 'spirl'; did you mean 'spiral'?"
                + " Valid data subcommands: load, info, spiral, circle, xor, gaussian, moons,"
                + " plane, mnist, npy, window, text")
    }

    @Test func completionOffersSetsAndOptions() {
        func complete(_ line: String) -> [String] {
            CommandCatalog.completions(forLine: line, cursor: line.count)
        }
        #expect(complete("data sp") == ["spiral"])
        #expect(complete("data m") == ["moons", "mnist"])
        #expect(complete("data spiral 400 ") == ["noise=", "test=", "standardize=", "classes="])
        #expect(complete("data circle 400 ") == ["noise=", "test=", "standardize="])
        #expect(complete("data circle 400 st") == ["standardize="])
        #expect(complete("data xor 200 standardize=") == ["standardize=yes", "standardize=no"])
    }

    @Test func helpShowsFormulaAndDefaults() throws {
        let text = try #require(CommandCatalog.helpText(topic: "data spiral"))
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("angle = 2*pi * (0.75 * t + k/K)"))
        #expect(flat.contains("Default: 0.1."))
        #expect(flat.contains("Default: no."))
        let gaussian = try #require(CommandCatalog.helpText(topic: "data gaussian"))
        #expect(gaussian.contains("Default: 0.3."))
    }
}
