/// The text of `help` and `help COMMAND`, rendered from the command catalog.
public enum HelpText {
    public static func render(topic: String?) throws(WorkbenchError) -> String {
        guard let topic, !topic.isEmpty else { return overview() }
        let entries = CommandCatalog.entries(forTopic: topic)
        guard !entries.isEmpty else {
            let suggestion = Suggestion.closest(to: topic, among: CommandCatalog.commandWords)
            throw .invalid(
                "there is no help topic '\(topic)'"
                    + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
                    + " Type `help` for the list of commands")
        }
        return entries.map(detail).joined(separator: "\n\n")
    }

    /// Every command, grouped, with its one-sentence summary.
    public static func overview() -> String {
        var lines = ["LayerLab commands (type `help COMMAND` for options and an example):"]
        let width = (CommandCatalog.entries.map(\.usage.count).max() ?? 20)
        for group in CommandGroup.allCases {
            let entries = CommandCatalog.entries.filter { $0.group == group }
            guard !entries.isEmpty else { continue }
            lines.append("")
            lines.append(group.rawValue)
            for entry in entries {
                let padding = String(repeating: " ", count: max(1, min(width, 44) - entry.usage.count + 2))
                lines.append("  \(entry.usage)\(padding)\(entry.summary)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Usage, summary, arguments, options with defaults and units, the example and the details.
    static func detail(_ entry: CommandEntry) -> String {
        var lines = ["usage: \(entry.usage)", entry.summary]
        if !entry.arguments.isEmpty {
            lines.append("arguments:")
            for argument in entry.arguments {
                lines.append("  \(argument.placeholder)  \(argument.meaning)")
            }
        }
        if !entry.options.isEmpty {
            lines.append("options:")
            for option in entry.options {
                var text = "  \(option.name)=\(option.valueSyntax)  \(option.meaning)"
                if let unit = option.unit { text += " (\(unit))" }
                if let value = option.defaultValue { text += "; default \(value)" }
                lines.append(text)
            }
        }
        lines.append("example: \(entry.example)")
        if !entry.help.isEmpty {
            lines.append(entry.help)
        }
        return lines.joined(separator: "\n")
    }
}
