import Plot
import Testing

@testable import TUI
@testable import Workbench

extension PaneTests {
    struct LossPaneTests {
        @Test func brailleChartWithLegendAndTitle() {
            let grid = LossPane.render(
                PaneFixtures.training, view: ViewState(), width: 50, height: 10, glyphs: .unicode,
                color: true)
            expectText(
                grid,
                """
                ┌─ Loss · step 0.165 · train 0.29 · test 0.33 ───┐
                │1.5┤                                            │
                │1.0┤⠹⠶⣤⣀                                        │
                │   │  ⠉⠙⠻⠷⣦⣤⣀⡀⣀⣀⣀⣀⡀                             │
                │0.5┤       ⠈⠉⠉⠛⠛⠟⠿⠿⠭⡽⣿⣿⣖⣒⣶⣶⣦⣤⣤⡤⠤⢤⣤⣤⣤⣤⣤⣤⣀⣀⣀⣀⡀    │
                │0.0┤                        ⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠙⠛⠛⠛⠓⠒⠒⠒⠒│
                │   └────┬────────┬────────┬─────────┬────────┬──│
                │       25       50       75        100      125 │
                │ ── step  ── smoothed  ── train  ── test        │
                └────────────────────────────────────────────────┘
                """)
        }

        @Test func asciiMarkersWithoutColor() {
            let grid = LossPane.render(
                PaneFixtures.training, view: ViewState(), width: 50, height: 10, glyphs: .ascii,
                color: false)
            expectText(
                grid,
                """
                +- Loss - step 0.165 - train 0.29 - test 0.33 ---+
                |1.5+                                            |
                |1.0+****                                        |
                |   |  .*******xxxxxx                            |
                |0.5+        ..***ooxxxxxxxxxxxxxxxxxxxxxxxxx* ..|
                |0.0+                                    ....****|
                |   +----+--------+--------+--------+--------+---|
                |       25       50       75       100      125  |
                | . step  * smoothed  o train  x test            |
                +------------------------------------------------+
                """)
            #expect(grid.cells.allSatisfy { $0.style.foreground == .default })
        }

        @Test func logAxisWithoutSmoothing() {
            var view = ViewState()
            view.lossScale = .logarithmic
            view.showSmoothed = false
            let grid = LossPane.render(
                PaneFixtures.training, view: view, width: 50, height: 10, glyphs: .unicode,
                color: true)
            expectText(
                grid,
                """
                ┌─ Loss (log y) · train 0.29 · test 0.33 ────────┐
                │ 10┤                                            │
                │   │                                            │
                │  1┤⠒⠲⠤⢤⣀⣀⣀⡀  ⣀⣀⡀                               │
                │   │       ⠉⠉⠉⠉⠛⠛⠛⠛⠻⠭⠽⠿⠿⠶⡶⢶⣖⣲⣶⣶⣶⣶⣶⣤⡤⠤⠤⠤⠤⠤⢤⣤⡄    │
                │0.1┤                            ⠁⠉⠈⠉⠉⠉⠉⠉⠋⠙⠙⠙⠛⠛⠓⠓│
                │   └────┬────────┬────────┬─────────┬────────┬──│
                │       25       50       75        100      125 │
                │ ── step  ── train  ── test                     │
                └────────────────────────────────────────────────┘
                """)
        }

        @Test func emptyRunShowsHint() {
            let grid = LossPane.render(
                TrainingSnapshot(), view: ViewState(), width: 50, height: 6, glyphs: .unicode,
                color: true)
            expectText(
                grid,
                """
                ┌─ Loss ─────────────────────────────────────────┐
                │                                                │
                │  no training steps yet: type train 10 epochs   │
                │                                                │
                │                                                │
                └────────────────────────────────────────────────┘
                """)
        }

        @Test func seriesPlaceEpochsAtTheirLastStep() {
            let series = LossPane.lossSeries(PaneFixtures.training, showSmoothed: true)
            #expect(series.map(\.name) == ["step", "smoothed", "train", "test"])
            #expect(series[0].x.first == 13)
            #expect(series[0].x.last == 132)
            #expect(series[2].x == [40, 80, 120])
            #expect(series[2].y == [0.62, 0.38, 0.29])
            #expect(series[3].y == [0.66, 0.41, 0.33])
        }

        @Test func seriesSkipMissingTestLoss() {
            var snapshot = PaneFixtures.training
            snapshot.epochs[0].testLoss = nil
            let series = LossPane.lossSeries(snapshot, showSmoothed: false)
            #expect(series.map(\.name) == ["step", "train", "test"])
            #expect(series[2].x == [80, 120])
        }

        @Test func titleDropsLeastImportantValues() {
            let snapshot = PaneFixtures.training
            let series = LossPane.lossSeries(snapshot, showSmoothed: true)
            let wide = LossPane.title(
                snapshot, series: series, view: ViewState(), room: 100, glyphs: .unicode)
            let expected =
                "Loss · step 0.165 · smoothed 0.179 · train 0.29 · test 0.33 · test acc 88%"
            #expect(wide == expected)
            let narrow = LossPane.title(
                snapshot, series: series, view: ViewState(), room: 20, glyphs: .ascii)
            #expect(narrow == "Loss - test 0.33")
        }

        /// 10,000 steps in 10 epochs of 1000: more than the 4096 bins, which then hold 4 steps.
        static var longRun: TrainingSnapshot {
            var snapshot = PaneFixtures.training
            let losses = (0..<10_000).map { k in 1 / (1 + Double(k) / 500) }
            snapshot.stepLosses = StepLossBins(losses, firstStep: 0)
            snapshot.epochs = (1...10).map { epoch in
                EpochReport(
                    epoch: epoch, epochInRun: epoch, epochsInRun: 10,
                    loss: losses[epoch * 1000 - 1], trainAccuracy: nil, testAccuracy: nil,
                    testLoss: nil, samplesPerSecond: 1000, steps: 1000)
            }
            return snapshot
        }

        @Test func longRunStepLineSpansTheRun() {
            let series = LossPane.lossSeries(Self.longRun, showSmoothed: false)
            #expect(series.map(\.name) == ["step mean/4", "train"])
            #expect(series[0].x.first == 2.5)
            #expect(series[0].x.last == 9998.5)
            #expect(series[0].y.count == 2500)
        }

        @Test func longRunStepLineDrawnFromTheLeft() {
            let grid = LossPane.render(
                Self.longRun, view: ViewState(), width: 50, height: 10, glyphs: .unicode,
                color: true)
            #expect(grid.lines[8].contains("step mean/4"))
            // The plot starts after the axis at column 5; its first 10 columns must hold
            // step cells, which only the epoch markers reached when old steps were dropped.
            let stepStyle = CellStyle(foreground: LossPane.stepColor)
            let leftStepCells = (1...7).flatMap { y in (5..<15).map { x in grid[x: x, y: y] } }
                .filter { $0.style == stepStyle && $0.character != " " }
            #expect(!leftStepCells.isEmpty)
        }
    }
}
