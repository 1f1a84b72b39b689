/// One word of a command line, with the columns it occupies so that errors can point at it.
public struct Token: Equatable, Sendable {
    /// The three shapes a token takes.
    public enum Kind: Equatable, Sendable {
        /// A bare word such as `dense`, `16` or `samples/iris.csv`.
        case word
        /// A double-quoted string such as `"Now watch the loss."`.
        case quoted
        /// A `name=value` option. `valueQuoted` is true when the value was written in quotes.
        case option(name: String, valueQuoted: Bool)
    }

    public var kind: Kind
    /// The characters as typed, quotes and escapes included.
    public var text: String
    /// The meaning of the token: a word as typed, the content of a quoted string with its escapes
    /// resolved, or the value of an option without its quotes.
    public var value: String
    /// The 1-based columns of the token in the line, counted in `Character`s.
    public var columns: ClosedRange<Int>
    /// For an option, the columns of its value (the column just after `=` when the value is
    /// empty). For other tokens, the same as `columns`.
    public var valueColumns: ClosedRange<Int>

    public init(
        kind: Kind, text: String, value: String, columns: ClosedRange<Int>,
        valueColumns: ClosedRange<Int>? = nil
    ) {
        self.kind = kind
        self.text = text
        self.value = value
        self.columns = columns
        self.valueColumns = valueColumns ?? columns
    }

    /// The option name in lowercase, or `nil` when the token is not an option.
    public var optionName: String? {
        if case .option(let name, _) = kind { name.lowercased() } else { nil }
    }

    /// Whether the token is a positional argument: a bare word or a quoted string.
    public var isPositional: Bool { optionName == nil }
}
