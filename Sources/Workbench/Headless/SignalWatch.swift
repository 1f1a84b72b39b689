/// Tracks which of the signals recorded in `SignalFlags` the line-mode prompt has acted on.
///
/// A SIGINT (Ctrl-C) that arrives while a command runs stops training after the current step,
/// through the closure from `trainingStopCheck()`. The prompt then takes the interrupt with
/// `takeInterrupts()`, and `stoppedTraining` records whether it ended a training run. SIGHUP,
/// SIGTERM and SIGPIPE stop training too and end the session.
final class SignalWatch: @unchecked Sendable {
    let flags: SignalFlags
    /// The interrupt count when the prompt last took the interrupts.
    private var handledInterrupts: Int
    /// Whether a training run stopped at a signal since the interrupts were last taken.
    private(set) var stoppedTraining = false
    /// Called on the training thread when a signal first stops training, before the run
    /// reports its end.
    var onTrainingStop: (() -> Void)?

    init(flags: SignalFlags) {
        self.flags = flags
        handledInterrupts = flags.interruptCount()
    }

    /// The SIGHUP, SIGTERM or SIGPIPE that ends the session, or `nil`.
    var termination: Int32? {
        let signal = flags.terminationSignal()
        return signal == 0 ? nil : signal
    }

    /// Whether a SIGINT arrived that the prompt has not taken yet.
    var hasInterrupt: Bool { flags.interruptCount() != handledInterrupts }

    /// Whether a signal that the prompt has not handled yet arrived.
    var hasSignal: Bool { termination != nil || hasInterrupt }

    /// Marks every SIGINT so far as handled and returns how many arrived since the last call.
    /// It also clears `stoppedTraining`.
    @discardableResult
    func takeInterrupts() -> Int {
        let count = flags.interruptCount()
        defer {
            handledInterrupts = count
            stoppedTraining = false
        }
        return count - handledInterrupts
    }

    /// Returns the check that training polls before each step: true once a SIGINT arrived that
    /// the prompt has not taken, or a signal that ends the session. A true result is recorded
    /// in `stoppedTraining`. Call it on the thread that trains.
    func trainingStopCheck() -> () -> Bool {
        { [self] in
            guard hasSignal else { return false }
            if !stoppedTraining {
                stoppedTraining = true
                onTrainingStop?()
            }
            return true
        }
    }
}
