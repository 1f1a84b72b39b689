import Plot
import Workbench

/// The health pane: per layer, the figures that show training going wrong, each marked `!`
/// when it is outside its healthy range, and the NaN alarm in reverse video above them.
///
/// A pane wide enough shows a table with a column per figure, and the healthy ranges under it
/// when there is room. A narrow one gives each layer a line with only the figures it has,
/// labelled `dead`, `sat`, `g` (gradient norm) and `u` (update-to-weight ratio).
enum HealthPane {
    /// The healthy ranges. Outside them a figure gets a warning mark.
    static let maximumDeadFraction = 0.5
    static let maximumSaturatedFraction = 0.5
    static let updateRatioRange = 1e-5...1e-2
    static let maximumGradientNorm = 1e3

    static func render(
        _ snapshot: TrainingSnapshot, width: Int, height: Int, glyphs: GlyphSet, color: Bool
    ) -> CharGrid {
        let inner = PaneFrame.innerSize(width: width, height: height)
        var content = CharGrid(width: inner.width, height: inner.height)
        var row = 0
        if let alarm = snapshot.alarm {
            row = drawAlarm(alarm, snapshot: snapshot, on: &content)
        }

        if snapshot.layers.isEmpty {
            let message = snapshot.model.rows.isEmpty ? "no model yet" : "no data yet"
            var rest = CharGrid(width: inner.width, height: max(0, inner.height - row))
            PaneFrame.drawCentered(message, on: &rest, glyphs: glyphs)
            content.draw(rest, x: 0, y: row)
        } else if inner.width >= tableWidth(snapshot.layers) {
            drawTable(snapshot.layers, on: &content, from: row, color: color)
            drawRanges(on: &content, below: row + 1 + snapshot.layers.count, glyphs: glyphs)
        } else {
            drawLines(snapshot.layers, on: &content, from: row, color: color)
        }
        return PaneFrame.boxed(content, title: "Health", glyphs: glyphs)
    }

    /// One figure of a layer as text, and whether it is outside its healthy range.
    struct Figure: Equatable {
        var text: String
        var isWarning: Bool
    }

    static func deadFigure(_ statistics: LayerStatistics) -> Figure? {
        statistics.deadFraction.map {
            Figure(text: PaneNumber.percent($0), isWarning: !($0 <= maximumDeadFraction))
        }
    }

    static func saturatedFigure(_ statistics: LayerStatistics) -> Figure? {
        statistics.saturatedFraction.map {
            Figure(text: PaneNumber.percent($0), isWarning: !($0 <= maximumSaturatedFraction))
        }
    }

    static func gradientFigure(_ statistics: LayerStatistics, digits: Int = 3) -> Figure? {
        statistics.gradientNorm.map {
            let isHealthy = $0 > 0 && $0 <= maximumGradientNorm
            return Figure(text: PaneNumber.compact($0, digits: digits), isWarning: !isHealthy)
        }
    }

    static func updateFigure(_ statistics: LayerStatistics, digits: Int = 3) -> Figure? {
        statistics.updateRatio.map {
            Figure(
                text: PaneNumber.compact($0, digits: digits),
                isWarning: !updateRatioRange.contains($0))
        }
    }

    /// Draws the alarm in reverse video over whole rows, wrapped to at most three of them.
    /// - Returns: The first row below the alarm.
    private static func drawAlarm(
        _ alarm: NumericAlarm, snapshot: TrainingSnapshot, on grid: inout CharGrid
    ) -> Int {
        var text = "NaN alarm at step \(alarm.step)"
        if let index = alarm.layerIndex {
            let kind =
                snapshot.model.rows.first { $0.index == index }?.kind
                ?? snapshot.layers.first { $0.index == index }?.kind
            text += " in layer \(index)" + (kind.map { " (\($0))" } ?? "")
        }
        text += ": \(alarm.message)"

        let lines = Array(WordWrap.lines(text, width: grid.width).prefix(min(3, grid.height)))
        let style = CellStyle(bold: true, reverse: true)
        for (row, line) in lines.enumerated() {
            grid.fill(x: 0, y: row, width: grid.width, height: 1, style: style)
            grid.draw(line, x: 0, y: row, style: style)
        }
        return lines.count
    }

