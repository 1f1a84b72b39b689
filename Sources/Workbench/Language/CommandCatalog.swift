/// The reference for every command of the language: usage, options, examples and help.
///
/// The parser takes usage lines and option names from here, help text is rendered from here,
/// and completion offers the words listed here, so the three cannot drift apart.
public enum CommandCatalog {
    /// Every command, in the order help lists them.
    public static let entries: [CommandEntry] =
        dataEntries + dataFileEntries + modelEntries + layerEntries + recurrentEntries
        + trainingEntries + regularizationEntries + runningEntries + generateEntries
        + controlEntries
        + teachingEntries + sessionEntries + persistenceEntries + otherEntries

    /// The distinct first words of all commands, in catalog order: `data`, `input`, `dense`, …
    public static let commandWords: [String] = {
        var words: [String] = []
        for entry in entries where !words.contains(entry.words[0]) {
            words.append(entry.words[0])
        }
        return words
    }()

    /// Every first word the parser accepts, aliases such as `exit` included.
    static let acceptedCommandWords: [String] = {
        var words = commandWords
        let oneWordAliases = entries.flatMap(\.aliases).filter { !$0.contains(" ") }
        for alias in oneWordAliases where !words.contains(alias) {
            words.append(alias)
        }
        return words
    }()

    /// Returns the entry whose name or alias is `name`, ignoring case and extra spaces.
    public static func entry(named name: String) -> CommandEntry? {
        let key = normalized(name)
        return entries.first { $0.name == key || $0.aliases.contains(key) }
    }

    /// Returns the entries that `help TOPIC` shows: those whose name starts with the words of
    /// `topic` (so `optimizer` gives every optimizer), or else the entry with that alias.
    public static func entries(forTopic topic: String) -> [CommandEntry] {
        let words = normalized(topic).split(separator: " ").map(String.init)
        guard !words.isEmpty else { return [] }

        let byName = entries.filter { $0.words.starts(with: words) }
        if !byName.isEmpty {
            return byName
        }
        return entry(named: topic).map { [$0] } ?? []
    }

    /// Returns the entry named `name`. The parser calls this only with names it defines, so a
    /// missing entry is a programming error.
    static func requiredEntry(_ name: String) -> CommandEntry {
        guard let entry = entry(named: name) else {
            preconditionFailure("the command catalog has no entry named '\(name)'")
        }
        return entry
    }

    /// Returns the entries whose first word is `word` and that have a second word, such as
    /// `optimizer sgd` and `optimizer adam` for `optimizer`.
    static func subcommandEntries(of word: String) -> [CommandEntry] {
        entries.filter { $0.words.count > 1 && $0.words[0] == word }
    }

