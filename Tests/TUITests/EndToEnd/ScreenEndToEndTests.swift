import Foundation
import Testing

/// The release binary's screen driven through tmux: typing, training, resizing, pausing, and
/// the terminal's state after every way out.
@Suite(
    .serialized,
    .enabled(if: TmuxScreen.tmuxPath != nil, "needs tmux: apt-get install tmux"),
    .enabled(
        if: TmuxScreen.binaryExists,
        "needs the release binary: run `make test`, or `swift build -c release` first"))
struct ScreenEndToEndTests {
    @Test func trainingPausesResizesAndQuits() throws {
        let screen = try TmuxScreen(width: 120, height: 40)
        defer { screen.stop() }
        try #require(screen.waitFor { $0.contains("layerlab>") && $0.contains("frame") } != nil)

        // Digits with two hidden layers trains for long enough to pause it.
        for line in [
            "seed 1", "data load samples/digits.csv label=label", "input 64", "dense 128 relu",
            "dense 64 relu", "dense 10 softmax", "loss crossentropy",
            "optimizer adam lr=0.002", "train 2000",
        ] {
            screen.enter(line)
        }
        let started = try #require(
            screen.waitFor(timeout: .seconds(30)) { text in
                let progress = ScreenText(text).progress
                return progress?.state == "training" && progress?.epoch ?? 0 >= 1
            }, "training never started")
        let first = try #require(ScreenText(started).progress)
        let firstLoss = ScreenText(started).lossPane
        #expect(!firstLoss.isEmpty)
        let advanced = screen.waitFor { text in
            let screenText = ScreenText(text)
            return screenText.progress?.epoch ?? 0 > first.epoch && screenText.lossPane != firstLoss
        }
        #expect(advanced != nil, "neither the epoch counter nor the loss pane changed")

        for (width, height) in [(80, 24), (160, 50)] {
            screen.resize(width: width, height: height)
            let redrawn = screen.waitFor { text in
                Self.isWholeScreen(ScreenText(text), width: width, height: height)
            }
            #expect(redrawn != nil, "no full redraw at \(width)x\(height)")
        }

