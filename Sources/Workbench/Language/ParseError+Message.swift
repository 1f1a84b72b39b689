/// The text of parse errors. Every parse error becomes text here and nowhere else.
extension ParseError {
    /// The error as one line without its place, for example
    /// `unknown command 'dnse'; did you mean 'dense'? Valid commands: data, input, …`.
    public var message: String {
        var sentences = [headline]
        if let suggestion {
            sentences[0] += "; did you mean '\(suggestion)'?"
        }
        if !alternatives.isEmpty {
            sentences.append("Valid \(alternativesLabel): " + alternatives.joined(separator: ", "))
        }
        if let usage {
            sentences.append("Usage: " + usage)
        }

        var text = sentences[0]
        for sentence in sentences.dropFirst() {
            text += text.hasSuffix("?") ? " " : ". "
            text += sentence
        }
        return text
    }

    /// Renders the error as `FILE:LINE:COLUMN: message`, the form used for session files.
    public func renderedMessage(file: String, line: Int) -> String {
        "\(file):\(line):\(columns.lowerBound): \(message)"
    }

    /// Renders `source` with a second line that marks the offending token, `^` under its first
    /// column and `~` under the rest, for the interactive prompt.
    ///
    /// Tabs before the token are copied into the marker line so that the marker stays aligned.
    /// NOTE: characters that take two terminal cells, such as CJK ideographs, shift the marker
    /// left by one cell each.
    public func caretDiagram(for source: String) -> String {
        let characters = Array(source)
        var marker = ""
        for column in 1..<columns.lowerBound {
            let index = column - 1
            marker += index < characters.count && characters[index] == "\t" ? "\t" : " "
        }
        marker += "^" + String(repeating: "~", count: columns.count - 1)
        return source + "\n" + marker
    }

    private var headline: String {
        switch reason {
        case .unterminatedQuote:
            "unterminated quote. Add a closing \" to end the string"
        case .quoteInsideWord(let word):
            "unexpected quote inside '\(word)'. Quote the whole word or the whole option value"
        case .textAfterQuote:
            "missing space after the closing quote"
        case .expectedCommand(let text):
            "expected a command, got '\(text)'"
        case .unknownWord(let word, let category):
            "unknown \(category.singular) '\(word)'"
        case .unknownOption(let name, let command) where alternatives.isEmpty:
            "unknown option '\(name)' for \(command), which takes no options"
        case .unknownOption(let name, let command):
            "unknown option '\(name)' for \(command)"
        case .duplicateOption(let name):
            "duplicate option '\(name)'. Give each option once"
        case .missingOptionValue(let name):
            "missing value after '\(name)='"
        case .optionNeedsWord(let name, let word):
            "option '\(name)' is only valid with \(word)"
        case .invalidValue(let value, let subject, let expected?):
            "invalid value '\(value)' for \(subject). Expected \(expected)"
        case .invalidValue(let value, let subject, nil):
            "invalid value '\(value)' for \(subject)"
        case .missingArgument(let placeholder):
            "missing argument \(placeholder)"
        case .extraArgument(let text):
            "unexpected argument '\(text)'"
        }
    }

    private var alternativesLabel: String {
        switch reason {
        case .unknownWord(_, let category): category.plural
        case .expectedCommand: WordCategory.command.plural
        case .unknownOption: "options"
        default: "values"
        }
    }
}

extension ParseError.WordCategory {
    /// The name of one word of this kind, as used in messages.
    public var singular: String {
        switch self {
        case .command: "command"
        case .subcommand(let command): "\(command) subcommand"
        case .activation: "activation"
        case .loss: "loss"
        case .optimizer: "optimizer"
        case .trainingUnit: "training unit"
        case .split: "split"
        case .setting: "setting"
        case .helpTopic: "help topic"
        }
    }

    /// The plural of `singular`.
    public var plural: String {
        switch self {
        case .loss: "losses"
        default: singular + "s"
        }
    }
}
