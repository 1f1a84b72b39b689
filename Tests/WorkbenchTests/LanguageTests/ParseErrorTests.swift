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

private let allCommands =
    "data, input, dense, relu, leakyrelu, elu, sigmoid, tanh, softmax, pop, clear, reset,"
    + " conv2d, conv1d, maxpool, avgpool, flatten, dropout, batchnorm, rnn, lstm, gru, loss,"
    + " optimizer, batch, seed, regularize, code, train, eval, predict, summary, generate,"
    + " pause, resume, stop, step, set, forward, backward, next, prev, undo, explain,"
    + " gradcheck, graph, say, wait, save, load, export, history, help, quit"

@Suite struct ParseErrorTests {
    @Test func unknownCommandSuggestsClosest() throws {
        let error = try #require(parseError("dnse 8"))
        #expect(error.reason == .unknownWord("dnse", category: .command))
        #expect(error.columns == 1...4)
        #expect(error.suggestion == "dense")
        #expect(
            error.message
                == "unknown command 'dnse'; did you mean 'dense'? Valid commands: " + allCommands)
    }

    @Test func renderedMessageNamesFileLineAndColumn() throws {
        let error = try #require(parseError("dnse 8"))
        #expect(
            error.renderedMessage(file: "iris.lab", line: 3)
                == "iris.lab:3:1: unknown command 'dnse'; did you mean 'dense'? Valid commands: "
                + allCommands)
    }

    @Test func unknownCommandWithoutSuggestion() throws {
        let error = try #require(parseError("  frobnicate now"))
        #expect(error.columns == 3...12)
        #expect(error.suggestion == nil)
        #expect(error.message == "unknown command 'frobnicate'. Valid commands: " + allCommands)
    }

    @Test func lineMustStartWithACommandWord() throws {
        let error = try #require(parseError(#""dense" 8"#))
        #expect(error.reason == .expectedCommand(#""dense""#))
        #expect(error.columns == 1...7)
        #expect(
            error.message == #"expected a command, got '"dense"'. Valid commands: "# + allCommands)
    }

    @Test func unknownOptionListsValidOptions() throws {
        let error = try #require(parseError("optimizer adam lr=0.01 betta1=0.8"))
        #expect(error.reason == .unknownOption("betta1", command: "optimizer adam"))
        #expect(error.columns == 24...33)
        #expect(
            error.message
                == "unknown option 'betta1' for optimizer adam; did you mean 'beta1'?"
                + " Valid options: lr, beta1, beta2, eps, weight_decay")
    }

    @Test func optionOfAnotherOptimizerIsUnknown() throws {
        let error = try #require(parseError("optimizer sgd beta1=0.9"))
        #expect(error.columns == 15...23)
        #expect(
            error.message
                == "unknown option 'beta1' for optimizer sgd."
                + " Valid options: lr, momentum, nesterov, weight_decay")
    }

    @Test func optionOnCommandWithoutOptions() throws {
        let error = try #require(parseError("pop x=1"))
        #expect(error.columns == 5...7)
        #expect(error.message == "unknown option 'x' for pop, which takes no options")
    }

    @Test func badNumberPointsAtTheValue() throws {
        let error = try #require(parseError("optimizer sgd lr=abc"))
        let expected = "a number greater than 0"
        #expect(error.reason == .invalidValue("abc", subject: "lr", expected: expected))
        #expect(error.columns == 18...20)
        #expect(error.message == "invalid value 'abc' for lr. Expected a number greater than 0")
    }

    @Test(arguments: [
        (
            "optimizer sgd momentum=1", 24...24,
            "invalid value '1' for momentum. Expected a number from 0 up to but not including 1"
        ),
        (
            "optimizer sgd lr=0", 18...18,
            "invalid value '0' for lr. Expected a number greater than 0"
        ),
        (
            "optimizer sgd lr=-0.1", 18...21,
            "invalid value '-0.1' for lr. Expected a number greater than 0"
        ),
        (
            "optimizer adam eps=0", 20...20,
            "invalid value '0' for eps. Expected a number greater than 0"
        ),
        (
            "optimizer adam beta2=1", 22...22,
            "invalid value '1' for beta2. Expected a number from 0 up to but not including 1"
        ),
        (
            "optimizer adam beta1=-0.5", 22...25,
            "invalid value '-0.5' for beta1. Expected a number from 0 up to but not including 1"
        ),
        (
            "optimizer sgd weight_decay=-1e-4", 28...32,
            "invalid value '-1e-4' for weight_decay. Expected a number of at least 0"
        ),
        (
            "data load x.csv test=1", 22...22,
            "invalid value '1' for test. Expected a number from 0 up to but not including 1"
        ),
        (
            "leakyrelu slope=-1", 17...18,
            "invalid value '-1' for slope. Expected a number of at least 0"
        ),
        (
            "dense 8 elu alpha=nan", 19...21,
            "invalid value 'nan' for alpha. Expected a finite number of at least 0"
        ),
        (
            "optimizer sgd lr=0x10", 18...21,
            "invalid value '0x10' for lr. Expected a number greater than 0"
        ),
        (
            "optimizer sgd lr=1e39", 18...21,
            "invalid value '1e39' for lr. Expected a number greater than 0 below 3.4e38 in size"
        ),
        (
            "optimizer adam lr=inf", 19...21,
            "invalid value 'inf' for lr. Expected a finite number greater than 0"
        ),
        (
            "optimizer sgd lr=1e999", 18...22,
            "invalid value '1e999' for lr. Expected a finite number greater than 0"
        ),
        (
            "optimizer adam eps=1e-50", 20...24,
            "invalid value '1e-50' for eps."
                + " Expected a number greater than 0 after rounding to a 32-bit float"
        ),
        (
            "set lr 0", 8...8,
            "invalid value '0' for lr. Expected a number greater than 0"
        ),
    ] as [(String, ClosedRange<Int>, String)])
    func numberOutOfRange(line: String, columns: ClosedRange<Int>, message: String) throws {
        let error = try #require(parseError(line))
        #expect(error.columns == columns)
        #expect(error.message == message)
    }

    @Test(arguments: [
        ("dense 0", 7...7, "invalid value '0' for UNITS. Expected a whole number of at least 1"),
        (
            "dense 2.5", 7...9,
            "invalid value '2.5' for UNITS. Expected a whole number of at least 1"
        ),
        ("train 0", 7...7, "invalid value '0' for N. Expected a whole number of at least 1"),
        ("train ten", 7...9, "invalid value 'ten' for N. Expected a whole number of at least 1"),
        (
            "seed -1", 6...7,
            "invalid value '-1' for SEED. Expected a whole number from 0 to 18446744073709551615"
        ),
        (
            "seed 18446744073709551616", 6...25,
            "invalid value '18446744073709551616' for SEED."
                + " Expected a whole number from 0 to 18446744073709551615"
        ),
        (
            "batch zero", 7...10,
            "invalid value 'zero' for SIZE. Expected a whole number of at least 1, or all"
        ),
        (
            "set batch 0", 11...11,
            "invalid value '0' for SIZE. Expected a whole number of at least 1, or all"
        ),
        (
            "input 1x0x8", 7...11,
            "invalid value '1x0x8' for SIZE."
                + " Expected a whole number of at least 1, or sizes joined by x as in 1x8x8"
        ),
        (
            "input 4 x", 9...9,
            "invalid value 'x' for SIZE."
                + " Expected a whole number of at least 1, or sizes joined by x as in 1x8x8"
        ),
        ("predict 1 abc", 11...13, "invalid value 'abc' for VALUE. Expected a number"),
        ("predict inf", 9...11, "invalid value 'inf' for VALUE. Expected a finite number"),
        ("predict ,", 9...9, "invalid value ',' for VALUE. Expected a number"),
        (
            "data load x.csv label=-1", 23...24,
            "invalid value '-1' for label."
                + " Expected a column name or a zero-based column index of at least 0"
        ),
        (
            #"data load x.csv label="""#, 23...24,
            "invalid value '' for label. Expected a column name or a zero-based column index"
        ),
        (#"data load """#, 11...12, "invalid value '' for PATH. Expected a file path"),
    ] as [(String, ClosedRange<Int>, String)])
    func invalidArgumentValue(line: String, columns: ClosedRange<Int>, message: String) throws {
        let error = try #require(parseError(line))
        #expect(error.columns == columns)
        #expect(error.message == message)
    }

    @Test func nesterovNeedsMomentum() throws {
        let error = try #require(parseError("optimizer sgd nesterov=yes"))
        #expect(error.columns == 24...26)
        #expect(
            error.message
                == "invalid value 'yes' for nesterov."
                + " Expected no unless momentum is greater than 0, for example momentum=0.9")
    }

    @Test func enumeratedValueSuggestsClosest() throws {
        let error = try #require(parseError("dense 8 init=xaviar"))
        #expect(error.reason == .invalidValue("xaviar", subject: "init", expected: nil))
        #expect(error.columns == 14...19)
        #expect(error.alternatives == ["xavier", "he"])
        #expect(
            error.message
                == "invalid value 'xaviar' for init; did you mean 'xavier'?"
                + " Valid values: xavier, he")
    }

    @Test func yesNoValueListsBoth() throws {
        let error = try #require(parseError("dense 8 bias=maybe"))
        #expect(error.columns == 14...18)
        #expect(error.message == "invalid value 'maybe' for bias. Valid values: yes, no")
    }

    @Test func taskValueSuggestsClosest() throws {
        let error = try #require(parseError("data load x.csv task=regresion"))
        #expect(error.columns == 22...30)
        #expect(
            error.message
                == "invalid value 'regresion' for task; did you mean 'regression'?"
                + " Valid values: classification, regression")
    }

    @Test func unknownActivationAfterDense() throws {
        let error = try #require(parseError("dense 8 rellu"))
        #expect(error.reason == .unknownWord("rellu", category: .activation))
        #expect(error.columns == 9...13)
        #expect(
            error.message
                == "unknown activation 'rellu'; did you mean 'relu'?"
                + " Valid activations: relu, leakyrelu, elu, sigmoid, tanh, softmax")
    }

    @Test func unknownLossSuggestsClosest() throws {
        let error = try #require(parseError("loss crossentopy"))
        #expect(error.columns == 6...16)
        #expect(
            error.message
                == "unknown loss 'crossentopy'; did you mean 'crossentropy'?"
                + " Valid losses: mse, bce, crossentropy, reconstruction")
    }

    @Test func unknownLossWithoutSuggestion() throws {
        let error = try #require(parseError("loss hinge"))
        #expect(
            error.message
                == "unknown loss 'hinge'. Valid losses: mse, bce, crossentropy, reconstruction")
    }

    @Test func unknownOptimizerListsAliases() throws {
        let error = try #require(parseError("optimizer adm lr=0.1"))
        #expect(error.columns == 11...13)
        #expect(
            error.message
                == "unknown optimizer 'adm'; did you mean 'adam'?"
                + " Valid optimizers: sgd, gd, momentum, adam, adagrad, adadelta")
    }

    @Test func unknownDataSubcommand() throws {
        let error = try #require(parseError("data lod x.csv"))
        #expect(error.columns == 6...8)
        #expect(
            error.message
                == "unknown data subcommand 'lod'; did you mean 'load'?"
                + " Valid data subcommands: load, info, spiral, circle, xor, gaussian, moons,"
                + " plane, mnist, npy, window, text")
    }

    @Test func unknownTrainingUnit() throws {
        let error = try #require(parseError("train 5 epoc"))
        #expect(error.columns == 9...12)
        #expect(
            error.message
                == "unknown training unit 'epoc'; did you mean 'epoch'?"
                + " Valid training units: epochs, steps")
    }

    @Test func unknownSplit() throws {
        let error = try #require(parseError("eval tset"))
        #expect(error.columns == 6...9)
        #expect(
            error.message == "unknown split 'tset'; did you mean 'test'? Valid splits: train, test")
    }

    @Test func unknownSetting() throws {
        let error = try #require(parseError("set momentum 0.5"))
        #expect(error.columns == 5...12)
        #expect(error.message == "unknown setting 'momentum'. Valid settings: lr, batch")
    }

    @Test func unknownHelpTopicSpansAllWords() throws {
        let error = try #require(parseError("help dnse now"))
        #expect(error.columns == 6...13)
        #expect(error.reason == .unknownWord("dnse now", category: .helpTopic))

        let single = try #require(parseError("help dnse"))
        #expect(single.suggestion == "dense")
        #expect(single.message.hasPrefix("unknown help topic 'dnse'; did you mean 'dense'?"))
    }

    @Test(arguments: [
        (
            "dense", 6...6,
            "missing argument UNITS. Usage: dense UNITS [ACTIVATION] [init=xavier|he] [bias=yes|no]"
        ),
        (
            "dense init=he # units first", 14...14,
            "missing argument UNITS. Usage: dense UNITS [ACTIVATION] [init=xavier|he] [bias=yes|no]"
        ),
        (
            "data load", 10...10,
            "missing argument PATH. Usage: data load PATH [label=NAME|INDEX] [test=FRACTION]"
                + " [standardize=yes|no] [task=classification|regression]"
        ),
        (
            "optimizer", 10...10,
            "missing argument OPTIMIZER. Usage: optimizer sgd|gd|momentum|adam|adagrad|adadelta"
                + " ..."
        ),
        ("set", 4...4, "missing argument SETTING. Usage: set lr|batch ..."),
        ("set lr", 7...7, "missing argument RATE. Usage: set lr X"),
        (
            "loss", 5...5,
            "missing argument LOSS. Usage: loss mse|bce|crossentropy|reconstruction"
        ),
        ("input", 6...6, "missing argument SIZE. Usage: input SIZE [SIZE ...]"),
        ("train  ", 6...6, "missing argument N. Usage: train N [epochs|steps]"),
        ("predict", 8...8, "missing argument VALUE. Usage: predict VALUE [VALUE ...]"),
        ("batch", 6...6, "missing argument SIZE. Usage: batch N|all"),
        ("seed", 5...5, "missing argument SEED. Usage: seed N"),
    ] as [(String, ClosedRange<Int>, String)])
    func missingArgumentShowsUsage(
        line: String, columns: ClosedRange<Int>, message: String
    ) throws {
        let error = try #require(parseError(line))
        #expect(error.columns == columns)
        #expect(error.message == message)
    }

    @Test(arguments: [
        ("pop now", 5...7, "unexpected argument 'now'. Usage: pop"),
        (
            "dense 8 relu extra", 14...18,
            "unexpected argument 'extra'. Usage: dense UNITS [ACTIVATION] [init=xavier|he]"
                + " [bias=yes|no]"
        ),
        (
            "loss mse bce", 10...12,
            "unexpected argument 'bce'. Usage: loss mse|bce|crossentropy|reconstruction"
        ),
        ("eval test train", 11...15, "unexpected argument 'train'. Usage: eval [train|test]"),
        ("data info x", 11...11, "unexpected argument 'x'. Usage: data info"),
        ("set lr 0.1 0.2", 12...14, "unexpected argument '0.2'. Usage: set lr X"),
        ("set lr=0.1 0.2", 12...14, "unexpected argument '0.2'. Usage: set lr X"),
        ("quit \"now\"", 6...10, #"unexpected argument '"now"'. Usage: quit"#),
    ] as [(String, ClosedRange<Int>, String)])
    func extraArgumentShowsUsage(line: String, columns: ClosedRange<Int>, message: String) throws {
        let error = try #require(parseError(line))
        #expect(error.columns == columns)
        #expect(error.message == message)
    }

    @Test func unterminatedQuoteMessage() throws {
        let error = try #require(parseError(#"say "hello"#))
        #expect(error.reason == .unterminatedQuote)
        #expect(error.columns == 5...5)
        #expect(
            error.renderedMessage(file: "intro.lab", line: 12)
                == #"intro.lab:12:5: unterminated quote. Add a closing " to end the string"#)
    }

    @Test func quoteInsideWordMessage() throws {
        let error = try #require(parseError(#"data load my"file".csv"#))
        #expect(error.columns == 13...13)
        #expect(
            error.message
                == #"unexpected quote inside 'my"'."#
                + " Quote the whole word or the whole option value")
    }

    @Test func duplicateOptionPointsAtSecond() throws {
        let error = try #require(parseError("optimizer adam lr=0.1 lr=0.2"))
        #expect(error.columns == 23...28)
        #expect(error.message == "duplicate option 'lr'. Give each option once")
    }

    @Test func duplicateOptionIgnoresCase() throws {
        let error = try #require(parseError("optimizer adam lr=0.1 LR=0.2"))
        #expect(error.reason == .duplicateOption("lr"))
    }

    @Test func emptyOptionValue() throws {
        let error = try #require(parseError("optimizer adam lr= beta1=0.8"))
        #expect(error.columns == 19...19)
        #expect(error.message == "missing value after 'lr='")
    }

    @Test func activationOptionNeedsItsActivation() throws {
        let error = try #require(parseError("dense 8 relu slope=0.2"))
        #expect(error.columns == 14...22)
        #expect(error.message == "option 'slope' is only valid with leakyrelu")

        let withoutActivation = try #require(parseError("dense 8 alpha=1"))
        #expect(withoutActivation.message == "option 'alpha' is only valid with elu")
    }

    @Test func caretMarksTheToken() throws {
        let error = try #require(parseError("optimizer sgd lr=abc"))
        #expect(
            error.caretDiagram(for: "optimizer sgd lr=abc")
                == "optimizer sgd lr=abc\n                 ^~~")
    }

    @Test func caretKeepsTabsAligned() throws {
        let error = try #require(parseError("\tdnse"))
        #expect(error.caretDiagram(for: "\tdnse") == "\tdnse\n\t^~~~")
    }

    @Test func caretForMissingArgumentFollowsLine() throws {
        let error = try #require(parseError("dense"))
        #expect(error.caretDiagram(for: "dense") == "dense\n     ^")
    }
}
