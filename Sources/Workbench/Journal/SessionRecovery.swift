import Foundation

/// The state an executor keeps for `save`, `history` and the journal.
final class PersistenceState {
    /// The journal of an interactive session; `nil` in session files run headless and in tests.
    var journal: SessionJournal?
    var settings: JournalSettings?
    var checkpointer: AutoCheckpoint?
    /// The line being executed, recorded with a data command.
    var currentLine: String?
    /// Whether `execute(line:)` appends to the journal; off while recovery replays.
    var journalsLines = true
    /// The lines executed when there is no journal, for `history`.
    var history: [String] = []
    /// Whether a failed journal write was reported; later failures are not, to avoid a
    /// warning per command.
    var journalFailureReported = false
}

extension Executor {
    /// Starts the journal of an interactive session.
    ///
    /// With `.recover` and a crashed session in the journals folder, it recovers that session
    /// at once. Otherwise it opens a new journal and returns the newest crashed session, if
    /// any, for the caller to ask about (`.ask`) or mention (`.skip`).
    public func startJournal(_ settings: JournalSettings) -> FoundJournal? {
        persistence.settings = settings
        JournalFolder.prune(settings.directory)
        let crashed = JournalFolder.crashedJournals(in: settings.directory).first
        if let crashed, settings.recovery == .recover {
            recover(crashed)
            return nil
        }
        openNewJournal(settings)
        return crashed
    }

    /// The commands of this session, oldest first: from the journal when there is one, the
    /// commands of a recovered session included.
    public var commandHistory: [String] {
        persistence.journal?.commands ?? persistence.history
    }

    /// Appends a line about to run to the journal (or, without one, to the history). Blank
    /// lines and comment lines, which run nothing, are left out.
    func journalLine(_ line: String) {
        let text = line.drop(while: \.isWhitespace)
        guard persistence.journalsLines, !text.isEmpty, !text.hasPrefix("#") else { return }
        guard let journal = persistence.journal else {
            persistence.history.append(line)
            return
        }
        do {
            try journal.appendCommand(line)
        } catch {
            if !persistence.journalFailureReported {
                output.message("warning: \(error)")
                persistence.journalFailureReported = true
            }
        }
    }

    /// The journal of this session, when it keeps one.
    public var journal: SessionJournal? { persistence.journal }

    /// Closes the journal at a clean exit, so the next start does not offer recovery.
    public func closeJournal() {
        persistence.journal?.close()
        persistence.journal = nil
        persistence.checkpointer = nil
    }

    /// Stops writing the journal at an exit on a signal, without marking the exit as clean, so
    /// the next start offers recovery from the last checkpoint.
    public func leaveJournalOpen() {
        persistence.journal?.leaveOpen()
        persistence.journal = nil
        persistence.checkpointer = nil
    }

    /// Answers the question about a crashed session: recovers it, or marks it closed and keeps
    /// its files until they are pruned.
    public func answerRecovery(_ crashed: FoundJournal, recover: Bool) {
        guard recover else {
            SessionJournal.markClosed(folder: crashed.folder)
            var text = "not recovered; the journal stays in \(crashed.folder)"
            if let last = crashed.checkpoints.last {
                let files = JournalFolder.checkpointFiles(folder: crashed.folder, number: last.number)
                text += ", and `load \(files.name)` restores its last checkpoint"
            }
            output.message(text)
            return
        }
        if let fresh = persistence.journal, fresh.commands.isEmpty {
            fresh.discard()
            persistence.journal = nil
        }
        self.recover(crashed)
    }

    private func openNewJournal(_ settings: JournalSettings) {
        do {
            attach(try SessionJournal.create(in: settings.directory), settings: settings)
        } catch {
            output.message("warning: \(error)")
        }
    }

    private func attach(_ journal: SessionJournal, settings: JournalSettings) {
        persistence.journal = journal
        persistence.checkpointer = AutoCheckpoint(
            journal: journal, settings: settings, output: output)
    }