        // Ctrl-C pauses: the step counter stays the same for a second, then Ctrl-C resumes.
        screen.send("C-c")
        let paused = try #require(
            screen.waitFor { ScreenText($0).progress?.state == "paused" }, "Ctrl-C did not pause")
        #expect(paused.contains("paused (Ctrl-C"))
        let pausedStep = try #require(ScreenText(paused).progress?.step)
        Thread.sleep(forTimeInterval: 1)
        #expect(ScreenText(screen.capture()).progress?.step == pausedStep)
        screen.send("C-c")
        let resumed = screen.waitFor { text in
            let progress = ScreenText(text).progress
            return progress?.state == "training" && progress?.step ?? 0 > pausedStep
        }
        #expect(resumed != nil, "Ctrl-C did not resume")

        // SIGINT from outside toggles the same way.
        let pid = try #require(screen.processID)
        kill(pid, SIGINT)
        #expect(screen.waitFor { ScreenText($0).progress?.state == "paused" } != nil)
        kill(pid, SIGINT)
        #expect(screen.waitFor { ScreenText($0).progress?.state == "training" } != nil)

        screen.enter("quit")
        let exited = screen.waitFor { $0.contains("EXITED rc=") }
        #expect(exited?.contains("EXITED rc=0") == true)
        try Self.expectRestored(screen)
    }

    @Test func promptEditsCompletesAndRemembers() throws {
        let screen = try TmuxScreen(width: 100, height: 30)
        defer { screen.stop() }
        try #require(screen.waitFor { $0.contains("layerlab>") } != nil)

        screen.send("t", "r", "Tab")
        #expect(screen.waitFor { Self.promptRow($0) == "layerlab> train" } != nil)
        screen.send("C-u", "s", "t", "Tab", "Tab")
        #expect(screen.waitFor { $0.contains("completions: step stop") } != nil)
        screen.send("C-u")
        screen.type("data load samples/ir")
        screen.send("Tab")
        #expect(screen.waitFor { Self.promptRow($0) == "layerlab> data load samples/iris." } != nil)

        // The cursor column counts 日 and 本 as two columns each.
        screen.send("C-u")
        screen.type("say héllo ⠿ 日本")
        #expect(screen.waitFor { Self.promptRow($0) == "layerlab> say héllo ⠿ 日本" } != nil)
        #expect(screen.display("#{cursor_x}") == "26")
        screen.send("Left", "Left")
        #expect(screen.waitFor { _ in screen.display("#{cursor_x}") == "22" } != nil)

        screen.send("Enter")
        #expect(screen.waitFor { $0.contains("│héllo ⠿ 日本") } != nil)
        screen.send("Up")
        #expect(screen.waitFor { Self.promptRow($0) == "layerlab> say héllo ⠿ 日本" } != nil)
        // The search text is ASCII because of the limit noted in PromptLine.swift.
        // Down returns to the new, empty line: searching from the recalled line after C-u
        // would search its edited, empty copy.
        screen.send("Down", "C-r")
        screen.type("say h")
        #expect(
            screen.waitFor { Self.promptRow($0) == "(reverse-i-search)`say h': say héllo ⠿ 日本" }
                != nil)
        screen.send("C-g", "C-u")

        screen.send("F1")
        #expect(screen.waitFor { $0.contains("Help, F1 or Esc to close") } != nil)
        screen.send("F1")
        #expect(screen.waitFor { !$0.contains("Help, F1 or Esc to close") } != nil)
        screen.send("F1")
        #expect(screen.waitFor { $0.contains("Help, F1 or Esc to close") } != nil)
        screen.send("Escape")
        #expect(screen.waitFor { !$0.contains("Help, F1 or Esc to close") } != nil)

        // Ctrl-C while nothing trains clears the typed line.
        screen.type("dense 5")
        #expect(screen.waitFor { Self.promptRow($0).hasSuffix("> dense 5") } != nil)
        screen.send("C-c")
        #expect(screen.waitFor { !Self.promptRow($0).contains("dense 5") } != nil)

        // Ctrl-D on an empty line quits, and the history file has the line typed.
        screen.send("C-d")
        let exited = screen.waitFor { $0.contains("EXITED rc=") }
        #expect(exited?.contains("EXITED rc=0") == true)
        try Self.expectRestored(screen)
        let history = screen.folder.appendingPathComponent("state/layerlab/history")
        let historyText = try String(contentsOf: history, encoding: .utf8)
        #expect(historyText.contains("say héllo ⠿ 日本\n"))
        #expect(!historyText.contains("dense 5"))
    }

    @Test func asciiWithoutColourOutsideUTF8() throws {
        let screen = try TmuxScreen(environment: ["LANG": "C", "NO_COLOR": "1"])
        defer { screen.stop() }
        let text = try #require(screen.waitFor { $0.contains("layerlab>") })
        #expect(text.hasPrefix("+- Model"))
        #expect(!text.contains("┌"))
        let escapes = screen.capture(escapes: true)
        // Colours would show as SGR sequences such as ESC[38;5;…m or ESC[31m. ESC[39m and
        // ESC[49m select the default colours.
        #expect(!escapes.contains(/\u{1B}\[([0-9;]*;)?(3[0-8]|4[0-8])[;m]/))
        screen.send("C-d")
        #expect(screen.waitFor { $0.contains("EXITED rc=0") } != nil)
    }

    @Test func terminationSignalExitsCleanly() throws {
        let screen = try TmuxScreen()
        defer { screen.stop() }
        try #require(screen.waitFor { $0.contains("layerlab>") } != nil)
        let pid = try #require(screen.processID)
        kill(pid, SIGTERM)
        let exited = screen.waitFor { $0.contains("EXITED rc=") }
        #expect(exited?.contains("EXITED rc=143") == true)
        try Self.expectRestored(screen)
    }

    @Test func crashLeavesTheTerminalUsable() throws {
        let screen = try TmuxScreen(environment: ["LAYERLAB_TEST_CRASH_AFTER_FRAMES": "3"])
        defer { screen.stop() }
        // An idle screen draws a frame only when something changes, so F1 toggles the help
        // overlay until the third frame crashes it.
        let exited = try #require(
            screen.waitFor { text in
                if !text.contains("EXITED rc=") {
                    screen.send("F1")
                }
                return text.contains("EXITED rc=")
            })
        // 132 is 128 + SIGILL, the trap of a Swift fatal error.
        #expect(exited.contains("EXITED rc=132"))
        let backtrace = screen.capture(scrollback: true)
        #expect(backtrace.contains("crash requested by LAYERLAB_TEST_CRASH_AFTER_FRAMES"))
        try Self.expectRestored(screen)
        let modes = Set(try #require(screen.file("after")).split(whereSeparator: \.isWhitespace))
        for mode in ["icrnl", "opost", "isig", "icanon", "echo"] {
            #expect(modes.contains(Substring(mode)), "\(mode) is off")
        }
    }

    /// Checks that the terminal modes after the run equal those before it and that the
    /// alternate screen is off. The first line of `stty -a`, with the size, may differ.
    private static func expectRestored(_ screen: TmuxScreen) throws {
        let before = try #require(screen.file("before")).split(separator: "\n").dropFirst()
        let after = try #require(screen.file("after")).split(separator: "\n").dropFirst()
        #expect(before.count > 3)
        #expect(Array(before) == Array(after))
        #expect(screen.display("#{alternate_on}") == "0")
    }

    /// Returns whether the text fills a screen of the given size: the prompt on the last row, the
    /// status line above it, the panes from the top row on, and no row too wide.
    private static func isWholeScreen(_ text: ScreenText, width: Int, height: Int) -> Bool {
        let rows = text.lines.count >= height ? Array(text.lines.prefix(height)) : text.lines
        return rows.count == height
            && rows[height - 1].hasPrefix("layerlab>")
            && text.statusRow == height - 2
            && rows[0].hasPrefix("┌─ Model")
            && rows[0].count == width
            && rows.contains { $0.hasPrefix("┌─ Output") }
            && rows.allSatisfy { $0.count <= width }
    }

    /// Returns the last non-empty row: the prompt.
    private static func promptRow(_ text: String) -> String {
        text.split(separator: "\n").last.map(String.init) ?? ""
    }
}
