/// Histogram charts of precomputed bins, with vertical or horizontal bars and the bin edges as
/// labels.
///
/// Vertical, with counts on the left and edges below:
///
/// ```
/// 40┤     █████▁▁▁▁▁
///   │     ██████████
/// 20┤▃▃▃▃▃██████████
///  0┤███████████████▇▇▇▇▇
///   └┬────┬────┬────┬────┬
///    -2  -1    0    1    2
/// NaN 1
/// ```
///
/// Horizontal, one bin per row with its interval and count:
///
/// ```
/// [-2, -1) │██████ 14
/// [-1, 0)  │█████████████████ 40
/// [0, 1)   │█████████████▏ 31
/// [1, 2]   │███▉ 9
/// NaN 1
/// ```
///
/// Bar lengths use eighth blocks with Unicode glyphs and whole characters with ASCII glyphs.
/// A bin with a nonzero count always shows at least the smallest bar, so that no value
/// disappears. When there are more bins than columns (vertical) or rows (horizontal),
/// neighbouring bins are joined, counts summed, and a note states how many bins each bar covers.
/// A note also lists NaN and infinite values when there are any.
public enum Histogram {
    /// The direction that bars grow in.
    public enum Orientation: Equatable, Sendable {
        /// Bars grow upwards from an x axis labelled with the edges.
        case vertical
        /// Bars grow rightwards, one row per bin labelled with its interval.
        case horizontal
    }

    /// Drawing choices for a histogram.
    public struct Options: Equatable, Sendable {
        public var orientation: Orientation
        public var glyphs: GlyphSet

        /// Whether to colour the bars with `barColor`.
        public var usesColor: Bool
        public var barColor: TerminalColor

        public init(
            orientation: Orientation = .vertical, glyphs: GlyphSet = .unicode,
            usesColor: Bool = true, barColor: TerminalColor = .indexed(33)
        ) {
            self.orientation = orientation
            self.glyphs = glyphs
            self.usesColor = usesColor
            self.barColor = barColor
        }
    }

    /// Renders bins into a grid of the given size. A grid too small for the axes and one bar
    /// stays blank.
    public static func render(
        _ bins: HistogramBins, width: Int, height: Int, options: Options = Options()
    ) -> CharGrid {
        var grid = CharGrid(width: max(0, width), height: max(0, height))
        switch options.orientation {
        case .vertical:
            drawVertical(bins, on: &grid, options: options)
        case .horizontal:
            drawHorizontal(bins, on: &grid, options: options)
        }
        return grid
    }

