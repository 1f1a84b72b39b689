import Engine
import Foundation
import Testing

@testable import Workbench

/// The line-mode prompt (TERM=dumb) of the release binary in a private tmux server, trained on
/// the digits sample and then hung up or interrupted: SIGHUP writes a final checkpoint and
/// exits with 129, leaving the session to recover, and Ctrl-C stops training and returns to
/// the prompt. Neither changes the terminal's modes.
@Suite(
    .serialized,
    .enabled(if: TmuxScreen.tmuxPath != nil, "needs tmux: apt-get install tmux"),
    .enabled(
        if: TmuxScreen.binaryExists,
        "needs the release binary: run `make test`, or `swift build -c release` first"))
struct LineModeSignalEndToEndTests {
    /// Two hidden layers of 128 on the digits in batches of 8: about 180 steps an epoch, and
    /// far more epochs than a test waits for.
    static let typed = [
        "seed 1", "data load samples/digits.csv label=label test=0.2", "input 64",
        "dense 128 relu", "dense 128 relu", "dense 10 softmax", "optimizer adam lr=0.001",
        "batch 8", "train 5000",
    ]

    /// A state folder outside the tmux folders, which `TmuxScreen.stop` removes, so that a
    /// second start finds the first one's journal.
    final class StateFolder {
        let path = "/tmp/ll-line-\(UUID().uuidString.prefix(8))"
        var journals: String { path + "/layerlab/journals" }

        deinit {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// Starts the binary in line mode with its state in `state`.
    static func start(_ state: StateFolder) throws -> TmuxScreen {
        try TmuxScreen(
            environment: ["TERM": "dumb", "XDG_STATE_HOME": state.path], width: 150, height: 45)
    }

    /// Returns the number of the last epoch line on the screen of the `train 5000` run.
    static func lastEpochShown(_ text: String) -> Int? {
        let numbers = text.split(separator: "\n").compactMap { line -> Int? in
            guard line.hasPrefix("epoch ") else { return nil }
            let field = line.dropFirst("epoch ".count).drop { $0 == " " }
            return Int(field.prefix { $0.isNumber })
        }
        return numbers.last
    }

    /// Types the training session and waits for its journal's first checkpoint and for
    /// `epochs` epoch lines.
    static func startTraining(_ screen: TmuxScreen, state: StateFolder, epochs: Int) throws {
        try #require(screen.waitFor(timeout: .seconds(20)) { $0.contains("layerlab>") } != nil)
        for line in typed {
            screen.enter(line)
        }
        let trained = screen.waitFor(timeout: .seconds(60)) { text in
            let hasCheckpoint = JournalFolder.journals(in: state.journals)
                .contains { !$0.checkpoints.isEmpty }
            return hasCheckpoint && lastEpochShown(text) ?? 0 >= epochs
        }
        try #require(trained != nil, "training never reached epoch \(epochs):\n\(screen.capture())")
    }

    @Test func hangUpWritesCheckpointAndRecovers() throws {
        let state = StateFolder()
        let screen = try Self.start(state)
        defer { screen.stop() }
        try Self.startTraining(screen, state: state, epochs: 3)
        let pid = try #require(screen.processID)
        let running = try #require(JournalFolder.journals(in: state.journals).first)
        let seen = try #require(running.checkpoints.last)
        let shownEpoch = try #require(Self.lastEpochShown(screen.capture()))
        #expect(kill(pid, SIGHUP) == 0)

        // 129 is 128 plus SIGHUP's number, 1.
        let exited = try #require(
            screen.waitFor(timeout: .seconds(30)) { $0.contains("EXITED rc=") },
            "layerlab did not exit after SIGHUP")
        #expect(exited.contains("EXITED rc=129"), "\(exited)")
        #expect(exited.contains("SIGHUP ends the session"))
        #expect(screen.file("after") == screen.file("before"))

        let hungUp = try #require(FoundJournal(folder: running.folder))
        #expect(!hungUp.isClosed)
        #expect(hungUp.isCrashed)
        #expect(hungUp.commands == Self.typed)
        // The checkpoint written on the way out, after training stopped at a step boundary.
        let checkpoint = try #require(hungUp.checkpoints.last)
        #expect(checkpoint.number > seen.number)
        #expect(checkpoint.step >= seen.step)
        #expect(checkpoint.epoch >= shownEpoch)
        let header = try SafeTensorsHeader(
            contentsOf: running.folder + "/checkpoint-\(checkpoint.number).safetensors")
        #expect(header.metadata["step"] == "\(checkpoint.step)")
        let savedLoss = try #require(header.metadata["loss"])

        let again = try Self.start(state)
        defer { again.stop() }
        try #require(
            again.waitFor(timeout: .seconds(20)) { $0.contains("recover? [yes/no]") } != nil,
            "no recovery question:\n\(again.capture())")
        again.enter("yes")
        let expected = "restored checkpoint \(checkpoint.number): epoch \(checkpoint.epoch), "
            + "step \(checkpoint.step), loss \(savedLoss) (after command 9: `train 5000`)"
        let restored = again.waitFor(timeout: .seconds(30)) { $0.contains(expected) }
        #expect(restored != nil, "expected \(expected):\n\(again.capture())")
        again.enter("quit")
        let quit = again.waitFor(timeout: .seconds(20)) { $0.contains("EXITED rc=") }
        #expect(quit?.contains("EXITED rc=0") == true, "\(again.capture())")
        #expect(JournalFolder.crashedJournals(in: state.journals).isEmpty)
    }

