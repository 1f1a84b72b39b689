import Foundation

/// A line-by-line prompt on standard input and output, for terminals without a screen and for
/// piped input. Errors are shown with a caret under the bad token, and the session goes on.
///
/// With `SignalFlags` from installed handlers it handles signals as the screen does. Ctrl-C
/// (SIGINT) stops training after the current step and returns to the prompt, and at an idle
/// prompt prints how to leave. SIGHUP, SIGTERM and SIGPIPE stop training after the current
/// step, which writes a final checkpoint, and end the session with 128 plus the signal's
/// number, leaving the journal open so that the next start offers recovery.
public final class InteractiveSession {
    let printer = HeadlessPrinter(format: .text)
    let executor: Executor
    let reader = LineReader(fileDescriptor: 0)
    let watch: SignalWatch
    let isTerminal = isatty(0) == 1
    /// A line typed in place of an answer to the recovery question, which runs first.
    var typedFirst: String?

    private init(signals: SignalFlags) {
        executor = Executor(output: printer)
        watch = SignalWatch(flags: signals)
        if isTerminal {
            // The terminal echoed `^C` where the next epoch line would start.
            watch.onTrainingStop = { [printer] in printer.write("\n") }
        }
    }

    /// Runs the optional session file, then reads commands until `quit`, end of input or a
    /// signal that ends the session. Returns the process exit status.
    public static func run(sessionPath: String?, signals: SignalFlags = .unhandled) -> Int32 {
        if signals.isRecording {
            startExitDeadline(signals)
        }
        return InteractiveSession(signals: signals).run(sessionPath: sessionPath)
    }

    private func run(sessionPath: String?) -> Int32 {
        if let settings = JournalSettings.processDefault {
            if let status = startJournal(settings) { return status }
        }
        defer { executor.closeJournal() }

        if let sessionPath {
            if let status = runSessionFile(sessionPath) { return status }
        }
        if isTerminal {
            printer.message("LayerLab: type `help` for the commands, `quit` to leave.")
        }
        while true {
            let line: String
            if let typed = typedFirst {
                line = typed
                typedFirst = nil
            } else {
                showPrompt()
                switch reader.next(isSignaled: { watch.hasSignal }) {
                case .line(let text): line = text
                case .end: return exitStatusAfterSignal() ?? 0
                case .hangUp: return endAfterSignal(SIGHUP)
                case .signal:
                    if let status = exitStatusAfterSignal() { return status }
                    remindHowToLeave()
                    continue
                }
            }
            if runLine(line, place: nil) == .quit { return 0 }
            if let status = exitStatusAfterSignal() { return status }
            reportInterrupt(after: line)
        }
    }

    /// Runs the session file's lines, and returns an exit status when the session ends there.
    /// Ctrl-C skips the lines after the one it interrupted.
    private func runSessionFile(_ path: String) -> Int32? {
        executor.sessionDirectory = (path as NSString).deletingLastPathComponent
        let lines: [String]
        do {
            lines = try SessionFile.readLines(path: path)
        } catch {
            printer.error(error.description)
            return 1
        }
        for (index, line) in lines.enumerated() {
            // The prompt takes no session arguments, so a line with `$1` gets the error that
            // points to `layerlab run`, not a search for a file named `$1`.
            let place = "\(path):\(index + 1)"
            let filled: String
            do {
                filled = try SessionArguments.substitute(in: line, arguments: [])
            } catch {
                printError(error, line: line, place: place)
                continue
            }
            if runLine(filled, place: place) == .quit { return 0 }
            if let status = exitStatusAfterSignal() { return status }
            if watch.hasInterrupt {
                watch.takeInterrupts()
                // Blank lines at the end of the file are no lines to skip.
                let lastLine = (lines.lastIndex { !$0.allSatisfy(\.isWhitespace) } ?? -1) + 1
                let rest = lastLine > index + 1 ? "lines \(index + 2)-\(lastLine)" : "nothing"
                printer.message("interrupted at \(path):\(index + 1); skipping \(rest) of the file")
                return nil
            }
        }
        return nil
    }

    /// Runs one line, with training stoppable by signals, and prints its error, if any.
    private func runLine(_ line: String, place: String?) -> Executor.Outcome {
        executor.trainingStopCheck = watch.trainingStopCheck()
        defer { executor.trainingStopCheck = nil }
        do {
            return try executor.execute(line: line)
        } catch {
            printError(error, line: line, place: place)
            return .proceed
        }
    }

    /// Prints an error of `line`: after `place` (`FILE:LINE`) and its column when given, or
    /// else under a caret diagram of the typed line.
    private func printError(_ error: WorkbenchError, line: String, place: String?) {
        if let place {
            let column = error.column.map { ":\($0)" } ?? ""
            printer.error("\(place)\(column): \(error.description)")
            return
        }
        if case .parse(let parseError) = error {
            printer.error(parseError.caretDiagram(for: line))
        }
        printer.error("error: \(error.description)")
    }

    private func showPrompt() {
        if isTerminal {
            printer.write("layerlab> ")
        }
    }
}
