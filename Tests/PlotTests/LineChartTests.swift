import Testing

@testable import Plot

/// A falling training loss that wobbles between even and odd steps, 60 steps long.
private let trainLoss = LineSeries(
    name: "train",
    values: (0..<60).map { step in
        let wobble = step % 2 == 0 ? 0.05 : 0
        return 2 / (1 + Double(step) / 5) + wobble
    })

/// A validation loss measured after every tenth step, from step 9 on.
private let validationLoss = LineSeries(
    name: "validation",
    x: (0..<6).map { Double($0 * 10 + 9) },
    y: (0..<6).map { 2.2 / (1 + Double($0) * 2) + 0.1 })

@Test func lineChartTwoSeriesBraille() {
    let grid = LineChart.render([trainLoss, validationLoss], width: 40, height: 10)
    let expected = """
        2.5┤     ⢠⡀
        2.0┤⣆     ⠙⣆
        1.5┤⠸⡄     ⠈⢳⡀
           │ ⠙⢦⡀     ⠙⣆
        1.0┤   ⠙⠦⣄⡀   ⠈⠳⢤⣀⣀
        0.5┤      ⠉⠙⠒⠶⠤⠤⢤⣄⣈⣉⣓⡒⡒⠦⠤⠤⠤⢤⣀⣀⣀⣀⣀⣀⣀⣀⡀
        0.0┤                ⠉⠉⠉⠉⠉⠉⠉⠙⠙⠋⠛⠚⠓⠓⠓⠒⠛⠛⠛⠛
           └┬───────────┬───────────┬───────────
            0          20          40
         ── train  ── validation
        """
    #expect(grid.lines == expectedLines(expected))
}

@Test func lineChartColoursSeriesFromPalette() {
    let grid = LineChart.render([trainLoss, validationLoss], width: 40, height: 10)
    let trainStyle = CellStyle(foreground: LineChart.palette[0])
    let validationStyle = CellStyle(foreground: LineChart.palette[1])
    #expect(grid[x: 4, y: 1].style == trainStyle)
    #expect(grid[x: 9, y: 0].style == validationStyle)
    #expect(grid[x: 1, y: 9].style == trainStyle)
    #expect(grid[x: 1, y: 2].style == .plain)
}

@Test func lineChartASCIIMarkers() {
    let options = LineChart.Options(glyphs: .ascii)
    let grid = LineChart.render(
        [trainLoss, validationLoss], width: 40, height: 10, options: options)
    let expected = """
        2.5+     o
        2.0+*    ooo
        1.5+**     oo
           | ***    ooo
        1.0+   *****  oooooo
        0.5+       ********ooooooooooooooooooooo
        0.0+                          **********
           ++-----------+-----------+-----------
            0          20          40
         * train  o validation
        """
    #expect(grid.lines == expectedLines(expected))
}

@Test func lineChartWithoutColourUsesMarkers() {
    let options = LineChart.Options(usesColor: false)
    let grid = LineChart.render(
        [trainLoss, validationLoss], width: 40, height: 10, options: options)
    let expected = """
        2.5┤     o
        2.0┤*    ooo
        1.5┤**     oo
           │ ***    ooo
        1.0┤   *****  oooooo
        0.5┤       ********ooooooooooooooooooooo
        0.0┤                          **********
           └┬───────────┬───────────┬───────────
            0          20          40
         * train  o validation
        """
    #expect(grid.lines == expectedLines(expected))
    #expect(grid.cells.allSatisfy { $0.style == .plain })
}

@Test func lineChartEnvelopeKeepsSpike() {
    var values = [Double](repeating: 1, count: 1000)
    values[501] = 5
    let grid = LineChart.render([LineSeries(name: "loss", values: values)], width: 40, height: 10)
    let expected = """
        5┤                   ⡇
        4┤                   ⡇
         │                   ⡇
        3┤                   ⡇
         │                   ⡇
        2┤                   ⡇
        1┤⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣇⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀
         └┬────────┬─────────┬────────┬─────────
          0       250       500      750
         ── loss
        """
    #expect(grid.lines == expectedLines(expected))
}