    /// SIGTERM while the prompt waits for a line, with no input to follow: the prompt must
    /// notice it without a line typed, and leave the journal open.
    @Test func terminationAtIdlePromptLeavesJournalOpen() throws {
        let state = StateFolder()
        let screen = try Self.start(state)
        defer { screen.stop() }
        try #require(screen.waitFor(timeout: .seconds(20)) { $0.contains("layerlab>") } != nil)
        screen.enter("seed 3")
        try #require(screen.waitFor { $0.contains("seed 3\nseed 3\nlayerlab>") } != nil)
        let pid = try #require(screen.processID)
        #expect(kill(pid, SIGTERM) == 0)

        // 143 is 128 plus SIGTERM's number, 15.
        let exited = screen.waitFor(timeout: .seconds(10)) { $0.contains("EXITED rc=") }
        #expect(exited?.contains("EXITED rc=143") == true, "\(screen.capture())")
        #expect(exited?.contains("SIGTERM ends the session") == true)
        let journal = try #require(JournalFolder.journals(in: state.journals).first)
        #expect(journal.commands == ["seed 3"])
        #expect(!journal.isClosed)
        #expect(screen.file("after") == screen.file("before"))
    }

    /// Ctrl-C during a session file's `train` stops it and skips the file's remaining lines.
    @Test func interruptSkipsRestOfSessionFile() throws {
        let state = StateFolder()
        try FileManager.default.createDirectory(
            atPath: state.path, withIntermediateDirectories: true)
        let session = state.path + "/long.lab"
        try (Self.typed + ["say after training", "summary", ""]).joined(separator: "\n")
            .write(toFile: session, atomically: true, encoding: .utf8)
        let screen = try TmuxScreen(
            arguments: [session], environment: ["TERM": "dumb", "XDG_STATE_HOME": state.path],
            width: 150, height: 45)
        defer { screen.stop() }
        try #require(
            screen.waitFor(timeout: .seconds(30)) { Self.lastEpochShown($0) ?? 0 >= 2 } != nil,
            "the session file never trained:\n\(screen.capture())")
        screen.send("C-c")
        let skipped = "interrupted at \(session):9; skipping lines 10-11 of the file"
        let prompt = screen.waitFor { text in
            text.contains(skipped) && text.split(separator: "\n").last == "layerlab>"
        }
        #expect(prompt != nil, "\(screen.capture())")
        #expect(prompt?.contains("stopped after step") == true)
        #expect(prompt?.contains("after training") == false)
        screen.enter("quit")
        let exited = screen.waitFor(timeout: .seconds(20)) { $0.contains("EXITED rc=") }
        #expect(exited?.contains("EXITED rc=0") == true, "\(screen.capture())")
    }

    @Test func interruptReturnsToPrompt() throws {
        let state = StateFolder()
        let screen = try Self.start(state)
        defer { screen.stop() }
        try Self.startTraining(screen, state: state, epochs: 2)
        // Ctrl-C through the terminal, which sends SIGINT to the foreground process group.
        screen.send("C-c")
        let stopped = try #require(
            screen.waitFor(timeout: .seconds(20)) { $0.contains("stopped after step") },
            "training did not stop at Ctrl-C:\n\(screen.capture())")
        let stopLine = try #require(
            stopped.split(separator: "\n").first { $0.hasPrefix("stopped after step") })
        let prompt = screen.waitFor { text in
            text.split(separator: "\n").last.map(String.init) == "layerlab>"
        }
        #expect(prompt != nil, "the prompt did not come back:\n\(screen.capture())")
        #expect(prompt?.contains("EXITED") == false)

        screen.enter("history")
        let listing = screen.waitFor { $0.contains("10  history") }
        #expect(listing?.contains("9  train 5000") == true, "\(screen.capture())")
        screen.enter("summary")
        // 64·128 + 128, 128·128 + 128 and 128·10 + 10 parameters.
        #expect(screen.waitFor { $0.contains("Total params: 26,122") } != nil, "\(screen.capture())")

        // Training goes on from the step where it stopped.
        let stoppedStep = stopLine.split(separator: " ")[3].filter { $0 != "," && $0 != ";" }
        screen.enter("train 1 steps")
        let nextStep = "step \((Int(stoppedStep) ?? 0) + 1): loss "
        let trained = screen.waitFor { text in
            text.contains(nextStep) && text.split(separator: "\n").last == "layerlab>"
        }
        #expect(trained != nil, "\(screen.capture())")

        // Ctrl-C at the idle prompt only prints how to leave.
        screen.send("C-c")
        #expect(screen.waitFor { $0.contains("to leave, type `quit`") } != nil, "\(screen.capture())")
        screen.enter("quit")
        let exited = screen.waitFor(timeout: .seconds(20)) { $0.contains("EXITED rc=") }
        #expect(exited?.contains("EXITED rc=0") == true, "\(screen.capture())")
        #expect(screen.file("after") == screen.file("before"))
        let journal = try #require(JournalFolder.journals(in: state.journals).first)
        #expect(FoundJournal(folder: journal.folder)?.isClosed == true)
    }
}
