/// Splits a line of the command language into tokens.
///
/// Tokens are separated by whitespace. A token is a bare word, a `name=value` option or a
/// double-quoted string. Inside quotes, `\"` stands for a quote and `\\` for a backslash, and any
/// other backslash is kept as typed. A value in quotes may follow `=`, as in `label="petal width"`.
/// Outside quotes, `#` starts a comment that runs to the end of the line, even in the middle of a
/// word. An option name starts with a letter or `_` and continues with letters, digits or `_`, so
/// a word like `x/y=1.csv` or `=5` stays a bare word.
public enum Tokenizer {
    /// Returns the tokens of `line`, or throws a `ParseError` that points at a misplaced or
    /// unterminated quote.
    public static func tokenize(_ line: String) throws(ParseError) -> [Token] {
        let characters = Array(line)
        var tokens: [Token] = []
        var index = 0

        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if character == "#" {
                break
            } else if character == "\"" {
                let string = try readQuoted(characters, openingAt: index)
                tokens.append(
                    Token(
                        kind: .quoted, text: String(characters[index..<string.end]),
                        value: string.value, columns: (index + 1)...string.end))
                index = string.end
            } else {
                let token = try readWordOrOption(characters, startingAt: index)
                tokens.append(token)
                index = token.columns.upperBound
            }
        }
        return tokens
    }

    /// Reads the quoted string whose opening quote is at `start` and returns its content and the
    /// index just past the closing quote.
    private static func readQuoted(
        _ characters: [Character], openingAt start: Int
    ) throws(ParseError) -> (value: String, end: Int) {
        var value = ""
        var index = start + 1
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count,
                characters[index + 1] == "\"" || characters[index + 1] == "\\"
            {
                value.append(characters[index + 1])
                index += 2
            } else if character == "\"" {
                let end = index + 1
                if end < characters.count, !characters[end].isWhitespace, characters[end] != "#" {
                    throw ParseError(.textAfterQuote, columns: (end + 1)...(end + 1))
                }
                return (value, end)
            } else {
                value.append(character)
                index += 1
            }
        }
        throw ParseError(.unterminatedQuote, columns: (start + 1)...(start + 1))
    }

    /// Reads a bare word or a `name=value` option starting at `start`.
    private static func readWordOrOption(
        _ characters: [Character], startingAt start: Int
    ) throws(ParseError) -> Token {
        var end = start
        while end < characters.count, !characters[end].isWhitespace, characters[end] != "#",
            characters[end] != "\""
        {
            end += 1
        }
        let run = characters[start..<end]
        let equalsIndex = run.firstIndex(of: "=")
        let name = equalsIndex.map { String(characters[start..<$0]) }
        let isOption = name.map(isOptionName) ?? false

        // A quote may only open the value of an option, right after its `=`.
        if end < characters.count, characters[end] == "\"" {
            guard isOption, let equalsIndex, equalsIndex == end - 1, let name else {
                let word = String(characters[start..<min(end + 1, characters.count)])
                throw ParseError(.quoteInsideWord(word), columns: (end + 1)...(end + 1))
            }
            let string = try readQuoted(characters, openingAt: end)
            return Token(
                kind: .option(name: name, valueQuoted: true),
                text: String(characters[start..<string.end]), value: string.value,
                columns: (start + 1)...string.end, valueColumns: (end + 1)...string.end)
        }

        let text = String(run)
        guard isOption, let equalsIndex, let name else {
            return Token(kind: .word, text: text, value: text, columns: (start + 1)...end)
        }
        let value = String(characters[(equalsIndex + 1)..<end])
        let valueStart = equalsIndex + 2
        let valueColumns = value.isEmpty ? valueStart...valueStart : valueStart...end
        return Token(
            kind: .option(name: name, valueQuoted: false), text: text, value: value,
            columns: (start + 1)...end, valueColumns: valueColumns)
    }

    private static func isOptionName(_ name: String) -> Bool {
        guard let first = name.first, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}
