import Testing

@testable import Workbench

@Suite struct CommandCatalogTests {
    @Test func entryNamesAndAliasesAreUnique() {
        let names = CommandCatalog.entries.flatMap { [$0.name] + $0.aliases }
        #expect(Set(names).count == names.count)
    }

    @Test(arguments: CommandCatalog.entries.map(\.name))
    func exampleParses(name: String) throws {
        let entry = try #require(CommandCatalog.entry(named: name))
        #expect(try Parser.parse(line: entry.example) != nil)
    }

    @Test(arguments: CommandCatalog.entries.map(\.name))
    func exampleStartsWithCommandName(name: String) throws {
        let entry = try #require(CommandCatalog.entry(named: name))
        let exampleWords = entry.example.split(separator: " ").map(String.init)
        #expect(exampleWords.starts(with: entry.words))
    }

    /// Each option's catalog default must be what the parser uses when the option is absent,
    /// and every option must be accepted by the parser.
    @Test(arguments: CommandCatalog.entries.map(\.name))
    func optionDefaultsMatchParser(name: String) throws {
        let entry = try #require(CommandCatalog.entry(named: name))
        for option in entry.options {
            let base = baseLine(for: entry, option: option)
            let value = option.defaultValue ?? exampleValue(of: option, in: entry)
                ?? sampleValue(for: option.kind)
            let withOption = try Parser.parse(line: base + " \(option.name)=\(value)")
            #expect(withOption != nil, "option \(option.name) of \(name)")
            if option.defaultValue != nil {
                #expect(try Parser.parse(line: base) == withOption, "default of \(option.name)")
            }
        }
    }

    @Test(arguments: CommandCatalog.entries.map(\.name))
    func usageListsUnconditionalOptions(name: String) throws {
        let entry = try #require(CommandCatalog.entry(named: name))
        #expect(entry.usage.hasPrefix(entry.name))
        for option in entry.options where option.requiredWord == nil {
            let written = "\(option.name)=\(option.valueSyntax)"
            #expect(entry.usage.contains(option.isRequired ? " \(written) " : "[\(written)]"))
        }
    }

    @Test func catalogTextIsASCII() {
        for entry in CommandCatalog.entries {
            let texts =
                [entry.usage, entry.summary, entry.example, entry.help]
                + entry.arguments.map(\.meaning) + entry.options.map(\.meaning)
            for text in texts {
                let isASCII = text.unicodeScalars.allSatisfy { $0.isASCII }
                #expect(isASCII, "\(entry.name): \(text)")
            }
        }
    }

    @Test func overviewListsGroupsInOrder() throws {
        let text = try #require(CommandCatalog.helpText(topic: nil))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let headings = lines.filter { CommandGroup(rawValue: $0) != nil }
        #expect(headings == ["Data", "Model", "Training", "Running", "Control", "Teaching", "Session", "Other"])
        #expect(lines.contains("  data load           Loads a CSV file as training and test data."))
        for entry in CommandCatalog.entries {
            #expect(lines.contains { $0.hasPrefix("  \(entry.name) ") }, "\(entry.name) listed")
        }
    }

    @Test func overviewPlacesEntriesUnderTheirGroup() throws {
        let text = try #require(CommandCatalog.helpText(topic: nil))
        let lines = text.split(separator: "\n").map(String.init)
        let model = try #require(lines.firstIndex(of: "Model"))
        let training = try #require(lines.firstIndex(of: "Training"))
        let dense = try #require(lines.firstIndex { $0.hasPrefix("  dense ") })
        #expect(model < dense)
        #expect(dense < training)
    }

    @Test(arguments: [nil] + CommandCatalog.entries.map(\.name) as [String?])
    func helpFitsEightyColumns(topic: String?) throws {
        let text = try #require(CommandCatalog.helpText(topic: topic))
        for line in text.split(separator: "\n") {
            #expect(line.count <= 80, "\(line)")
        }
    }

    @Test func denseHelpShowsUsageOptionsAndExample() throws {
        let text = try #require(CommandCatalog.helpText(topic: "dense"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "dense UNITS [ACTIVATION] [init=xavier|he] [bias=yes|no]")
        #expect(lines.contains("Options:"))
        #expect(lines.contains { $0.hasPrefix("  init=xavier|he  ") })
        let biasLine = lines.first { $0.hasPrefix("  bias=yes|no  ") }
        #expect(biasLine?.hasSuffix("Default: yes.") == true)
        #expect(lines.contains("Example:"))
        #expect(lines.last == "  dense 16 relu")
    }

