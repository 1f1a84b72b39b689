import Plot
import Testing

@testable import TUI
@testable import Workbench

extension PaneTests {
    struct ScreenRendererTests {
        static func render(
            width: Int, height: Int, view: ViewState = ViewState(), glyphs: GlyphSet = .unicode,
            color: Bool = true
        ) -> CharGrid {
            ScreenRenderer.render(
                snapshot: PaneFixtures.training, view: view, log: PaneFixtures.log,
                status: StatusLine(frame: 42, framesPerSecond: 30), width: width, height: height,
                glyphs: glyphs, color: color)
        }

        @Test(arguments: [(80, 24), (100, 30), (120, 36), (160, 50)])
        func screenFitsAndShowsCounters(size: (width: Int, height: Int)) {
            for glyphs in [GlyphSet.unicode, .ascii] {
                let grid = Self.render(width: size.width, height: size.height, glyphs: glyphs)
                #expect(grid.width == size.width)
                #expect(grid.height == size.height)
                let lines = grid.lines(trimmingTrailingSpaces: false)
                #expect(lines.allSatisfy { $0.displayWidth == size.width })

                let statusRow = lines[size.height - ScreenRenderer.promptRows - 1]
                #expect(statusRow.contains("epoch 3"))
                #expect(statusRow.contains("frame 42"))
                let promptRow = grid.lines[size.height - 1]
                #expect(promptRow.isEmpty)

                let text = lines.joined(separator: "\n")
                for title in ["Model", "Health", "Loss", "Act", "Output"] {
                    #expect(text.contains(title), "\(title) at \(size)")
                }
                #expect(text.contains("Decision boundary") || text.contains("Data"))
                if !glyphs.isUnicode {
                    #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
                }
            }
        }

        @Test func wideScreenHasThreeColumns() {
            let grid = Self.render(width: 160, height: 50)
            let top = grid.lines[0]
            #expect(top.hasPrefix("┌─ Model "))
            let titles = ["┌─ Model", "┌─ Loss", "┌─ Data"]
            let positions = titles.compactMap { title in
                top.range(of: title).map { top.distance(from: top.startIndex, to: $0.lowerBound) }
            }
            #expect(positions == [0, 44, 112])
        }

        @Test func eightyByTwentyFourLayout() {
            let grid = Self.render(width: 80, height: 24)
            expectText(
                grid,
                """
                ┌─ Model ────────────────────┐┌─ Loss · step 0.165 · train 0.29 · test 0.33 ───┐
                │input    [N, 2]             ││1.5┤⣀                                           │
                │0 Dense  [N, 16]          48││1.0┤⠈⠛⠷⣦⣤⣀⡀                                     │
                │1 ReLU   [N, 16]           0││0.5┤    ⠈⠉⠛⠛⠒⠶⠿⠶⣶⣶⣶⣶⣶⣤⣤⣤⢤⣤⣄⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀        │
                │2 Dense  [N, 3]           51││0.0┤                 ⠉⠉⠉⠉⠉⠉⠉⠉⠉⠙⠙⠛⠛⠛⠛⠛⠛⠛⠛⠛⠛⠛⠓⠒⠒⠒⠒│
                │total                     99││   └────┬────────┬────────┬─────────┬────────┬──│
                └────────────────────────────┘│       25       50       75        100      125 │
                ┌─ Health ───────────────────┐│ ── step  ── smoothed  ── train  ── test        │
                │0 Dense g 0.21 u 0.0031     │└────────────────────────────────────────────────┘
                │1 ReLU  dead 63%!           │┌─ Act 2 Dense ─────────┐┌─ Decision boundary ───┐
                │2 Dense g 0.084 u 0.02!     ││20┤                    ││▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀│
                │                            ││  │      ▄▄▆▆▂▂        ││▀▀▀▀●▀▀▀▀▀▀▀▀▀▀▀▀○▀▀▀▀▀│
                │                            ││ 0┤▁▁▄▄▇▇██████▆▆▄▄    ││▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀○▀▀│
                │                            ││  └┬─────┬─────┬───┬───││▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▲▀▀▀▀▀▀│
                │                            ││   -1  -0.25  0.5  1   ││▀▀▀▀▀▀▀▀●▀▀▀▀▀▀▀▀▀▀▀▀▲▀│
                └────────────────────────────┘└───────────────────────┘└───────────────────────┘
                ┌─ Output ─────────────────────────────────────────────────────────────────────┐
                │epoch 2  loss 0.38  test loss 0.41  accuracy 80%                              │
                │> optimizer adamw                                                             │
                │error: unknown optimizer 'adamw'; did you mean 'adam'?                        │
                │epoch 3  loss 0.29  test loss 0.33  accuracy 88%                              │
                └──────────────────────────────────────────────────────────────────────────────┘
                 training  epoch 3  step 132  12/40  lr 0.01  batch 32  frame 42        F1 help

                """)
        }

