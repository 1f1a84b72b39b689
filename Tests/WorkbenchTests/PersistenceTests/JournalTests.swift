import Engine
import Foundation
import Testing

@testable import Workbench

/// The journal of typed commands, the checkpoints that training writes, and recovery after a
/// session that ended without `quit`.
@Suite struct JournalTests {
    static let setUp = [
        "seed 21", "data gaussian 150 noise=0.4 classes=3 test=0.2", "input 2", "dense 10 relu",
        "dense 3 softmax", "optimizer adam lr=0.01", "batch 12",
    ]

    /// Settings that checkpoint at every epoch end, and never inside an epoch, however long
    /// the writes take.
    static func settings(_ folder: TemporaryFolder, recovery: RecoveryChoice = .recover)
        -> JournalSettings
    {
        JournalSettings(
            directory: folder.file("journals"), recovery: recovery, checkpointSpacing: 0,
            checkpointMaximumGap: 3600, checkpointTrainingPerWrite: 0)
    }

    /// Makes the journal look like one of a process that died: its owner becomes a process ID
    /// that no process has.
    static func orphan(_ journal: SessionJournal) throws {
        var pid: Int32 = 4_000_000
        while JournalFolder.processStart(pid) != nil { pid -= 1 }
        let text = try String(contentsOfFile: journal.path, encoding: .utf8)
        let orphaned = text.replacingOccurrences(
            of: #"pid=[0-9]+\tprocess_start=[0-9]+"#, with: "pid=\(pid)\tprocess_start=1",
            options: .regularExpression)
        try orphaned.write(toFile: journal.path, atomically: false, encoding: .utf8)
    }

