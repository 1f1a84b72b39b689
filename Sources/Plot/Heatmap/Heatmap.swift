/// Heatmaps of a matrix, such as a weight matrix or a confusion matrix, in colour or in shades.
///
/// With colour and Unicode glyphs, each cell shows two matrix rows: the upper half block `▀`
/// takes the upper value's colour as foreground and the lower value's colour as background.
/// Without colour, or without Unicode, each cell shows one matrix entry as a shade character,
/// from blank for the lowest value to the densest shade for the highest.
///
/// A matrix smaller than the grid is scaled up by a whole factor, so every entry gets an equal
/// block. A larger one is scaled down, and each cell shows the mean of the finite entries it
/// covers. NaN entries, and cells that cover no finite entry, show the terminal's default
/// colours in colour mode and `?` in shade mode.
public enum Heatmap {
    /// Drawing choices for a heatmap.
    public struct Options: Equatable, Sendable {
        public var glyphs: GlyphSet
        public var usesColor: Bool
        public var colorScale: ColorScale

        /// The values at the two ends of the scale, or `nil` for the finite data's range. The
        /// diverging scale defaults to a range symmetric about zero, so that zero is white.
        public var range: ClosedRange<Double>?

        /// Whether to draw a legend row under the map: the low end, the scale, the high end.
        public var showsLegend: Bool

        public init(
            glyphs: GlyphSet = .unicode, usesColor: Bool = true,
            colorScale: ColorScale = .diverging, range: ClosedRange<Double>? = nil,
            showsLegend: Bool = true
        ) {
            self.glyphs = glyphs
            self.usesColor = usesColor
            self.colorScale = colorScale
            self.range = range
            self.showsLegend = showsLegend
        }
    }

    /// Renders a matrix into a grid of the given size.
    ///
    /// - Parameters:
    ///   - matrix: The values as rows of equal length, top row first.
    ///   - width: The grid width in columns.
    ///   - height: The grid height in rows, including the legend row.
    ///   - options: The glyphs, colour, scale and range.
    public static func render(
        _ matrix: [[Double]], width: Int, height: Int, options: Options = Options()
    ) -> CharGrid {
        let columnCount = matrix.first?.count ?? 0
        precondition(
            matrix.allSatisfy { $0.count == columnCount },
            "Heatmap rows differ in length: \(matrix.map(\.count))")
        var grid = CharGrid(width: max(0, width), height: max(0, height))
        let range = valueRange(matrix, options: options)
        let mapRows = grid.height - (options.showsLegend ? 1 : 0)
        guard columnCount > 0, mapRows >= 1, grid.width >= 1 else { return grid }

        let usesHalfBlocks = options.usesColor && options.glyphs.upperHalfBlock != nil
        let pixelRows = usesHalfBlocks ? 2 * mapRows : mapRows
        let pixels = resample(
            matrix, columns: fittedCount(columnCount, into: grid.width),
            rows: fittedCount(matrix.count, into: pixelRows))
        let positions = pixels.map { row in row.map { position(of: $0, in: range) } }

        if usesHalfBlocks, let halfBlock = options.glyphs.upperHalfBlock {
            for row in 0..<((positions.count + 1) / 2) {
                for column in positions[0].indices {
                    let upper = positions[2 * row][column]
                    let lower = 2 * row + 1 < positions.count ? positions[2 * row + 1][column] : nil
                    let style = CellStyle(
                        foreground: upper.map(options.colorScale.color) ?? .default,
                        background: lower.map(options.colorScale.color) ?? .default)
                    grid.put(halfBlock, x: column, y: row, style: style)
                }
            }
        } else {
            for (row, values) in positions.enumerated() {
                for (column, value) in values.enumerated() {
                    grid.put(value.map { shade($0, options.glyphs) } ?? "?", x: column, y: row)
                }
            }
        }

        if options.showsLegend {
            drawLegend(
                range: range, on: &grid, row: grid.height - 1, usesColor: usesHalfBlocks,
                options: options)
        }
        return grid
    }

    /// Returns the scale's range: the caller's, or one that covers the finite values.
    static func valueRange(_ matrix: [[Double]], options: Options) -> ClosedRange<Double> {
        if let range = options.range { return range }
        let finite = matrix.joined().filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return 0...1 }
        switch options.colorScale {
        case .diverging:
            let magnitude = max(abs(low), abs(high))
            return magnitude == 0 ? -1...1 : -magnitude...magnitude
        case .sequential:
            return low == high ? (low - 1)...(high + 1) : low...high
        }
    }

    /// Returns how many pixels a dimension of `count` entries takes when it must fit in
    /// `available`: a whole multiple of `count` when it fits, and `available` otherwise.
    static func fittedCount(_ count: Int, into available: Int) -> Int {
        count <= available ? count * (available / count) : available
    }

    /// Returns the matrix resampled to `rows` by `columns`, each pixel the mean of the finite
    /// entries it covers, or NaN when it covers none.
    static func resample(_ matrix: [[Double]], columns: Int, rows: Int) -> [[Double]] {
        func span(_ index: Int, pixels: Int, entries: Int) -> Range<Int> {
            let start = index * entries / pixels
            let end = max(start + 1, (index + 1) * entries / pixels)
            return start..<end
        }
        let columnCount = matrix[0].count
        return (0..<rows).map { row in
            (0..<columns).map { column in
                var sum = 0.0
                var count = 0
                for y in span(row, pixels: rows, entries: matrix.count) {
                    for x in span(column, pixels: columns, entries: columnCount)
                    where matrix[y][x].isFinite {
                        sum += matrix[y][x]
                        count += 1
                    }
                }
                return count > 0 ? sum / Double(count) : .nan
            }
        }
    }

    /// Returns where `value` lies in `range`, clamped to `0...1`, or `nil` for NaN.
    static func position(of value: Double, in range: ClosedRange<Double>) -> Double? {
        guard !value.isNaN else { return nil }
        let span = range.upperBound - range.lowerBound
        guard span > 0 else { return 0.5 }
        return min(max((value - range.lowerBound) / span, 0), 1)
    }

    private static func shade(_ position: Double, _ glyphs: GlyphSet) -> Character {
        let index = Int((position * Double(glyphs.shades.count - 1)).rounded())
        return glyphs.shades[index]
    }

    /// Draws `low ███ high`, with the bar coloured or shaded along the scale.
    private static func drawLegend(
        range: ClosedRange<Double>, on grid: inout CharGrid, row: Int, usesColor: Bool,
        options: Options
    ) {
        let low = NumberFormat.compact(range.lowerBound)
        let high = NumberFormat.compact(range.upperBound)
        let barWidth = min(16, grid.width - low.displayWidth - high.displayWidth - 2)
        guard barWidth >= 2 else {
            let separator = options.glyphs.isUnicode ? "…" : ".."
            grid.draw("\(low)\(separator)\(high)", x: 0, y: row)
            return
        }
        var column = grid.draw(low, x: 0, y: row) + 1
        for index in 0..<barWidth {
            let position = Double(index) / Double(barWidth - 1)
            if usesColor {
                let style = CellStyle(foreground: options.colorScale.color(at: position))
                grid.put("█", x: column, y: row, style: style)
            } else {
                grid.put(shade(position, options.glyphs), x: column, y: row)
            }
            column += 1
        }
        grid.draw(high, x: column + 1, y: row)
    }
}
