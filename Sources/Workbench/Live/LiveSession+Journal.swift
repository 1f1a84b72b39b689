extension LiveSession {
    /// Starts the journal; after a crash, recovers at once, or asks in the log and takes the
    /// next line typed as the answer.
    func startJournal(_ settings: JournalSettings) {
        guard let crashed = executor.startJournal(settings) else { return }
        switch settings.recovery {
        case .ask:
            pendingRecovery = crashed
            log.message(RecoveryQuestion.text(crashed))
        case .skip, .recover:
            log.message(RecoveryQuestion.leftForLater(crashed))
        }
    }

    /// Handles the line typed while the recovery question is open. Returns `true` when the
    /// line was the answer, and `false` when it is a command to run (the question is then
    /// dropped and the crashed session left for the next start).
    func answerRecoveryQuestion(_ line: String) -> Bool {
        guard let crashed = pendingRecovery else { return false }
        pendingRecovery = nil
        let answer = RecoveryQuestion.answer(line)
        guard answer != .other else {
            log.message(RecoveryQuestion.leftForLater(crashed))
            return false
        }
        log.append(LogLine(kind: .command, text: line))
        executor.answerRecovery(crashed, recover: answer == .recover)
        worker.publishIdleSnapshot(lab: executor.lab)
        return true
    }

    /// Whether the session waits for the answer to the recovery question.
    public var isAskingToRecover: Bool { pendingRecovery != nil }
}