    @Test func eluHelpStatesTheFormula() throws {
        let text = try #require(CommandCatalog.helpText(topic: "elu"))
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("alpha * (exp(z) - 1) for z < 0"))
        #expect(flat.contains("misprint the negative branch as alpha * exp(z - 1)"))
    }

    @Test func lossHelpExplainsLogitsAndMean() throws {
        let text = try #require(CommandCatalog.helpText(topic: "loss"))
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("bce and crossentropy take logits"))
        #expect(flat.contains("folded into the loss"))
        #expect(flat.contains("computed stably"))
        #expect(flat.contains("mean over the batch"))
    }

    @Test func familyTopicShowsEveryMember() throws {
        let text = try #require(CommandCatalog.helpText(topic: "optimizer"))
        #expect(text.contains("optimizer sgd [lr=X]"))
        #expect(text.contains("optimizer momentum [lr=X]"))
        #expect(text.contains("optimizer adam [lr=X]"))
        #expect(
            CommandCatalog.entries(forTopic: "data").map(\.name)
                == [
                    "data load", "data info", "data spiral", "data circle", "data xor",
                    "data gaussian", "data moons", "data plane", "data mnist", "data npy",
                    "data window", "data text",
                ])
    }

    @Test func aliasTopicShowsItsEntry() {
        #expect(CommandCatalog.entries(forTopic: "exit").map(\.name) == ["quit"])
        #expect(CommandCatalog.entries(forTopic: "optimizer gd").map(\.name) == ["optimizer sgd"])
        let mixedCase = CommandCatalog.entries(forTopic: "Optimizer  ADAM")
        #expect(mixedCase.map(\.name) == ["optimizer adam"])
    }

    @Test func unknownTopicHasNoHelp() {
        #expect(CommandCatalog.helpText(topic: "dnse") == nil)
        #expect(CommandCatalog.helpText(topic: "  ") == nil)
    }

    /// Every topic that `help` accepts must have help text.
    @Test(arguments: CommandCatalog.acceptedCommandWords + CommandCatalog.entries.map(\.name))
    func acceptedHelpTopicHasText(topic: String) throws {
        #expect(try Parser.parse(line: "help \(topic)") == .help(topic: topic))
        #expect(CommandCatalog.helpText(topic: topic) != nil)
    }

    @Test func everyCommandWordParses() throws {
        for word in CommandCatalog.acceptedCommandWords {
            do {
                _ = try Parser.parse(line: word)
            } catch {
                // A bare command word may lack its arguments, but it must never be unknown.
                if case .unknownWord(_, .command) = error.reason {
                    Issue.record("command word '\(word)' is not parsed")
                }
            }
        }
    }

    private func baseLine(for entry: CommandEntry, option: OptionInfo) -> String {
        let tokens = (try? Tokenizer.tokenize(entry.example)) ?? []
        var words = tokens.filter(\.isPositional).map(\.text)
        if let word = option.requiredWord {
            words.removeAll { CommandCatalog.activationWords.contains($0) }
            words.append(word)
        }
        // Required options, and the option this one depends on, keep their example values.
        for other in entry.options where other.name != option.name {
            guard other.isRequired || other.name == option.requiredOption else { continue }
            if let token = tokens.first(where: { $0.optionName == other.name }) {
                words.append(token.text)
            } else {
                words.append("\(other.name)=\(other.defaultValue ?? sampleValue(for: other.kind))")
            }
        }
        return words.joined(separator: " ")
    }

    /// The value that the entry's example gives the option, if it gives one.
    private func exampleValue(of option: OptionInfo, in entry: CommandEntry) -> String? {
        let tokens = (try? Tokenizer.tokenize(entry.example)) ?? []
        return tokens.first { $0.optionName == option.name }?.value
    }

    private func sampleValue(for kind: ValueKind) -> String {
        switch kind {
        case .choice(let words): words[0]
        case .yesNo: "yes"
        case .integerOrAll: "all"
        case .integer, .number, .shape: "1"
        case .text, .commandName: "x"
        }
    }
}
