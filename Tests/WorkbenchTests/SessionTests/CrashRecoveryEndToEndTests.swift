import Engine
import Foundation
import Testing

@testable import Workbench

/// A real crash and a closed terminal: the release binary runs in tmux on a private socket,
/// trains, writes a checkpoint, is killed with SIGKILL or hung up, and starts again.
///
/// The binary shows its screen in tmux (the plain prompt where the terminal cannot show it), and
/// the test types into its prompt with send-keys. The checks read only lines that both print.
@Suite(.serialized, binaryIsBuilt, .enabled(if: Tmux.isInstalled, "needs tmux"))
struct CrashRecoveryEndToEndTests {
    static let typed = [
        "seed 5", "data spiral 3000 noise=0.1 classes=3 test=0.2", "input 2", "dense 64 relu",
        "dense 64 relu", "dense 3 softmax", "optimizer adam lr=0.003", "batch 8", "train 1000",
    ]

    /// Returns the shell command that starts the binary with its state in `folder`, and the
    /// folder of its journals.
    static func command(in folder: TemporaryFolder) -> (command: String, journals: String) {
        let state = folder.file("state")
        let command = "cd \(folder.path) && XDG_STATE_HOME=\(state) SWIFT_BACKTRACE=interactive=no"
            + " \(LayerLabProcess.binary)"
        return (command, state + "/layerlab/journals")
    }

    /// Starts `command` in tmux, types the training session and returns its journal once it
    /// has a checkpoint. Training goes on for much longer than the 2 s between checkpoints.
    static func trainUntilCheckpoint(_ tmux: Tmux, command: String, journals: String) throws
        -> FoundJournal
    {
        try tmux.start(command)
        try tmux.waitFor("layerlab>|LayerLab", seconds: 20)
        for line in typed {
            try tmux.type(line)
        }
        return try tmux.waitForFile(seconds: 60) {
            JournalFolder.journals(in: journals).first { !$0.checkpoints.isEmpty }
        }
    }

    @Test func killedSessionRecoversCheckpointAndCommands() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let tmux = try Tmux(folder: folder.path)
        defer { tmux.stop() }
        let (command, journals) = Self.command(in: folder)
        let journal = try Self.trainUntilCheckpoint(tmux, command: command, journals: journals)
        #expect(journal.commands == Self.typed)
        let pid = journal.owner.processID
        #expect(kill(pid, SIGKILL) == 0)
        try tmux.waitFor("EXITED", seconds: 20)

        let crashed = try #require(FoundJournal(folder: journal.folder))
        #expect(crashed.isCrashed)
        let checkpoint = try #require(crashed.checkpoints.last)
        let header = try SafeTensorsHeader(
            contentsOf: journal.folder + "/checkpoint-\(checkpoint.number).safetensors")
        let savedLoss = try #require(header.metadata["loss"])
        #expect(savedLoss == checkpoint.loss)
        #expect(header.metadata["step"] == "\(checkpoint.step)")

        try tmux.start(command + " --recover")
        try tmux.waitFor("restored checkpoint", seconds: 30)
        let screen = try tmux.capture()
        let expected = "restored checkpoint \(checkpoint.number): epoch \(checkpoint.epoch), "
            + "step \(checkpoint.step), loss \(savedLoss) (after command 9: `train 1000`)"
        #expect(screen.contains(expected), "\(screen)")

        // The restored model is the checkpoint's, not only its message: saving it now writes
        // the same weights and optimizer state, bit for bit.
        try tmux.type("save recovered")
        try tmux.waitFor("saved recovered.lab", seconds: 20)
        let restored = try SafeTensorsFile(contentsOf: folder.file("recovered.safetensors"))
        let saved = try SafeTensorsFile(
            contentsOf: journal.folder + "/checkpoint-\(checkpoint.number).safetensors")
        #expect(restored.names == saved.names)
        #expect(saved.names.contains("0.weight"))
        for name in saved.names {
            #expect(restored[name] == saved[name], "\(name) differs after recovery")
        }
        #expect(restored.metadata["step"] == "\(checkpoint.step)")

        try tmux.type("history")
        try tmux.waitFor("9  train 1000", seconds: 10)
        let listing = try tmux.capture()
        for (index, line) in Self.typed.enumerated() {
            #expect(listing.contains("\(index + 1)  \(line)"), "history lacks \(line)")
        }
        #expect(listing.contains("10  save recovered"))
        #expect(listing.contains("11  history"))

