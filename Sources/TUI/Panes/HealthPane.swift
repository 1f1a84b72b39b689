import Plot
import Workbench

/// The health pane: per layer, the figures that show training going wrong, each marked `!`
/// when it is outside its healthy range, and the NaN alarm in reverse video above them.
///
/// A wide pane shows a table with a column per figure. A narrow one gives each layer a line
/// with only the figures it has, labelled `dead`, `sat`, `g` (gradient norm) and `u`
/// (update-to-weight ratio).
enum HealthPane {
    /// The inner width from which the pane shows the table.
    static let tableWidth = 44

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
        } else if inner.width >= tableWidth {
            drawTable(snapshot.layers, on: &content, from: row, color: color)
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

    private static func drawTable(
        _ layers: [LayerStatistics], on grid: inout CharGrid, from top: Int, color: Bool
    ) {
        let names = layers.map { "\($0.index) \($0.kind)" }
        let nameWidth = max(5, names.map(\.displayWidth).max() ?? 0)
        let columns: [(title: String, width: Int, figure: (LayerStatistics) -> Figure?)] = [
            ("dead", 6, { deadFigure($0) }),
            ("sat", 6, { saturatedFigure($0) }),
            ("grad norm", 10, { gradientFigure($0) }),
            ("update/w", 9, { updateFigure($0) }),
        ]

        var x = grid.draw("layer", x: 0, y: top, style: PaneFrame.bold) + nameWidth - 5 + 2
        for column in columns {
            grid.draw(column.title, x: x, y: top, style: PaneFrame.bold)
            x += column.width + 1
        }
        for (offset, layer) in layers.enumerated() {
            let row = top + 1 + offset
            guard row < grid.height else { break }
            grid.draw(names[offset], x: 0, y: row, maxWidth: nameWidth)
            var x = nameWidth + 2
            for column in columns {
                if let figure = column.figure(layer) {
                    drawFigure(figure, on: &grid, x: x, y: row, color: color)
                }
                x += column.width + 1
            }
        }
    }

    private static func drawLines(
        _ layers: [LayerStatistics], on grid: inout CharGrid, from top: Int, color: Bool
    ) {
        let names = layers.map { "\($0.index) \($0.kind)" }
        let nameWidth = names.map(\.displayWidth).max() ?? 0
        for (offset, layer) in layers.enumerated() {
            let row = top + offset
            guard row < grid.height else { break }
            grid.draw(names[offset], x: 0, y: row)
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
