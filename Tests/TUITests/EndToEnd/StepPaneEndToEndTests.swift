import Foundation
import Testing

/// Lesson 4 stepped through on the release binary's screen: the step pane's formulas and
/// numbers at each stage, at 160x50 and after a resize to 80x24, until the update closes it.
///
/// The expected numbers come from NumPy in float64, apart from LayerLab. Its inputs are the
/// four XOR points and the initial weights that `save` writes after the lesson's `seed 3` and
/// layers: 0.weight [[0.08319, -0.18470], [-0.24615, -0.70994]], 2.weight [[0.60974, 1.25097]]
/// and zero biases. The script and the values it printed, rounded to four decimals:
///
/// ```
/// a1 = X @ W1.T + b1; h1 = np.tanh(a1); a2 = h1 @ W2.T + b2
/// L = np.mean(np.maximum(a2, 0) - a2 * t + np.log1p(np.exp(-abs(a2))))
/// dL_da2 = (1 / (1 + np.exp(-a2)) - t) / 4; dW2 = dL_da2.T @ h1; db2 = dL_da2.sum(0)
/// dtanh = 1 - h1**2; da1 = (dL_da2 @ W2) * dtanh; dW1 = da1.T @ X; db1 = da1.sum(0)
///
/// L = 0.7648
/// row (1, 1): a1 = [-0.1015, -0.9561], h1 = [-0.1012, -0.7425], a2 = -0.9906,
///             dtanh = [0.9898, 0.4486], dL_da2 = 0.0677
/// row (0, 1): a1 = [-0.1847, -0.7099], a2 = -0.8752, dL_da2 = -0.1765
/// dW2 = [0.0137, 0.0914], db2 = -0.1244
/// dW1 = [[-0.0443, -0.0631], [-0.1277, -0.1004]], db1 = [-0.0721, -0.1097]
/// ```
@Suite(
    .serialized,
    .enabled(if: TmuxScreen.tmuxPath != nil, "needs tmux: apt-get install tmux"),
    .enabled(
        if: TmuxScreen.binaryExists,
        "needs the release binary: run `make test`, or `swift build -c release` first"))
struct StepPaneEndToEndTests {
    /// Generous, because the machine may be busy with other builds and tests.
    static let timeout = Duration.seconds(60)

    @Test func lessonFourStagesInStepPane() throws {
        let screen = try TmuxScreen(
            arguments: ["--no-recover", "sessions/lessons/04-backprop-by-hand.lab"], width: 160,
            height: 50)
        defer { screen.stop() }
        try #require(
            screen.waitFor(timeout: Self.timeout) { ScreenText($0).isWaiting } != nil,
            "the lesson never reached its first wait")
        #expect(ScreenText(screen.capture()).stepPane.isEmpty)

        let forward1 = try advance(screen, to: "Step · forward · layer 1 of 2")
        #expect(forward1.contains("a(1) = W(1) h(0) + b(1)"))
        #expect(forward1.contains("h(1) = α(a(1)), α = tanh"))
        #expect(forward1.contains("a(1)  pre-activation  [4, 2]"))
        #expect(forward1.contains("[-0.1015  -0.9561]"))
        #expect(forward1.contains("[-0.1847  -0.7099]"))
        #expect(forward1.contains("[-0.1012  -0.7425]"))

        let forward2 = try advance(screen, to: "Step · forward · layer 2 of 2")
        #expect(forward2.contains("a(2) = W(2) h(1) + b(2)"))
        #expect(forward2.contains("-0.9906"))
        #expect(forward2.contains("-0.8752"))

        let loss = try advance(screen, to: "Step · loss · bce")
        #expect(loss.contains("L = mean(max(o, 0) − o·t + log(1 + e^−|o|))"))
        #expect(loss.contains("loss 0.7648"))

        let backward2 = try advance(screen, to: "Step · backward · layer 2 of 2")
        #expect(backward2.contains("∂L/∂W(2) = (∂L/∂a(2))ᵀ h(1)"))
        #expect(backward2.contains("[ 0.0677]"))
        #expect(backward2.contains("[-0.1765]"))
        #expect(backward2.contains("2.weight [0.0137, 0.0914]"))
        #expect(backward2.contains("2.bias [-0.1244]"))

