import Plot
import Workbench

/// The decision boundary of two-feature data with the training points on top.
///
/// With colour and Unicode glyphs, each cell shows two samples of the model's output as an
/// upper half block, coloured by predicted class and lighter where the model is less sure.
/// Without them, each cell shows one sample as a shade character per class, and a blank where
/// the model is unsure. Training points are class markers (`● ○ ▲ …` or `o x + …`) drawn over
/// the map, and a legend row under it names the markers' classes when there is room.
///
/// For regression (no classes) the map shows the output value on a sequential scale.
enum BoundaryPlot {
    static let unicodeMarkers: [Character] = ["●", "○", "▲", "△", "■", "□", "◆", "◇"]
    static let asciiMarkers: [Character] = ["o", "x", "+", "*", "#", "@", "%", "&"]

    /// Region shades per class without colour, one per class in turn.
    static let unicodeRegionShades: [Character] = ["░", "▒", "▓"]
    static let asciiRegionShades: [Character] = [".", ":", "-", "~"]

    /// Colour cube levels per class: a region colour for each of three confidence levels,
    /// surest first, and a dark marker colour.
    static let classColors: [(regions: [(Int, Int, Int)], marker: (Int, Int, Int))] = [
        ([(1, 3, 5), (2, 4, 5), (4, 5, 5)], (0, 0, 2)),
        ([(5, 3, 1), (5, 4, 2), (5, 5, 4)], (3, 1, 0)),
        ([(1, 4, 1), (3, 5, 3), (4, 5, 4)], (0, 2, 0)),
        ([(4, 2, 5), (4, 3, 5), (5, 4, 5)], (2, 0, 2)),
        ([(4, 4, 0), (5, 5, 2), (5, 5, 4)], (2, 2, 0)),
        ([(0, 4, 4), (3, 5, 5), (4, 5, 5)], (0, 2, 2)),
    ]

    static func render(
        _ boundary: DecisionBoundary, width: Int, height: Int, glyphs: GlyphSet, color: Bool
    ) -> CharGrid {
        var grid = CharGrid(width: max(0, width), height: max(0, height))
        let isClassification = boundary.classCount > 0
        let showsLegend = isClassification && height >= 6
        let mapRows = height - (showsLegend ? 1 : 0)
        guard width >= 1, mapRows >= 1, boundary.columns > 0, boundary.rows > 0,
            boundary.values.count == boundary.columns * boundary.rows
        else { return grid }

        let markers = glyphs.isUnicode ? unicodeMarkers : asciiMarkers
        let valueRange = outputRange(boundary)
        if color, let halfBlock = glyphs.upperHalfBlock {
            for row in 0..<mapRows {
                for column in 0..<width {
                    let upper = sample(boundary, column, 2 * row, width, 2 * mapRows)
                    let lower = sample(boundary, column, 2 * row + 1, width, 2 * mapRows)
                    let style = CellStyle(
                        foreground: regionColor(boundary, upper, valueRange),
                        background: regionColor(boundary, lower, valueRange))
                    grid.put(halfBlock, x: column, y: row, style: style)
                }
            }
        } else {
            for row in 0..<mapRows {
                for column in 0..<width {
                    let cell = sample(boundary, column, row, width, mapRows)
                    let shade = regionShade(boundary, cell, valueRange, glyphs: glyphs)
                    grid.put(shade, x: column, y: row)
                }
            }
        }

        for point in boundary.points {
            guard let (column, row) = cellPosition(point, boundary, width: width, rows: mapRows)
            else { continue }
            let label = classIndex(point.label, boundary)
            let marker = markers[label % markers.count]
            var style = CellStyle(bold: true)
            if color {
                let level = classColors[label % classColors.count].marker
                style.foreground = .cube(red: level.0, green: level.1, blue: level.2)
                style.background = grid[x: column, y: row].style.foreground
            }
            grid.put(marker, x: column, y: row, style: style)
        }

        if showsLegend {
            drawLegend(boundary, markers: markers, on: &grid, row: height - 1, color: color)
        }
        return grid
    }

    /// Returns the index into `values` of the sample under pixel (`column`, `row`) of a map
    /// `columns` by `rows` pixels.
    static func sample(
        _ boundary: DecisionBoundary, _ column: Int, _ row: Int, _ columns: Int, _ rows: Int
    ) -> Int {
        let x = min(boundary.columns - 1, column * boundary.columns / columns)
        let y = min(boundary.rows - 1, row * boundary.rows / rows)
        return y * boundary.columns + x
    }

