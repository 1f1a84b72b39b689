import Plot

/// The placement of the prompt line's text and cursor on one screen row.
///
/// A line wider than the row scrolls sideways: the layout keeps the previous scroll offset
/// while the cursor stays visible, and otherwise centres the cursor. Control characters show
/// as `^X`, two columns, as readline shows them.
struct PromptLayout: Equatable {
    /// The text to draw from column 0, at most `width` columns.
    var visibleText: String
    /// The cursor's column on the row, from 0 to `width - 1`.
    var cursorColumn: Int
    /// How many columns of the whole line, prompt included, are hidden at the left.
    var scrollOffset: Int

    /// Lays out the prompt and the line being edited on a row `width` columns wide.
    ///
    /// - Parameters:
    ///   - prompt: The prompt readline shows, such as `layerlab> ` or a reverse search.
    ///   - beforeCursor: The edited text left of the cursor.
    ///   - afterCursor: The edited text from the cursor on.
    ///   - previousOffset: The scroll offset of the last layout of this line.
    init(
        prompt: String, beforeCursor: String, afterCursor: String, width: Int,
        previousOffset: Int = 0
    ) {
        let width = max(width, 1)
        let head = Self.printable(prompt) + Self.printable(beforeCursor)
        let line = head + Self.printable(afterCursor)
        let cursor = head.displayWidth
        let total = line.displayWidth

        // The cursor may sit on the last column, so a line fits when its end is left of it.
        var offset = previousOffset
        if total < width {
            offset = 0
        } else if cursor < offset || cursor > offset + width - 1 {
            offset = max(0, cursor - width / 2)
        }
        offset = min(offset, max(0, total - width + 1))

        visibleText = Self.slice(line, from: offset, width: width)
        cursorColumn = cursor - offset
        scrollOffset = offset
    }

    /// Returns the columns `from ..< from + width` of `line`. A wide character cut by the left
    /// edge becomes a space, and one cut by the right edge is left out.
    private static func slice(_ line: String, from start: Int, width: Int) -> String {
        var result = ""
        var column = 0
        for character in line {
            let characterWidth = character.displayWidth
            defer { column += characterWidth }
            if column + characterWidth <= start { continue }
            if column + characterWidth > start + width { break }
            result += column < start ? " " : String(character)
        }
        return result
    }

    /// Returns the text with each control character written as a caret and a letter.
    private static func printable(_ text: String) -> String {
        var result = ""
        for character in text {
            let scalars = character.unicodeScalars
            if scalars.count == 1, let value = scalars.first?.value, value < 0x20 || value == 0x7F {
                result += value == 0x7F ? "^?" : "^" + String(Unicode.Scalar(UInt8(value + 0x40)))
            } else {
                result.append(character)
            }
        }
        return result
    }
}
