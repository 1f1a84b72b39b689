/// Word wrapping for help text.
///
/// Text is split into paragraphs at `\n`. A paragraph that starts with four spaces, such as a
/// formula, is kept as one line. Other paragraphs are wrapped greedily at spaces, except at
/// `TextWrap.glue`, which prints as a space but never breaks.
enum TextWrap {
    /// A character that joins two words with a space that never breaks, as in `Default: 0.01.`
    static let glue: Character = "\u{1F}"

    /// Splits `text` into lines of at most `width` characters, the first starting with
    /// `firstPrefix` and the others with `restPrefix`. A word longer than the room on a line gets
    /// a line of its own and overflows it.
    static func lines(
        _ text: String, width: Int, firstPrefix: String = "", restPrefix: String = ""
    ) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let prefix = lines.isEmpty ? firstPrefix : restPrefix
            if paragraph.hasPrefix("    ") {
                lines.append(prefix + paragraph)
            } else {
                lines += wrap(paragraph, width: width, firstPrefix: prefix, restPrefix: restPrefix)
            }
        }
        return lines.map { String($0.map { $0 == glue ? " " : $0 }) }
    }

    private static func wrap(
        _ paragraph: Substring, width: Int, firstPrefix: String, restPrefix: String
    ) -> [String] {
        var lines: [String] = []
        var current = firstPrefix
        var currentHasWord = false
        for word in paragraph.split(separator: " ") {
            if currentHasWord, current.count + 1 + word.count > width {
                lines.append(current)
                current = restPrefix
                currentHasWord = false
            }
            current += (currentHasWord ? " " : "") + word
            currentHasWord = true
        }
        lines.append(current)
        return lines
    }
}