    /// Returns how sure the model is at a sample, from 0 (as unsure as a uniform guess) to 1.
    static func certainty(_ boundary: DecisionBoundary, _ index: Int) -> Double {
        guard index < boundary.confidence.count else { return 1 }
        let guess = 1 / Double(max(2, boundary.classCount))
        let value = (boundary.confidence[index] - guess) / (1 - guess)
        return value.isFinite ? min(max(value, 0), 1) : 0
    }

    /// Returns the confidence level of a sample: 0 for sure, 1 for fairly sure, 2 for unsure.
    static func confidenceLevel(_ boundary: DecisionBoundary, _ index: Int) -> Int {
        let value = certainty(boundary, index)
        return value >= 0.7 ? 0 : (value >= 0.35 ? 1 : 2)
    }

    private static func regionColor(
        _ boundary: DecisionBoundary, _ index: Int, _ range: ClosedRange<Double>
    ) -> TerminalColor {
        let value = boundary.values[index]
        guard value.isFinite else { return .default }
        guard boundary.classCount > 0 else {
            let span = range.upperBound - range.lowerBound
            return ColorScale.sequential.color(
                at: span > 0 ? (value - range.lowerBound) / span : 0.5)
        }
        let colors = classColors[classIndex(value, boundary) % classColors.count]
        let level = colors.regions[confidenceLevel(boundary, index)]
        return .cube(red: level.0, green: level.1, blue: level.2)
    }

    private static func regionShade(
        _ boundary: DecisionBoundary, _ index: Int, _ range: ClosedRange<Double>,
        glyphs: GlyphSet
    ) -> Character {
        let value = boundary.values[index]
        guard value.isFinite else { return "?" }
        guard boundary.classCount > 0 else {
            let span = range.upperBound - range.lowerBound
            let position = span > 0 ? (value - range.lowerBound) / span : 0.5
            let shades = glyphs.shades
            return shades[Int((position * Double(shades.count - 1)).rounded())]
        }
        if confidenceLevel(boundary, index) == 2 { return " " }
        let shades = glyphs.isUnicode ? unicodeRegionShades : asciiRegionShades
        return shades[classIndex(value, boundary) % shades.count]
    }

    /// Returns the class index of a value or label, clamped to the classes.
    static func classIndex(_ value: Double, _ boundary: DecisionBoundary) -> Int {
        guard value.isFinite else { return 0 }
        return min(max(0, Int(value.rounded())), max(0, boundary.classCount - 1))
    }

    /// Returns the range of the output values, for regression's colour scale.
    private static func outputRange(_ boundary: DecisionBoundary) -> ClosedRange<Double> {
        let finite = boundary.values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return 0...1 }
        return low...high
    }

    /// Returns the cell of a point on a map `width` by `rows` cells, or `nil` outside it.
    static func cellPosition(
        _ point: (x: Double, y: Double, label: Double), _ boundary: DecisionBoundary,
        width: Int, rows: Int
    ) -> (column: Int, row: Int)? {
        let xSpan = boundary.xRange.upperBound - boundary.xRange.lowerBound
        let ySpan = boundary.yRange.upperBound - boundary.yRange.lowerBound
        guard xSpan > 0, ySpan > 0, point.x.isFinite, point.y.isFinite else { return nil }
        let fractionX = (point.x - boundary.xRange.lowerBound) / xSpan
        let fractionY = (boundary.yRange.upperBound - point.y) / ySpan
        guard (0...1).contains(fractionX), (0...1).contains(fractionY) else { return nil }
        let column = min(width - 1, Int(fractionX * Double(width)))
        let row = min(rows - 1, Int(fractionY * Double(rows)))
        return (column, row)
    }

    /// Draws the class markers with their class names, `● class 0`, or in the shorter form
    /// `● 0` when the long one does not fit. Classes that still do not fit are left out.
    private static func drawLegend(
        _ boundary: DecisionBoundary, markers: [Character], on grid: inout CharGrid, row: Int,
        color: Bool
    ) {
        let labels = (0..<boundary.classCount).map { "class \($0)" }
        let longWidth = labels.map { $0.displayWidth + 4 }.reduce(0, +) - 2
        let names = longWidth <= grid.width ? labels : labels.indices.map(String.init)
        var x = 0
        for (label, name) in names.enumerated() {
            guard x + name.displayWidth + 2 <= grid.width else { break }
            var style = CellStyle.plain
            if color {
                let level = classColors[label % classColors.count].regions[0]
                style.foreground = .cube(red: level.0, green: level.1, blue: level.2)
            }
            grid.put(markers[label % markers.count], x: x, y: row, style: style)
            x = grid.draw(name, x: x + 2, y: row) + 2
        }
    }
}