    private static func normalized(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// One command of the language, as help describes it.
public struct CommandEntry: Sendable {
    /// The words that select the command, such as `dense` or `optimizer adam`.
    public let name: String
    /// Other names accepted for the same command, such as `exit` for `quit`.
    public let aliases: [String]
    public let group: CommandGroup
    /// The syntax, with optional parts in brackets: `dense UNITS [ACTIVATION] [init=xavier|he]`.
    public let usage: String
    /// One sentence for the command list.
    public let summary: String
    /// The positional arguments after the name, in order.
    public let arguments: [ArgumentInfo]
    public let options: [OptionInfo]
    /// A line that parses, shown under help.
    public let example: String
    /// The longer explanation that `help NAME` shows after the summary.
    public let help: String

    /// The words of `name`.
    public var words: [String] { name.split(separator: " ").map(String.init) }

    /// Returns the option called `name`, ignoring case.
    public func option(named name: String) -> OptionInfo? {
        let key = name.lowercased()
        return options.first { $0.name == key }
    }

    init(
        _ name: String, aliases: [String] = [], group: CommandGroup, usage: String,
        summary: String, arguments: [ArgumentInfo] = [], options: [OptionInfo] = [],
        example: String, help: String
    ) {
        self.name = name
        self.aliases = aliases
        self.group = group
        self.usage = usage
        self.summary = summary
        self.arguments = arguments
        self.options = options
        self.example = example
        self.help = help
    }
}

/// The headings under which `help` lists the commands, in display order.
public enum CommandGroup: String, CaseIterable, Sendable {
    case data = "Data"
    case model = "Model"
    case training = "Training"
    case running = "Running"
    case control = "Control"
    case teaching = "Teaching"
    case session = "Session"
    case other = "Other"
}

/// A positional argument of a command.
public struct ArgumentInfo: Sendable {
    /// The placeholder in the usage line, such as `UNITS`.
    public let placeholder: String
    public let kind: ValueKind
    public let isOptional: Bool
    /// Whether the argument takes one or more values, as `predict VALUE [VALUE ...]` does.
    public let isRepeated: Bool
    /// The meaning of the argument, with its unit and range.
    public let meaning: String

    init(
        _ placeholder: String, _ kind: ValueKind, optional: Bool = false,
        repeated: Bool = false, meaning: String
    ) {
        self.placeholder = placeholder
        self.kind = kind
        self.isOptional = optional
        self.isRepeated = repeated
        self.meaning = meaning
    }
}

/// A `name=value` option of a command.
public struct OptionInfo: Sendable {
    /// The name before `=`, in lowercase.
    public let name: String
    /// The value as the usage line writes it, such as `FRACTION` or `xavier|he`.
    public let valueSyntax: String
    public let kind: ValueKind
    /// The value used when the option is absent, written as it would be typed, or `nil` when
    /// the default is not a single value (the meaning then describes it).
    public let defaultValue: String?
    /// The meaning of the option, with its valid range.
    public let meaning: String
    /// The unit of the value, or `nil` for a dimensionless value.
    public let unit: String?
    /// A positional word that must be present for the option to be valid, such as `leakyrelu`
    /// for `slope` on `dense`, or `nil` when the option is always valid.
    public let requiredWord: String?
    /// Another option that must be present for this one to be valid, such as `sparsity` for
    /// `beta` on `code`, or `nil` when the option does not depend on another.
    public let requiredOption: String?
    /// Whether the line must contain the option, as `kernel` on `conv2d`. The usage line then
    /// writes it without brackets.
    public let isRequired: Bool

    init(
        _ name: String, _ kind: ValueKind, syntax: String? = nil, default defaultValue: String?,
        unit: String? = nil, requiredWord: String? = nil, requiredOption: String? = nil,
        required: Bool = false, meaning: String
    ) {
        self.name = name
        self.valueSyntax = syntax ?? kind.syntax
        self.kind = kind
        self.defaultValue = defaultValue
        self.meaning = meaning
        self.unit = unit
        self.requiredWord = requiredWord
        self.requiredOption = requiredOption
        self.isRequired = required
    }
}

/// The kind of value an argument or option takes, which also decides what completion offers.
public enum ValueKind: Equatable, Sendable {
    /// A whole number such as `16`.
    case integer
    /// A decimal number such as `0.01`, `1e-3` or `7`.
    case number
    /// `yes` or `no` (`true` and `false` are accepted too).
    case yesNo
    /// One of a fixed set of words.
    case choice([String])
    /// Free text: a path, a column name or narration.
    case text
    /// A whole number or the word `all`.
    case integerOrAll
    /// Sizes such as `4`, `1 8 8` or `1x8x8`.
    case shape
    /// The name of a command, for `help`.
    case commandName

    /// The words that completion offers for this kind.
    public var completionWords: [String] {
        switch self {
        case .choice(let words): words
        case .yesNo: ["yes", "no"]
        case .integerOrAll: ["all"]
        case .commandName: CommandCatalog.commandWords
        case .integer, .number, .text, .shape: []
        }
    }

    /// The default placeholder for a value of this kind.
    var syntax: String {
        switch self {
        case .integer: "N"
        case .number: "X"
        case .yesNo: "yes|no"
        case .choice(let words): words.joined(separator: "|")
        case .text: "TEXT"
        case .integerOrAll: "N|all"
        case .shape: "SIZE"
        case .commandName: "COMMAND"
        }
    }
}
