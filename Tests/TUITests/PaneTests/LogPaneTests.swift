import Plot
import Testing

@testable import TUI
@testable import Workbench

extension PaneTests {
    struct LogPaneTests {
        @Test func showsNewestLinesWrapped() {
            let grid = LogPane.render(
                PaneFixtures.log, scroll: 0, width: 44, height: 7, glyphs: .unicode, color: true)
            expectText(
                grid,
                """
                ┌─ Output ─────────────────────────────────┐
                │> optimizer adamw                         │
                │error: unknown optimizer 'adamw'; did you │
                │mean 'adam'?                              │
                │epoch 3  loss 0.29  test loss 0.33        │
                │accuracy 88%                              │
                └──────────────────────────────────────────┘
                """)
            let error = CellStyle(foreground: .indexed(196), bold: true)
            #expect(grid[x: 1, y: 2].style == error)
            #expect(grid[x: 1, y: 3].style == error)
            #expect(grid[x: 1, y: 1].style == .plain)
            #expect(grid[x: 1, y: 4].style == .plain)
        }

        @Test func scrollShowsOlderLines() {
            let grid = LogPane.render(
                PaneFixtures.log, scroll: 3, width: 44, height: 7, glyphs: .unicode, color: true)
            expectText(
                grid,
                """
                ┌─ Output · 3 lines up, PgDn for newer ────┐
                │accuracy 68%                              │
                │epoch 2  loss 0.38  test loss 0.41        │
                │accuracy 80%                              │
                │> optimizer adamw                         │
                │error: unknown optimizer 'adamw'; did you │
                └──────────────────────────────────────────┘
                """)
        }

        @Test func scrollStopsAtOldestLine() {
            let page = LogPane.visibleLines(PaneFixtures.log, scroll: 500, width: 42, rows: 5)
            #expect(page.scroll == 8)
            #expect(page.lines.first?.text == "> input 2")
            let empty = LogPane.visibleLines([], scroll: 4, width: 42, rows: 5)
            #expect(empty.scroll == 0)
            #expect(empty.lines.isEmpty)
        }

        @Test(arguments: [0, 1, 3, 8, 500])
        func pageOfWrappedRowsMatchesVisibleLines(scroll: Int) {
            let rows = PaneFixtures.log.flatMap { LogPane.wrapped($0, width: 42) }
            let page = LogPane.page(of: rows, scroll: scroll, rows: 5)
            let expected = LogPane.visibleLines(
                PaneFixtures.log, scroll: scroll, width: 42, rows: 5)
            #expect(page.lines == expected.lines)
            #expect(page.scroll == expected.scroll)
        }

        @Test func pageOfNoRowsIsEmpty() {
            let page = LogPane.page(of: [], scroll: 4, rows: 5)
            #expect(page.lines.isEmpty)
            #expect(page.scroll == 0)
        }

        @Test func commandContinuationIsIndented() {
            let log = [
                LogLine(
                    kind: .command,
                    text: "data load samples/a-very-long-file-name.csv label=species test=0.2"),
                LogLine(kind: .message, text: "loaded 150 rows\n  train 120\n  test 30"),
            ]
            let grid = LogPane.render(
                log, scroll: 0, width: 30, height: 9, glyphs: .ascii, color: false)
            expectText(
                grid,
                """
                +- Output -------------------+
                |> data load                 |
                |  samples/a-very-long-file-n|
                |  ame.csv label=species     |
                |  test=0.2                  |
                |loaded 150 rows             |
                |  train 120                 |
                |  test 30                   |
                +----------------------------+
                """)
            #expect(grid[x: 1, y: 1].style == .plain)
        }

        @Test func errorsAreBoldWithoutColor() {
            #expect(LogPane.style(of: .error, color: false) == CellStyle(bold: true))
            #expect(LogPane.style(of: .message, color: false) == .plain)
        }
    }
}
