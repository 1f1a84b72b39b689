/// Tab completion, driven by the same catalog entries as the parser and help.
extension CommandCatalog {
    /// Returns the words that can replace the word under the cursor, in catalog order.
    ///
    /// `cursor` is a 0-based offset in `Character`s into `line`. The word under the cursor runs
    /// from the previous whitespace up to the cursor, and each candidate replaces all of it: for
    /// `init=x` the candidate is `init=xavier`, not `xavier`. Candidates are commands, the
    /// second word of `data`, `optimizer` and `set`, keyword arguments such as losses and
    /// activations, option names ending in `=`, and the values of options that take a fixed set
    /// of words. Inside a quoted string or a comment, and after a word that no command accepts,
    /// the result is empty.
    public static func completions(forLine line: String, cursor: Int) -> [String] {
        let characters = Array(line)
        let cursor = min(max(cursor, 0), characters.count)
        var wordStart = cursor
        while wordStart > 0, !characters[wordStart - 1].isWhitespace {
            wordStart -= 1
        }
        let partial = String(characters[wordStart..<cursor]).lowercased()
        guard !partial.contains("\""), !partial.contains("#") else { return [] }

        let before = String(characters[..<wordStart])
        guard let tokens = try? Tokenizer.tokenize(before) else { return [] }

        // The tokenizer skips only whitespace and comments, so any other character after the
        // last token means that the cursor is inside a comment.
        let lastEnd = tokens.last?.columns.upperBound ?? 0
        guard characters[lastEnd..<wordStart].allSatisfy(\.isWhitespace) else { return [] }

        var seen: Set<String> = []
        return candidates(after: tokens, partial: partial).filter { candidate in
            candidate.hasPrefix(partial) && seen.insert(candidate).inserted
        }
    }

    /// Returns every word valid after `tokens`, before filtering by the partial word.
    private static func candidates(after tokens: [Token], partial: String) -> [String] {
        guard let first = tokens.first else { return commandWords }
        let family = first.value.lowercased()
        let familyEntries = subcommandEntries(of: family)

        let entry: CommandEntry?
        let arguments: ArraySlice<Token>
        if familyEntries.isEmpty {
            entry = self.entry(named: family)
            arguments = tokens.dropFirst()
        } else if tokens.count == 1 {
            return secondWords(of: familyEntries, family: family)
        } else {
            entry = self.entry(named: family + " " + tokens[1].value)
            arguments = tokens.dropFirst(2)
        }
        guard let entry, entry.name != "say" else { return [] }

        // After `name=`, offer the values of that option.
        if let equals = partial.firstIndex(of: "=") {
            let name = String(partial[..<equals])
            guard let option = entry.option(named: name) else { return [] }
            return option.kind.completionWords.map { "\(name)=\($0)" }
        }

        let positionals = arguments.filter(\.isPositional).map { $0.value.lowercased() }
        let usedOptions = Set(arguments.compactMap(\.optionName))

        let index = positionals.count
        let argument =
            index < entry.arguments.count
            ? entry.arguments[index]
            : entry.arguments.last.flatMap { $0.isRepeated ? $0 : nil }
        let argumentWords = argument?.kind.completionWords ?? []
        if let argument, !argument.isOptional, index < entry.arguments.count {
            return argumentWords
        }

        let optionWords = entry.options.filter { option in
            !usedOptions.contains(option.name)
                && option.requiredWord.map(positionals.contains) ?? true
        }.map { $0.name + "=" }
        return argumentWords + optionWords
    }

    /// Returns the second words of a command family, aliases included: `load` and `info` for
    /// `data`.
    private static func secondWords(of entries: [CommandEntry], family: String) -> [String] {
        entries.flatMap { entry in
            let aliases = entry.aliases.filter { $0.hasPrefix(family + " ") }
            return [entry.words[1]] + aliases.map { String($0.dropFirst(family.count + 1)) }
        }
    }
}
