import Plot
import Workbench

/// The help overlay: the key bindings and the command overview of `help`, over the panes and
/// the log.
///
/// From 100 inner columns the keys and the commands sit side by side, below that the keys come
/// first. When the overview of `help` does not fit, each group's command names are listed on
/// one wrapped line instead. Lines that still do not fit are cut, and the last row then counts
/// the hidden ones.
enum HelpOverlay {
    /// The keys that the screen and the prompt handle and what they do.
    ///
    /// Each entry takes at most 37 columns as drawn (keys padded to 11), so that two columns
    /// of them fit an 80-column screen.
    static let keys: [(key: String, action: String)] = [
        ("F1", "show or hide this help"),
        ("Esc", "close this help"),
        ("F2 / Alt-1", "histogram of activations"),
        ("F3 / Alt-2", "histogram of weights"),
        ("F4 / Alt-3", "histogram of gradients"),
        ("F5 / F6", "previous / next layer"),
        ("Alt-Left", "previous layer, or Alt-["),
        ("Alt-Right", "next layer, or Alt-]"),
        ("F7", "linear or log loss axis"),
        ("F8 / Alt-4", "show or hide step pane"),
        ("PgUp / PgDn", "scroll the output log"),
        ("Up / Down", "earlier / later commands"),
        ("Ctrl-R", "search earlier commands"),
        ("Tab", "complete names and paths"),
        ("Ctrl-C", "pause or resume training"),
        ("", "(idle: clear the line)"),
        ("Ctrl-D", "quit"),
    ]

    static func render(width: Int, height: Int, glyphs: GlyphSet) -> CharGrid {
        let inner = PaneFrame.innerSize(width: width, height: height)
        var content = CharGrid(width: inner.width, height: inner.height)
        let keyWidth = keys.map(\.key.displayWidth).max() ?? 0
        let bindings = keys.map { key, action in
            key + String(repeating: " ", count: keyWidth - key.displayWidth + 2) + action
        }
        let keysWidth = (bindings.map(\.displayWidth).max() ?? 0) + 4
        let isSideBySide = inner.width >= 100
        let overviewWidth = isSideBySide ? inner.width - keysWidth : inner.width

        // Above the overview, the keys take two columns when the width allows.
        var keyLines = [HelpLine(text: "Keys", isHeading: true)]
        let pairWidth = keysWidth - 2
        if !isSideBySide && inner.width >= 2 * pairWidth {
            let half = (bindings.count + 1) / 2
            for row in 0..<half {
                let left = bindings[row]
                let right = row + half < bindings.count ? bindings[row + half] : ""
                let padding = String(repeating: " ", count: pairWidth - left.displayWidth)
                keyLines.append(HelpLine(text: left + padding + right, isHeading: false))
            }
        } else {
            keyLines += bindings.map { HelpLine(text: $0, isHeading: false) }
        }

        // The overview's headings are the lines that do not start with a space.
        let overview = CommandCatalog.helpText(topic: nil, width: overviewWidth - 1) ?? ""
        var commandLines = overview.split(separator: "\n", omittingEmptySubsequences: false)
            .map { HelpLine(text: String($0), isHeading: !$0.isEmpty && !$0.hasPrefix(" ")) }
        let commandRows = isSideBySide ? inner.height : inner.height - keyLines.count - 1
        if commandLines.count > commandRows {
            commandLines = compactOverview(width: overviewWidth - 1)
        }

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
        return PaneFrame.boxed(content, title: "Help, F1 or Esc to close", glyphs: glyphs)
    }

    /// Returns the command names by group, each group's names wrapped after its name.
    static func compactOverview(width: Int) -> [HelpLine] {
        var lines = [HelpLine(text: "Commands (type help COMMAND for details)", isHeading: true)]
        let groupWidth = CommandGroup.allCases.map(\.rawValue.displayWidth).max() ?? 0
        for group in CommandGroup.allCases {
            let names = CommandCatalog.entries.filter { $0.group == group }.map(\.name)
            guard !names.isEmpty else { continue }
            let indent = String(repeating: " ", count: groupWidth + 2)
            let wrapped = WordWrap.lines(
                names.joined(separator: ", "), width: max(1, width - indent.count))
            let padding = String(repeating: " ", count: indent.count - group.rawValue.count)
            for (index, piece) in wrapped.enumerated() {
                let lead = index == 0 ? group.rawValue + padding : indent
                lines.append(HelpLine(text: lead + piece, isHeading: false))
            }
        }
        return lines
    }

    /// One line of help text, and whether it heads a group.
    struct HelpLine {
        var text: String
        var isHeading: Bool
    }

    /// Draws lines from the top of a column, each cut to `width`. When there are more lines
    /// than rows, the last row counts the hidden ones.
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
