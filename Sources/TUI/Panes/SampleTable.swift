import Plot
import Workbench

/// A few data rows with their true and predicted labels and the model's confidence, and for
/// square images a small shaded rendering of each under the table.
///
/// ```
/// row  truth  predicted  conf
/// 0    7      7           98%
/// 1    2      3 !         41%
/// ```
///
/// A wrong prediction is marked `!`. Images are drawn in shade characters, one cell for a
/// block of pixels, two pixel rows per cell row so that they keep their proportions.
enum SampleTable {
    /// The widest an image is drawn, in columns.
    static let maximumImageWidth = 16

    static func render(
        _ samples: [SamplePrediction], width: Int, height: Int, glyphs: GlyphSet, color: Bool
    ) -> CharGrid {
        var grid = CharGrid(width: max(0, width), height: max(0, height))
        guard !samples.isEmpty else {
            PaneFrame.drawCentered("no rows to predict", on: &grid, glyphs: glyphs)
            return grid
        }

        // Regression rows have no confidence, so their table leaves the column out.
        let showsConfidence = !samples.allSatisfy(isRegression)
        let titles = ["row", "truth", "predicted"] + (showsConfidence ? ["conf"] : [])
        let cells = samples.map { sample in
            [String(sample.row), sample.truth, sample.predicted + (isWrong(sample) ? " !" : "")]
                + (showsConfidence ? [PaneNumber.percent(sample.confidence)] : [])
        }
        var widths = titles.map(\.displayWidth)
        for row in cells {
            for (column, text) in row.enumerated() {
                widths[column] = max(widths[column], text.displayWidth)
            }
        }
        func drawRow(_ texts: [String], y: Int, style: CellStyle) {
            var x = 0
            for (column, text) in texts.enumerated() {
                let isNumber = column == 3
                let start = isNumber ? x + widths[column] - text.displayWidth : x
                grid.draw(text, x: start, y: y, style: style)
                x += widths[column] + 2
            }
        }

        drawRow(titles, y: 0, style: PaneFrame.bold)
        let tableRows = min(cells.count, grid.height - 1)
        for index in 0..<max(0, tableRows) {
            let style = isWrong(samples[index]) ? PaneFrame.warning(color: color) : .plain
            drawRow(cells[index], y: 1 + index, style: style)
        }

        drawImages(samples, on: &grid, top: 1 + tableRows + 1, glyphs: glyphs)
        return grid
    }

    /// Returns whether a row's prediction differs from its label.
    ///
    /// NOTE: rows carry no task, so a row whose truth and prediction are both numbers and
    /// whose confidence is exactly 1 is taken for regression, which is never marked wrong.
    static func isWrong(_ sample: SamplePrediction) -> Bool {
        !sample.truth.isEmpty && sample.truth != sample.predicted && !isRegression(sample)
    }

    static func isRegression(_ sample: SamplePrediction) -> Bool {
        sample.confidence == 1 && Double(sample.truth) != nil && Double(sample.predicted) != nil
    }

    /// Draws the images side by side from row `top`, each with `truth→predicted` under it, as
    /// many as fit.
    private static func drawImages(
        _ samples: [SamplePrediction], on grid: inout CharGrid, top: Int, glyphs: GlyphSet
    ) {
        let arrow = glyphs.isUnicode ? "→" : ">"
        var x = 0
        for sample in samples {
            guard let image = sample.image, let side = image.first?.count, side > 0,
                image.count == side
            else { continue }
            let (columns, rows) = imageSize(side: side)
            let caption = "\(sample.truth)\(arrow)\(sample.predicted)"
            let cellWidth = max(columns, caption.displayWidth)
            guard x + cellWidth <= grid.width, top + rows + 1 <= grid.height else { break }

            drawImage(image, on: &grid, x: x, y: top, glyphs: glyphs)
            grid.draw(caption, x: x, y: top + rows)
            x += cellWidth + 2
        }
    }

    /// Returns the columns and rows that an image of `side` by `side` pixels is drawn in.
    static func imageSize(side: Int) -> (columns: Int, rows: Int) {
        let columns = min(side, maximumImageWidth)
        return (columns, max(1, (columns + 1) / 2))
    }

    /// Draws a square image of values in [0, 1] in shade characters from (`x`, `y`), clamping
    /// values outside that range.
    static func drawImage(
        _ image: [[Double]], on grid: inout CharGrid, x: Int, y: Int, glyphs: GlyphSet
    ) {
        let (columns, rows) = imageSize(side: image.count)
        for row in 0..<rows {
            for column in 0..<columns {
                let value = blockMean(image, column, row, columns: columns, rows: rows)
                let shades = glyphs.shades
                let level = Int((min(max(value, 0), 1) * Double(shades.count - 1)).rounded())
                grid.put(shades[level], x: x + column, y: y + row)
            }
        }
    }

    /// Returns the mean of the pixels that cell (`column`, `row`) of a `columns` by `rows`
    /// rendering covers.
    static func blockMean(
        _ image: [[Double]], _ column: Int, _ row: Int, columns: Int, rows: Int
    ) -> Double {
        let side = image.count
        let x0 = column * side / columns
        let x1 = max(x0 + 1, (column + 1) * side / columns)
        let y0 = row * side / rows
        let y1 = max(y0 + 1, (row + 1) * side / rows)
        var sum = 0.0
        var count = 0
        for y in y0..<min(y1, side) {
            for x in x0..<min(x1, image[y].count) where image[y][x].isFinite {
                sum += image[y][x]
                count += 1
            }
        }
        return count > 0 ? sum / Double(count) : 0
    }
}
