/// The text of `help` and `help TOPIC`, rendered from the catalog.
extension CommandCatalog {
    /// Returns the command list grouped by `CommandGroup` when `topic` is `nil`, the full help
    /// of the entries that `entries(forTopic:)` finds otherwise, or `nil` for an unknown topic.
    /// Lines are wrapped to `width` characters.
    public static func helpText(topic: String?, width: Int = 80) -> String? {
        guard let topic else {
            return overview(width: width)
        }
        let found = entries(forTopic: topic)
        guard !found.isEmpty else { return nil }
        return found.map { helpText(for: $0, width: width) }.joined(separator: "\n\n")
    }

    /// Returns the full help of one entry: usage, summary and explanation, arguments, options
    /// with their defaults, other spellings and the example.
    public static func helpText(for entry: CommandEntry, width: Int = 80) -> String {
        var lines = TextWrap.lines(entry.usage, width: width, restPrefix: "    ")
        lines.append("")
        let explanation = entry.help.isEmpty ? entry.summary : entry.summary + " " + entry.help
        lines += TextWrap.lines(explanation, width: width)

        if !entry.arguments.isEmpty {
            lines += ["", "Arguments:"]
            let rows = entry.arguments.map { ($0.placeholder, $0.meaning) }
            lines += table(rows, width: width)
        }
        if !entry.options.isEmpty {
            lines += ["", "Options:"]
            let rows = entry.options.map { option in
                ("\(option.name)=\(option.valueSyntax)", optionDescription(option))
            }
            lines += table(rows, width: width)
        }
        if !entry.aliases.isEmpty {
            lines += ["", "Also written: " + entry.aliases.joined(separator: ", ")]
        }
        lines += ["", "Example:", "  " + entry.example]
        return lines.joined(separator: "\n")
    }

    private static func overview(width: Int) -> String {
        var lines = ["Commands by group. Type help COMMAND for details."]
        let nameWidth = entries.map(\.name.count).max() ?? 0
        for group in CommandGroup.allCases {
            lines += ["", group.rawValue]
            let rows = entries.filter { $0.group == group }.map { ($0.name, $0.summary) }
            lines += table(rows, width: width, keyWidth: nameWidth)
        }
        return lines.joined(separator: "\n")
    }

    private static func optionDescription(_ option: OptionInfo) -> String {
        var text = option.meaning
        if let unit = option.unit {
            text += " Unit: \(unit)."
        }
        if let value = option.defaultValue {
            text += " Default:\(TextWrap.glue)\(value)."
        }
        return text
    }

    /// Lays out two columns, indented by 2, with the second wrapped under itself. The key
    /// column is at most `maximumKeyWidth` wide, and a longer key gets a line of its own.
    private static func table(
        _ rows: [(key: String, text: String)], width: Int, keyWidth: Int? = nil
    ) -> [String] {
        let maximumKeyWidth = 18
        let keyWidth = keyWidth ?? min(rows.map(\.key.count).max() ?? 0, maximumKeyWidth)
        let hanging = String(repeating: " ", count: 2 + keyWidth + 2)
        return rows.flatMap { row in
            guard row.key.count <= keyWidth else {
                return ["  " + row.key]
                    + TextWrap.lines(
                        row.text, width: width, firstPrefix: hanging, restPrefix: hanging)
            }
            let padding = String(repeating: " ", count: keyWidth - row.key.count + 2)
            return TextWrap.lines(
                row.text, width: width, firstPrefix: "  " + row.key + padding,
                restPrefix: hanging)
        }
    }
}
