import Plot
import Testing

@testable import TUI
@testable import Workbench

extension PaneTests {
    struct ModelPaneTests {
        @Test func listsLayersShapesAndTotal() {
            let grid = ModelPane.render(PaneFixtures.model, width: 30, height: 7, glyphs: .unicode)
            expectText(
                grid,
                """
                ┌─ Model ────────────────────┐
                │input    [N, 2]             │
                │0 Dense  [N, 16]          48│
                │1 ReLU   [N, 16]           0│
                │2 Dense  [N, 3]           51│
                │total                     99│
                └────────────────────────────┘
                """)
            #expect(grid[x: 1, y: 5].style.bold)
        }

        @Test func asciiBox() {
            let grid = ModelPane.render(PaneFixtures.model, width: 30, height: 7, glyphs: .ascii)
            expectText(
                grid,
                """
                +- Model --------------------+
                |input    [N, 2]             |
                |0 Dense  [N, 16]          48|
                |1 ReLU   [N, 16]           0|
                |2 Dense  [N, 3]           51|
                |total                     99|
                +----------------------------+
                """)
        }

        @Test func tallModelKeepsNewestLayers() {
            var model = ModelDescription(inputShape: [784])
            for index in 0..<6 {
                let isDense = index % 2 == 0
                model.rows.append(
                    .init(
                        index: index, kind: isDense ? "Dense" : "ReLU", outputShape: [128],
                        parameterCount: isDense ? 100_480 : 0))
            }
            let grid = ModelPane.render(model, width: 30, height: 7, glyphs: .unicode)
            expectText(
                grid,
                """
                ┌─ Model ────────────────────┐
                │input    [N, 784]           │
                │4 layers above              │
                │4 Dense  [N, 128]    100,480│
                │5 ReLU   [N, 128]          0│
                │total                301,440│
                └────────────────────────────┘
                """)
        }

        @Test func emptyModelShowsHint() {
            let grid = ModelPane.render(ModelDescription(), width: 30, height: 5, glyphs: .unicode)
            expectText(
                grid,
                """
                ┌─ Model ────────────────────┐
                │                            │
                │ no model yet: type input 2 │
                │                            │
                └────────────────────────────┘
                """)
        }

        @Test func inputWithoutLayers() {
            let grid = ModelPane.render(
                ModelDescription(inputShape: [1, 28, 28]), width: 30, height: 5, glyphs: .unicode)
            expectText(
                grid,
                """
                ┌─ Model ────────────────────┐
                │input  [N, 1, 28, 28]       │
                │total                      0│
                │                            │
                └────────────────────────────┘
                """)
        }
    }
}
