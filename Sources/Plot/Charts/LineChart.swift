/// Line charts of one or more series, drawn in braille dots or marker characters, with labelled
/// axes and a legend.
///
/// ```
/// 3┤
/// 2┤⠳⡄
///  │ ⠙⢦⡀
/// 1┤   ⠉⠓⠲⠤⢶⣒⣒⡲⠤⠤⠤⣄⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀
/// 0┤          ⠉⠉⠉⠉⠉⠙⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠲⠤⠤
///  └┬──────────────┬──────────────
///   0             20
///  ── train  ── validation
/// ```
///
/// The layout, top to bottom: the plot with the y axis on its left, the x axis, the x tick
/// labels, and a legend row when there is something to list. Every point is shown even when a
/// series has more points than the plot has dot columns: each column draws the whole range of
/// the points that fall into it, so a single spike stays visible.
public enum LineChart {
    /// Drawing choices for a line chart.
    public struct Options: Equatable, Sendable {
        public var glyphs: GlyphSet

        /// Whether to colour the series. Without colour, braille cannot tell series apart, so a
        /// chart of two or more series uses marker characters instead.
        public var usesColor: Bool

        /// Linear or logarithmic y axis. A logarithmic axis skips values that are zero or
        /// negative, and the legend reports how many it skipped.
        public var yAxis: AxisKind

        /// The x range to show, or `nil` for the data's range.
        public var xRange: ClosedRange<Double>?

        /// The y range to show, or `nil` for the data's range rounded out to tick values.
        /// On a logarithmic axis its lower bound must be positive.
        public var yRange: ClosedRange<Double>?

        /// Whether to draw marker characters even when the glyph set has braille.
        public var usesMarkers: Bool

        /// Whether to draw the legend row.
        public var showsLegend: Bool

        public init(
            glyphs: GlyphSet = .unicode, usesColor: Bool = true, yAxis: AxisKind = .linear,
            xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
            usesMarkers: Bool = false, showsLegend: Bool = true
        ) {
            self.glyphs = glyphs
            self.usesColor = usesColor
            self.yAxis = yAxis
            self.xRange = xRange
            self.yRange = yRange
            self.usesMarkers = usesMarkers
            self.showsLegend = showsLegend
        }
    }

    /// The foreground colours that series without a style get, in order: blue, orange, green,
    /// magenta, yellow, cyan.
    public static let palette: [TerminalColor] = [
        .indexed(33), .indexed(208), .indexed(34), .indexed(170), .indexed(178), .indexed(37),
    ]

    /// Renders series into a grid of the given size.
    ///
    /// A grid too small for one plot row and two plot columns next to the axes stays blank.
    ///
    /// - Parameters:
    ///   - series: The lines to draw, in drawing order. Later series cover earlier ones where
    ///     they share a cell.
    ///   - width: The grid width in columns.
    ///   - height: The grid height in rows.
    ///   - options: The glyphs, colour, axis kind and ranges.
    public static func render(
        _ series: [LineSeries], width: Int, height: Int, options: Options = Options()
    ) -> CharGrid {
        var grid = CharGrid(width: max(0, width), height: max(0, height))
        let data = PlottableData(series, yAxis: options.yAxis)
        let styles = series.indices.map { seriesStyle(series[$0], index: $0, options: options) }
        let visibleCount = series.filter { !$0.y.isEmpty }.count
        let usesBraille =
            options.glyphs.usesBraille && !options.usesMarkers
            && (options.usesColor || visibleCount <= 1)
        let markers = series.indices.map { index in
            series[index].marker
                ?? options.glyphs.seriesMarkers[index % options.glyphs.seriesMarkers.count]
        }

        let legend = legendEntries(
            series, styles: styles, markers: markers, usesBraille: usesBraille, data: data,
            options: options)
        let legendRows = options.showsLegend && !legend.isEmpty ? 1 : 0
        let plotRows = height - 2 - legendRows
        guard plotRows >= 1 else { return grid }

        let yScale = makeScale(
            data.yRange, override: options.yRange, kind: options.yAxis,
            targetTickCount: max(1, plotRows / 2))
        let yLabels = yScale.ticks.map(yScale.label)
        let labelWidth = yLabels.map(\.displayWidth).max() ?? 0
        let plotColumns = width - labelWidth - 1
        guard plotColumns >= 2 else { return grid }

        let xScale = makeScale(
            data.xRange, override: options.xRange, kind: .linear,
            targetTickCount: max(1, plotColumns / 8), widen: false)
        var canvas = DotCanvas(columns: plotColumns, rows: plotRows, usesBraille: usesBraille)
        for index in series.indices {
            let points = data.points[index].map { point in
                point.map { dotPosition(x: $0.x, y: $0.y, xScale: xScale, yScale: yScale, canvas) }
            }
            plotLine(
                points, on: &canvas, style: styles[index], marker: markers[index])
        }

        let originColumn = labelWidth
        canvas.draw(into: &grid, x: originColumn + 1, y: 0)
        drawYAxis(
            on: &grid, scale: yScale, labels: yLabels, canvas: canvas, originColumn: originColumn,
            glyphs: options.glyphs)
        drawXAxis(
            on: &grid, scale: xScale, canvas: canvas, originColumn: originColumn, axisRow: plotRows,
            glyphs: options.glyphs)
        if legendRows == 1 {
            drawLegend(legend, on: &grid, row: height - 1, glyphs: options.glyphs)
        }
        return grid
    }

