import Plot

/// Line breaking for pane text measured in terminal columns.
enum WordWrap {
    /// Returns `text` broken at spaces into lines of at most `width` columns.
    ///
    /// Runs of spaces inside a line are kept, so aligned columns stay aligned when they fit.
    /// A word wider than `width` is split across lines, so no character is lost. Control
    /// characters, line breaks included, become spaces.
    static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        let flattened = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        var lines: [String] = []
        var line = ""
        for word in flattened.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if candidate.displayWidth <= width {
                line = candidate
                continue
            }
            if !line.isEmpty {
                lines.append(line)
            }
            line = ""
            for character in word {
                if !line.isEmpty && line.displayWidth + character.displayWidth > width {
                    lines.append(line)
                    line = ""
                }
                line.append(character)
            }
        }
        lines.append(line)
        return lines
    }
}
