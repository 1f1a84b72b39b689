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

/// `data mnist`, `data npy`, `data window`, `data text` and `generate`: the commands they
/// parse to and the errors they raise.
@Suite struct DataFileParserTests {
    static let cases: [(String, Command)] = [
        ("data mnist data/mnist", .dataMNIST(MNISTOptions(directory: "data/mnist"))),
        (
            #"data mnist "my digits" limit=100"#,
            .dataMNIST(MNISTOptions(directory: "my digits", limit: 100))
        ),
        ("data npy x.npy y.npy", .dataNPY(NPYOptions(featuresPath: "x.npy", labelsPath: "y.npy"))),
        (
            "data npy x.npy y.npy test=0.5 task=regression standardize=yes",
            .dataNPY(
                NPYOptions(
                    featuresPath: "x.npy", labelsPath: "y.npy", testFraction: 0.5,
                    task: .regression, standardize: true))
        ),
        (
            "data window s.csv column=sunspot_number length=12",
            .dataWindow(WindowOptions(path: "s.csv", column: .name("sunspot_number"), length: 12))
        ),
        (
            "data window s.csv length=5 column=1 horizon=3 test=0 scale=standard",
            .dataWindow(
                WindowOptions(
                    path: "s.csv", column: .index(1), length: 5, horizon: 3, testFraction: 0,
                    scaling: .standard))
        ),
        (
            #"data window s.csv column="7" length=2 scale=none"#,
            .dataWindow(
                WindowOptions(path: "s.csv", column: .name("7"), length: 2, scaling: .none))
        ),
        ("data text words.txt", .dataText(TextOptions(path: "words.txt"))),
        (
            "data text t.txt length=32 mode=TEXT limit=5000 test=0.05",
            .dataText(
                TextOptions(
                    path: "t.txt", contextLength: 32, mode: .text, limit: 5000,
                    testFraction: 0.05))
        ),
        ("generate", .generate(GenerateOptions())),
        (
            "generate 20 temperature=0.5 prefix=qu",
            .generate(GenerateOptions(count: 20, temperature: 0.5, prefix: "qu"))
        ),
        (
            #"generate prefix="the " temperature=0"#,
            .generate(GenerateOptions(temperature: 0, prefix: "the "))
        ),
    ]

    @Test(arguments: cases)
    func lineParses(line: String, expected: Command) throws {
        #expect(try Parser.parse(line: line) == expected)
    }

    /// Each line with the columns of the offending token and the whole message.
    static let errorCases: [(String, ClosedRange<Int>, String)] = [
        (
            "data window s.csv length=12", 28...28,
            "missing argument column=NAME|INDEX. Usage: " + windowUsage
        ),
        (
            "data window s.csv column=x", 27...27,
            "missing argument length=W. Usage: " + windowUsage
        ),
        (
            "data window column=x length=3", 30...30,
            "missing argument FILE. Usage: " + windowUsage
        ),
        (
            "data window s.csv column=x length=0", 35...35,
            "invalid value '0' for length. Expected a whole number of at least 1"
        ),
        (
            "data window s.csv column=-1 length=3", 26...27,
            "invalid value '-1' for column. Expected a column name or a zero-based column index"
                + " of at least 0"
        ),
        (
            "data window s.csv column=x length=3 horizon=0", 45...45,
            "invalid value '0' for horizon. Expected a whole number of at least 1"
        ),
        (
            "data window s.csv column=x length=3 scale=log", 43...45,
            "invalid value 'log' for scale. Valid values: minmax, standard, none"
        ),
        (
            "data window s.csv column=x length=3 test=1", 42...42,
            "invalid value '1' for test. Expected a number from 0 up to but not including 1"
        ),
        (
            "data text w.txt mode=lines", 22...26,
            "invalid value 'lines' for mode. Valid values: words, text"
        ),
        (
            "data text w.txt limit=0", 23...23,
            "invalid value '0' for limit. Expected a whole number of at least 1"
        ),
        (
            "data text w.txt length=2.5", 24...26,
            "invalid value '2.5' for length. Expected a whole number of at least 1"
        ),
        (
            "data text w.txt stride=2", 17...24,
            "unknown option 'stride' for data text. Valid options: length, mode, limit, test"
        ),
        ("data mnist", 11...11, "missing argument DIR. Usage: data mnist DIR [limit=N]"),
        (
            "data mnist d limit=-5", 20...21,
            "invalid value '-5' for limit. Expected a whole number of at least 1"
        ),
        ("data npy x.npy", 15...15, "missing argument LABELS. Usage: " + npyUsage),
        ("data npy x.npy y.npy z.npy", 22...26, "unexpected argument 'z.npy'. Usage: " + npyUsage),
        (
            "data npy x.npy y.npy task=images", 27...32,
            "invalid value 'images' for task. Valid values: classification, regression"
        ),
        ("generate 0", 10...10, "invalid value '0' for N. Expected a whole number of at least 1"),
        (
            "generate 10001", 10...14,
            "invalid value '10001' for N. Expected a whole number from 1 to 10000"
        ),
        (
            "generate temperature=-1", 22...23,
            "invalid value '-1' for temperature. Expected a number of at least 0"
        ),
        (
            "generate 5 words", 12...16,
            "unexpected argument 'words'. Usage: generate [N] [temperature=X] [prefix=TEXT]"
        ),
    ]

    static let windowUsage =
        "data window FILE column=NAME|INDEX length=W [horizon=N] [test=FRACTION]"
        + " [scale=minmax|standard|none]"
    static let npyUsage =
        "data npy FEATURES LABELS [test=FRACTION] [task=classification|regression]"
        + " [standardize=yes|no]"

    @Test(arguments: errorCases)
    func lineFails(line: String, columns: ClosedRange<Int>, message: String) throws {
        let error = try #require(parseError(line))
        #expect(error.columns == columns)
        #expect(error.message == message)
    }

    @Test func misspelledDataSubcommandIsSuggested() throws {
        let error = try #require(parseError("data windw s.csv"))
        #expect(error.suggestion == "window")
    }
}
