import Plot

/// Line breaking for pane text measured in terminal columns.
enum WordWrap {
    /// Returns `text` broken at spaces into lines of at most `width` columns.
    ///
    /// The text's leading spaces indent every line it wraps into, unless they take the whole
    /// width. Runs of spaces inside a line are kept, so aligned columns stay aligned when they
    /// fit, but a line never starts with the spaces it was broken at. A word wider than the
    /// room is split across lines, so no character is lost. Tabs and line breaks become spaces.
    static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        let flattened = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        let indentCount = flattened.prefix { $0 == " " }.count
        let indent = indentCount < width ? String(repeating: " ", count: indentCount) : ""
        let room = width - indent.count

        var lines: [String] = []
        var line = ""
        for word in flattened.dropFirst(indentCount).split(
            separator: " ", omittingEmptySubsequences: false)
        {
            if line.isEmpty && word.isEmpty && !lines.isEmpty { continue }
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if candidate.displayWidth <= room {
                line = candidate
                continue
            }
            if !line.isEmpty {
                lines.append(line)
                line = ""
            }
            for character in word {
                if !line.isEmpty && line.displayWidth + character.displayWidth > room {
                    lines.append(line)
                    line = ""
                }
                line.append(character)
            }
        }
        lines.append(line)
        return lines.map { indent + $0 }
    }
}
