import Plot
import Testing

@testable import TUI
@testable import Workbench

extension PaneTests {
    struct StatusBarTests {
        @Test func eightyColumnsDropLeastImportant() {
            let status = StatusLine(frame: 42, framesPerSecond: 30)
            let grid = StatusBar.render(
                PaneFixtures.training, status: status, width: 80, glyphs: .unicode, color: true)
            expectText(
                grid,
                " training  epoch 3  step 132  12/40  lr 0.01  batch 32  frame 42        F1 help")
            #expect(grid.cells.allSatisfy { $0.style.reverse })
            #expect(grid[x: 1, y: 0].style.foreground == .indexed(34))
            #expect(grid[x: 1, y: 0].style.bold)
        }

        @Test func wideLineShowsEverything() {
            let status = StatusLine(frame: 42, framesPerSecond: 30, note: "log scrolled")
            let grid = StatusBar.render(
                PaneFixtures.training, status: status, width: 122, glyphs: .unicode, color: false)
            expectText(
                grid,
                " training  epoch 3  run 3/5  step 132  12/40  lr 0.01  batch 32  16.1k samples/s  "
                    + "log scrolled  frame 42  30 fps  F1 help")
            #expect(grid[x: 1, y: 0].style == CellStyle(bold: true, reverse: true))
        }

        @Test func narrowLineKeepsEpochAndFrame() {
            let grid = StatusBar.render(
                PaneFixtures.training, status: StatusLine(frame: 42), width: 24, glyphs: .ascii,
                color: false)
            expectText(grid, " epoch 3  frame 42")
        }

        @Test func idleAndFailedStates() {
            var snapshot = TrainingSnapshot()
            let idle = StatusBar.render(
                snapshot, status: StatusLine(frame: 0), width: 80, glyphs: .ascii, color: false)
            expectText(
                idle,
                " idle  epoch 0  step 0  frame 0                                         F1 help")

            snapshot.run = .failed("a value is not finite")
            snapshot.epoch = 2
            let failed = StatusBar.render(
                snapshot, status: StatusLine(frame: 9), width: 80, glyphs: .ascii, color: false)
            expectText(
                failed,
                " failed  epoch 2  step 0  a value is not finite  frame 9                F1 help")
        }
    }
}
