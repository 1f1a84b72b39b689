/// A line of the command language that cannot be turned into a `Command`.
///
/// The error stores what went wrong as data: the reason, the columns of the offending token,
/// the valid alternatives and the closest of them. `ParseError+Message.swift` turns it into
/// text, so every parse error reads the same way at the prompt and in a session file.
public struct ParseError: Error, Equatable, Sendable {
    /// The cause of a parse error.
    public enum Reason: Equatable, Sendable {
        /// A `"` opens a string that the line never closes.
        case unterminatedQuote
        /// A `"` appears inside a bare word such as `ab"c`.
        case quoteInsideWord(String)
        /// A closing `"` is followed by more text without a space.
        case textAfterQuote
        /// The line starts with a quoted string or an option instead of a command word.
        case expectedCommand(String)
        /// A command, subcommand or keyword argument that the language does not define.
        case unknownWord(String, category: WordCategory)
        /// An option name that the command does not take.
        case unknownOption(String, command: String)
        /// The same option appears twice on the line.
        case duplicateOption(String)
        /// An option written as `name=` with nothing after the `=`.
        case missingOptionValue(String)
        /// An option that is valid only together with a word or another option that the line
        /// does not contain, such as `slope` without `leakyrelu` or `beta` without `sparsity=`.
        case optionNeedsWord(String, word: String)
        /// A value that does not parse or lies outside its range. `expected` describes the valid
        /// values when they are not listed in `alternatives`.
        case invalidValue(String, subject: String, expected: String?)
        /// A required argument is absent. The associated value is its placeholder, as in the
        /// usage line.
        case missingArgument(String)
        /// More positional arguments than the command takes.
        case extraArgument(String)
    }

    /// The kind of word that an `unknownWord` error could not match.
    public enum WordCategory: Equatable, Sendable {
        case command
        case subcommand(of: String)
        case activation
        case loss
        case optimizer
        case trainingUnit
        case split
        case setting
        case helpTopic
    }

    public var reason: Reason
    /// The 1-based columns, in `Character`s, of the token that caused the error. For a missing
    /// argument it is the column just after the last token.
    public var columns: ClosedRange<Int>
    /// The values that would be valid in place of the offending token, in catalog order.
    public var alternatives: [String]
    /// The alternative closest to what was typed, if one is close enough to be a likely typo.
    public var suggestion: String?
    /// The usage line of the command, shown for missing and extra arguments.
    public var usage: String?

    public init(
        _ reason: Reason, columns: ClosedRange<Int>, alternatives: [String] = [],
        suggestion: String? = nil, usage: String? = nil
    ) {
        self.reason = reason
        self.columns = columns
        self.alternatives = alternatives
        self.suggestion = suggestion
        self.usage = usage
    }

    /// Creates an error for a word that is not among `alternatives`, suggesting the closest one.
    ///
    /// `accepted` lists every spelling the parser accepts (aliases included) for the suggestion,
    /// while `alternatives` lists only the canonical words shown to the user.
    static func unknown(
        _ reason: Reason, typed: String, columns: ClosedRange<Int>, alternatives: [String],
        accepted: [String]? = nil
    ) -> ParseError {
        let suggestion = Suggestion.closest(to: typed, among: accepted ?? alternatives)
        return ParseError(
            reason, columns: columns, alternatives: alternatives, suggestion: suggestion)
    }
}
