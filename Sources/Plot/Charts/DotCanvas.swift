/// A plotting surface of dots over a rectangle of cells: braille patterns with 2 by 4 dots per
/// cell, or one marker character per cell.
///
/// Dot `x` runs from 0 at the left, dot `y` from 0 at the top. Where series share a cell, the
/// braille dots merge and the cell takes the style of the series plotted last. In marker mode
/// the last series plotted owns the cell.
struct DotCanvas {
    let columns: Int
    let rows: Int
    let usesBraille: Bool

    /// Dots per cell across and down: 2 and 4 for braille, 1 and 1 for markers.
    let dotsPerColumn: Int
    let dotsPerRow: Int

    private var bits: [UInt8]
    private var markers: [Character?]
    private var styles: [CellStyle]

    init(columns: Int, rows: Int, usesBraille: Bool) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        self.usesBraille = usesBraille
        self.dotsPerColumn = usesBraille ? 2 : 1
        self.dotsPerRow = usesBraille ? 4 : 1
        let count = self.columns * self.rows
        self.bits = Array(repeating: 0, count: count)
        self.markers = Array(repeating: nil, count: count)
        self.styles = Array(repeating: .plain, count: count)
    }

    var dotWidth: Int { columns * dotsPerColumn }
    var dotHeight: Int { rows * dotsPerRow }

    /// Sets one dot. Dots outside the canvas are ignored.
    mutating func plot(x: Int, y: Int, style: CellStyle, marker: Character) {
        guard x >= 0, x < dotWidth, y >= 0, y < dotHeight else { return }
        let index = (y / dotsPerRow) * columns + x / dotsPerColumn
        if usesBraille {
            bits[index] |= DotCanvas.brailleBit(column: x % 2, row: y % 4)
        } else {
            markers[index] = marker
        }
        styles[index] = style
    }

    /// Sets the dots of column `x` from row `y0` to row `y1` in either order, clipped to the
    /// canvas.
    mutating func plotRun(x: Int, from y0: Int, to y1: Int, style: CellStyle, marker: Character) {
        let top = max(0, min(y0, y1))
        let bottom = min(dotHeight - 1, max(y0, y1))
        guard top <= bottom else { return }
        for y in top...bottom {
            plot(x: x, y: y, style: style, marker: marker)
        }
    }

    /// Draws the plotted cells into `grid` with the canvas's top-left cell at (`x`, `y`).
    /// Cells without dots are left as they are.
    func draw(into grid: inout CharGrid, x: Int, y: Int) {
        for row in 0..<rows {
            for column in 0..<columns {
                let index = row * columns + column
                let character: Character?
                if usesBraille {
                    let scalar = Unicode.Scalar(0x2800 + UInt32(bits[index]))
                    character = bits[index] == 0 ? nil : scalar.map(Character.init)
                } else {
                    character = markers[index]
                }
                if let character {
                    grid.put(character, x: x + column, y: y + row, style: styles[index])
                }
            }
        }
    }

    /// Returns the bit of a braille pattern for the dot at `column` (0 or 1) and `row` (0 to 3).
    ///
    /// Unicode numbers the dots 1, 2, 3, 7 down the left column and 4, 5, 6, 8 down the right,
    /// and dot n is bit n - 1 of the offset from U+2800.
    static func brailleBit(column: Int, row: Int) -> UInt8 {
        let dotNumbers = column == 0 ? [1, 2, 3, 7] : [4, 5, 6, 8]
        return UInt8(1) << UInt8(dotNumbers[row] - 1)
    }
}
