/// One cell of a `CharGrid`: a character of display width 1 or 2 and its style, or the right half
/// of a wide character.
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var style: CellStyle

    /// Whether the cell is the right half of the wide character in the cell to its left.
    /// Such a cell draws nothing of its own, and its `character` is a space.
    public var isContinuation: Bool

    public init(_ character: Character, style: CellStyle = .plain) {
        self.character = character
        self.style = style
        self.isContinuation = false
    }

    /// A space in the terminal's default colours.
    public static let blank = Cell(" ")

    static func continuation(style: CellStyle) -> Cell {
        var cell = Cell(" ", style: style)
        cell.isContinuation = true
        return cell
    }
}

/// A rectangle of styled characters that charts and panes draw into and a terminal copies out.
///
/// Column `x` runs from 0 at the left to `width - 1`, row `y` from 0 at the top to `height - 1`.
/// Every drawing operation clips at the edges, so callers may pass positions partly or wholly
/// outside the grid. A wide character takes two cells, the second marked as a continuation.
/// Drawing over either half of a wide character replaces the other half with a space, so that
/// the grid never contains half a character.
public struct CharGrid: Hashable, Sendable {
    public let width: Int
    public let height: Int

    /// The cells in row-major order, `width * height` of them.
    public private(set) var cells: [Cell]

    /// Creates a grid with every cell set to `fill`.
    ///
    /// - Parameters:
    ///   - width: The number of columns, zero or more.
    ///   - height: The number of rows, zero or more.
    ///   - fill: The cell to start from. Its character must have display width 1.
    public init(width: Int, height: Int, fill: Cell = .blank) {
        precondition(width >= 0 && height >= 0, "CharGrid size \(width)x\(height) is negative")
        precondition(fill.character.displayWidth == 1, "CharGrid fill must be one column wide")
        self.width = width
        self.height = height
        self.cells = Array(repeating: fill, count: width * height)
    }

    /// The cell at column `x` and row `y`, both inside the grid.
    public subscript(x x: Int, y y: Int) -> Cell {
        precondition(
            contains(x: x, y: y), "Cell (\(x), \(y)) is outside the \(width)x\(height) grid")
        return cells[y * width + x]
    }

