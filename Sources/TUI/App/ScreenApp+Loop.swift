import CSupport
import Dispatch
import Plot
import Workbench

/// The main loop: `dispatchMain` serves the main queue, where a read source on standard input
/// and a 16 ms timer do all the work. Unlike a loop blocked in `getch`, this leaves the main
/// queue free, so work posted to the main actor runs.
extension ScreenApp {
    static let tickInterval = DispatchTimeInterval.milliseconds(16)

    func runMainLoop() -> Never {
        let input = DispatchSource.makeReadSource(fileDescriptor: 0, queue: .main)
        input.setEventHandler { [self] in
            MainActor.assumeIsolated {
                readInput()
                updateScreen()
            }
        }
        let timer = DispatchSource.makeTimerSource(queue: .main)
        timer.schedule(
            deadline: .now(), repeating: ScreenApp.tickInterval, leeway: .milliseconds(1))
        timer.setEventHandler { [self] in
            MainActor.assumeIsolated { tick() }
        }
        sources = [input, timer]
        input.resume()
        timer.resume()
        dispatchMain()
    }

    /// Handles signals, reads input that the read source has not reported (such as the resize
    /// key that curses makes from SIGWINCH) and draws a frame when one is due.
    private func tick() {
        let signal = ll_termination_signal()
        if signal != 0 {
            finish(status: 128 + signal, afterSignal: true)
        }
        // SIGINT from `kill` acts like Ctrl-C, which arrives as byte 3 instead.
        let interrupts = ll_interrupt_count()
        while interruptsHandled < interrupts {
            interruptsHandled += 1
            apply(.interrupt)
        }
        readInput()
        replaySessionLines()
        updateScreen()
    }

    /// Reads every waiting key and carries out its actions.
    private func readInput() {
        while !quitRequested, let key = terminal.readKey() {
            for action in keys.actions(for: key) where !quitRequested {
                apply(action)
            }
        }
        for action in keys.flush() where !quitRequested {
            apply(action)
        }
        if quitRequested {
            finish(status: 0)
        }
    }

    /// Draws a frame when one is due and something changed, or else only the prompt row when
    /// it changed.
    private func updateScreen() {
        let now = ContinuousClock.now
        if needsFrame || pacer.isDue(at: now, pace: pace) {
            log.append(contentsOf: session.drainLog())
            let snapshot = session.snapshot()
            pace = FramePacer.Pace(snapshot.run)
            let content = FrameContent(
                snapshotVersion: snapshot.version, logLinesAppended: log.appendedCount,
                view: view, width: terminal.width, height: terminal.height)
            if needsFrame || content != shownContent {
                drawFrame(snapshot, content: content, at: now)
                return
            }
            pacer.recordLook(at: now)
        }
        if prompt.needsDrawing {
            drawPrompt()
            terminal.refresh()
        }
    }

    /// Draws every pane and the prompt, and sends them to the terminal in one refresh.
    private func drawFrame(
        _ snapshot: TrainingSnapshot, content: FrameContent, at now: ContinuousClock.Instant
    ) {
        frameCount += 1
        pacer.recordFrame(at: now)
        shownContent = content

        let status = StatusLine(frame: frameCount, framesPerSecond: pacer.framesPerSecond)
        updateWrappedLog()
        let grid = ScreenRenderer.render(
            snapshot: snapshot, view: view, wrappedLog: wrappedLog.rows, status: status,
            width: terminal.width, height: terminal.height, glyphs: terminal.glyphs,
            color: terminal.usesColor)
        terminal.drawScreen(grid)
        drawPrompt()
        terminal.refresh()
        needsFrame = false

        if let crashAfterFrames, frameCount >= crashAfterFrames {
            fatalError("crash requested by LAYERLAB_TEST_CRASH_AFTER_FRAMES=\(crashAfterFrames)")
        }
    }

    /// Draws the prompt row and places the cursor on it. The prompt takes the last row.
    private func drawPrompt() {
        let width = terminal.width
        let row = terminal.height - 1
        guard width > 0, row >= 0 else { return }
        let layout = prompt.layout(width: width)
        var line = CharGrid(width: width, height: 1)
        line.draw(layout.visibleText, x: 0, y: 0)
        terminal.draw(line, top: row)
        terminal.placeCursor(row: row, column: layout.cursorColumn)
    }
}
