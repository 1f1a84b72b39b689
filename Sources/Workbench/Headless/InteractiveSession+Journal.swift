import Foundation

extension InteractiveSession {
    /// Starts the journal. After a crash it recovers at once with `.recover`; with `.ask` on a
    /// terminal it asks and reads the answer. Returns the line typed when it was not an answer,
    /// which runs as the first command.
    static func startJournal(
        _ executor: Executor, settings: JournalSettings, printer: HeadlessPrinter, asks: Bool
    ) -> String? {
        guard let crashed = executor.startJournal(settings) else { return nil }
        guard settings.recovery == .ask, asks else {
            printer.error(RecoveryQuestion.leftForLater(crashed))
            return nil
        }
        printer.message(RecoveryQuestion.text(crashed))
        FileHandle.standardOutput.write(Data("recover? [yes/no] ".utf8))
        guard let line = readLine() else { return nil }
        switch RecoveryQuestion.answer(line) {
        case .recover:
            executor.answerRecovery(crashed, recover: true)
        case .decline:
            executor.answerRecovery(crashed, recover: false)
        case .other:
            printer.message(RecoveryQuestion.leftForLater(crashed))
            return line
        }
        return nil
    }
}