    /// Restores the newest readable checkpoint of `crashed`, replays the commands typed after
    /// it, and writes on in its journal.
    ///
    /// Training commands (`train`, `step`) are listed and not rerun, because rerunning them
    /// would take as long as the first time. `save` and `export` are listed and not rerun,
    /// because their files were written already. Commands that only act on a running training
    /// (`pause`, `resume`, `stop`) and `wait`, `history` and `quit` are skipped.
    func recover(_ crashed: FoundJournal) {
        output.message("recovering: \(crashed.summary)")
        var start = 0
        for checkpoint in crashed.checkpoints.reversed() {
            let files = JournalFolder.checkpointFiles(folder: crashed.folder, number: checkpoint.number)
            do throws(PersistenceError) {
                let restored = try SessionArchive.read(
                    files, dataDirectory: crashed.firstOwner.directory)
                lab.adopt(restored)
                start = checkpoint.commandCount
                output.message(restoredLine(checkpoint, lab: restored, commands: crashed.commands))
                break
            } catch {
                output.message("checkpoint \(checkpoint.number) cannot be used: \(error)")
            }
        }
        if start == 0 {
            output.message("no usable checkpoint; replaying every command from the start")
        }
        replay(Array(crashed.commands.enumerated().dropFirst(start)))

        guard let settings = persistence.settings else { return }
        do {
            attach(try SessionJournal.takeOver(crashed), settings: settings)
        } catch {
            output.message("warning: \(error); starting a new journal")
            openNewJournal(settings)
        }
    }

    private func restoredLine(_ checkpoint: JournalCheckpoint, lab: Lab, commands: [String])
        -> String
    {
        let loss = lab.metrics.stepLosses.last.map { "\($0)" } ?? "none"
        var text = "restored checkpoint \(checkpoint.number): epoch \(lab.epochsTrained), step "
            + "\(lab.stepsTrained), loss \(loss)"
        if checkpoint.commandCount > 0, checkpoint.commandCount <= commands.count {
            text += " (after command \(checkpoint.commandCount): "
                + "`\(commands[checkpoint.commandCount - 1])`)"
        }
        return text
    }

    /// Runs the recovered commands that change the session, and lists the ones left out.
    private func replay(_ commands: [(offset: Int, element: String)]) {
        let listed: Set<String> = ["train", "step", "save", "export"]
        let skipped: Set<String> = ["pause", "resume", "stop", "wait", "history", "quit"]
        var notRerun: [String] = []
        if !commands.isEmpty {
            output.message(
                commands.count == 1
                    ? "1 command was typed after it:"
                    : "\(commands.count) commands were typed after it:")
        }
        persistence.journalsLines = false
        defer { persistence.journalsLines = true }
        for (index, line) in commands {
            let word = (try? Parser.parse(line: line))??.word.split(separator: " ").first
                .map(String.init)
            if let word, listed.contains(word) {
                notRerun.append("`\(line)` (command \(index + 1))")
                continue
            }
            if let word, skipped.contains(word) { continue }
            output.message("> \(line)")
            do {
                try execute(line: line)
            } catch {
                output.message("error: \(error.description)")
            }
        }
        if !notRerun.isEmpty {
            output.message(
                "not rerun: " + notRerun.joined(separator: ", ") + "; training commands are "
                    + "listed and not rerun, and files were written already, so type a "
                    + "command again if you need it")
        }
    }
}

extension SessionJournal {
    /// Appends a `close` record to the journal in `folder`, so it is no longer offered for
    /// recovery.
    static func markClosed(folder: String) {
        let path = folder + "/" + fileName
        let descriptor = Glibc.open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { Glibc.close(descriptor) }
        let bytes = Array((JournalRecord.close(time: JournalFolder.timestamp()).line + "\n").utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        fsync(descriptor)
    }
}
