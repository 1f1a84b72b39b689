import Testing

@testable import Plot

/// A 6-by-8 matrix that rises from -5/7 at the bottom left to 1 at the top right.
private let ramp: [[Double]] = (0..<6).map { row in
    (0..<8).map { column in Double(column - row) / 7 }
}

@Test func heatmapShadesWithoutColour() {
    let options = Heatmap.Options(usesColor: false)
    let grid = Heatmap.render(ramp, width: 20, height: 5, options: options)
    let expected = """
        ▒▒▒▒▓▓▓▓▓▓▓▓████
        ▒▒▒▒▒▒▒▒▓▓▓▓▓▓██
        ░░░░▒▒▒▒▒▒▓▓▓▓▓▓
        ░░░░░░▒▒▒▒▒▒▒▒▓▓
        -1   ░░░░▒▒▒▓▓▓▓██ 1
        """
    #expect(grid.lines == expectedLines(expected))
    #expect(grid.cells.allSatisfy { $0.style == .plain })
}

@Test func heatmapASCIIShades() {
    let options = Heatmap.Options(glyphs: .ascii)
    let grid = Heatmap.render(ramp, width: 20, height: 5, options: options)
    let expected = """
        ++++****##%%%%@@
        ====++++**####%%
        ----==++++****##
        ::::--====++++**
        -1  ..:--=++**#%%@ 1
        """
    #expect(grid.lines == expectedLines(expected))
}

@Test func heatmapHalfBlocksCarryTwoRows() {
    let grid = Heatmap.render(ramp, width: 20, height: 4)
    let expected = """
        ▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀
        ▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀
        ▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀
        -1 ███████████████ 1
        """
    #expect(grid.lines == expectedLines(expected))

    // Cell (x, y) shows matrix rows 2y (foreground) and 2y + 1 (background), two columns wide.
    for y in 0..<3 {
        for x in 0..<16 {
            let upper = ColorScale.diverging.color(at: (ramp[2 * y][x / 2] + 1) / 2)
            let lower = ColorScale.diverging.color(at: (ramp[2 * y + 1][x / 2] + 1) / 2)
            #expect(grid[x: x, y: y].style.foreground == upper, "cell \(x), \(y)")
            #expect(grid[x: x, y: y].style.background == lower, "cell \(x), \(y)")
        }
    }
}

@Test func heatmapDownsamplesByMean() {
    let matrix: [[Double]] = [[0, 4, 8, 8], [0, 4, .nan, 8]]
    let options = Heatmap.Options(usesColor: false, range: 0...8, showsLegend: false)
    let grid = Heatmap.render(matrix, width: 2, height: 1, options: options)
    #expect(grid.lines == ["░█"])
}

@Test func heatmapMarksMissingValues() {
    let matrix: [[Double]] = [[.nan, 1], [0, .nan]]
    let shaded = Heatmap.render(
        matrix, width: 2, height: 2, options: .init(usesColor: false, showsLegend: false))
    #expect(shaded.lines == ["?█", "▒?"])

    let coloured = Heatmap.render(matrix, width: 2, height: 1, options: .init(showsLegend: false))
    #expect(coloured[x: 0, y: 0].style.foreground == .default)
    #expect(coloured[x: 0, y: 0].style.background == ColorScale.diverging.color(at: 0.5))
    #expect(coloured[x: 1, y: 0].style.background == .default)
}

@Test func heatmapSequentialRange() {
    let matrix: [[Double]] = [[2, 3, 4]]
    let options = Heatmap.Options(usesColor: false, colorScale: .sequential)
    let grid = Heatmap.render(matrix, width: 12, height: 2, options: options)
    let expected = """
            ▒▒▒▒████
        2  ░░▒▒▓▓█ 4
        """
    #expect(grid.lines == expectedLines(expected))
}

@Test func colourScaleEnds() {
    #expect(ColorScale.diverging.color(at: 0) == .cube(red: 0, green: 0, blue: 5))
    #expect(ColorScale.diverging.color(at: 0.5) == .cube(red: 5, green: 5, blue: 5))
    #expect(ColorScale.diverging.color(at: 1) == .cube(red: 5, green: 0, blue: 0))
    #expect(ColorScale.diverging.color(at: 7) == .cube(red: 5, green: 0, blue: 0))
    #expect(ColorScale.sequential.color(at: 0) == .cube(red: 0, green: 0, blue: 1))
    #expect(ColorScale.sequential.color(at: 1) == .cube(red: 5, green: 5, blue: 0))
}

@Test func sparklineLevels() {
    #expect(Sparkline.text([1, 2, 3, 4, 5, 6, 7, 8], width: 20) == "▁▂▃▄▅▆▇█")
    #expect(Sparkline.text([1, 2, 3, 4, 5, 6, 7, 8], width: 20, glyphs: .ascii) == "__--==##")
    #expect(Sparkline.text([1, .nan, 3], width: 5) == "▁ █")
    #expect(Sparkline.text([5, 5, 5], width: 5) == "▄▄▄")
    #expect(Sparkline.text([0, 10], width: 5, range: 0...20) == "▁▅")
    #expect(Sparkline.text([], width: 5) == "")
}

@Test func sparklineAveragesLongSeries() {
    let values = (0..<100).map { Double($0 / 10) }
    #expect(Sparkline.text(values, width: 10) == "▁▂▃▃▄▅▆▆▇█")
    #expect(Sparkline.text(values, width: 5) == "▁▃▅▆█")
}

@Test func sparklineStyle() {
    let style = CellStyle(foreground: .indexed(2))
    let grid = Sparkline.render([1, 2], width: 3, style: style)
    #expect(grid[x: 0, y: 0].style == style)
    #expect(grid[x: 2, y: 0].style == .plain)
}