    /// Returns whether column `x` and row `y` lie inside the grid.
    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && x < width && y >= 0 && y < height
    }

    /// Draws one character with its left edge at column `x`.
    ///
    /// A character of width 0 draws nothing. A wide character that sticks out of the left or
    /// right edge leaves a space with its style in the half that is inside.
    ///
    /// - Returns: The width of the character, which is where the next character starts.
    @discardableResult
    public mutating func put(_ character: Character, x: Int, y: Int, style: CellStyle = .plain)
        -> Int
    {
        let characterWidth = character.displayWidth
        guard characterWidth > 0, y >= 0, y < height else { return characterWidth }

        if characterWidth == 1 || x < 0 || x + 1 >= width {
            for column in x..<(x + characterWidth) where column >= 0 && column < width {
                let drawn = characterWidth == 1 ? character : " "
                replace(x: column, y: y, with: Cell(drawn, style: style))
            }
        } else {
            replace(x: x, y: y, with: Cell(character, style: style))
            replace(x: x + 1, y: y, with: .continuation(style: style))
        }
        return characterWidth
    }

    /// Draws text left to right from column `x`, clipped at the grid's edges and at `maxWidth`.
    ///
    /// Control and other zero-width characters are skipped. A wide character that does not fit
    /// in `maxWidth` is left out.
    ///
    /// - Parameters:
    ///   - text: One line of text.
    ///   - x: The column of the first character, which may be negative.
    ///   - y: The row.
    ///   - style: The style of every character drawn.
    ///   - maxWidth: The number of columns the text may take, or `nil` for the rest of the row.
    /// - Returns: The column after the last character drawn, whether or not it was inside the
    ///   grid.
    @discardableResult
    public mutating func draw(
        _ text: String, x: Int, y: Int, style: CellStyle = .plain, maxWidth: Int? = nil
    ) -> Int {
        let limit = maxWidth.map { x + $0 } ?? Int.max
        var column = x
        for character in text {
            let characterWidth = character.displayWidth
            if characterWidth == 0 { continue }
            if column + characterWidth > limit || column >= width { break }
            column += put(character, x: column, y: y, style: style)
        }
        return column
    }

    /// Sets every cell of a rectangle to `character` in `style`, clipped at the edges.
    ///
    /// - Parameters:
    ///   - character: A character of display width 1.
    public mutating func fill(
        x: Int, y: Int, width fillWidth: Int, height fillHeight: Int,
        with character: Character = " ", style: CellStyle = .plain
    ) {
        precondition(character.displayWidth == 1, "CharGrid fill must be one column wide")
        for row in max(0, y)..<min(height, y + max(0, fillHeight)) {
            for column in max(0, x)..<min(width, x + max(0, fillWidth)) {
                replace(x: column, y: row, with: Cell(character, style: style))
            }
        }
    }

    /// Changes the style of the cells of a rectangle and keeps their characters.
    public mutating func setStyle(
        _ style: CellStyle, x: Int, y: Int, width styledWidth: Int, height styledHeight: Int
    ) {
        for row in max(0, y)..<min(height, y + max(0, styledHeight)) {
            for column in max(0, x)..<min(width, x + max(0, styledWidth)) {
                cells[row * width + column].style = style
            }
        }
    }

    /// Draws a rectangle's border, with an optional title set into the top edge.
    ///
    /// ```
    /// ┌─ Loss ───┐
    /// │          │
    /// └──────────┘
    /// ```
    ///
    /// The inside is left as it was. A title too long for the top edge ends in the ellipsis of
    /// `glyphs`. A box narrower or shorter than 2 draws nothing.
    public mutating func drawBox(
        x: Int, y: Int, width boxWidth: Int, height boxHeight: Int, title: String? = nil,
        style: CellStyle = .plain, glyphs: GlyphSet = .unicode
    ) {
        guard boxWidth >= 2, boxHeight >= 2 else { return }
        let right = x + boxWidth - 1
        let bottom = y + boxHeight - 1

        for column in (x + 1)..<right {
            put(glyphs.horizontal, x: column, y: y, style: style)
            put(glyphs.horizontal, x: column, y: bottom, style: style)
        }
        for row in (y + 1)..<bottom {
            put(glyphs.vertical, x: x, y: row, style: style)
            put(glyphs.vertical, x: right, y: row, style: style)
        }
        put(glyphs.topLeft, x: x, y: y, style: style)
        put(glyphs.topRight, x: right, y: y, style: style)
        put(glyphs.bottomLeft, x: x, y: bottom, style: style)
        put(glyphs.bottomRight, x: right, y: bottom, style: style)

        // The title sits two columns in, with a space on each side: "┌─ Title ─┐".
        if let title, !title.isEmpty, boxWidth >= 6 {
            let room = boxWidth - 6
            let fitted = title.replacingControlCharacters()
                .truncated(toDisplayWidth: room, ellipsis: glyphs.ellipsis)
            draw(" \(fitted) ", x: x + 2, y: y, style: style)
        }
    }

    /// Copies `grid` into this grid with its top-left cell at column `x` and row `y`, clipped at
    /// the edges. Wide characters cut by an edge become spaces.
    public mutating func draw(_ grid: CharGrid, x: Int, y: Int) {
        for row in 0..<grid.height {
            for column in 0..<grid.width {
                let cell = grid.cells[row * grid.width + column]
                if cell.isContinuation { continue }
                put(cell.character, x: x + column, y: y + row, style: cell.style)
            }
        }
    }

    /// The rows as plain text, without styles and without trailing spaces.
    public var lines: [String] {
        lines(trimmingTrailingSpaces: true)
    }

    /// Returns the rows as plain text without styles, each `width` columns wide unless trailing
    /// spaces are trimmed.
    public func lines(trimmingTrailingSpaces: Bool) -> [String] {
        (0..<height).map { row in
            var line = ""
            for cell in cells[(row * width)..<((row + 1) * width)] where !cell.isContinuation {
                line.append(cell.character)
            }
            if trimmingTrailingSpaces {
                while line.last == " " {
                    line.removeLast()
                }
            }
            return line
        }
    }

    /// Stores `cell` at an inside position, first turning any wide character that the write
    /// would cut in half into a space.
    private mutating func replace(x: Int, y: Int, with cell: Cell) {
        let index = y * width + x
        if cells[index].isContinuation {
            cells[index - 1] = Cell(" ", style: cells[index - 1].style)
        }
        if x + 1 < width, cells[index + 1].isContinuation {
            cells[index + 1] = Cell(" ", style: cells[index + 1].style)
        }
        cells[index] = cell
    }
}