        @Test func helpOverlayCoversPanesAndLog() {
            var view = ViewState()
            view.helpVisible = true
            let grid = Self.render(width: 80, height: 24, view: view)
            let lines = grid.lines
            #expect(lines[0].hasPrefix("┌─ Help, F1 or Esc to close "))
            #expect(lines[2].contains("F1           show or hide this help"))
            #expect(lines.contains { $0.contains("Ctrl-D       quit") })
            #expect(lines.contains { $0.contains("Commands") })
            #expect(lines[21].hasPrefix("└"))
            #expect(lines[22].contains("frame 42"))
        }

        @Test(arguments: [(80, 24), (100, 30), (160, 50)])
        func helpOverlayListsEveryKey(size: (width: Int, height: Int)) {
            var view = ViewState()
            view.helpVisible = true
            let lines = Self.render(width: size.width, height: size.height, view: view).lines
            for (key, action) in HelpOverlay.keys {
                #expect(lines.contains { $0.contains(action) }, "\(key): \(action)")
            }
            #expect(lines.contains { $0.contains("Esc          close this help") })
        }

        @Test(arguments: [0, 3, 500])
        func wrappedLogRendersAsLog(scroll: Int) {
            var view = ViewState()
            view.logScroll = scroll
            let rowWidth = ScreenRenderer.logRowWidth(width: 80, height: 24)
            #expect(rowWidth == 78)
            let rows = PaneFixtures.log.flatMap { LogPane.wrapped($0, width: rowWidth) }
            let wrapped = ScreenRenderer.render(
                snapshot: PaneFixtures.training, view: view, wrappedLog: rows,
                status: StatusLine(frame: 42, framesPerSecond: 30), width: 80, height: 24,
                glyphs: .unicode, color: true)
            #expect(wrapped.lines == Self.render(width: 80, height: 24, view: view).lines)
            let limit = ScreenRenderer.maximumLogScroll(
                wrappedRowCount: rows.count, width: 80, height: 24)
            #expect(limit == 5)
        }

        @Test func tooSmallShowsMessage() {
            let grid = Self.render(width: 79, height: 30)
            let text = grid.lines.filter { !$0.isEmpty }
            #expect(text == ["              enlarge the terminal to at least 80x24 (now 79x30)"])

            let narrow = Self.render(width: 30, height: 10)
            #expect(
                narrow.lines.filter { !$0.isEmpty } == [
                    "  enlarge the terminal to at", "   least 80x24 (now 30x10)",
                ])
            #expect(Self.render(width: 80, height: 23).lines.contains { $0.contains("now 80x23") })
            #expect(Self.render(width: 0, height: 0).cells.isEmpty)
        }

        @Test func logScrollLimitCountsRowsAbovePage() {
            // At 80x24 the log shows 4 rows of 78 columns, and the 9 fixture lines take 9.
            var log = OutputLog()
            log.append(contentsOf: PaneFixtures.log)
            #expect(Self.logScrollLimit(log, width: 80, height: 24) == 5)
            #expect(Self.logScrollLimit(OutputLog(), width: 80, height: 24) == 0)
            #expect(Self.logScrollLimit(log, width: 70, height: 24) == 0)
        }

        /// Returns the scroll limit as the shell computes it for Page Up: from the log wrapped
        /// to the log pane's width.
        static func logScrollLimit(_ log: OutputLog, width: Int, height: Int) -> Int {
            var wrapped = WrappedLog()
            wrapped.update(from: log, width: ScreenRenderer.logRowWidth(width: width, height: height))
            return ScreenRenderer.maximumLogScroll(
                wrappedRowCount: wrapped.rows.count, width: width, height: height)
        }

        @Test func logPageMatchesLogPane() {
            #expect(ScreenRenderer.logPageLines(width: 80, height: 24) == 4)
            #expect(ScreenRenderer.logPageLines(width: 160, height: 50) == 12)
            #expect(ScreenRenderer.logPageLines(width: 60, height: 20) == 0)
        }
    }
}