    private static func drawVertical(
        _ bins: HistogramBins, on grid: inout CharGrid, options: Options
    ) {
        let glyphs = options.glyphs
        let hasValueNotes = !notes(bins, factor: 1, unit: "").isEmpty
        let maximum = Double(bins.counts.max() ?? 0)

        // The notes row is reserved when there are NaN or infinite values, or when the bins
        // turn out to need joining, which is known only once the count labels are measured.
        var plotRows = 0
        var scale = AxisScale(minimum: 0, maximum: 1, kind: .linear, targetTickCount: 1)
        var labelWidth = 0
        var factor = 1
        for reservesNotesRow in [hasValueNotes, true] {
            plotRows = grid.height - 2 - (reservesNotesRow ? 1 : 0)
            guard plotRows >= 1 else { return }
            scale = AxisScale(
                minimum: 0, maximum: max(1, maximum), kind: .linear,
                targetTickCount: max(1, plotRows / 2))
            labelWidth = scale.ticks.map { NumberFormat.fixed($0, decimals: 0).count }.max() ?? 1
            let plotColumns = grid.width - labelWidth - 1
            guard plotColumns >= 1 else { return }
            factor = (bins.counts.count + plotColumns - 1) / plotColumns
            if reservesNotesRow || factor == 1 { break }
        }
        let ticks = scale.ticks.filter { $0 == $0.rounded() }
        let labels = ticks.map { NumberFormat.fixed($0, decimals: 0) }
        let plotColumns = grid.width - labelWidth - 1

        let joined = bins.merged(by: factor)
        let barWidth = plotColumns / joined.counts.count
        let originColumn = labelWidth
        let levels = glyphs.verticalBars.count
        let style = barStyle(options)

        for (index, count) in joined.counts.enumerated() {
            let units = barUnits(count, scaleTop: scale.upper, cells: plotRows, levels: levels)
            for offset in 0..<barWidth {
                let column = originColumn + 1 + index * barWidth + offset
                drawColumnBar(
                    units: units, levels: levels, column: column, bottomRow: plotRows - 1,
                    on: &grid, glyphs: glyphs, style: style)
            }
        }

        // The count axis, with a label at each whole tick.
        for row in 0..<plotRows {
            grid.put(glyphs.vertical, x: originColumn, y: row)
        }
        for (tick, label) in zip(ticks, labels) {
            let row = Int(((1 - tick / scale.upper) * Double(plotRows - 1)).rounded())
            grid.put(glyphs.verticalAxisTick, x: originColumn, y: row)
            grid.draw(label, x: originColumn - label.displayWidth, y: row)
        }

        // The edge axis: a tick at the left side of each bar and one past the last bar.
        let axisRow = plotRows
        grid.put(glyphs.bottomLeft, x: originColumn, y: axisRow)
        for column in (originColumn + 1)..<grid.width {
            grid.put(glyphs.horizontal, x: column, y: axisRow)
        }
        let edgeColumns = joined.edges.indices.map { index in
            min(originColumn + 1 + index * barWidth, grid.width - 1)
        }
        let edgeLabels = edgeLabelTexts(joined.edges)
        for index in placedEdgeLabels(edgeLabels, columns: edgeColumns, width: grid.width) {
            grid.put(glyphs.horizontalAxisTick, x: edgeColumns[index], y: axisRow)
            let label = edgeLabels[index]
            let start = labelStart(
                label, column: edgeColumns[index], isFirst: index == 0,
                isLast: index == joined.edges.count - 1, width: grid.width)
            grid.draw(label, x: start, y: axisRow + 1)
        }

        drawNotes(bins, factor: factor, unit: "column", on: &grid, row: axisRow + 2, glyphs: glyphs)
    }

