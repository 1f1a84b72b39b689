/// A table of text with titled, aligned columns, rendered to lines for a terminal or a log.
///
/// Columns are as wide as their widest cell or title. A line under the titles separates the
/// header, and separator rows draw the same line between body rows, for example before a
/// totals row:
///
/// ```
/// Layer (type)    │ Output shape │ Param #
/// ────────────────┼──────────────┼────────
/// 0 (Dense)       │ [batch, 16]  │      80
/// 1 (ReLU)        │ [batch, 16]  │       0
/// ────────────────┼──────────────┼────────
/// Total           │              │      80
/// ```
///
/// Widths count terminal columns, so wide characters align. Control characters in cells become
/// spaces. Trailing spaces are trimmed from each line.
public struct TextTable: Equatable, Sendable {
    /// The side of its column that a cell's text is pushed to.
    public enum Alignment: Equatable, Sendable {
        case left
        case right
    }

    /// A column's title and alignment. The title is aligned like the cells below it.
    public struct Column: Equatable, Sendable {
        public var title: String
        public var alignment: Alignment

        public init(_ title: String, alignment: Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    /// A body row: cells from the first column on, or a separator line.
    public enum Row: Equatable, Sendable {
        /// Cells for the first columns. Missing trailing cells are empty.
        case cells([String])
        /// A horizontal line across all columns.
        case separator
    }

    /// The characters that draw the lines between columns and under the header.
    public enum Style: Equatable, Sendable {
        /// `│` between columns, `─` under the header and `┼` where the two cross.
        case unicode
        /// `|` between columns, `-` under the header and `+` where the two cross.
        case ascii
    }

    public var columns: [Column]
    public var rows: [Row]

    /// Maximum width of a rendered line in terminal columns, or `nil` for no limit.
    ///
    /// When the table is wider, the widest column gives up one column at a time until the table
    /// fits, and cells that no longer fit end in an ellipsis. A table that cannot fit even with
    /// every column one wide has its lines cut at the limit.
    public var maxWidth: Int?

    /// Creates a table.
    ///
    /// - Parameters:
    ///   - columns: The columns, left to right. There must be at least one.
    ///   - rows: The body rows, top to bottom. A row may not have more cells than there are
    ///     columns.
    ///   - maxWidth: The limit on the width of a line in terminal columns, or `nil` for none.
    public init(columns: [Column], rows: [Row] = [], maxWidth: Int? = nil) {
        precondition(!columns.isEmpty, "TextTable needs at least one column")
        for case .cells(let cells) in rows {
            precondition(
                cells.count <= columns.count,
                "TextTable row has \(cells.count) cells but the table has \(columns.count) columns")
        }
        precondition((maxWidth ?? 0) >= 0, "TextTable maxWidth \(maxWidth ?? 0) is negative")
        self.columns = columns
        self.rows = rows
        self.maxWidth = maxWidth
    }

    /// Renders the header, its underline and the body rows, one string per line.
    public func render(style: Style = .unicode) -> [String] {
        let glyphs: GlyphSet = style == .unicode ? .unicode : .ascii
        let header = columns.map { $0.title.replacingControlCharacters() }
        let body: [[String]?] = rows.map { row in
            guard case .cells(let cells) = row else { return nil }
            let padded = cells + Array(repeating: "", count: columns.count - cells.count)
            return padded.map { $0.replacingControlCharacters() }
        }
        let widths = fittedWidths(header: header, body: body.compactMap { $0 })

        let columnSeparator = " \(glyphs.vertical) "
        let underline =
            widths
            .map { String(repeating: glyphs.horizontal, count: $0) }
            .joined(separator: "\(glyphs.horizontal)\(glyphs.cross)\(glyphs.horizontal)")

        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (index, cell) in cells.enumerated() {
                let text = cell.truncated(toDisplayWidth: widths[index], ellipsis: glyphs.ellipsis)
                let padding = String(repeating: " ", count: widths[index] - text.displayWidth)
                parts.append(columns[index].alignment == .left ? text + padding : padding + text)
            }
            return parts.joined(separator: columnSeparator)
        }

        var lines = [line(header), underline]
        for cells in body {
            lines.append(cells.map(line) ?? underline)
        }
        return lines.map { finish($0, glyphs: glyphs) }
    }

    /// Returns the width of each column: its widest cell or title, narrowed to fit `maxWidth`.
    private func fittedWidths(header: [String], body: [[String]]) -> [Int] {
        var widths = header.map(\.displayWidth)
        for cells in body {
            for (index, cell) in cells.enumerated() {
                widths[index] = max(widths[index], cell.displayWidth)
            }
        }
        guard let maxWidth else { return widths }

        let separatorsWidth = 3 * (columns.count - 1)
        var total = widths.reduce(0, +) + separatorsWidth
        while total > maxWidth {
            // The first of the widest columns gives up a column, so that the narrowing spreads
            // over all wide columns instead of eating one of them.
            guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
                widths[widest] > 1
            else { break }
            widths[widest] -= 1
            total -= 1
        }
        return widths
    }

    /// Returns a rendered line without trailing spaces and cut to `maxWidth`.
    private func finish(_ line: String, glyphs: GlyphSet) -> String {
        var text = line
        if let maxWidth, text.displayWidth > maxWidth {
            text = text.truncated(toDisplayWidth: maxWidth, ellipsis: glyphs.ellipsis)
        }
        while text.last == " " {
            text.removeLast()
        }
        return text
    }
}