    /// Returns the style of a series: its own or the palette's, without colours when the chart
    /// has none.
    static func seriesStyle(_ series: LineSeries, index: Int, options: Options) -> CellStyle {
        var style = series.style ?? CellStyle(foreground: palette[index % palette.count])
        if !options.usesColor {
            style.foreground = .default
            style.background = .default
        }
        return style
    }

    /// Returns an axis scale for a data range, or for the caller's range when given. Only a
    /// data range is widened to tick values.
    static func makeScale(
        _ dataRange: ClosedRange<Double>?, override: ClosedRange<Double>?, kind: AxisKind,
        targetTickCount: Int, widen: Bool = true
    ) -> AxisScale {
        if let override {
            return AxisScale(
                minimum: override.lowerBound, maximum: override.upperBound, kind: kind,
                targetTickCount: targetTickCount, widen: false)
        }
        let fallback = kind == .linear ? 0.0...1.0 : 1.0...10.0
        let range = dataRange ?? fallback
        return AxisScale(
            minimum: range.lowerBound, maximum: range.upperBound, kind: kind,
            targetTickCount: targetTickCount, widen: widen)
    }

    /// Returns a point's dot column and its fractional dot row on `canvas`.
    static func dotPosition(
        x: Double, y: Double, xScale: AxisScale, yScale: AxisScale, _ canvas: DotCanvas
    ) -> (column: Int, value: Double) {
        let fractionX = xScale.fraction(of: x) ?? 0
        let fractionY = yScale.fraction(of: y) ?? 0
        let column = (fractionX * Double(canvas.dotWidth - 1)).rounded()
        let row = (1 - fractionY) * Double(canvas.dotHeight - 1)
        return (Int(max(-1e6, min(1e6, column))), row)
    }

    /// Plots a series as column envelopes joined by straight segments.
    static func plotLine(
        _ points: [(column: Int, value: Double)?], on canvas: inout DotCanvas, style: CellStyle,
        marker: Character
    ) {
        for run in ColumnEnvelope.runs(of: points) {
            var previous: ColumnEnvelope?
            for envelope in run {
                canvas.plotRun(
                    x: envelope.column, from: dotRow(envelope.minimum),
                    to: dotRow(envelope.maximum), style: style, marker: marker)
                if let previous {
                    plotSegment(
                        from: (previous.column, previous.last),
                        to: (envelope.column, envelope.first),
                        on: &canvas, style: style, marker: marker)
                }
                previous = envelope
            }
        }
    }

    /// Plots the segment between two points in different dot columns. Each column it crosses
    /// gets the run of rows that the segment passes through within that column, so steep
    /// segments stay connected.
    static func plotSegment(
        from start: (column: Int, row: Double), to end: (column: Int, row: Double),
        on canvas: inout DotCanvas, style: CellStyle, marker: Character
    ) {
        let columnSpan = Double(end.column - start.column)
        guard columnSpan != 0 else { return }
        let step = end.column > start.column ? 1 : -1

        // Only the columns on the canvas are visited, so a segment to a point far outside an
        // explicit x range costs no more than one across the canvas.
        let first = max(min(start.column, end.column), 0)
        let last = min(max(start.column, end.column), canvas.dotWidth - 1)
        guard first <= last else { return }
        for column in first...last {
            let offset = Double(column - start.column)
            let near = min(1, max(0, (offset - 0.5 * Double(step)) / columnSpan))
            let far = min(1, max(0, (offset + 0.5 * Double(step)) / columnSpan))
            let rowNear = start.row + near * (end.row - start.row)
            let rowFar = start.row + far * (end.row - start.row)
            canvas.plotRun(
                x: column, from: dotRow(rowNear), to: dotRow(rowFar), style: style, marker: marker)
        }
    }

    /// Returns the dot row nearest to a fractional row, limited to a range that `Int` holds.
    static func dotRow(_ row: Double) -> Int {
        Int(max(-1e9, min(1e9, row.rounded())))
    }