    private static func drawHorizontal(
        _ bins: HistogramBins, on grid: inout CharGrid, options: Options
    ) {
        let glyphs = options.glyphs
        let hasNotes = notes(bins, factor: 1, unit: "row").isEmpty == false
        var rows = grid.height - (hasNotes ? 1 : 0)
        guard rows >= 1 else { return }
        var factor = (bins.counts.count + rows - 1) / rows
        if factor > 1 && !hasNotes {
            // Joining bins adds a note, which takes a row.
            rows -= 1
            guard rows >= 1 else { return }
            factor = (bins.counts.count + rows - 1) / rows
        }
        let joined = bins.merged(by: factor)

        let edges = edgeLabelTexts(joined.edges)
        let intervals = joined.counts.indices.map { index in
            let isLast = index == joined.counts.count - 1
            return "[\(edges[index]), \(edges[index + 1])\(isLast ? "]" : ")")"
        }
        let labelWidth = intervals.map(\.displayWidth).max() ?? 0
        let countWidth = joined.counts.map { String($0).count }.max() ?? 1
        let barColumns = grid.width - labelWidth - 3 - countWidth
        guard barColumns >= 1 else { return }

        let maximum = Double(joined.counts.max() ?? 0)
        let levels = glyphs.horizontalBars.count
        let style = barStyle(options)
        let barStart = labelWidth + 2
        for (index, count) in joined.counts.enumerated() {
            grid.draw(intervals[index], x: 0, y: index)
            grid.put(glyphs.vertical, x: labelWidth + 1, y: index)
            let units = barUnits(
                count, scaleTop: max(1, maximum), cells: barColumns, levels: levels)
            let fullCells = units / levels
            for offset in 0..<fullCells {
                grid.put(
                    glyphs.horizontalBars[levels - 1], x: barStart + offset, y: index, style: style)
            }
            var end = barStart + fullCells
            if units % levels > 0 {
                grid.put(glyphs.horizontalBars[units % levels - 1], x: end, y: index, style: style)
                end += 1
            }
            grid.draw(String(count), x: end + 1, y: index)
        }

        drawNotes(
            bins, factor: factor, unit: "row", on: &grid, row: joined.counts.count, glyphs: glyphs)
    }

    /// Returns a bar's length in units of `1 / levels` cell, rounded, and at least one unit for a
    /// nonzero count.
    static func barUnits(_ count: Int, scaleTop: Double, cells: Int, levels: Int) -> Int {
        guard count > 0 else { return 0 }
        let units = (Double(count) / scaleTop * Double(cells * levels)).rounded()
        return max(1, min(cells * levels, Int(units)))
    }

    private static func drawColumnBar(
        units: Int, levels: Int, column: Int, bottomRow: Int, on grid: inout CharGrid,
        glyphs: GlyphSet, style: CellStyle
    ) {
        let fullCells = units / levels
        for offset in 0..<fullCells {
            grid.put(
                glyphs.verticalBars[levels - 1], x: column, y: bottomRow - offset, style: style)
        }
        if units % levels > 0 {
            let glyph = glyphs.verticalBars[units % levels - 1]
            grid.put(glyph, x: column, y: bottomRow - fullCells, style: style)
        }
    }

    private static func barStyle(_ options: Options) -> CellStyle {
        options.usesColor ? CellStyle(foreground: options.barColor) : .plain
    }

    /// Returns the edges as short text, with as many significant digits as it takes (3 to 8)
    /// for neighbouring edges to read differently.
    static func edgeLabelTexts(_ edges: [Double]) -> [String] {
        var texts: [String] = []
        for digits in 3...8 {
            texts = edges.map { NumberFormat.compact($0, significantDigits: digits) }
            if zip(texts, texts.dropFirst()).allSatisfy({ $0 != $1 }) { break }
        }
        return texts
    }

    /// Returns the indices of the edge labels that fit without overlapping: the first and the
    /// last edge first, then the others from left to right.
    private static func placedEdgeLabels(_ labels: [String], columns: [Int], width: Int) -> [Int] {
        var placed: [(index: Int, range: Range<Int>)] = []
        let candidates = [0, labels.count - 1] + Array(labels.indices.dropFirst().dropLast())
        for index in candidates where !placed.contains(where: { $0.index == index }) {
            let start = labelStart(
                labels[index], column: columns[index], isFirst: index == 0,
                isLast: index == labels.count - 1, width: width)
            let range = (start - 1)..<(start + labels[index].displayWidth + 1)
            if placed.allSatisfy({ !$0.range.overlaps(range) }) {
                placed.append((index, range.lowerBound + 1..<range.upperBound - 1))
            }
        }
        return placed.map(\.index).sorted()
    }

    /// Returns the column where an edge label starts: at its tick for the first edge, ending at
    /// its tick for the last, centred on it otherwise, and always inside the grid.
    private static func labelStart(
        _ label: String, column: Int, isFirst: Bool, isLast: Bool, width: Int
    ) -> Int {
        let labelWidth = label.displayWidth
        let start: Int
        if isFirst {
            start = column
        } else if isLast {
            start = column - labelWidth + 1
        } else {
            start = column - labelWidth / 2
        }
        return max(0, min(start, width - labelWidth))
    }

    /// Returns the footnotes: joined bins, then NaN and infinity counts.
    static func notes(_ bins: HistogramBins, factor: Int, unit: String) -> [String] {
        var notes: [String] = []
        if factor > 1 {
            notes.append("\(factor) bins per \(unit)")
        }
        if bins.nanCount > 0 {
            notes.append("NaN \(bins.nanCount)")
        }
        if bins.positiveInfinityCount > 0 {
            notes.append("+inf \(bins.positiveInfinityCount)")
        }
        if bins.negativeInfinityCount > 0 {
            notes.append("-inf \(bins.negativeInfinityCount)")
        }
        return notes
    }

    private static func drawNotes(
        _ bins: HistogramBins, factor: Int, unit: String, on grid: inout CharGrid, row: Int,
        glyphs: GlyphSet
    ) {
        let text = notes(bins, factor: factor, unit: unit).joined(separator: "  ")
        grid.draw(
            text.truncated(toDisplayWidth: grid.width, ellipsis: glyphs.ellipsis), x: 0, y: row)
    }
}
