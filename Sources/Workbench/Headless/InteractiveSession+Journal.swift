import Foundation

extension InteractiveSession {
    /// Starts the journal. After a crash it recovers at once with `.recover`. With `.ask` on a
    /// terminal it asks and reads the answer, and a line that is no answer becomes
    /// `typedFirst`, the first command. Returns an exit status when a signal ends the session
    /// during the question.
    func startJournal(_ settings: JournalSettings) -> Int32? {
        guard let crashed = executor.startJournal(settings) else { return nil }
        guard settings.recovery == .ask, isTerminal else {
            printer.error(RecoveryQuestion.leftForLater(crashed))
            return nil
        }
        printer.message(RecoveryQuestion.text(crashed))
        printer.write("recover? [yes/no] ")
        switch reader.next(isSignaled: { watch.hasSignal }) {
        case .line(let line):
            switch RecoveryQuestion.answer(line) {
            case .recover:
                executor.answerRecovery(crashed, recover: true)
            case .decline:
                executor.answerRecovery(crashed, recover: false)
            case .other:
                printer.message(RecoveryQuestion.leftForLater(crashed))
                typedFirst = line
            }
        case .end:
            break
        case .hangUp:
            return endAfterSignal(SIGHUP)
        case .signal:
            if let status = exitStatusAfterSignal() { return status }
            watch.takeInterrupts()
            printer.write("\n")
            printer.message(RecoveryQuestion.leftForLater(crashed))
        }
        return nil
    }
}
