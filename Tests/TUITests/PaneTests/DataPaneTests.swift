import Plot
import Testing

@testable import TUI
@testable import Workbench

extension PaneTests {
    struct DataPaneTests {
        @Test func boundaryInASCIIShades() {
            let grid = DataPane.render(
                PaneFixtures.training.data, width: 26, height: 10, glyphs: .ascii, color: false)
            expectText(
                grid,
                """
                +- Decision boundary ----+
                |..........    ::::::::::|
                |....o.....    ::::x:::::|
                |..........    :::::::x::|
                |..........              |
                |..........              |
                |........o.    --+-------|
                |..........    --------+-|
                |o 0  x 1  + 2           |
                +------------------------+
                """)
            #expect(grid.cells.allSatisfy { $0.style.foreground == .default })
        }

        @Test func boundaryInUnicodeShades() {
            let grid = DataPane.render(
                PaneFixtures.training.data, width: 30, height: 10, glyphs: .unicode, color: false)
            expectText(
                grid,
                """
                ┌─ Data · decision boundary ─┐
                │░░░░░░░░░░░░     ▒▒▒▒▒▒▒▒▒▒▒│
                │░░░░░●░░░░░░     ▒▒▒▒○▒▒▒▒▒▒│
                │░░░░░░░░░░░░     ▒▒▒▒▒▒▒▒○▒▒│
                │░░░░░░░░░░░░                │
                │░░░░░░░░░░░░                │
                │░░░░░░░░░●░░     ▓▓▲▓▓▓▓▓▓▓▓│
                │░░░░░░░░░░░░     ▓▓▓▓▓▓▓▓▓▲▓│
                │● 0  ○ 1  ▲ 2               │
                └────────────────────────────┘
                """)
        }

        @Test func boundaryInColorUsesHalfBlocks() {
            let grid = DataPane.render(
                PaneFixtures.training.data, width: 26, height: 8, glyphs: .unicode, color: true)
            let map = grid.lines.dropFirst().prefix(5)
            #expect(map.allSatisfy { line in line.contains("▀") })

            // Column 1 lies in the sure part of class 0 and column 12 in its unsure part, next to
            // the border, which is lighter.
            let sure = grid[x: 1, y: 1].style
            let unsure = grid[x: 12, y: 1].style
            #expect(sure.foreground == .cube(red: 1, green: 3, blue: 5))
            #expect(unsure.foreground == .cube(red: 4, green: 5, blue: 5))

            // The class 1 point at (0.5, 0.6) is drawn over the class 1 region.
            let marker = grid.cells.firstIndex { $0.character == "○" }
            #expect(marker != nil)
            if let marker {
                let style = grid.cells[marker].style
                #expect(style.foreground == .cube(red: 3, green: 1, blue: 0))
                #expect(style.background == .cube(red: 5, green: 3, blue: 1))
            }
        }

        @Test func noDataShowsHint() {
            let grid = DataPane.render(.none, width: 30, height: 6, glyphs: .unicode, color: true)
            expectText(
                grid,
                """
                ┌─ Data ─────────────────────┐
                │                            │
                │ load data to see it here:  │
                │       data load PATH       │
                │                            │
                └────────────────────────────┘
                """)
        }

        @Test func samplesTableWithImages() {
            // An 8x8 image of a vertical stroke two pixels wide, like a handwritten 1.
            let stroke = (0..<8).map { row in
                (0..<8).map { column in
                    (3...4).contains(column) && (1...6).contains(row) ? 1.0 : 0
                }
            }
            let samples = [("1", "1", 0.98), ("7", "1", 0.41), ("0", "0", 0.9)].enumerated().map {
                row, sample in
                SamplePrediction(
                    row: row, truth: sample.0, predicted: sample.1, confidence: sample.2,
                    image: stroke)
            }
            let grid = DataPane.render(
                .samples(samples), width: 34, height: 12, glyphs: .unicode, color: true)
            expectText(
                grid,
                """
                ┌─ Data · predictions ───────────┐
                │row  truth  predicted  conf     │
                │0    1      1           98%     │
                │1    7      1 !         41%     │
                │2    0      0           90%     │
                │                                │
                │   ▒▒        ▒▒        ▒▒       │
                │   ██        ██        ██       │
                │   ██        ██        ██       │
                │   ▒▒        ▒▒        ▒▒       │
                │1→1       7→1       0→0         │
                └────────────────────────────────┘
                """)
            #expect(grid[x: 1, y: 3].style == CellStyle(foreground: .indexed(196), bold: true))
            #expect(grid[x: 1, y: 2].style == .plain)
        }

        @Test func reconstructionsShowErrorAndImagePairs() {
            // An 8x8 image of a vertical stroke two pixels wide, reconstructed at half its ink.
            // Two pairs do not fit side by side in 32 columns, and the third finds no room.
            let stroke = (0..<8).map { row in
                (0..<8).map { column in
                    (3...4).contains(column) && (1...6).contains(row) ? 1.0 : 0
                }
            }
            let faint = stroke.map { row in row.map { $0 / 2 } }
            let samples = [0.521, 13.75, 0.004].enumerated().map { row, error in
                SampleReconstruction(row: row, error: error, input: stroke, output: faint)
            }
            let grid = DataPane.render(
                .reconstructions(samples), width: 34, height: 18, glyphs: .unicode, color: true)
            expectText(
                grid,
                """
                ┌─ Data · reconstructions ───────┐
                │row  MSE                        │
                │0    0.521                      │
                │1    13.8                       │
                │2    0.004                      │
                │                                │
                │   ▒▒       ░░                  │
                │   ██       ▒▒                  │
                │   ██       ▒▒                  │
                │   ▒▒       ░░                  │
                │0 in     out                    │
                │                                │
                │   ▒▒       ░░                  │
                │   ██       ▒▒                  │
                │   ██       ▒▒                  │
                │   ▒▒       ░░                  │
                │1 in     out                    │
                └────────────────────────────────┘
                """)
        }

        @Test func samplesWithoutRoomForImages() {
            let samples = (0..<3).map { row in
                SamplePrediction(
                    row: row, truth: "setosa", predicted: "setosa", confidence: 0.97, image: nil)
            }
            let grid = SampleTable.render(
                samples, width: 34, height: 3, glyphs: .ascii, color: false)
            expectText(
                grid,
                """
                row  truth   predicted  conf
                0    setosa  setosa      97%
                1    setosa  setosa      97%
                """)
        }

        @Test func regressionRowsHaveNoConfidence() {
            let samples = [("3.2", "2.9"), ("1.5", "1.5")].enumerated().map { row, values in
                SamplePrediction(
                    row: row, truth: values.0, predicted: values.1, confidence: 1, image: nil)
            }
            let grid = SampleTable.render(
                samples, width: 30, height: 3, glyphs: .ascii, color: false)
            expectText(
                grid,
                """
                row  truth  predicted
                0    3.2    2.9
                1    1.5    1.5
                """)
        }
    }
}
