/// Turns a line of the command language into a `Command`.
///
/// The prompt, session files and the headless runner all call `parse(line:)`, so a line means
/// the same wherever it is typed. Keywords, option names and enumerated values ignore case, while
/// paths, column names and narration keep it. `CommandCatalog` documents each command.
public enum Parser {
    /// Parses one line, returning `nil` for a line that is empty or holds only a comment.
    public static func parse(line: String) throws(ParseError) -> Command? {
        let tokens = try Tokenizer.tokenize(line)
        guard !tokens.isEmpty else { return nil }
        return try LineParser(source: line, tokens: tokens).parse()
    }
}

/// The tokens of one non-empty line and the parse functions of the individual commands, which
/// live in the `LineParser+…` files by command group.
struct LineParser {
    let source: [Character]
    let tokens: [Token]
    /// The column just after the last token, where a missing argument is reported.
    let endColumn: Int

    init(source: String, tokens: [Token]) {
        precondition(!tokens.isEmpty, "LineParser needs at least one token")
        self.source = Array(source)
        self.tokens = tokens
        self.endColumn = tokens[tokens.count - 1].columns.upperBound + 1
    }

    func parse() throws(ParseError) -> Command {
        let first = tokens[0]
        guard first.kind == .word else {
            throw ParseError(
                .expectedCommand(first.text), columns: first.columns,
                alternatives: CommandCatalog.commandWords)
        }

        let word = first.value.lowercased()
        switch word {
        case "data": return try parseData()
        case "input": return try parseInput()
        case "dense": return try parseDense()
        case "rnn", "lstm", "gru": return try parseRecurrent(word)
        case _ where CommandCatalog.activationWords.contains(word): return try parseActivation(word)
        case "conv2d": return try parseConv2D()
        case "conv1d": return try parseConv1D()
        case "maxpool": return try parsePool(.max)
        case "avgpool": return try parsePool(.average)
        case "flatten": return try parseBare("flatten", .flatten)
        case "dropout": return try parseDropout()
        case "batchnorm": return try parseBatchNorm()
        case "pop": return try parseBare("pop", .pop)
        case "clear": return try parseBare("clear", .clear)
        case "reset": return try parseBare("reset", .reset)
        case "loss": return try parseLoss()
        case "optimizer": return try parseOptimizer()
        case "batch": return try parseBatch()
        case "seed": return try parseSeed()
        case "regularize": return try parseRegularize()
        case "code": return try parseCode()
        case "train": return try parseTrain()
        case "eval": return try parseEval()
        case "predict": return try parsePredict()
        case "summary": return try parseBare("summary", .summary)
        case "generate": return try parseGenerate()
        case "pause": return try parseBare("pause", .pause)
        case "resume": return try parseBare("resume", .resume)
        case "stop": return try parseBare("stop", .stop)
        case "step": return try parseBare("step", .step)
        case "set": return try parseSet()
        case "forward": return try parseForward()
        case "backward": return try parseBare("backward", .backward)
        case "next": return try parseBare("next", .next)
        case "prev": return try parseBare("prev", .previous)
        case "undo": return try parseBare("undo", .undo)
        case "explain": return try parseExplain()
        case "gradcheck": return try parseBare("gradcheck", .gradientCheck)
        case "graph": return try parseBare("graph", .graph)
        case "save": return try parseSave()
        case "load": return try parseLoad()
        case "export": return try parseExport()
        case "history": return try parseBare("history", .history)
        case "say": return parseSay()
        case "wait": return try parseBare("wait", .wait)
        case "help": return try parseHelp()
        case "quit", "exit": return try parseBare("quit", .quit)
        default:
            throw ParseError.unknown(
                .unknownWord(first.text, category: .command), typed: word,
                columns: first.columns, alternatives: CommandCatalog.commandWords,
                accepted: CommandCatalog.acceptedCommandWords)
        }
    }

    /// Returns a reader over the tokens from `index` on, checked against the entry `name`.
    func reader(_ name: String, argumentsFrom index: Int) throws(ParseError) -> ArgumentReader {
        try ArgumentReader(
            tokens[min(index, tokens.count)...], entry: CommandCatalog.requiredEntry(name),
            endColumn: endColumn)
    }

    /// Parses a command that takes neither arguments nor options.
    func parseBare(_ name: String, _ command: Command) throws(ParseError) -> Command {
        try reader(name, argumentsFrom: 1).finish()
        return command
    }

    /// Returns the entry that the second word selects in a family such as `optimizer adam`, or
    /// `nil` when the line ends after the family word.
    func subcommandEntry(
        of family: String, category: ParseError.WordCategory
    ) throws(ParseError) -> CommandEntry? {
        guard tokens.count > 1 else { return nil }
        return try ValueParser.keyword(tokens[1], category: category, subcommandChoices(family))
    }

    /// Returns the error for a family word with nothing after it, such as a bare `optimizer`.
    func missingSubcommand(of family: String, placeholder: String) -> ParseError {
        let words = subcommandChoices(family).map(\.word).joined(separator: "|")
        return ParseError(
            .missingArgument(placeholder), columns: endColumn...endColumn,
            usage: "\(family) \(words) ...")
    }

    /// Returns the second words of a family with the entries they select, aliases included,
    /// in catalog order: `sgd`, `gd`, `momentum`, `adam` for `optimizer`.
    private func subcommandChoices(_ family: String) -> [(word: String, value: CommandEntry)] {
        var choices: [(word: String, value: CommandEntry)] = []
        for entry in CommandCatalog.subcommandEntries(of: family) {
            choices.append((entry.words[1], entry))
            for alias in entry.aliases where alias.hasPrefix(family + " ") {
                choices.append((String(alias.dropFirst(family.count + 1)), entry))
            }
        }
        return choices
    }
}
