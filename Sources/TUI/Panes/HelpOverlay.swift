import Plot
import Workbench

/// The help overlay: the key bindings and the command overview of `help`, over the panes and
/// the log.
///
/// From 100 inner columns the keys and the commands sit side by side, below that the keys come
/// first. Lines that do not fit are cut, and the last row then says how to see the rest.
enum HelpOverlay {
    /// The keys that the screen handles and what they do.
    static let keys: [(key: String, action: String)] = [
        ("F1", "show or hide this help"),
        ("F2", "histogram of activations"),
        ("F3", "histogram of weights"),
        ("F4", "histogram of gradients"),
        ("F5 / F6", "previous / next layer"),
        ("F7", "linear or log loss axis"),
        ("PgUp / PgDn", "scroll the output log"),
        ("Ctrl-C", "pause or resume training"),
        ("Ctrl-D", "quit"),
    ]

    static func render(width: Int, height: Int, glyphs: GlyphSet) -> CharGrid {
        let inner = PaneFrame.innerSize(width: width, height: height)
        var content = CharGrid(width: inner.width, height: inner.height)
        let keyWidth = keys.map(\.key.displayWidth).max() ?? 0
        var keyLines = [HelpLine(text: "Keys", isHeading: true)]
        keyLines += keys.map { key, action in
            let padding = String(repeating: " ", count: keyWidth - key.displayWidth + 2)
            return HelpLine(text: key + padding + action, isHeading: false)
        }

        let isSideBySide = inner.width >= 100
        let keysWidth = (keyLines.map(\.text.displayWidth).max() ?? 0) + 4
        let overviewWidth = isSideBySide ? inner.width - keysWidth : inner.width

        // The overview's headings are the lines that do not start with a space.
        let overview = CommandCatalog.helpText(topic: nil, width: overviewWidth - 1) ?? ""
        let commandLines = overview.split(separator: "\n", omittingEmptySubsequences: false)
            .map { HelpLine(text: String($0), isHeading: !$0.isEmpty && !$0.hasPrefix(" ")) }

        if isSideBySide {
            drawClipped(keyLines, on: &content, x: 0, width: keysWidth, glyphs: glyphs)
            drawClipped(
                commandLines, on: &content, x: keysWidth, width: overviewWidth, glyphs: glyphs)
        } else {
            let blank = HelpLine(text: "", isHeading: false)
            drawClipped(
                keyLines + [blank] + commandLines, on: &content, x: 0, width: inner.width,
                glyphs: glyphs)
        }
        return PaneFrame.boxed(content, title: "Help, F1 to close", glyphs: glyphs)
    }

    /// One line of help text, and whether it heads a group.
    struct HelpLine {
        var text: String
        var isHeading: Bool
    }

    /// Draws lines from the top of a column, each cut to `width`. When there are more lines
    /// than rows, the last row says how many are hidden.
    private static func drawClipped(
        _ lines: [HelpLine], on grid: inout CharGrid, x: Int, width: Int, glyphs: GlyphSet
    ) {
        let fits = lines.count <= grid.height
        let shown = fits ? lines.count : max(0, grid.height - 1)
        for (row, line) in lines.prefix(shown).enumerated() {
            let text = line.text.truncated(toDisplayWidth: width - 1, ellipsis: glyphs.ellipsis)
            grid.draw(text, x: x, y: row, style: line.isHeading ? PaneFrame.bold : .plain)
        }
        if !fits && grid.height > 0 {
            let note = "\(lines.count - shown) more lines: type help in the prompt"
            let fitted = note.truncated(toDisplayWidth: width - 1, ellipsis: glyphs.ellipsis)
            grid.draw(fitted, x: x, y: grid.height - 1, style: PaneFrame.dim)
        }
    }
}
