import CSupport
import Foundation
import Plot
import Workbench

/// The full-screen workbench: the panes above, the readline prompt on the last row, training
/// on a worker thread.
///
/// Everything here runs on the main actor, driven by two sources on the main dispatch queue: a
/// read source on standard input and a 16 ms timer (see `ScreenApp+Loop.swift`). Once
/// `dispatchMain` parks the main thread, libdispatch runs that queue's blocks one at a time on
/// a thread of its pool, which the main actor accepts as its own. When `FramePacer` decides so,
/// the screen drains the session's new log lines and takes its latest snapshot. When they, the
/// view or the size changed, it renders every pane into a grid and copies the grid to the
/// terminal. Nothing here waits for a training step.
@MainActor
public final class ScreenApp {
    let terminal: Terminal
    let prompt: PromptLine
    let session: LiveSession
    var log = OutputLog()
    /// The output log wrapped to the log pane's width, updated before each use.
    var wrappedLog = WrappedLog()
    var view = ViewState()
    var keys = KeyDecoder()
    var pacer = FramePacer()
    /// How often the screen looks for a new frame, from the run state of the last snapshot.
    var pace = FramePacer.Pace.resting
    /// The inputs of the frame on the screen.
    var shownContent: FrameContent?
    var frameCount = 0
    /// Whether something besides the prompt changed since the last frame.
    var needsFrame = true
    var interruptsHandled: Int32 = 0
    var quitRequested = false
    /// The session file's lines that have not run yet.
    var replay = SessionReplay(lines: [])
    /// The dispatch sources of the main loop, kept alive while it runs.
    var sources: [any DispatchSourceProtocol] = []

    /// Test-only: the number of frames after which the screen stops with a fatal error, from
    /// the environment variable LAYERLAB_TEST_CRASH_AFTER_FRAMES. The end-to-end tests use it
    /// to check that a crash leaves the terminal usable. It is not part of the command
    /// language, and nothing else sets it.
    let crashAfterFrames: Int?

    /// Returns the line printed when the workbench runs without its screen.
    public static func noScreenMessage(reason: String) -> String {
        "layerlab: no screen (\(reason)); running the prompt without it"
    }

