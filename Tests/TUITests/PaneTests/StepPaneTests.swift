import Plot
import Testing

@testable import TUI
@testable import Workbench

extension PaneTests {
    struct StepPaneTests {
        @Test func denseForwardAt80x24() {
            // At 80x24 the pane is 50 by 16 and matrices wrap a row per bracket.
            let grid = StepPane.render(
                StepPaneFixtures.denseForward, width: 50, height: 16, glyphs: .unicode,
                color: true)
            expectText(
                grid,
                """
                ┌─ Step · forward · layer 1 of 2 ────────────────┐
                │a(1) = W(1) h(0) + b(1)                         │
                │h(1) = α(a(1)), α = tanh                        │
                │h(0)  input [1.0000, 0.0000] [0.0000, 0.0000]   │
                │    [0.0000, 1.0000] [1.0000, 1.0000]           │
                │W(1)  0.weight [0.0832, -0.1847]                │
                │    [-0.2462, -0.7099]                          │
                │b(1)  0.bias [0.0000, 0.0000]                   │
                │a(1)  pre-activation [0.0832, -0.2462]          │
                │    [0.0000, 0.0000] [-0.1847, -0.7099]         │
                │    [-0.1015, -0.9561]                          │
                │h(1)  output [0.0830, -0.2413] [0.0000, 0.0000] │
                │    [-0.1826, -0.6106] [-0.1012, -0.7425]       │
                │                                                │
                │                                                │
                └────────────────────────────────────────────────┘
                """)
        }

        @Test func denseForwardAt160x50() {
            // At 160x50 the pane is 68 by 34, and each matrix row gets a line.
            let grid = StepPane.render(
                StepPaneFixtures.denseForward, width: 68, height: 34, glyphs: .unicode,
                color: true)
            expectText(
                grid,
                """
                ┌─ Step · forward · layer 1 of 2 · batch of 4 rows ────────────────┐
                │a(1) = W(1) h(0) + b(1)                                           │
                │h(1) = α(a(1)), α = tanh                                          │
                │h(0)  input  [4, 2]                                               │
                │    [1.0000  0.0000]                                              │
                │    [0.0000  0.0000]                                              │
                │    [0.0000  1.0000]                                              │
                │    [1.0000  1.0000]                                              │
                │W(1)  0.weight  [2, 2]                                            │
                │    [ 0.0832  -0.1847]                                            │
                │    [-0.2462  -0.7099]                                            │
                │b(1)  0.bias [0.0000, 0.0000]                                     │
                │a(1)  pre-activation  [4, 2]                                      │
                │    [ 0.0832  -0.2462]                                            │
                │    [ 0.0000   0.0000]                                            │
                │    [-0.1847  -0.7099]                                            │
                │    [-0.1015  -0.9561]                                            │
                │h(1)  output  [4, 2]                                              │
                │    [ 0.0830  -0.2413]                                            │
                │    [ 0.0000   0.0000]                                            │
                │    [-0.1826  -0.6106]                                            │
                │    [-0.1012  -0.7425]                                            │
                │                                                                  │
                │                                                                  │
                │                                                                  │
                │                                                                  │
                │                                                                  │
                │                                                                  │
                │                                                                  │
                │                                                                  │
                │                                                                  │
                │                                                                  │
                │                                                                  │
                └──────────────────────────────────────────────────────────────────┘
                """)
        }

        @Test func denseBackwardAt80x24() {
            // The note gives way so that ∂L/∂W(1) and ∂L/∂b(1) fit.
            let grid = StepPane.render(
                StepPaneFixtures.denseBackward, width: 50, height: 16, glyphs: .unicode,
                color: true)
            expectText(
                grid,
                """
                ┌─ Step · backward · layer 1 of 2 ───────────────┐
                │Δ(h(1), o) = ∂L/∂h(1)                           │
                │∂L/∂a(1) = Δ(h(1), o) ⊙ α′(a(1))                │
                │∂L/∂W(1) = (∂L/∂a(1))ᵀ h(0)                     │
                │∂L/∂b(1) = Σ_rows ∂L/∂a(1)                      │
                │∂L/∂h(1)  [-0.0857, -0.1759] [0.0762, 0.1564]   │
                │    [-0.1076, -0.2207] [0.0413, 0.0847]         │
                │α′(a(1))  tanh′ [0.9931, 0.9418]                │
                │    [1.0000, 1.0000] [0.9666, 0.6271]           │
                │    [0.9898, 0.4486]                            │
                │∂L/∂a(1)  [-0.0852, -0.1657] [0.0762, 0.1564]   │
                │    [-0.1040, -0.1384] [0.0409, 0.0380]         │
                │∂L/∂W(1)  0.weight [-0.0443, -0.0631]           │
                │    [-0.1277, -0.1004]                          │
                │∂L/∂b(1)  0.bias [-0.0721, -0.1097]             │
                └────────────────────────────────────────────────┘
                """)
        }

