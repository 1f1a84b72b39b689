import Plot

/// The titled box that every pane draws around its content, and the styles that panes share.
enum PaneFrame {
    /// Returns `content` inside a box with `title` in its top edge, `content.width + 2` columns
    /// wide and `content.height + 2` rows high.
    static func boxed(_ content: CharGrid, title: String, glyphs: GlyphSet) -> CharGrid {
        var grid = CharGrid(width: content.width + 2, height: content.height + 2)
        grid.drawBox(x: 0, y: 0, width: grid.width, height: grid.height, glyphs: glyphs)
        grid.draw(content, x: 1, y: 1)
        drawTitle(title, on: &grid, glyphs: glyphs)
        return grid
    }

    /// Draws `title` in bold into the top edge, two columns in, with a space on each side.
    /// A title too long for the edge ends in the ellipsis of `glyphs`.
    static func drawTitle(_ title: String, on grid: inout CharGrid, glyphs: GlyphSet) {
        let room = grid.width - 6
        guard room >= 1, !title.isEmpty else { return }
        let fitted = title.truncated(toDisplayWidth: room, ellipsis: glyphs.ellipsis)
        grid.draw(" \(fitted) ", x: 2, y: 0)
        grid.setStyle(bold, x: 3, y: 0, width: fitted.displayWidth, height: 1)
    }

    /// Returns the first title that fits in the top edge of a box `width` columns wide, or the
    /// last one, which `drawTitle` then cuts.
    static func fittingTitle(_ candidates: [String], boxWidth width: Int) -> String {
        candidates.first { $0.displayWidth <= width - 6 } ?? candidates.last ?? ""
    }

    /// Returns the inner size of a box of the given outer size, never negative.
    static func innerSize(width: Int, height: Int) -> (width: Int, height: Int) {
        (max(0, width - 2), max(0, height - 2))
    }

    /// Draws `text` centred in the grid, on the middle row, cut to the grid's width.
    static func drawCentered(_ text: String, on grid: inout CharGrid, glyphs: GlyphSet,
                             style: CellStyle = dim) {
        guard grid.width > 0, grid.height > 0 else { return }
        let fitted = text.truncated(toDisplayWidth: grid.width, ellipsis: glyphs.ellipsis)
        let x = (grid.width - fitted.displayWidth) / 2
        grid.draw(fitted, x: x, y: (grid.height - 1) / 2, style: style)
    }

    static let bold = CellStyle(bold: true)
    static let dim = CellStyle(dim: true)

    /// Returns the style of a value outside its healthy range: red and bold, or bold alone
    /// without colour.
    static func warning(color: Bool) -> CellStyle {
        color ? CellStyle(foreground: .indexed(196), bold: true) : CellStyle(bold: true)
    }

    /// Returns the separator between the parts of a title: a middle dot, or a hyphen in ASCII.
    static func separator(_ glyphs: GlyphSet) -> String {
        glyphs.isUnicode ? " · " : " - "
    }
}