        let backward1 = try advance(screen, to: "Step · backward · layer 1 of 2")
        #expect(backward1.contains("∂L/∂a(1) = Δ(h(1), o) ⊙ α′(a(1))"))
        #expect(backward1.contains("α′(a(1))  tanh′  [4, 2]"))
        #expect(backward1.contains("[0.9898  0.4486]"))
        #expect(backward1.contains("[-0.0443  -0.0631]"))
        #expect(backward1.contains("[-0.1277  -0.1004]"))
        #expect(backward1.contains("0.bias [-0.0721, -0.1097]"))

        // At 80x24 the matrices wrap a row per bracket, and ∂L/∂W(1) still fits.
        screen.resize(width: 80, height: 24)
        let narrow = screen.waitFor(timeout: Self.timeout) { text in
            ScreenText(text).stepPane.contains("0.weight [-0.0443, -0.0631]")
        }
        #expect(narrow != nil, "no compact step pane at 80x24")
        #expect(narrow.map { !$0.contains("┌─ Loss") } == true)
        screen.resize(width: 160, height: 50)
        #expect(
            screen.waitFor(timeout: Self.timeout) {
                ScreenText($0).stepPane.contains("[-0.1277  -0.1004]")
            } != nil, "no full step pane after growing back to 160x50")

        // explain and gradcheck keep the stage on screen; the update closes the pane.
        for lastLine in ["finite difference vs autodiff", "all 4 tensors pass"] {
            screen.send("Enter")
            #expect(
                screen.waitFor(timeout: Self.timeout) { text in
                    text.contains(lastLine) && ScreenText(text).isWaiting
                } != nil, "no \(lastLine) in the log")
        }
        #expect(ScreenText(screen.capture()).stepPane.contains("backward · layer 1 of 2"))
        screen.send("Enter")
        let applied = screen.waitFor(timeout: Self.timeout) { text in
            text.contains("applied: step 1") && ScreenText(text).stepPane.isEmpty
                && ScreenText(text).isWaiting
        }
        #expect(applied != nil, "the step pane stayed after the update")
        #expect(applied.map { $0.contains("┌─ Loss") } == true)

        // undo rewinds to step 0, and `train 300` then takes 300 full-batch steps. Its epoch
        // lines scroll "undid step 1" out of the log at once, so the step count shows the undo.
        screen.send("Enter")
        let trained = screen.waitFor(timeout: Self.timeout) { text in
            ScreenText(text).progress == ScreenText.Progress(state: "idle", epoch: 300, step: 300)
        }
        #expect(trained != nil, "the lesson did not end idle at epoch 300, step 300")
        #expect(trained.map { ScreenText($0).stepPane.isEmpty } == true)
        screen.enter("quit")
        let exited = screen.waitFor(timeout: Self.timeout) { $0.contains("EXITED rc=") }
        #expect(exited?.contains("EXITED rc=0") == true)
        let before = try #require(screen.file("before")).split(separator: "\n").dropFirst()
        let after = try #require(screen.file("after")).split(separator: "\n").dropFirst()
        #expect(before.count > 3)
        #expect(Array(before) == Array(after))
    }

    /// The set-up of lesson 4, typed at the prompt: XOR and a 2-2-1 network trained on all four
    /// points at once.
    static let xorSetUp = [
        "seed 3", "data load samples/xor.csv label=label test=0 standardize=no", "input 2",
        "dense 2 tanh", "dense 1 sigmoid", "loss bce", "optimizer sgd lr=0.5", "batch all",
    ]

    @Test func hiddenPaneReturnsForNextStep() throws {
        let screen = try TmuxScreen(arguments: ["--no-recover"], width: 120, height: 40)
        defer { screen.stop() }
        try #require(screen.waitFor(timeout: Self.timeout) { $0.contains("layerlab>") } != nil)
        for line in Self.xorSetUp {
            screen.enter(line)
        }
        let title = "┌─ Step · forward · layer 1 of 2"
        let paneShown: (String) -> Bool = { ScreenText($0).stepPane.hasPrefix(title) }
        let paneHidden: (String) -> Bool = { text in
            ScreenText(text).stepPane.isEmpty && text.contains("┌─ Loss")
        }
        screen.enter("forward")
        try #require(screen.waitFor(timeout: Self.timeout, paneShown) != nil, "no step pane")

        // F8 toggles the pane within the step-through.
        screen.send("F8")
        #expect(
            screen.waitFor(timeout: Self.timeout, paneHidden) != nil, "F8 did not hide the pane")
        screen.send("F8")
        #expect(
            screen.waitFor(timeout: Self.timeout, paneShown) != nil, "F8 did not show the pane")
        screen.send("F8")
        #expect(
            screen.waitFor(timeout: Self.timeout, paneHidden) != nil, "F8 did not hide the pane")

        // The update ends the step-through, and the next `forward` starts a new one.
        for _ in 0..<3 {
            screen.enter("backward")
        }
        let applied = screen.waitFor(timeout: Self.timeout) { $0.contains("applied: step 1") }
        #expect(applied.map(paneHidden) == true)
        screen.enter("forward")
        #expect(
            screen.waitFor(timeout: Self.timeout, paneShown) != nil,
            "the step pane stayed hidden in the next step-through")
        screen.send("C-d")
        #expect(screen.waitFor(timeout: Self.timeout) { $0.contains("EXITED rc=0") } != nil)
    }

    /// Under the C locale the terminal shows only ASCII, so the pane writes dL/dW for ∂L/∂W.
    @Test func asciiFormulasOutsideUTF8() throws {
        let screen = try TmuxScreen(
            arguments: ["--no-recover"], environment: ["LANG": "C", "LC_ALL": "C"], width: 120,
            height: 40)
        defer { screen.stop() }
        try #require(screen.waitFor(timeout: Self.timeout) { $0.contains("layerlab>") } != nil)
        for line in Self.xorSetUp {
            screen.enter(line)
        }
        screen.enter("forward")
        expectLines(
            on: screen,
            ["+- Step - forward - layer 1 of 2 -", "|h(1) = alpha(a(1)), alpha = tanh"])
        for _ in 0..<3 {
            screen.enter("forward")
        }
        expectLines(
            on: screen,
            [
                "+- Step - loss - bce", "|L = mean(max(o, 0) - o*t + log(1 + e^-|o|))",
                "|dL/do = (sigma(o) - t) / n",
            ])
        screen.enter("backward")
        expectLines(
            on: screen,
            [
                "+- Step - backward - layer 2 of 2", "|dL/dW(2) = (dL/da(2))^T h(1)",
                "|dL/db(2) = sum_rows dL/da(2)", "|Delta(h(1), o) = dL/da(2) W(2)",
                "|dL/dW(2)  2.weight [0.0137, 0.0914]",
            ])
        // The output log's tables are ASCII too.
        screen.enter("summary")
        expectLines(
            on: screen,
            ["|-------------+--------------+--------", "|Total        |              |       9"])
        screen.send("C-d")
        #expect(screen.waitFor(timeout: Self.timeout) { $0.contains("EXITED rc=0") } != nil)
    }

    /// Waits until the screen contains every one of `lines`, and records each that it never
    /// shows. tmux may capture a frame half drawn, so one line is no sign of the others.
    private func expectLines(
        on screen: TmuxScreen, _ lines: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let text = screen.waitFor(timeout: Self.timeout) { text in
            lines.allSatisfy { text.contains($0) }
        } ?? screen.capture()
        for line in lines {
            #expect(text.contains(line), "no \(line)", sourceLocation: sourceLocation)
        }
    }

    /// Presses Enter to end the current wait and returns the step pane once its title
    /// starts with `title` and the lesson waits again. Enter must arrive during a wait, because
    /// an Enter typed before the replay reaches `wait` submits an empty line instead.
    private func advance(_ screen: TmuxScreen, to title: String) throws -> String {
        screen.send("Enter")
        let text = try #require(
            screen.waitFor(timeout: Self.timeout) { text in
                ScreenText(text).isWaiting && ScreenText(text).stepPane.hasPrefix("┌─ \(title)")
            }, "the step pane never showed \(title)")
        return ScreenText(text).stepPane
    }
}