    /// The table's figure columns: a title, a width that fits the title and a figure with its
    /// warning mark, and the figure.
    private static let tableColumns:
        [(title: String, width: Int, figure: @Sendable (LayerStatistics) -> Figure?)] = [
            ("dead", 5, { deadFigure($0) }),
            ("sat", 5, { saturatedFigure($0) }),
            ("grad", 7, { gradientFigure($0, digits: 2) }),
            ("upd/w", 7, { updateFigure($0, digits: 2) }),
        ]

    /// Returns the inner width that the table needs for `layers`.
    static func tableWidth(_ layers: [LayerStatistics]) -> Int {
        let nameWidth = max(5, layers.map { layerName($0).displayWidth }.max() ?? 0)
        return nameWidth + tableColumns.map { $0.width + 1 }.reduce(0, +)
    }

    private static func layerName(_ statistics: LayerStatistics) -> String {
        "\(statistics.index) \(statistics.kind)"
    }

    private static func drawTable(
        _ layers: [LayerStatistics], on grid: inout CharGrid, from top: Int, color: Bool
    ) {
        let nameWidth = max(5, layers.map { layerName($0).displayWidth }.max() ?? 0)
        grid.draw("layer", x: 0, y: top, style: PaneFrame.bold)
        var x = nameWidth + 1
        for column in tableColumns {
            grid.draw(column.title, x: x, y: top, style: PaneFrame.bold)
            x += column.width + 1
        }

        for (offset, layer) in layers.enumerated() {
            let row = top + 1 + offset
            guard row < grid.height else { break }
            grid.draw(layerName(layer), x: 0, y: row)
            var x = nameWidth + 1
            for column in tableColumns {
                if let figure = column.figure(layer) {
                    drawFigure(figure, on: &grid, x: x, y: row, color: color)
                }
                x += column.width + 1
            }
        }
    }

    /// Draws the healthy ranges in dim text from one row below `row`, when they fit.
    private static func drawRanges(on grid: inout CharGrid, below row: Int, glyphs: GlyphSet) {
        let atMost = glyphs.isUnicode ? "≤" : "<="
        let dead = PaneNumber.percent(maximumDeadFraction)
        let saturated = PaneNumber.percent(maximumSaturatedFraction)
        let gradient = PaneNumber.compact(maximumGradientNorm)
        let low = PaneNumber.compact(updateRatioRange.lowerBound)
        let high = PaneNumber.compact(updateRatioRange.upperBound)
        let lines = [
            "! marks a figure outside its healthy range:",
            "dead \(atMost) \(dead)  sat \(atMost) \(saturated)  0 < grad \(atMost) \(gradient)",
            "\(low) \(atMost) upd/w \(atMost) \(high)",
        ]
        guard row + 1 + lines.count <= grid.height,
            lines.allSatisfy({ $0.displayWidth <= grid.width })
        else { return }
        for (offset, line) in lines.enumerated() {
            grid.draw(line, x: 0, y: row + 1 + offset, style: PaneFrame.dim)
        }
    }

    private static func drawLines(
        _ layers: [LayerStatistics], on grid: inout CharGrid, from top: Int, color: Bool
    ) {
        let nameWidth = layers.map { layerName($0).displayWidth }.max() ?? 0
        for (offset, layer) in layers.enumerated() {
            let row = top + offset
            guard row < grid.height else { break }
            grid.draw(layerName(layer), x: 0, y: row)
            let labelled: [(String, Figure?)] = [
                ("dead", deadFigure(layer)),
                ("sat", saturatedFigure(layer)),
                ("g", gradientFigure(layer, digits: 2)),
                ("u", updateFigure(layer, digits: 2)),
            ]
            var x = nameWidth + 1
            for case (let label, let figure?) in labelled {
                x = grid.draw(label, x: x, y: row, style: PaneFrame.dim) + 1
                x = drawFigure(figure, on: &grid, x: x, y: row, color: color) + 1
            }
        }
    }

    /// Draws a figure, followed by `!` in the warning style when it is outside its range.
    /// - Returns: The column after the figure and its mark.
    @discardableResult
    private static func drawFigure(
        _ figure: Figure, on grid: inout CharGrid, x: Int, y: Int, color: Bool
    ) -> Int {
        guard figure.isWarning else { return grid.draw(figure.text, x: x, y: y) }
        let style = PaneFrame.warning(color: color)
        let end = grid.draw(figure.text, x: x, y: y, style: style)
        return grid.draw("!", x: end, y: y, style: style)
    }
}
