/// Parse functions for running, controlling and narrating, and for help.
extension LineParser {
    func parseTrain() throws(ParseError) -> Command {
        var arguments = try reader("train", argumentsFrom: 1)
        let count = try ValueParser.integer(arguments.required("N"), subject: "N", minimum: 1)
        let unitToken = arguments.optional()
        try arguments.finish()

        var unit = TrainUnit.epochs
        if let unitToken {
            let choices: [(word: String, value: TrainUnit)] = [
                ("epochs", .epochs), ("steps", .steps), ("epoch", .epochs), ("step", .steps),
            ]
            unit = try ValueParser.keyword(
                unitToken, category: .trainingUnit, choices, shown: ["epochs", "steps"])
        }
        return .train(count: count, unit: unit)
    }

    func parseEval() throws(ParseError) -> Command {
        var arguments = try reader("eval", argumentsFrom: 1)
        let splitToken = arguments.optional()
        try arguments.finish()

        guard let splitToken else { return .eval(.test) }
        let choices: [(word: String, value: EvalSplit)] = [("train", .train), ("test", .test)]
        return .eval(try ValueParser.keyword(splitToken, category: .split, choices))
    }

    /// Parses `predict`, whose values may be separated by spaces, commas or both.
    func parsePredict() throws(ParseError) -> Command {
        var arguments = try reader("predict", argumentsFrom: 1)
        let first = try arguments.required("VALUE")

        var values: [Double] = []
        for token in [first] + arguments.remaining() {
            for part in token.value.split(separator: ",") {
                let partToken = Token(
                    kind: .word, text: String(part), value: String(part),
                    columns: token.valueColumns)
                values.append(try ValueParser.number(partToken, subject: "VALUE", range: .any))
            }
        }
        guard !values.isEmpty else {
            throw ValueParser.invalid(first, subject: "VALUE", expected: "a number")
        }
        return .predict(values: values)
    }

    /// Parses `set lr X` and `set batch N|all`, also written `set lr=X` and `set batch=N`.
    func parseSet() throws(ParseError) -> Command {
        if tokens.count > 1, let name = tokens[1].optionName, name == "lr" || name == "batch" {
            try reader("set \(name)", argumentsFrom: 2).finish()
            return .set(try setting(name, value: tokens[1]))
        }

        guard let entry = try subcommandEntry(of: "set", category: .setting) else {
            throw missingSubcommand(of: "set", placeholder: "SETTING")
        }
        var arguments = try reader(entry.name, argumentsFrom: 2)
        let name = entry.words[1]
        let value = try arguments.required(entry.arguments[0].placeholder)
        try arguments.finish()
        return .set(try setting(name, value: value))
    }

    /// Returns the text of `say`: the tokens after `say` with the spaces between them as typed
    /// and the quotes of quoted tokens removed.
    func parseSay() -> Command {
        var text = ""
        var previousEnd: Int?
        for token in tokens.dropFirst() {
            if let previousEnd {
                text += String(source[previousEnd..<(token.columns.lowerBound - 1)])
            }
            text += token.kind == .quoted ? token.value : token.text
            previousEnd = token.columns.upperBound
        }
        return .say(text)
    }

    /// Parses `help` and `help TOPIC`, where the topic names a command, an alias or a family
    /// such as `optimizer`.
    func parseHelp() throws(ParseError) -> Command {
        var arguments = try reader("help", argumentsFrom: 1)
        let words = arguments.remaining()
        guard let first = words.first, let last = words.last else {
            return .help(topic: nil)
        }

        let topic = words.map { $0.value.lowercased() }.joined(separator: " ")
        guard !CommandCatalog.entries(forTopic: topic).isEmpty else {
            let typed = words.map(\.text).joined(separator: " ")
            throw ParseError.unknown(
                .unknownWord(typed, category: .helpTopic), typed: topic,
                columns: first.columns.lowerBound...last.columns.upperBound,
                alternatives: CommandCatalog.commandWords,
                accepted: CommandCatalog.acceptedCommandWords)
        }
        return .help(topic: topic)
    }

    private func setting(_ name: String, value: Token) throws(ParseError) -> Setting {
        if name == "lr" {
            return .learningRate(try ValueParser.float(value, subject: "lr", range: .positive))
        }
        return .batch(try batchSize(value))
    }
}
