/// The tokens after a command's name, read in order by the parser.
///
/// Options may appear anywhere among the positional arguments. Creating a reader checks the
/// option names against the command's catalog entry, so a parse function reads only the
/// options it defines. An absent option reads as its catalog default, which keeps every default
/// in one place.
struct ArgumentReader {
    let entry: CommandEntry
    private let positionals: [Token]
    private let options: [String: Token]
    private var nextIndex = 0
    /// The column just after the line's last token, where a missing argument is reported.
    private let endColumn: Int

    /// Sorts `tokens` into positional arguments and options, and throws for an option that
    /// `entry` does not define, appears twice, has no value or lacks its required word.
    init(_ tokens: ArraySlice<Token>, entry: CommandEntry, endColumn: Int) throws(ParseError) {
        var positionals: [Token] = []
        var options: [String: Token] = [:]
        for token in tokens {
            guard let name = token.optionName else {
                positionals.append(token)
                continue
            }
            guard entry.option(named: name) != nil else {
                throw ParseError.unknown(
                    .unknownOption(name, command: entry.name), typed: name,
                    columns: token.columns, alternatives: entry.options.map(\.name))
            }
            guard options[name] == nil else {
                throw ParseError(.duplicateOption(name), columns: token.columns)
            }
            if token.value.isEmpty, case .option(_, valueQuoted: false) = token.kind {
                throw ParseError(.missingOptionValue(name), columns: token.valueColumns)
            }
            options[name] = token
        }

        let words = Set(positionals.map { $0.value.lowercased() })
        for option in entry.options {
            if let word = option.requiredWord, let token = options[option.name],
                !words.contains(word)
            {
                throw ParseError(.optionNeedsWord(option.name, word: word), columns: token.columns)
            }
            if let other = option.requiredOption, let token = options[option.name],
                options[other] == nil
            {
                let syntax = entry.option(named: other)?.valueSyntax ?? "X"
                throw ParseError(
                    .optionNeedsWord(option.name, word: "\(other)=\(syntax)"),
                    columns: token.columns)
            }
        }

        self.entry = entry
        self.positionals = positionals
        self.options = options
        self.endColumn = endColumn
    }

    /// Returns the next positional argument, or throws `missingArgument` with the usage line.
    mutating func required(_ placeholder: String) throws(ParseError) -> Token {
        guard let token = optional() else {
            throw ParseError(
                .missingArgument(placeholder), columns: endColumn...endColumn,
                usage: entry.usage)
        }
        return token
    }

    /// Returns the next positional argument, if there is one.
    mutating func optional() -> Token? {
        guard nextIndex < positionals.count else { return nil }
        defer { nextIndex += 1 }
        return positionals[nextIndex]
    }

    /// Returns every positional argument not read yet.
    mutating func remaining() -> [Token] {
        defer { nextIndex = positionals.count }
        return Array(positionals[nextIndex...])
    }

    /// Throws `extraArgument` for the first positional argument not read.
    func finish() throws(ParseError) {
        guard nextIndex < positionals.count else { return }
        let token = positionals[nextIndex]
        throw ParseError(.extraArgument(token.text), columns: token.columns, usage: entry.usage)
    }

    /// Returns the token of an option that the line must contain, or throws `missingArgument`
    /// with the usage line.
    func requiredOption(_ name: String) throws(ParseError) -> Token {
        guard let token = options[name] else {
            let syntax = entry.option(named: name)?.valueSyntax ?? "X"
            throw ParseError(
                .missingArgument("\(name)=\(syntax)"), columns: endColumn...endColumn,
                usage: entry.usage)
        }
        return token
    }

    /// Returns the option token as typed, or `nil` when the line does not contain it.
    func option(_ name: String) -> Token? {
        options[name]
    }

    /// Returns the option token as typed, or else a token that contains the catalog default, or
    /// `nil` when the option has no default value.
    func optionOrDefault(_ name: String) -> Token? {
        if let token = options[name] {
            return token
        }
        guard let info = entry.option(named: name) else {
            preconditionFailure("\(entry.name) reads option '\(name)' that its entry lacks")
        }
        guard let value = info.defaultValue else { return nil }
        return Token(
            kind: .option(name: name, valueQuoted: false), text: "\(name)=\(value)",
            value: value, columns: endColumn...endColumn)
    }

    /// Reads a numeric option, falling back to its catalog default.
    func number(_ name: String, _ range: NumberRange) throws(ParseError) -> Double {
        try ValueParser.number(optionOrRequiredDefault(name), subject: name, range: range)
    }

    /// Reads a numeric option as a 32-bit float, falling back to its catalog default.
    func float(_ name: String, _ range: NumberRange) throws(ParseError) -> Float {
        try ValueParser.float(optionOrRequiredDefault(name), subject: name, range: range)
    }

    /// Reads a yes/no option, falling back to its catalog default.
    func yesNo(_ name: String) throws(ParseError) -> Bool {
        try ValueParser.yesNo(optionOrRequiredDefault(name), subject: name)
    }

    private func optionOrRequiredDefault(_ name: String) -> Token {
        guard let token = optionOrDefault(name) else {
            preconditionFailure("option '\(name)' of \(entry.name) needs a catalog default")
        }
        return token
    }
}