    private static func drawYAxis(
        on grid: inout CharGrid, scale: AxisScale, labels: [String], canvas: DotCanvas,
        originColumn: Int, glyphs: GlyphSet
    ) {
        for row in 0..<canvas.rows {
            grid.put(glyphs.vertical, x: originColumn, y: row)
        }
        var usedRows: Set<Int> = []
        for (tick, label) in zip(scale.ticks, labels) {
            guard let fraction = scale.fraction(of: tick) else { continue }
            let dotRow = dotRow((1 - fraction) * Double(canvas.dotHeight - 1))
            let row = dotRow / canvas.dotsPerRow
            guard row >= 0, row < canvas.rows, usedRows.insert(row).inserted else { continue }
            grid.put(glyphs.verticalAxisTick, x: originColumn, y: row)
            grid.draw(label, x: originColumn - label.displayWidth, y: row)
        }
    }

    private static func drawXAxis(
        on grid: inout CharGrid, scale: AxisScale, canvas: DotCanvas, originColumn: Int,
        axisRow: Int, glyphs: GlyphSet
    ) {
        grid.put(glyphs.bottomLeft, x: originColumn, y: axisRow)
        for column in (originColumn + 1)..<grid.width {
            grid.put(glyphs.horizontal, x: column, y: axisRow)
        }

        var nextFreeColumn = 0
        for tick in scale.ticks {
            guard let fraction = scale.fraction(of: tick) else { continue }
            let dotColumn = Int((fraction * Double(canvas.dotWidth - 1)).rounded())
            guard dotColumn >= 0, dotColumn < canvas.dotWidth else { continue }
            let column = originColumn + 1 + dotColumn / canvas.dotsPerColumn
            grid.put(glyphs.horizontalAxisTick, x: column, y: axisRow)

            let label = scale.label(tick)
            let labelWidth = label.displayWidth
            let start = min(max(0, column - labelWidth / 2), grid.width - labelWidth)
            guard start >= nextFreeColumn else { continue }
            grid.draw(label, x: start, y: axisRow + 1)
            nextFreeColumn = start + labelWidth + 1
        }
    }

    /// One item of the legend row: a coloured symbol and name, or a plain note.
    struct LegendEntry {
        var symbol: String
        var text: String
        var style: CellStyle
    }

    private static func legendEntries(
        _ series: [LineSeries], styles: [CellStyle], markers: [Character], usesBraille: Bool,
        data: PlottableData, options: Options
    ) -> [LegendEntry] {
        var entries: [LegendEntry] = []
        for index in series.indices where !series[index].name.isEmpty {
            let symbol =
                usesBraille
                ? String(repeating: options.glyphs.horizontal, count: 2)
                : String(markers[index])
            entries.append(
                LegendEntry(symbol: symbol, text: series[index].name, style: styles[index]))
        }

        let atMost = options.glyphs.isUnicode ? "≤" : "<="
        if data.nonPositiveCount > 0 {
            let note = "log y: \(data.nonPositiveCount) values \(atMost) 0 hidden"
            entries.append(LegendEntry(symbol: "", text: note, style: .plain))
        }
        if data.nonFiniteCount > 0 {
            let note = "\(data.nonFiniteCount) NaN/inf hidden"
            entries.append(LegendEntry(symbol: "", text: note, style: .plain))
        }
        if data.xRange == nil {
            entries.append(LegendEntry(symbol: "", text: "no data", style: .plain))
        }
        return entries
    }

    /// Draws the legend entries left to right. When they do not all fit, the last column of
    /// the row shows the ellipsis (or its last character, for a long ASCII ellipsis).
    private static func drawLegend(
        _ entries: [LegendEntry], on grid: inout CharGrid, row: Int, glyphs: GlyphSet
    ) {
        var column = 1
        for (index, entry) in entries.enumerated() {
            let text = entry.symbol.isEmpty ? entry.text : "\(entry.symbol) \(entry.text)"
            let isLast = index == entries.count - 1
            let room = grid.width - column - (isLast ? 0 : 1)
            guard text.displayWidth <= room else {
                let fitted = text.truncated(
                    toDisplayWidth: max(0, grid.width - column), ellipsis: glyphs.ellipsis)
                grid.draw(fitted, x: column, y: row, style: entry.style)
                if let mark = glyphs.ellipsis.last, fitted.last != mark {
                    grid.put(mark, x: grid.width - 1, y: row)
                }
                return
            }
            if !entry.symbol.isEmpty {
                column = grid.draw(entry.symbol, x: column, y: row, style: entry.style) + 1
            }
            column = grid.draw(entry.text, x: column, y: row) + 2
        }
    }
}