        @Test func denseBackwardInASCII() {
            // The stage of denseBackwardAt80x24 for a terminal whose locale is not UTF-8. The
            // symbols are not padded to one width, so that the values fit as they do there.
            let grid = StepPane.render(
                StepPaneFixtures.denseBackward, width: 50, height: 16, glyphs: .ascii,
                color: false)
            expectText(
                grid,
                """
                +- Step - backward - layer 1 of 2 ---------------+
                |Delta(h(1), o) = dL/dh(1)                       |
                |dL/da(1) = Delta(h(1), o) * alpha'(a(1))        |
                |dL/dW(1) = (dL/da(1))^T h(0)                    |
                |dL/db(1) = sum_rows dL/da(1)                    |
                |dL/dh(1)  [-0.0857, -0.1759] [0.0762, 0.1564]   |
                |    [-0.1076, -0.2207] [0.0413, 0.0847]         |
                |alpha'(a(1))  tanh' [0.9931, 0.9418]            |
                |    [1.0000, 1.0000] [0.9666, 0.6271]           |
                |    [0.9898, 0.4486]                            |
                |dL/da(1)  [-0.0852, -0.1657] [0.0762, 0.1564]   |
                |    [-0.1040, -0.1384] [0.0409, 0.0380]         |
                |dL/dW(1)  0.weight [-0.0443, -0.0631]           |
                |    [-0.1277, -0.1004]                          |
                |dL/db(1)  0.bias [-0.0721, -0.1097]             |
                +------------------------------------------------+
                """)
        }

        @Test func recurrentBackwardInASCII() {
            let grid = StepPane.render(
                StepPaneFixtures.recurrentBackward, width: 50, height: 8, glyphs: .ascii,
                color: false)
            expectText(
                grid,
                """
                +- Step - backward - layer 1 of 2 ---------------+
                |||dL/dh(t)|| per time step; a vanishing gradient|
                |shrinks towards t=1                             |
                |  t=1  0.1250  ####                             |
                |  t=2  0.2500  ########                         |
                |  t=3  0.5000  ################                 |
                |                                                |
                +------------------------------------------------+
                """)
        }

        @Test func denseBackwardAt160x50() {
            let grid = StepPane.render(
                StepPaneFixtures.denseBackward, width: 68, height: 34, glyphs: .unicode,
                color: true)
            expectText(
                grid,
                """
                ┌─ Step · backward · layer 1 of 2 ─────────────────────────────────┐
                │Δ(h(1), o) = ∂L/∂h(1)                                             │
                │∂L/∂a(1) = Δ(h(1), o) ⊙ α′(a(1))                                  │
                │∂L/∂W(1) = (∂L/∂a(1))ᵀ h(0)                                       │
                │∂L/∂b(1) = Σ_rows ∂L/∂a(1)                                        │
                │∂L/∂h(1)  [4, 2]                                                  │
                │    [-0.0857  -0.1759]                                            │
                │    [ 0.0762   0.1564]                                            │
                │    [-0.1076  -0.2207]                                            │
                │    [ 0.0413   0.0847]                                            │
                │α′(a(1))  tanh′  [4, 2]                                           │
                │    [0.9931  0.9418]                                              │
                │    [1.0000  1.0000]                                              │
                │    [0.9666  0.6271]                                              │
                │    [0.9898  0.4486]                                              │
                │∂L/∂a(1)  [4, 2]                                                  │
                │    [-0.0852  -0.1657]                                            │
                │    [ 0.0762   0.1564]                                            │
                │    [-0.1040  -0.1384]                                            │
                │    [ 0.0409   0.0380]                                            │
                │∂L/∂W(1)  0.weight  [2, 2]                                        │
                │    [-0.0443  -0.0631]                                            │
                │    [-0.1277  -0.1004]                                            │
                │∂L/∂b(1)  0.bias [-0.0721, -0.1097]                               │
                │h(0) is the input, which needs no gradient                        │
                │                                                                  │
                │                                                                  │
                │                                                                  │
                │                                                                  │
                │                                                                  │
                │                                                                  │
                │                                                                  │
                │                                                                  │
                └──────────────────────────────────────────────────────────────────┘
                """)
        }

        @Test func largeLayerShowsStatistics() {
            // The histogram falls from the first bin to the last.
            let grid = StepPane.render(
                StepPaneFixtures.largeForward, width: 50, height: 8, glyphs: .unicode,
                color: true)
            expectText(
                grid,
                """
                ┌─ Step · forward · layer 2 of 3 ────────────────┐
                │a(2) = W(2) h(1) + b(2)                         │
                │h(2) = α(a(2)), α = relu                        │
                │h(2)  output [32, 128] █▄▃▃▃▃▃▂▂▂▂▂▂▂▂▂         │
                │    min 0.0000 mean 0.3346 max 1.0000           │
                │    norm 28.7903                                │
                │                                                │
                └────────────────────────────────────────────────┘
                """)
        }