@Test func lineChartEnvelopeKeepsDip() {
    var values = [Double](repeating: 4, count: 5000)
    values[4321] = 0
    let grid = LineChart.render([LineSeries(name: "", values: values)], width: 30, height: 6)
    let plotColumns = 2..<30

    // The line runs along the top row, and only the dip's column reaches the bottom row.
    let topRow = plotColumns.filter { grid[x: $0, y: 0].character != " " }
    let bottomRow = plotColumns.filter { grid[x: $0, y: 3].character != " " }
    #expect(topRow == Array(plotColumns))
    #expect(bottomRow == [2 + Int((4321.0 / 4999 * 55).rounded()) / 2])
}

@Test func lineChartLogAxisSkipsNonPositive() {
    let series = LineSeries(name: "loss", values: [0.5, 0, -1, 10, 100, .nan, 1000])
    let options = LineChart.Options(yAxis: .logarithmic)
    let grid = LineChart.render([series], width: 56, height: 10, options: options)
    let expected = """
        1000┤                                                  ⠈
            │                                ⢀⣀
            │                            ⣀⡤⠖⠚⠉
          10┤                         ⠰⠚⠉⠁
            │
            │⠄
         0.1┤
            └┬───────┬────────┬───────┬───────┬────────┬───────┬
             0       1        2       3       4        5       6
         ── loss  log y: 2 values ≤ 0 hidden  1 NaN/inf hidden
        """
    #expect(grid.lines == expectedLines(expected))
}

@Test func lineChartLegendEndsInEllipsis() {
    let series = LineSeries(name: "loss", values: [0.5, 0, 10, .nan])
    let options = LineChart.Options(yAxis: .logarithmic)
    let grid = LineChart.render([series], width: 30, height: 6, options: options)
    #expect(grid.lines.last == " ── loss  log y: 1 values ≤ 0…")
}

@Test func lineChartWithoutDataShowsAxes() {
    let grid = LineChart.render([], width: 30, height: 8)
    let expected = """
        1.0┤
           │
        0.5┤
           │
        0.0┤
           └┬────────────┬───────────┬
           0.0          0.5        1.0
         no data
        """
    #expect(grid.lines == expectedLines(expected))
}

@Test func lineChartExplicitRangesClip() {
    let series = LineSeries(name: "", values: [0, 10, 0, 10, 0])
    let options = LineChart.Options(glyphs: .ascii, xRange: 1...3, yRange: 0...5)
    let grid = LineChart.render([series], width: 20, height: 6, options: options)
    let expected = """
        5.0+   ***     **
           |     **   **
        2.5+      ** **
        0.0+       ***
           ++-------+------+
            1       2      3
        """
    #expect(grid.lines == expectedLines(expected))
}

@Test func lineChartTooSmallIsBlank() {
    let grid = LineChart.render([trainLoss], width: 3, height: 2)
    #expect(grid.width == 3)
    #expect(grid.height == 2)
    #expect(grid.lines == ["", ""])
}

@Test func movingAverageSmoothing() {
    let smoothed = Smoothing.exponentialMovingAverage([4, 4, 4], weight: 0.9)
    #expect(smoothed.count == 3)
    for value in smoothed {
        #expect(abs(value - 4) < 1e-12)
    }

    let steps = Smoothing.exponentialMovingAverage([0, 10], weight: 0.5)
    #expect(steps[0] == 0)
    #expect(abs(steps[1] - 20.0 / 3) < 1e-12)

    let unsmoothed = Smoothing.exponentialMovingAverage([3, 1, 2], weight: 0)
    #expect(unsmoothed == [3, 1, 2])
}

@Test func movingAverageKeepsGaps() {
    let smoothed = Smoothing.exponentialMovingAverage([2, .nan, 2, .infinity], weight: 0.8)
    #expect(smoothed[0] == 2)
    #expect(smoothed[1].isNaN)
    #expect(abs(smoothed[2] - 2) < 1e-12)
    #expect(smoothed[3].isNaN)
}
