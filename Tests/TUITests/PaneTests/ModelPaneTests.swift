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

        /// The convolutional network of `sessions/digits-cnn.lab`, and a batch normalization, 36,042 parameters in all.
        static let convolutionalModel = ModelDescription(
            inputShape: [1, 8, 8],
            rows: [
                .init(index: 0, kind: "Conv2d", outputShape: [32, 8, 8], parameterCount: 320),
                .init(index: 1, kind: "ReLU", outputShape: [32, 8, 8], parameterCount: 0),
                .init(index: 2, kind: "MaxPool2D", outputShape: [32, 4, 4], parameterCount: 0),
                .init(index: 3, kind: "Conv2d", outputShape: [64, 4, 4], parameterCount: 18_496),
                .init(index: 4, kind: "ReLU", outputShape: [64, 4, 4], parameterCount: 0),
                .init(index: 5, kind: "MaxPool2D", outputShape: [64, 2, 2], parameterCount: 0),
                .init(index: 6, kind: "Flatten", outputShape: [256], parameterCount: 0),
                .init(index: 7, kind: "Dropout", outputShape: [256], parameterCount: 0),
                .init(index: 8, kind: "Dense", outputShape: [64], parameterCount: 16_448),
                .init(index: 9, kind: "BatchNorm1d", outputShape: [64], parameterCount: 128),
                .init(index: 10, kind: "ReLU", outputShape: [64], parameterCount: 0),
                .init(index: 11, kind: "Dense", outputShape: [10], parameterCount: 650),
            ])

        @Test func wideLayerCountsAbbreviated() {
            // 120 columns give the model pane 33 columns.
            let grid = ModelPane.render(
                Self.convolutionalModel, width: 33, height: 16, glyphs: .unicode)
            expectText(
                grid,
                """
                ┌─ Model ───────────────────────┐
                │input       [N, 1, 8, 8]       │
                │0 Conv2d    [N, 32, 8, 8]   320│
                │1 ReLU      [N, 32, 8, 8]     0│
                │2 MaxPool…  [N, 32, 4, 4]     0│
                │3 Conv2d    [N, 64, 4, 4] 18.5k│
                │4 ReLU      [N, 64, 4, 4]     0│
                │5 MaxPool…  [N, 64, 2, 2]     0│
                │6 Flatten   [N, 256]          0│
                │7 Dropout   [N, 256]          0│
                │8 Dense     [N, 64]       16.4k│
                │9 BatchNo…  [N, 64]         128│
                │10 ReLU     [N, 64]           0│
                │11 Dense    [N, 10]         650│
                │total                       36k│
                └───────────────────────────────┘
                """)
        }

        @Test func narrowPaneDropsShapes() {
            let grid = ModelPane.render(
                Self.convolutionalModel, width: 20, height: 7, glyphs: .unicode)
            expectText(
                grid,
                """
                ┌─ Model ──────────┐
                │input             │
                │10 layers above   │
                │10 ReLU          0│
                │11 Dense       650│
                │total          36k│
                └──────────────────┘
                """)
        }

        /// The model pane's width at 80, 100, 120 and 160 columns is 30, 37, 33 and 44.
        @Test(arguments: [30, 37, 33, 44, 24, 60])
        func countsNeverCut(width: Int) {
            let grid = ModelPane.render(
                Self.convolutionalModel, width: width, height: 16, glyphs: .unicode)
            let counts =
                Self.convolutionalModel.rows.map(\.parameterCount)
                + [Self.convolutionalModel.parameterCount]
            let lines = Array(grid.lines.dropFirst(2).dropLast())
            #expect(lines.count == counts.count)
            for (line, count) in zip(lines, counts) {
                let shown = line.dropLast().split(separator: " ").last.map(String.init) ?? ""
                let exact = [PaneNumber.grouped(count), PaneNumber.abbreviated(count)]
                #expect(exact.contains(shown), "\(line) should end with \(exact)")
            }
            for (line, row) in zip(lines, Self.convolutionalModel.rows) {
                #expect(line.dropFirst().hasPrefix("\(row.index) "), "\(line)")
            }
        }
    }
}
