import Testing

@testable import Plot

/// Ten bins of width 0.5 from -2.5 to 2.5, roughly bell-shaped, with two NaN values.
private let bellBins = HistogramBins(
    edges: (0...10).map { -2.5 + Double($0) * 0.5 },
    counts: [1, 3, 8, 15, 24, 30, 22, 12, 5, 2],
    nanCount: 2)

@Test func histogramVerticalUnicode() {
    let grid = Histogram.render(bellBins, width: 40, height: 10)
    let expected = """
        30┤               ███
          │            ▅▅▅███▁▁▁
        20┤            █████████
          │         ▄▄▄█████████
        10┤         ████████████▆▆▆
          │      ▇▇▇███████████████▁▁▁
         0┤▂▂▂▆▆▆█████████████████████▄▄▄
          └┬────────┬─────┬──┬──┬──┬─────┬──────
           -2.5    -1     0 0.5 1 1.5  2.5
        NaN 2
        """
    #expect(grid.lines == expectedLines(expected))
    #expect(grid[x: 3, y: 6].style == CellStyle(foreground: .indexed(33)))
}

@Test func histogramVerticalASCII() {
    let options = Histogram.Options(glyphs: .ascii, usesColor: false)
    let grid = Histogram.render(bellBins, width: 40, height: 10, options: options)
    let expected = """
        30+               ###
          |            ---###___
        20+            #########
          |         ---#########
        10+         ############===
          |      ===###############___
         0+___===#####################---
          ++--------+-----+--+--+--+-----+------
           -2.5    -1     0 0.5 1 1.5  2.5
        NaN 2
        """
    #expect(grid.lines == expectedLines(expected))
    #expect(grid.cells.allSatisfy { $0.style == .plain })
}

@Test func histogramHorizontalShowsIntervals() {
    let options = Histogram.Options(orientation: .horizontal)
    let grid = Histogram.render(bellBins, width: 40, height: 12, options: options)
    let expected = """
        [-2.5, -2) │▉ 1
        [-2, -1.5) │██▌ 3
        [-1.5, -1) │██████▋ 8
        [-1, -0.5) │████████████▌ 15
        [-0.5, 0)  │████████████████████ 24
        [0, 0.5)   │█████████████████████████ 30
        [0.5, 1)   │██████████████████▍ 22
        [1, 1.5)   │██████████ 12
        [1.5, 2)   │████▏ 5
        [2, 2.5]   │█▋ 2
        NaN 2

        """
    #expect(grid.lines == expectedLines(expected))
}

@Test func histogramHorizontalJoinsBinsToFit() {
    let options = Histogram.Options(orientation: .horizontal)
    let grid = Histogram.render(bellBins, width: 40, height: 6, options: options)
    let expected = """
        [-2.5, -1.5) │█▊ 4
        [-1.5, -0.5) │█████████▊ 23
        [-0.5, 0.5)  │███████████████████████ 54
        [0.5, 1.5)   │██████████████▌ 34
        [1.5, 2.5]   │███ 7
        2 bins per row  NaN 2
        """
    #expect(grid.lines == expectedLines(expected))
}

@Test func histogramVerticalJoinsBinsToFit() {
    let values = (0..<1000).map { Double(($0 * 37) % 101) / 10 }
    let grid = Histogram.render(HistogramBins(values: values, binCount: 64), width: 30, height: 8)
    let expected = """
        20┤██████████████████████
          │██████████████████████
        10┤██████████████████████
          │██████████████████████
         0┤██████████████████████
          └┬───┬────┬────┬───────┬────
           0 1.88 4.22 6.56     10
        3 bins per column
        """
    #expect(grid.lines == expectedLines(expected))
}

@Test func histogramSmallCountStaysVisible() {
    let bins = HistogramBins(edges: [0, 1, 2, 3], counts: [10_000, 1, 0])
    let grid = Histogram.render(bins, width: 20, height: 6, options: .init(usesColor: false))
    let expected = """
        10000┤████
             │████
         5000┤████
            0┤████▁▁▁▁
             └┬───┬───┬───┬─
              0   1   2   3
        """
    #expect(grid.lines == expectedLines(expected))
}

@Test func binsFromValuesCountsNonFiniteApart() {
    let values: [Float] = [0, 1, 2, 3, 4, .nan, .infinity, -.infinity, .infinity, 4]
    let bins = HistogramBins(values: values, binCount: 4)
    #expect(bins.edges == [0, 1, 2, 3, 4])
    #expect(bins.counts == [1, 1, 1, 3])
    #expect(bins.nanCount == 1)
    #expect(bins.positiveInfinityCount == 2)
    #expect(bins.negativeInfinityCount == 1)
    #expect(bins.finiteCount == 6)
}

@Test func binsCountsAgreeWithEdges() {
    let values = (0..<1000).map { Double($0) * 0.1 }
    let bins = HistogramBins(values: values, binCount: 7)
    #expect(bins.counts.reduce(0, +) == 1000)
    for (index, count) in bins.counts.enumerated() {
        let isLast = index == bins.counts.count - 1
        let inside = values.filter { value in
            value >= bins.edges[index]
                && (isLast ? value <= bins.edges[index + 1] : value < bins.edges[index + 1])
        }
        #expect(inside.count == count, "bin \(index)")
    }
}

@Test func binsOfConstantOrNoValues() {
    let constant = HistogramBins(values: [2.0, 2.0, 2.0], binCount: 2)
    #expect(constant.edges == [1.5, 2, 2.5])
    #expect(constant.counts == [0, 3])

    let empty = HistogramBins(values: [Double.nan], binCount: 2)
    #expect(empty.edges == [0, 0.5, 1])
    #expect(empty.counts == [0, 0])
    #expect(empty.nanCount == 1)
}

@Test func binsOfHugeRange() {
    let bins = HistogramBins(values: [-1e308, 1e308, 0], binCount: 2)
    #expect(bins.edges == [-1e308, 0, 1e308])
    #expect(bins.counts == [1, 2])
}

@Test func binsMerge() {
    let merged = bellBins.merged(by: 3)
    #expect(merged.edges == [-2.5, -1, 0.5, 2, 2.5])
    #expect(merged.counts == [12, 69, 39, 2])
    #expect(merged.nanCount == 2)
}
