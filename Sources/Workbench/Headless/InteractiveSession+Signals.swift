import Foundation

extension InteractiveSession {
    /// The maximum time from SIGHUP, SIGTERM or SIGPIPE to the exit: enough to finish a step
    /// and write a checkpoint of a mid-sized model, as the screen allows.
    static let exitDeadline = Duration.seconds(5)

    /// Returns the exit status when a SIGHUP, SIGTERM or SIGPIPE arrived, after leaving the
    /// journal open; `nil` when none did.
    func exitStatusAfterSignal() -> Int32? {
        watch.termination.map(endAfterSignal)
    }

    /// Leaves the journal open, so the next start offers recovery, and returns 128 plus
    /// `signal`. Training has stopped at a step boundary and written its final checkpoint.
    func endAfterSignal(_ signal: Int32) -> Int32 {
        executor.leaveJournalOpen()
        // The cursor may stand after the prompt or a half-typed line.
        if isTerminal {
            printer.write("\n")
        }
        printer.error(SignalFlags.endMessage(for: signal))
        return 128 + signal
    }

    /// Prints how to leave after Ctrl-C at an idle prompt, where the terminal has dropped the
    /// typed line and echoed `^C`.
    func remindHowToLeave() {
        watch.takeInterrupts()
        if isTerminal {
            printer.write("\n")
        }
        printer.message("(Ctrl-C stops training; to leave, type `quit` or press Ctrl-D)")
    }

    /// Reports Ctrl-C pressed while `line` ran. A training command has already reported where it
    /// stopped, and any other command ran to its end.
    func reportInterrupt(after line: String) {
        let stoppedTraining = watch.stoppedTraining
        guard watch.takeInterrupts() > 0, !stoppedTraining else { return }
        if isTerminal {
            printer.write("\n")
        }
        printer.message("(Ctrl-C stops only training; `\(line)` ran to its end)")
    }

    /// Starts a thread that ends the process with 128 plus the signal's number when the
    /// session has not exited `exitDeadline` after SIGHUP, SIGTERM or SIGPIPE arrived. That
    /// happens when a step or the final checkpoint takes long. The previous checkpoint then
    /// stays in force, because the journal records a checkpoint only after both of its files.
    static func startExitDeadline(_ signals: SignalFlags) {
        let thread = Thread {
            var signal: Int32 = 0
            while signal == 0 {
                Thread.sleep(forTimeInterval: 0.1)
                signal = signals.terminationSignal()
            }
            Thread.sleep(forTimeInterval: Double(exitDeadline.components.seconds))
            let message = "layerlab: \(SignalFlags.name(of: signal)): training did not stop"
                + " within \(exitDeadline.components.seconds) s; the previous checkpoint stays in"
                + " force\n"
            _ = message.withCString { write(2, $0, strlen($0)) }
            _exit(128 + signal)
        }
        thread.name = "layerlab exit deadline"
        thread.start()
    }
}