        @Test func recurrentForwardPerTimeStep() {
            let grid = StepPane.render(
                StepPaneFixtures.recurrent, width: 50, height: 10, glyphs: .unicode,
                color: true)
            expectText(
                grid,
                """
                ┌─ Step · forward · layer 1 of 2 ────────────────┐
                │a(1) = GRU(h(0))                                │
                │h(t) from h(0) = 0, gates as batch means        │
                │  t=1  h [0.2500]  r 0.5000 z 0.7500 n -0.1250  │
                │  t=2  h [0.5000]  r 0.5000 z 0.7500 n -0.1250  │
                │  t=3  h [0.6250]  r 0.5000 z 0.7500 n -0.1250  │
                │                                                │
                │                                                │
                │                                                │
                └────────────────────────────────────────────────┘
                """)
        }

        @Test func recurrentBackwardNormBars() {
            // The bars are 4, 8 and 16 columns: the norms over the largest.
            let grid = StepPane.render(
                StepPaneFixtures.recurrentBackward, width: 50, height: 8, glyphs: .unicode,
                color: true)
            expectText(
                grid,
                """
                ┌─ Step · backward · layer 1 of 2 ───────────────┐
                │‖∂L/∂h(t)‖ per time step; a vanishing gradient  │
                │shrinks towards t=1                             │
                │  t=1  0.1250  ████                             │
                │  t=2  0.2500  ████████                         │
                │  t=3  0.5000  ████████████████                 │
                │                                                │
                └────────────────────────────────────────────────┘
                """)
        }

        @Test func largeHiddenStateShowsNorm() {
            // 128 values of 0.5: ‖h‖ = √(128 · 0.25) = 5.6569.
            let hidden = StepPaneFixtures.tensor(
                "h(t)", "hidden state", [16, 8], [Float](repeating: 0.5, count: 128))
            let gate = StepPaneFixtures.tensor("z", "gate", [16, 8], [Float](repeating: 0.25, count: 128))
            let view = StepView(
                phase: .forward, title: "forward · layer 1 of 2",
                timeSteps: [StepTimeStep(t: 1, hidden: hidden, gates: [gate])])
            let lines = StepPane.lines(view, width: 48, glyphs: .unicode, stacksRows: true)
            #expect(lines.map(\.text) == ["h(t) from h(0) = 0, gates as batch means", "  t=1  ‖h‖ 5.6569  z 0.2500"])
        }

        /// Returns the screen rows with the training fixture stepping through `stepView`.
        private func screen(
            _ stepView: StepView?, width: Int, height: Int, hidden: Bool = false
        ) -> [String] {
            var snapshot = PaneFixtures.training
            snapshot.stepView = stepView
            var view = ViewState()
            if hidden {
                view.toggleStepPane(in: snapshot)
            }
            return ScreenRenderer.render(
                snapshot: snapshot, view: view, log: PaneFixtures.log,
                status: StatusLine(frame: 1, framesPerSecond: 20), width: width, height: height,
                glyphs: .unicode, color: true
            ).lines
        }

        @Test func hiddenPaneReturnsInNextStepThrough() {
            var snapshot = PaneFixtures.training
            snapshot.stepView = StepPaneFixtures.denseForward
            snapshot.stepThroughNumber = 1
            var view = ViewState()
            #expect(!view.hidesStepPane(in: snapshot))
            view.toggleStepPane(in: snapshot)
            #expect(view.hidesStepPane(in: snapshot))

            snapshot.stepThroughNumber = 2
            #expect(!view.hidesStepPane(in: snapshot))
            view.toggleStepPane(in: snapshot)
            #expect(view.hidesStepPane(in: snapshot))
            view.toggleStepPane(in: snapshot)
            #expect(!view.hidesStepPane(in: snapshot))
        }

        @Test func coversRightColumnAt80x24() {
            let rows = screen(StepPaneFixtures.denseForward, width: 80, height: 24)
            #expect(rows[0].hasPrefix("┌─ Model"))
            #expect(rows[0].dropFirst(30).hasPrefix("┌─ Step · forward · layer 1 of 2 ─"))
            #expect(rows[15].dropFirst(30).hasPrefix("└────"))
            #expect(!rows.contains { $0.contains("┌─ Loss") })
            #expect(!rows.contains { $0.contains("Data") })
            #expect(rows[16].hasPrefix("┌─ Output"))
        }

        @Test func coversMiddleColumnAt160x50() {
            let rows = screen(StepPaneFixtures.denseBackward, width: 160, height: 50)
            #expect(rows[0].dropFirst(44).hasPrefix("┌─ Step · backward · layer 1 of 2 ─"))
            #expect(rows[0].dropFirst(112).hasPrefix("┌─ Data"))
            #expect(rows[33].dropFirst(44).hasPrefix("└────"))
            #expect(!rows.contains { $0.contains("┌─ Loss") })
            #expect(rows.contains { $0.contains("│    [-0.1277  -0.1004]") })
        }

        @Test func hiddenOrIdleRestoresPanes() {
            for rows in [
                screen(StepPaneFixtures.denseForward, width: 80, height: 24, hidden: true),
                screen(nil, width: 80, height: 24),
            ] {
                #expect(!rows.contains { $0.contains("Step ·") })
                #expect(rows[0].dropFirst(30).hasPrefix("┌─ Loss"))
            }
        }
    }
}