    @Test func historyLeavesOutComments() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let executor = Executor(output: SilentOutput())
        #expect(executor.startJournal(Self.settings(folder)) == nil)
        try run(["# Two spiral arms.", "  # indented", "seed 21", "", "input 2  # a comment"],
            on: executor)
        #expect(executor.commandHistory == ["seed 21", "input 2  # a comment"])
        executor.closeJournal()
        let plain = Executor(output: SilentOutput())
        try run(["# comment", "seed 3"], on: plain)
        #expect(plain.commandHistory == ["seed 3"])
    }

    @Test func recoveryRestoresCheckpointAndReplays() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let crashed = Executor(output: SilentOutput())
        #expect(crashed.startJournal(Self.settings(folder)) == nil)
        try run(Self.setUp + ["train 3", "batch 8", "step", "set lr 0.005", "say done"], on: crashed)
        let expected = LabFingerprint(crashed.lab)
        let journal = try #require(crashed.journal)
        // Typed, written to the journal, and lost in the crash before they ran.
        try journal.appendCommand("train 5")
        try journal.appendCommand("save lost-model")
        try Self.orphan(journal)
        #expect(FileManager.default.fileExists(atPath: journal.folder + "/checkpoint-4.lab"))

        let output = OutputRecorder()
        let recovered = Executor(output: output)
        #expect(recovered.startJournal(Self.settings(folder)) == nil)
        #expect(LabFingerprint(recovered.lab) == expected)
        #expect(recovered.lab.batchSize == .size(8))
        #expect(recovered.lab.optimizer?.learningRate == 0.005)
        let log = output.messages.joined(separator: "\n")
        // 120 training rows in batches of 12: checkpoints 1 to 3 end the epochs, the end of
        // `train 3` is the same state as 3 and is skipped, and 4 follows `step`.
        let loss = try #require(crashed.lab.metrics.stepLosses.last)
        #expect(
            log.contains(
                "restored checkpoint 4: epoch 3, step 31, loss \(loss) (after command 10: `step`)"))
        #expect(log.contains("4 commands were typed after it:"))
        #expect(log.contains("> set lr 0.005"))
        #expect(log.contains("not rerun: `train 5` (command 13), `save lost-model` (command 14)"))
        #expect(recovered.commandHistory == Self.setUp + [
            "train 3", "batch 8", "step", "set lr 0.005", "say done", "train 5", "save lost-model",
        ])

        try recovered.execute(line: "eval")
        #expect(recovered.commandHistory.last == "eval")
        let records = try String(contentsOfFile: journal.path, encoding: .utf8)
        #expect(records.contains("\nresume\tpid=\(getpid())"))
        recovered.closeJournal()
        #expect(JournalFolder.crashedJournals(in: folder.file("journals")).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: journal.folder + "/checkpoint-4.lab"))
    }

    @Test func runEndingAtEpochWritesOnce() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let executor = Executor(output: SilentOutput())
        #expect(executor.startJournal(Self.settings(folder)) == nil)
        try run(Self.setUp + ["train 2", "eval", "set lr 0.005", "step"], on: executor)
        let journal = try #require(executor.journal)
        let found = try #require(FoundJournal(folder: journal.folder))
        // 120 training rows in batches of 12. The end of `train 2` repeats the checkpoint of
        // its second epoch and is skipped. `step` is command 11.
        #expect(found.checkpoints.map(\.step) == [10, 20, 21])
        #expect(found.checkpoints.map(\.number) == [1, 2, 3])
        #expect(found.checkpoints.map(\.commandCount) == [8, 8, 11])
        executor.closeJournal()
    }

    @Test func checkpointInsideAnEpochContinuesExactly() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let settings = JournalSettings(
            directory: folder.file("journals"), recovery: .recover, checkpointSpacing: 3600,
            checkpointMaximumGap: 0, checkpointTrainingPerWrite: 0)
        let trained = Executor(output: SilentOutput())
        _ = trained.startJournal(settings)
        try run(Self.setUp + ["train 2"], on: trained)
        let journal = try #require(trained.journal)
        let found = try #require(FoundJournal(folder: journal.folder))
        // With no gap allowed, every step inside an epoch writes one, and the last two are
        // kept: checkpoint 18 is step 19, the ninth of ten steps of epoch 2.
        let checkpoint = try #require(found.checkpoints.first { $0.number == 18 })
        #expect(checkpoint.step == 19)
        #expect(checkpoint.epoch == 1)
        let restored = try SessionArchive.read(
            JournalFolder.checkpointFiles(folder: journal.folder, number: 18))

        let stepped = Executor(output: SilentOutput())
        try run(Self.setUp + Array(repeating: "step", count: 19), on: stepped)
        #expect(LabFingerprint(restored) == LabFingerprint(stepped.lab))

        let resumed = Executor(output: SilentOutput())
        resumed.lab.adopt(restored)
        try resumed.execute(line: "train 1")
        try stepped.execute(line: "train 1")
        #expect(LabFingerprint(resumed.lab) == LabFingerprint(stepped.lab))
        trained.closeJournal()
    }

    @Test func settingTypedDuringTrainingIsReplayed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let live = LiveSession()
        live.startJournal(Self.settings(folder))
        for line in Self.setUp + ["train 400"] {
            #expect(live.submit(line))
        }
        #expect(live.submit("set lr 0.005"))
        #expect(live.submit("stop"))
        let deadline = Date().addingTimeInterval(30)
        while live.isTraining && Date() < deadline { usleep(5000) }
        let journal = try #require(live.executor.journal)
        let found = try #require(FoundJournal(folder: journal.folder))
        // Every checkpoint of the run counts the commands up to `train 400` only.
        #expect(found.checkpoints.allSatisfy { $0.commandCount == Self.setUp.count + 1 })
        let expected = LabFingerprint(live.executor.lab)
        try Self.orphan(journal)

        let output = OutputRecorder()
        let recovered = Executor(output: output)
        _ = recovered.startJournal(Self.settings(folder))
        #expect(output.messages.contains("> set lr 0.005"))
        #expect(recovered.lab.optimizer?.learningRate == 0.005)
        #expect(LabFingerprint(recovered.lab) == expected)
        recovered.closeJournal()
    }

    @Test func declinedRecoveryClosesTheJournal() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = Executor(output: SilentOutput())
        _ = first.startJournal(Self.settings(folder))
        try run(Self.setUp + ["train 1"], on: first)
        try Self.orphan(try #require(first.journal))

        let output = OutputRecorder()
        let second = Executor(output: output)
        let crashed = try #require(second.startJournal(Self.settings(folder, recovery: .ask)))
        #expect(crashed.commands.count == Self.setUp.count + 1)
        #expect(RecoveryQuestion.text(crashed).contains("Recover it?"))
        second.answerRecovery(crashed, recover: false)
        #expect(output.messages.last?.contains("`load \(crashed.folder)/checkpoint-") == true)
        #expect(JournalFolder.crashedJournals(in: folder.file("journals")).isEmpty)
        #expect(second.lab.model == nil)
        second.closeJournal()
    }

    @Test func noCheckpointReplaysEveryCommand() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = Executor(output: SilentOutput())
        _ = first.startJournal(Self.settings(folder))
        try run(Self.setUp, on: first)
        let expected = LabFingerprint(first.lab)
        try Self.orphan(try #require(first.journal))

        let output = OutputRecorder()
        let second = Executor(output: output)
        _ = second.startJournal(Self.settings(folder))
        #expect(output.messages.contains { $0.hasPrefix("no usable checkpoint") })
        #expect(LabFingerprint(second.lab) == expected)
        #expect(Report.summary(of: second.lab.model!) == Report.summary(of: first.lab.model!))
    }

    @Test func liveSessionAsksAndRecoversOnYes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = Executor(output: SilentOutput())
        _ = first.startJournal(Self.settings(folder))
        try run(Self.setUp + ["train 2"], on: first)
        let expected = LabFingerprint(first.lab)
        try Self.orphan(try #require(first.journal))

        let live = LiveSession()
        live.startJournal(Self.settings(folder, recovery: .ask))
        #expect(live.isAskingToRecover)
        #expect(live.drainLog().contains { $0.text.hasPrefix("LayerLab did not exit cleanly") })
        #expect(live.submit("yes"))
        #expect(!live.isAskingToRecover)
        #expect(LabFingerprint(live.executor.lab) == expected)
        #expect(live.drainLog().contains { $0.text.hasPrefix("restored checkpoint") })
        #expect(live.snapshot().epoch == 2)
        live.shutdown()
        #expect(JournalFolder.crashedJournals(in: folder.file("journals")).isEmpty)
    }

    @Test func otherLineLeavesTheCrashForLater() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = Executor(output: SilentOutput())
        _ = first.startJournal(Self.settings(folder))
        try run(["seed 1", "input 3"], on: first)
        try Self.orphan(try #require(first.journal))

        let live = LiveSession()
        live.startJournal(Self.settings(folder, recovery: .ask))
        #expect(live.submit("input 5"))
        #expect(live.executor.lab.inputShape == [5])
        #expect(JournalFolder.crashedJournals(in: folder.file("journals")).count == 1)
        live.shutdown()
    }

    @Test func cleanCloseIsNotACrash() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let executor = Executor(output: SilentOutput())
        _ = executor.startJournal(Self.settings(folder))
        try run(["seed 1"], on: executor)
        let journal = try #require(executor.journal)
        executor.closeJournal()
        let found = try #require(FoundJournal(folder: journal.folder))
        #expect(found.isClosed)
        #expect(!found.isCrashed)
    }

    /// The end that SIGHUP, SIGTERM and SIGPIPE take on the screen: training stops at a step
    /// boundary, a final checkpoint contains the state at that step, and the journal stays open,
    /// so the next start recovers exactly that state.
    @Test func signalExitKeepsFinalCheckpoint() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let live = LiveSession()
        live.startJournal(Self.settings(folder))
        for line in Self.setUp + ["train 100000"] {
            #expect(live.submit(line))
        }
        let journal = try #require(live.executor.journal)
        let deadline = ContinuousClock.now + .seconds(120)
        while live.snapshot().step < 25 && ContinuousClock.now < deadline {
            usleep(10_000)
        }
        #expect(live.isTraining)
        live.shutdownLeavingJournalOpen(timeout: .seconds(120))
        #expect(!live.isTraining)
        #expect(live.executor.journal == nil)
        let lab = live.executor.lab
        let expected = LabFingerprint(lab)

        let found = try #require(FoundJournal(folder: journal.folder))
        #expect(!found.isClosed)
        let last = try #require(found.checkpoints.last)
        #expect(last.step == lab.stepsTrained)
        #expect(last.commandCount == Self.setUp.count + 1)
        let files = JournalFolder.checkpointFiles(folder: journal.folder, number: last.number)
        #expect(FileManager.default.fileExists(atPath: files.weights))
        #expect(FileManager.default.fileExists(atPath: files.script))

        try Self.orphan(journal)
        #expect(JournalFolder.crashedJournals(in: folder.file("journals")).count == 1)
        let output = OutputRecorder()
        let recovered = Executor(output: output)
        #expect(recovered.startJournal(Self.settings(folder)) == nil)
        #expect(LabFingerprint(recovered.lab) == expected)
        #expect(recovered.commandHistory == Self.setUp + ["train 100000"])
        #expect(output.messages.contains { $0.hasPrefix("restored checkpoint \(last.number):") })
        recovered.closeJournal()
    }

    @Test func runningSessionIsNotACrash() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let executor = Executor(output: SilentOutput())
        _ = executor.startJournal(Self.settings(folder))
        try run(["seed 1"], on: executor)
        #expect(JournalFolder.crashedJournals(in: folder.file("journals")).isEmpty)
        executor.closeJournal()
    }

    @Test func cutLastRecordIsIgnored() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let executor = Executor(output: SilentOutput())
        _ = executor.startJournal(Self.settings(folder))
        try run(["seed 1", "input 4"], on: executor)
        let journal = try #require(executor.journal)
        let handle = try #require(FileHandle(forWritingAtPath: journal.path))
        handle.seekToEndOfFile()
        handle.write(Data("command\tdense 3".utf8))
        handle.closeFile()
        #expect(FoundJournal(folder: journal.folder)?.commands == ["seed 1", "input 4"])
        executor.closeJournal()
    }

    @Test func recordsRoundTrip() {
        let records: [JournalRecord] = [
            .header(version: 1),
            .open(JournalOwner(processID: 42, processStart: 7, time: "t", directory: "/a\tb")),
            .command("say \"tab\there\\now\nnext\""),
            .checkpoint(
                JournalCheckpoint(number: 3, commandCount: 9, step: 55, epoch: 4, loss: "0.25")),
            .resume(JournalOwner(processID: 43, processStart: 8, time: "u", directory: "/")),
            .close(time: "2026-12-04T17:00:00Z"),
        ]
        for record in records {
            #expect(!record.line.contains("\n"))
            #expect(JournalRecord(line: Substring(record.line)) == record)
        }
        #expect(JournalRecord(line: "nonsense\tline") == nil)
    }

    @Test func folderFollowsXDGStateHome() {
        #expect(
            JournalFolder.path(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"])
                == "/s/layerlab/journals")
        #expect(
            JournalFolder.path(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"])
                == "/h/.local/state/layerlab/journals")
        #expect(JournalFolder.path(environment: [:]) == nil)
    }
}
