import Plot
import Workbench

/// The output log: the newest lines that fit, or older ones when scrolled, with commands after
/// a `> ` prompt mark and errors highlighted. Long lines wrap at spaces.
enum LogPane {
    static func render(
        _ log: [LogLine], scroll: Int, width: Int, height: Int, glyphs: GlyphSet, color: Bool
    ) -> CharGrid {
        let inner = PaneFrame.innerSize(width: width, height: height)
        let page = visibleLines(log, scroll: scroll, width: inner.width, rows: inner.height)
        return render(page: page, width: width, height: height, glyphs: glyphs, color: color)
    }

    /// Draws a page of rows already chosen by `visibleLines` or `page(of:scroll:rows:)`.
    static func render(
        page: (lines: [VisibleLine], scroll: Int), width: Int, height: Int, glyphs: GlyphSet,
        color: Bool
    ) -> CharGrid {
        let inner = PaneFrame.innerSize(width: width, height: height)
        var content = CharGrid(width: inner.width, height: inner.height)
        for (row, line) in page.lines.enumerated() {
            content.draw(line.text, x: 0, y: row, style: style(of: line.kind, color: color))
        }

        var title = "Output"
        if page.scroll > 0 {
            let unit = page.scroll == 1 ? "line" : "lines"
            title += PaneFrame.separator(glyphs) + "\(page.scroll) \(unit) up, PgDn for newer"
        }
        return PaneFrame.boxed(content, title: title, glyphs: glyphs)
    }

    /// One row of the log as drawn: a piece of a log line after wrapping.
    struct VisibleLine: Equatable {
        var kind: LogLine.Kind
        var text: String
    }

    /// Returns the rows to draw, oldest first, and the scroll offset actually used.
    ///
    /// `scroll` counts wrapped rows up from the newest. It is clamped so that the oldest row
    /// stops at the top. Only as many log lines are wrapped as the page needs, counted from the
    /// newest, so a long log costs no more than a short one.
    static func visibleLines(_ log: [LogLine], scroll: Int, width: Int, rows: Int)
        -> (lines: [VisibleLine], scroll: Int)
    {
        guard width > 0, rows > 0 else { return ([], 0) }
        let needed = max(0, scroll) + rows
        var newestFirst: [VisibleLine] = []
        var index = log.count - 1
        while index >= 0 && newestFirst.count < needed {
            newestFirst += wrapped(log[index], width: width).reversed()
            index -= 1
        }
        let used = min(max(0, scroll), max(0, newestFirst.count - rows))
        let page = newestFirst.dropFirst(used).prefix(rows)
        return (Array(page.reversed()), used)
    }

    /// Returns the page of `rows` rows that ends `scroll` rows above the newest of `wrapped`,
    /// which contains the whole log already wrapped, and the scroll offset actually used.
    ///
    /// `scroll` is clamped as in `visibleLines`. The cost depends on `rows` alone.
    static func page(of wrapped: [VisibleLine], scroll: Int, rows: Int)
        -> (lines: [VisibleLine], scroll: Int)
    {
        guard rows > 0 else { return ([], 0) }
        let used = min(max(0, scroll), max(0, wrapped.count - rows))
        let end = wrapped.count - used
        return (Array(wrapped[max(0, end - rows)..<end]), used)
    }

    /// Returns the rows of one log line: each of its lines wrapped to `width`, a command's
    /// first row after `> ` and its other rows indented to match.
    static func wrapped(_ line: LogLine, width: Int) -> [VisibleLine] {
        let prefix = line.kind == .command ? "> " : ""
        let indent = String(repeating: " ", count: prefix.count)
        let room = max(1, width - prefix.count)
        var rows: [VisibleLine] = []
        for part in line.text.split(separator: "\n", omittingEmptySubsequences: false) {
            for piece in WordWrap.lines(String(part), width: room) {
                let lead = rows.isEmpty ? prefix : indent
                rows.append(VisibleLine(kind: line.kind, text: lead + piece))
            }
        }
        return rows
    }

    /// Returns the style of a row: bold red for errors (bold alone without colour), plain for
    /// commands, which their `> ` mark sets apart, and for messages.
    static func style(of kind: LogLine.Kind, color: Bool) -> CellStyle {
        switch kind {
        case .error: PaneFrame.warning(color: color)
        case .command, .message, .epoch: .plain
        }
    }
}
