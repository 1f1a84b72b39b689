import Testing

@testable import Plot

@Test func niceStepsRoundUp() {
    #expect(AxisScale.niceStep(0.3) == 0.5)
    #expect(AxisScale.niceStep(0.7) == 1)
    #expect(AxisScale.niceStep(1.5) == 2)
    #expect(AxisScale.niceStep(2.2) == 2.5)
    #expect(AxisScale.niceStep(6) == 10)
    #expect(AxisScale.niceStep(0.00034) == 0.0005)
    #expect(AxisScale.niceStep(0) == 1)
}

@Test func linearScaleWidensToTicks() {
    let scale = AxisScale(minimum: 0.03, maximum: 2.31, kind: .linear, targetTickCount: 2)
    #expect(scale.lower == 0)
    #expect(scale.upper == 3)
    #expect(scale.ticks == [0, 1, 2, 3])
    #expect(scale.ticks.map(scale.label) == ["0", "1", "2", "3"])
    #expect(scale.fraction(of: 1.5) == 0.5)
    #expect(scale.fraction(of: .nan) == nil)
}

@Test func linearScaleWithoutWidening() {
    let scale = AxisScale(
        minimum: 3, maximum: 97, kind: .linear, targetTickCount: 4, widen: false)
    #expect(scale.lower == 3)
    #expect(scale.upper == 97)
    #expect(scale.ticks == [25, 50, 75])
}

@Test func linearScaleOfConstant() {
    let scale = AxisScale(minimum: 5, maximum: 5, kind: .linear, targetTickCount: 2)
    #expect(scale.ticks.map(scale.label) == ["4.5", "5.0", "5.5"])
    let zero = AxisScale(minimum: 0, maximum: 0, kind: .linear, targetTickCount: 2)
    #expect(zero.ticks.map(zero.label) == ["-1", "0", "1"])
}

@Test func linearScaleLabelsExtremeMagnitudes() {
    let large = AxisScale(minimum: 0, maximum: 3e7, kind: .linear, targetTickCount: 3)
    #expect(large.ticks.map(large.label) == ["0", "1e7", "2e7", "3e7"])
    let small = AxisScale(minimum: 0, maximum: 5e-5, kind: .linear, targetTickCount: 2)
    #expect(small.ticks.map(small.label) == ["0", "2.5e-5", "5e-5"])
}

@Test func logarithmicScaleTicksOnPowersOfTen() {
    let scale = AxisScale(minimum: 0.002, maximum: 300, kind: .logarithmic, targetTickCount: 3)
    #expect(scale.lower == -3)
    #expect(scale.upper == 3)
    #expect(scale.ticks.map(scale.label) == ["0.001", "0.1", "10", "1000"])
    #expect(scale.fraction(of: 0) == nil)
    #expect(scale.fraction(of: -1) == nil)
    #expect(scale.fraction(of: 1) == 0.5)
}

@Test func logarithmicScaleOfOneDecade() {
    let scale = AxisScale(minimum: 10, maximum: 10, kind: .logarithmic, targetTickCount: 3)
    #expect(scale.lower == 1)
    #expect(scale.upper == 2)
    #expect(scale.ticks.map(scale.label) == ["10", "100"])
}

@Test func fixedNumberFormat() {
    #expect(NumberFormat.fixed(1.25, decimals: 1) == "1.3")
    #expect(NumberFormat.fixed(-1.25, decimals: 1) == "-1.3")
    #expect(NumberFormat.fixed(-0.004, decimals: 2) == "0.00")
    #expect(NumberFormat.fixed(0.05, decimals: 3) == "0.050")
    #expect(NumberFormat.fixed(42, decimals: 0) == "42")
    #expect(NumberFormat.fixed(.infinity, decimals: 2) == "inf")
}

@Test func compactNumberFormat() {
    #expect(NumberFormat.compact(0) == "0")
    #expect(NumberFormat.compact(0.012345) == "0.0123")
    #expect(NumberFormat.compact(-1.5) == "-1.5")
    #expect(NumberFormat.compact(4096) == "4096")
    #expect(NumberFormat.compact(1.5e-5) == "1.5e-5")
    #expect(NumberFormat.compact(-2e-7) == "-2e-7")
    #expect(NumberFormat.compact(9.999e7) == "1e8")
    #expect(NumberFormat.compact(1000.1, significantDigits: 5) == "1000.1")
    #expect(NumberFormat.compact(.nan) == "NaN")
    #expect(NumberFormat.compact(-.infinity) == "-inf")
}

@Test func tickDecimals() {
    #expect(NumberFormat.decimals(forStep: 5) == 0)
    #expect(NumberFormat.decimals(forStep: 0.5) == 1)
    #expect(NumberFormat.decimals(forStep: 0.25) == 2)
    #expect(NumberFormat.decimals(forStep: 0.1 + 0.2) == 1)
}

@Test func brailleDotsMapToPatternBits() {
    #expect(DotCanvas.brailleBit(column: 0, row: 0) == 0x01)
    #expect(DotCanvas.brailleBit(column: 0, row: 3) == 0x40)
    #expect(DotCanvas.brailleBit(column: 1, row: 0) == 0x08)
    #expect(DotCanvas.brailleBit(column: 1, row: 3) == 0x80)

    var canvas = DotCanvas(columns: 2, rows: 1, usesBraille: true)
    canvas.plot(x: 1, y: 2, style: .plain, marker: "*")
    canvas.plotRun(x: 2, from: 3, to: 0, style: .plain, marker: "*")
    canvas.plot(x: 9, y: 0, style: .plain, marker: "*")
    var grid = CharGrid(width: 2, height: 1)
    canvas.draw(into: &grid, x: 0, y: 0)
    #expect(grid.lines == ["⠠⡇"])
}
