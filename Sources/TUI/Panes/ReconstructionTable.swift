import Plot
import Workbench

/// A few data rows with an autoencoder's reconstruction error, and for square images each
/// input beside its reconstruction under the table.
///
/// ```
/// row  MSE
/// 0    0.521
/// 1    1.37
///
/// ░▒▓▓▒░   ░▒▓▒▒░
/// 0 in     out
/// ```
///
/// The error is the loss the model trains on, in the units it reads. An input and its
/// reconstruction share one shade scale, the input's range.
enum ReconstructionTable {
    static func render(
        _ samples: [SampleReconstruction], width: Int, height: Int, glyphs: GlyphSet
    ) -> CharGrid {
        var grid = CharGrid(width: max(0, width), height: max(0, height))
        guard !samples.isEmpty else {
            PaneFrame.drawCentered("no rows to reconstruct", on: &grid, glyphs: glyphs)
            return grid
        }

        let cells = samples.map { [String($0.row), PaneNumber.compact($0.error)] }
        let rowWidth = max(3, cells.map { $0[0].displayWidth }.max() ?? 0)
        grid.draw("row", x: 0, y: 0, style: PaneFrame.bold)
        grid.draw("MSE", x: rowWidth + 2, y: 0, style: PaneFrame.bold)
        let tableRows = min(cells.count, grid.height - 1)
        for index in 0..<max(0, tableRows) {
            grid.draw(cells[index][0], x: 0, y: 1 + index)
            grid.draw(cells[index][1], x: rowWidth + 2, y: 1 + index)
        }

        drawPairs(samples, on: &grid, top: 1 + tableRows + 1, glyphs: glyphs)
        return grid
    }

    /// Draws each input and its reconstruction side by side from row `top`, captioned with the
    /// row, left to right and then on further lines, as many pairs as fit.
    private static func drawPairs(
        _ samples: [SampleReconstruction], on grid: inout CharGrid, top: Int, glyphs: GlyphSet
    ) {
        var x = 0
        var y = top
        for sample in samples {
            guard let input = sample.input, let output = sample.output, input.count > 0,
                output.count == input.count
            else { continue }
            let (columns, rows) = SampleTable.imageSize(side: input.count)
            let caption = "\(sample.row) in"
            let inputWidth = max(columns, caption.displayWidth)
            let pairWidth = inputWidth + 1 + max(columns, 3)
            if x > 0 && x + pairWidth > grid.width {
                x = 0
                y += rows + 2
            }
            guard x + pairWidth <= grid.width, y + rows + 1 <= grid.height else { break }

            SampleTable.drawImage(input, on: &grid, x: x, y: y, glyphs: glyphs)
            SampleTable.drawImage(output, on: &grid, x: x + inputWidth + 1, y: y, glyphs: glyphs)
            grid.draw(caption, x: x, y: y + rows)
            grid.draw("out", x: x + inputWidth + 1, y: y + rows, style: PaneFrame.dim)
            x += pairWidth + 2
        }
    }
}
