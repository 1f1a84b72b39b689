import Plot
import Testing

@testable import TUI
@testable import Workbench

extension PaneTests {
    struct HealthPaneTests {
        @Test func narrowPaneLabelsFigures() {
            let grid = HealthPane.render(
                PaneFixtures.training, width: 30, height: 7, glyphs: .unicode, color: true)
            expectText(
                grid,
                """
                ┌─ Health ───────────────────┐
                │0 Dense g 0.21 u 0.0031     │
                │1 ReLU  dead 63%!           │
                │2 Dense g 0.084 u 0.02!     │
                │                            │
                │                            │
                └────────────────────────────┘
                """)
            let warning = CellStyle(foreground: .indexed(196), bold: true)
            #expect(styles(of: "!", in: grid, row: 2) == [warning])
            #expect(styles(of: "6", in: grid, row: 2) == [warning])
            #expect(styles(of: "!", in: grid, row: 1).isEmpty)
        }

        @Test func widePaneShowsTableAndRanges() {
            let grid = HealthPane.render(
                PaneFixtures.training, width: 46, height: 10, glyphs: .unicode, color: false)
            expectText(
                grid,
                """
                ┌─ Health ───────────────────────────────────┐
                │layer   dead  sat   grad    upd/w           │
                │0 Dense             0.21    0.0031          │
                │1 ReLU  63%!                                │
                │2 Dense             0.084   0.02!           │
                │                                            │
                │! marks a figure outside its healthy range: │
                │dead ≤ 50%  sat ≤ 50%  0 < grad ≤ 1000      │
                │1e-5 ≤ upd/w ≤ 0.01                         │
                └────────────────────────────────────────────┘
                """)
            #expect(styles(of: "!", in: grid, row: 3) == [CellStyle(bold: true)])
        }

        @Test func alarmInReverseVideo() {
            var snapshot = PaneFixtures.training
            snapshot.alarm = NumericAlarm(
                step: 131, layerIndex: 1, message: "the output is NaN in 12 of 512 values")
            let grid = HealthPane.render(
                snapshot, width: 30, height: 9, glyphs: .unicode, color: true)
            expectText(
                grid,
                """
                ┌─ Health ───────────────────┐
                │NaN alarm at step 131 in    │
                │layer 1 (ReLU): the output  │
                │is NaN in 12 of 512 values  │
                │0 Dense g 0.21 u 0.0031     │
                │1 ReLU  dead 63%!           │
                │2 Dense g 0.084 u 0.02!     │
                │                            │
                └────────────────────────────┘
                """)
            for row in 1...3 {
                for x in 1...28 {
                    #expect(grid[x: x, y: row].style.reverse, "cell \(x), \(row)")
                }
            }
            #expect(!grid[x: 1, y: 4].style.reverse)
        }

        @Test func alarmWithoutLayerNamesStep() {
            var snapshot = TrainingSnapshot()
            snapshot.model = PaneFixtures.model
            snapshot.alarm = NumericAlarm(step: 7, layerIndex: nil, message: "the loss is inf")
            let grid = HealthPane.render(
                snapshot, width: 50, height: 6, glyphs: .ascii, color: false)
            expectText(
                grid,
                """
                +- Health ---------------------------------------+
                |NaN alarm at step 7: the loss is inf            |
                |                                                |
                |                  no data yet                   |
                |                                                |
                +------------------------------------------------+
                """)
        }

        @Test func healthyRangeEdges() {
            var layer = LayerStatistics(index: 0, kind: "Dense")
            typealias Case = (
                gradient: Double, update: Double, warnsGradient: Bool, warnsUpdate: Bool
            )
            let cases: [Case] = [
                (0, 1e-3, true, false),
                (1e3, 1e-2, false, false),
                (1001, 1e-5, true, false),
                (0.5, 0.011, false, true),
                (0.5, 9e-6, false, true),
                (.nan, .nan, true, true),
            ]
            for item in cases {
                layer.gradientNorm = item.gradient
                layer.updateRatio = item.update
                #expect(HealthPane.gradientFigure(layer)?.isWarning == item.warnsGradient)
                #expect(HealthPane.updateFigure(layer)?.isWarning == item.warnsUpdate)
            }

            var relu = LayerStatistics(index: 1, kind: "ReLU")
            relu.deadFraction = 0.5
            relu.saturatedFraction = 0.51
            #expect(HealthPane.deadFigure(relu)?.isWarning == false)
            #expect(HealthPane.saturatedFigure(relu)?.isWarning == true)
        }
    }
}