    /// Runs the workbench on the full screen, first replaying the session file at
    /// `sessionPath` when given, and exits the process when the session ends.
    ///
    /// Exit statuses: 0 after `quit` or Ctrl-D, 128 plus the signal number after SIGTERM,
    /// SIGHUP or SIGPIPE (which leave the journal open for recovery), and 1 when the session
    /// file cannot be read. When the terminal cannot show the screen, it prints one line saying
    /// why, runs `InteractiveSession` instead, with the same signal handlers, and returns that
    /// session's exit status.
    public static func run(
        sessionPath: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Int32 {
        var sessionLines: [String] = []
        if let sessionPath {
            do {
                sessionLines = try SessionFile.readLines(path: sessionPath)
            } catch {
                printError(error.description)
                return 1
            }
        }

        // In this order: curses installs its own SIGINT and SIGTERM handlers, which end the
        // process, unless ours are already there, and the crash handler restores the modes
        // saved before curses changed them.
        ll_save_terminal(1)
        ll_install_signal_handlers()
        let terminal: Terminal
        do {
            terminal = try Terminal.open(environment: environment)
        } catch {
            // The handlers stay: the prompt without the screen handles the same signals.
            printError(noScreenMessage(reason: error.reason))
            return InteractiveSession.run(
                sessionPath: sessionPath, signals: LineModeSignals.installedFlags)
        }

        let app = ScreenApp(
            terminal: terminal, historyPath: HistoryFile.path(environment: environment),
            crashAfterFrames: environment["LAYERLAB_TEST_CRASH_AFTER_FRAMES"].flatMap { Int($0) })
        let directory = sessionPath.map { ($0 as NSString).deletingLastPathComponent }
        app.start(sessionLines: sessionLines, sessionDirectory: directory)
    }

    private init(terminal: Terminal, historyPath: String?, crashAfterFrames: Int?) {
        self.terminal = terminal
        self.prompt = PromptLine(historyPath: historyPath)
        self.session = LiveSession()
        self.crashAfterFrames = crashAfterFrames
        log.asciiOnly = !terminal.glyphs.isUnicode
    }

    /// Opens the prompt, replays the session file and runs the main loop until the session
    /// ends.
    private func start(sessionLines: [String], sessionDirectory: String?) -> Never {
        prompt.onLine = { [unowned self] line in lineEntered(line) }
        prompt.onMessage = { [unowned self] text in appendMessage(text) }
        prompt.install(width: terminal.width)
        appendMessage("LayerLab: type `help` for the commands, F1 for the keys, `quit` to leave.")

        session.executor.sessionDirectory = sessionDirectory
        replay = SessionReplay(lines: sessionLines)
        runMainLoop()
    }

    /// Submits a line entered at the prompt; `nil` (Ctrl-D on an empty line) quits.
    func lineEntered(_ line: String?) {
        guard let line else {
            quitRequested = true
            return
        }
        if replay.consumeEnter(line) {
            needsFrame = true
            return
        }
        if !session.submit(line) {
            quitRequested = true
        }
        view.logScroll = 0
        needsFrame = true
    }

    /// Submits the session file's next lines, each once training has finished, until a `wait`.
    func replaySessionLines() {
        let wasWaiting = replay.isWaitingForEnter
        while let line = replay.nextLine(isTraining: session.isTraining) {
            if !session.submit(line) {
                quitRequested = true
                return
            }
            needsFrame = true
        }
        if replay.isWaitingForEnter && !wasWaiting {
            appendMessage("(press Enter to continue the session)")
        }
    }

    /// Adds a message of the screen itself to the log, after the session's pending lines.
    func appendMessage(_ text: String) {
        log.append(contentsOf: session.drainLog())
        log.append(message: text)
        needsFrame = true
    }

    /// Carries out one key action.
    func apply(_ action: KeyAction) {
        switch action {
        case .edit(let bytes):
            prompt.feed(bytes)
            return
        case .toggleHelp:
            view.helpVisible.toggle()
        case .showHistogram(let kind):
            view.histogramKind = kind
            view.histogramLayer = nil
        case .selectLayer(let offset):
            view.moveHistogramLayer(by: offset, in: session.snapshot())
        case .toggleLogScale:
            view.lossScale = view.lossScale == .linear ? .logarithmic : .linear
        case .toggleStepPane:
            view.toggleStepPane(in: session.snapshot())
        case .scrollLog(let pages):
            scrollLog(pages: pages)
        case .interrupt:
            // As in a shell, Ctrl-C at idle drops the line being typed.
            if !session.isTraining && prompt.hasText {
                prompt.clearLine()
                return
            }
            log.append(contentsOf: session.drainLog())
            session.togglePause()
        case .loneEscape:
            guard view.helpVisible else {
                prompt.feed([KeyAction.escape])
                return
            }
            view.helpVisible = false
        case .redraw:
            prompt.resize(width: terminal.width)
        }
        needsFrame = true
    }

    /// Scrolls the log by whole pages, stopping at the newest and the oldest line.
    private func scrollLog(pages: Int) {
        let width = terminal.width
        let height = terminal.height
        let page = ScreenRenderer.logPageLines(width: width, height: height)
        guard page > 0 else { return }
        log.append(contentsOf: session.drainLog())
        updateWrappedLog()
        let limit = ScreenRenderer.maximumLogScroll(
            wrappedRowCount: wrappedLog.rows.count, width: width, height: height)
        view.logScroll = min(max(0, view.logScroll + pages * page), limit)
    }

    /// Wraps the log lines appended since the last call to the log pane's current width.
    func updateWrappedLog() {
        let rowWidth = ScreenRenderer.logRowWidth(width: terminal.width, height: terminal.height)
        wrappedLog.update(from: log, width: rowWidth)
    }

    /// Ends the screen, stops training and exits with `status`. After `quit` or Ctrl-D it
    /// closes the journal. After a signal it leaves the journal open, so the next start offers
    /// to recover the session.
    func finish(status: Int32, afterSignal: Bool = false) -> Never {
        for source in sources {
            source.cancel()
        }
        prompt.uninstall()
        terminal.close()
        if afterSignal {
            session.shutdownLeavingJournalOpen()
            ScreenApp.printError(SignalFlags.endMessage(for: status - 128))
        } else {
            session.shutdown()
        }
        exit(status)
    }

    private static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
