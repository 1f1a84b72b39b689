/// Parse functions for the data and the training set-up.
extension LineParser {
    func parseData() throws(ParseError) -> Command {
        let category = ParseError.WordCategory.subcommand(of: "data")
        guard let entry = try subcommandEntry(of: "data", category: category),
            entry.name != "data info"
        else {
            try reader("data info", argumentsFrom: 2).finish()
            return .dataInfo
        }
        if Self.dataFileEntryNames.contains(entry.name) {
            return try parseDataFile(entry)
        }
        if entry.name != "data load" {
            return try parseToyData(entry)
        }

        var arguments = try reader("data load", argumentsFrom: 2)
        let pathToken = try arguments.required("PATH")
        try arguments.finish()
        guard !pathToken.value.isEmpty else {
            throw ValueParser.invalid(pathToken, subject: "PATH", expected: "a file path")
        }

        var options = DataLoadOptions(path: pathToken.value)
        if let token = arguments.option("label") {
            options.label = try columnReference(token)
        }
        options.testFraction = try arguments.number("test", .unitInterval)
        options.standardize = try arguments.yesNo("standardize")
        if let token = arguments.option("task") {
            let choices = TaskKind.allCases.map { (word: $0.rawValue, value: $0) }
            options.task = try ValueParser.choice(token, subject: "task", choices)
        }
        return .dataLoad(options)
    }

    func parseLoss() throws(ParseError) -> Command {
        var arguments = try reader("loss", argumentsFrom: 1)
        let token = try arguments.required("LOSS")
        try arguments.finish()

        let choices: [(word: String, value: LossKind)] = [
            ("mse", .mse), ("bce", .bce), ("crossentropy", .crossentropy),
            ("ce", .crossentropy), ("cross_entropy", .crossentropy),
            ("binary_crossentropy", .bce), ("reconstruction", .reconstruction),
        ]
        let shown = LossKind.allCases.map(\.rawValue)
        return .loss(try ValueParser.keyword(token, category: .loss, choices, shown: shown))
    }

    func parseOptimizer() throws(ParseError) -> Command {
        guard let entry = try subcommandEntry(of: "optimizer", category: .optimizer) else {
            throw missingSubcommand(of: "optimizer", placeholder: "OPTIMIZER")
        }
        let arguments = try reader(entry.name, argumentsFrom: 2)
        try arguments.finish()
        if entry.name == "optimizer adagrad" || entry.name == "optimizer adadelta" {
            return try parseAdaptiveOptimizer(arguments)
        }

        let learningRate = try arguments.float("lr", .positive)
        let weightDecay = try arguments.float("weight_decay", .nonNegative)
        if entry.name == "optimizer adam" {
            return .optimizer(
                .adam(
                    learningRate: learningRate, beta1: try arguments.float("beta1", .unitInterval),
                    beta2: try arguments.float("beta2", .unitInterval),
                    epsilon: try arguments.float("eps", .positive), weightDecay: weightDecay))
        }

        let momentum = try arguments.float("momentum", .unitInterval)
        let nesterov = try arguments.yesNo("nesterov")
        if nesterov, momentum == 0, let token = arguments.option("nesterov") {
            throw ValueParser.invalid(
                token, subject: "nesterov",
                expected: "no unless momentum is greater than 0, for example momentum=0.9")
        }
        return .optimizer(
            .sgd(
                learningRate: learningRate, momentum: momentum, nesterov: nesterov,
                weightDecay: weightDecay))
    }

    func parseBatch() throws(ParseError) -> Command {
        var arguments = try reader("batch", argumentsFrom: 1)
        let token = try arguments.required("SIZE")
        try arguments.finish()
        return .batch(try batchSize(token))
    }

    func parseSeed() throws(ParseError) -> Command {
        var arguments = try reader("seed", argumentsFrom: 1)
        let token = try arguments.required("SEED")
        try arguments.finish()
        return .seed(try ValueParser.unsignedInteger(token, subject: "SEED"))
    }

    /// Reads `N` or `all` for `batch` and `set batch`.
    func batchSize(_ token: Token) throws(ParseError) -> BatchSize {
        if token.value.lowercased() == "all" {
            return .all
        }
        guard let size = Int(token.value), size >= 1 else {
            throw ValueParser.invalid(
                token, subject: "SIZE", expected: "a whole number of at least 1, or all")
        }
        return .size(size)
    }

    /// Reads the value of `label=`: a whole number is a zero-based column index, any other
    /// value (and any quoted value) is a header name.
    private func columnReference(_ token: Token) throws(ParseError) -> ColumnReference {
        guard token.value.contains(where: { !$0.isWhitespace }) else {
            throw ValueParser.invalid(
                token, subject: "label", expected: "a column name or a zero-based column index")
        }
        if case .option(_, valueQuoted: true) = token.kind {
            return .name(token.value)
        }
        if let index = Int(token.value) {
            guard index >= 0 else {
                throw ValueParser.invalid(
                    token, subject: "label",
                    expected: "a column name or a zero-based column index of at least 0")
            }
            return .index(index)
        }
        return .name(token.value)
    }
}
