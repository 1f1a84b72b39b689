/// Parse functions of `data mnist`, `data npy`, `data window` and `data text`.
extension LineParser {
    /// The entries that `parseDataFile` reads.
    static let dataFileEntryNames: Set<String> = [
        "data mnist", "data npy", "data window", "data text",
    ]

    /// Parses the line of the data file command that `entry` names, such as `data window`.
    func parseDataFile(_ entry: CommandEntry) throws(ParseError) -> Command {
        switch entry.name {
        case "data mnist": return try parseMNIST()
        case "data npy": return try parseNPY()
        case "data window": return try parseWindow()
        case "data text": return try parseText()
        default: preconditionFailure("\(entry.name) is not a data file command")
        }
    }

    private func parseMNIST() throws(ParseError) -> Command {
        var arguments = try reader("data mnist", argumentsFrom: 2)
        let directory = try path(arguments.required("DIR"), subject: "DIR")
        try arguments.finish()
        return .dataMNIST(MNISTOptions(directory: directory, limit: try limit(arguments)))
    }

    private func parseNPY() throws(ParseError) -> Command {
        var arguments = try reader("data npy", argumentsFrom: 2)
        let features = try path(arguments.required("FEATURES"), subject: "FEATURES")
        let labels = try path(arguments.required("LABELS"), subject: "LABELS")
        try arguments.finish()

        var options = NPYOptions(featuresPath: features, labelsPath: labels)
        options.testFraction = try arguments.number("test", .unitInterval)
        options.standardize = try arguments.yesNo("standardize")
        if let token = arguments.option("task") {
            let choices = TaskKind.allCases.map { (word: $0.rawValue, value: $0) }
            options.task = try ValueParser.choice(token, subject: "task", choices)
        }
        return .dataNPY(options)
    }

    private func parseWindow() throws(ParseError) -> Command {
        var arguments = try reader("data window", argumentsFrom: 2)
        let file = try path(arguments.required("FILE"), subject: "FILE")
        try arguments.finish()

        let column = try seriesColumn(requiredOption("column", in: arguments))
        let length = try ValueParser.integer(
            requiredOption("length", in: arguments), subject: "length", minimum: 1)
        var options = WindowOptions(path: file, column: column, length: length)
        options.horizon = try ValueParser.integer(
            optionWithDefault("horizon", in: arguments), subject: "horizon", minimum: 1)
        options.testFraction = try arguments.number("test", .unitInterval)
        let choices = SeriesScalingKind.allCases.map { (word: $0.rawValue, value: $0) }
        options.scaling = try ValueParser.choice(
            optionWithDefault("scale", in: arguments), subject: "scale", choices)
        return .dataWindow(options)
    }

    private func parseText() throws(ParseError) -> Command {
        var arguments = try reader("data text", argumentsFrom: 2)
        let file = try path(arguments.required("FILE"), subject: "FILE")
        try arguments.finish()

        var options = TextOptions(path: file)
        options.contextLength = try ValueParser.integer(
            optionWithDefault("length", in: arguments), subject: "length", minimum: 1)
        let choices = TextModeKind.allCases.map { (word: $0.rawValue, value: $0) }
        options.mode = try ValueParser.choice(
            optionWithDefault("mode", in: arguments), subject: "mode", choices)
        options.limit = try limit(arguments)
        options.testFraction = try arguments.number("test", .unitInterval)
        return .dataText(options)
    }

    /// Returns a path argument, which must not be empty.
    private func path(_ token: Token, subject: String) throws(ParseError) -> String {
        guard !token.value.isEmpty else {
            throw ValueParser.invalid(token, subject: subject, expected: "a file or folder path")
        }
        return token.value
    }

    /// Reads `limit=N`, a whole number of at least 1, or `nil` when the line lacks it.
    private func limit(_ arguments: ArgumentReader) throws(ParseError) -> Int? {
        guard let token = arguments.option("limit") else { return nil }
        return try ValueParser.integer(token, subject: "limit", minimum: 1)
    }

    /// Reads the series column of `column=NAME|INDEX`: a quoted value or a value that is not a
    /// whole number is a header name, and a whole number is a zero-based position.
    private func seriesColumn(_ token: Token) throws(ParseError) -> ColumnReference {
        guard token.value.contains(where: { !$0.isWhitespace }) else {
            throw ValueParser.invalid(
                token, subject: "column", expected: "a column name or a zero-based column index")
        }
        if case .option(_, valueQuoted: true) = token.kind {
            return .name(token.value)
        }
        guard let index = Int(token.value) else { return .name(token.value) }
        guard index >= 0 else {
            throw ValueParser.invalid(
                token, subject: "column",
                expected: "a column name or a zero-based column index of at least 0")
        }
        return .index(index)
    }

    /// Returns the token of an option that the line must contain, or throws `missingArgument`
    /// with the usage line.
    private func requiredOption(
        _ name: String, in arguments: ArgumentReader
    ) throws(ParseError) -> Token {
        guard let token = arguments.option(name) else {
            let syntax = arguments.entry.option(named: name)?.valueSyntax ?? "X"
            throw ParseError(
                .missingArgument("\(name)=\(syntax)"), columns: endColumn...endColumn,
                usage: arguments.entry.usage)
        }
        return token
    }

    /// Returns the option as typed or its catalog default.
    private func optionWithDefault(_ name: String, in arguments: ArgumentReader) -> Token {
        guard let token = arguments.optionOrDefault(name) else {
            preconditionFailure("option '\(name)' of \(arguments.entry.name) needs a default")
        }
        return token
    }
}