        try tmux.type("eval")
        try tmux.waitFor("test set, 600 rows", seconds: 20)
        try tmux.type("quit")
        try tmux.waitFor("EXITED", seconds: 20)
        #expect(JournalFolder.crashedJournals(in: journals).isEmpty)
        let resumed = try #require(FoundJournal(folder: journal.folder))
        #expect(resumed.isClosed)
        #expect(resumed.commands == Self.typed + ["save recovered", "history", "eval", "quit"])
    }

    /// Closing the terminal: the screen gets SIGHUP while it trains, as when the terminal
    /// window closes or an SSH connection drops. It writes a final checkpoint, leaves the
    /// journal open and exits, and the next start offers to recover the session.
    @Test func hungUpSessionIsOfferedForRecovery() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let tmux = try Tmux(folder: folder.path)
        defer { tmux.stop() }
        let (command, journals) = Self.command(in: folder)
        let running = try Self.trainUntilCheckpoint(tmux, command: command, journals: journals)
        let seen = try #require(running.checkpoints.last)
        #expect(kill(running.owner.processID, SIGHUP) == 0)
        // 129 is 128 plus SIGHUP's number, 1.
        try tmux.waitFor("EXITED rc=129", seconds: 60)
        // After the screen restores the terminal, the shell shows why the session ended.
        let exitScreen = try tmux.capture()
        #expect(exitScreen.contains("layerlab: SIGHUP ends the session"), "\(exitScreen)")

        let crashed = try #require(FoundJournal(folder: running.folder))
        #expect(!crashed.isClosed)
        #expect(crashed.isCrashed)
        #expect(crashed.commands == Self.typed)
        // The checkpoint written on the way out, after the one seen while training.
        let checkpoint = try #require(crashed.checkpoints.last)
        #expect(checkpoint.number > seen.number)
        #expect(checkpoint.step >= seen.step)
        let weights = running.folder + "/checkpoint-\(checkpoint.number).safetensors"
        let header = try SafeTensorsHeader(contentsOf: weights)
        let savedLoss = try #require(header.metadata["loss"])
        #expect(header.metadata["step"] == "\(checkpoint.step)")

        try tmux.start(command)
        try tmux.waitFor("did not exit cleanly", seconds: 30)
        try tmux.type("yes")
        try tmux.waitFor("restored checkpoint", seconds: 30)
        let screen = try tmux.capture()
        let expected = "restored checkpoint \(checkpoint.number): epoch \(checkpoint.epoch), "
            + "step \(checkpoint.step), loss \(savedLoss) (after command 9: `train 1000`)"
        #expect(screen.contains(expected), "\(screen)")

        try tmux.type("history")
        try tmux.waitFor("9  train 1000", seconds: 10)
        let listing = try tmux.capture()
        for (index, line) in Self.typed.enumerated() {
            #expect(listing.contains("\(index + 1)  \(line)"), "history lacks \(line)")
        }
        try tmux.type("quit")
        try tmux.waitFor("EXITED", seconds: 20)
        #expect(JournalFolder.crashedJournals(in: journals).isEmpty)
        #expect(FoundJournal(folder: running.folder)?.isClosed == true)
    }
}

/// A tmux server on a private socket, so the test never touches the user's sessions.
struct Tmux {
    static var isInstalled: Bool {
        ["/usr/bin/tmux", "/usr/local/bin/tmux"].contains {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    let socket: String
    /// The file that each tmux command's output goes to.
    let outputPath: String

    init(folder: String) throws {
        socket = folder + "/tmux.sock"
        outputPath = folder + "/tmux.out"
    }

    /// Runs one tmux command and returns its output.
    ///
    /// The command is started with posix_spawn and reaped with waitpid, and its output goes to
    /// a file. Foundation's Process does not return here: the first command starts the tmux
    /// server, which keeps running with what it inherited, and waitUntilExit then waited for
    /// it.
    ///
    /// tmux starts with no signal blocked and every signal at its default action. The test
    /// pool's threads block nearly every signal, and a child inherits that mask, so without
    /// these attributes the server and the pane's processes would ignore `kill-server`'s
    /// SIGHUP and stay behind after the test.
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(
            &actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = (["tmux", "-S", socket] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, "tmux", &actions, &attributes, argv, environ)
        guard status == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "tmux: \(status)"])
        }
        var exitStatus: Int32 = 0
        while waitpid(pid, &exitStatus, 0) < 0 && errno == EINTR {}
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    /// Starts `command` in a fresh session named `app`, replacing the previous one; the pane
    /// prints `EXITED rc=` and the command's exit status when it ends, and stays open.
    func start(_ command: String) throws {
        try run(["kill-session", "-t", "app"])
        try run([
            "new-session", "-d", "-s", "app", "-x", "200", "-y", "60",
            // A killed screen leaves the terminal raw, so the modes are reset before EXITED.
            command + "; rc=$?; stty sane 2>/dev/null; printf '\\nEXITED rc=%s\\n' $rc; sleep 120",
        ])
        try run(["set-option", "-t", "app", "remain-on-exit", "on"])
        // Without this the server exits when the next start kills this session, and the
        // new-session right after it can reach the server while it is still shutting down.
        try run(["set-option", "-s", "exit-empty", "off"])
    }

    func type(_ line: String) throws {
        try run(["send-keys", "-t", "app", "-l", line])
        try run(["send-keys", "-t", "app", "Enter"])
        usleep(100_000)
    }

    /// The pane with its scrollback.
    func capture() throws -> String {
        try run(["capture-pane", "-p", "-t", "app", "-S", "-400"])
    }

    /// Polls the pane until a line matches `pattern`.
    func waitFor(_ pattern: String, seconds: Double) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try capture().range(of: pattern, options: .regularExpression) != nil { return }
            usleep(100_000)
        }
        let screen = try capture()
        Issue.record("timed out after \(seconds) s waiting for \(pattern); the pane shows:\n\(screen)")
        throw CancellationError()
    }

    /// Polls `find` until it returns a value.
    func waitForFile<Value>(seconds: Double, _ find: () -> Value?) throws -> Value {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let value = find() { return value }
            usleep(100_000)
        }
        let screen = try capture()
        Issue.record("timed out after \(seconds) s; the pane shows:\n\(screen)")
        throw CancellationError()
    }

    func stop() {
        _ = try? run(["kill-server"])
        try? FileManager.default.removeItem(atPath: socket)
    }
}
