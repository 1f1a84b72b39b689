import Foundation
@preconcurrency import Glibc

/// The layerlab binary running in a window of a private tmux server, for end-to-end tests of
/// the screen.
///
/// Each instance starts its own server on a socket in a fresh temporary folder, so a test never
/// touches another tmux server, and `stop` kills only its own. The window's shell saves
/// `stty -a` to the files `before` and `after` around the run. When layerlab ends, it writes
/// `after` first and then prints `EXITED rc=N`, so a test that finds that line can read the
/// whole file. Then it waits, so that the last screen stays readable.
final class TmuxScreen {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The binary under test: `LAYERLAB_BIN` when set (`make test` points it at the release
    /// build), else the release build in the package's `.build` folder.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["LAYERLAB_BIN"], !path.isEmpty {
            return path
        }
        return packageRoot.appendingPathComponent(".build/release/layerlab").path
    }

    static var binaryExists: Bool {
        FileManager.default.isExecutableFile(atPath: binary)
    }

    /// The tmux executable found on PATH, or `nil`.
    static let tmuxPath: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/tmux" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    let folder: URL
    private let tmux: String
    private var isRunning = true

    /// Starts layerlab with `arguments` in a `width` by `height` window, from the package root.
    ///
    /// - Parameter environment: Variables set for layerlab on top of the test's environment.
    ///   LANG is C.UTF-8, XDG_STATE_HOME a folder inside `folder` and SWIFT_BACKTRACE
    ///   non-interactive unless given here.
    init(
        arguments: [String] = [], environment: [String: String] = [:], width: Int = 120,
        height: Int = 40
    ) throws {
        guard let tmux = TmuxScreen.tmuxPath else {
            throw TmuxError(message: "tmux is not on PATH")
        }
        self.tmux = tmux
        // A short folder name, because a socket path must fit in 108 bytes.
        folder = URL(fileURLWithPath: "/tmp/ll-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

        var variables = [
            "LANG": "C.UTF-8", "SWIFT_BACKTRACE": "interactive=no",
            "XDG_STATE_HOME": folder.appendingPathComponent("state").path,
        ]
        variables.merge(environment) { _, given in given }
        let assignments = variables.sorted { $0.key < $1.key }
            .map { "\($0.key)=\(Self.quoted($0.value))" }
        let launch = (["exec", "env"] + assignments + [Self.quoted(TmuxScreen.binary)]
            + arguments.map(Self.quoted)).joined(separator: " ")
        let files = folder.path
        let script = """
            cd \(Self.quoted(TmuxScreen.packageRoot.path)); stty -a >\(files)/before; \
            sh -c \(Self.quoted("echo $$ >\(files)/pid; \(launch)")); \
            rc=$?; stty -a >\(files)/after; echo "EXITED rc=$rc"; sleep 600
            """
        // The server that new-session starts lives on, and would hold an output pipe open.
        try run(
            [
                "-f", "/dev/null", "new-session", "-d", "-s", "app", "-x", "\(width)", "-y",
                "\(height)", script,
            ], readsOutput: false)
    }

    deinit {
        stop()
    }

    /// Kills this test's tmux server and removes its folder.
    func stop() {
        guard isRunning else { return }
        isRunning = false
        _ = try? run(["kill-server"], readsOutput: false)
        try? FileManager.default.removeItem(at: folder)
    }

    /// Returns the window's text, one line per row, trailing spaces trimmed.
    ///
    /// - Parameters:
    ///   - escapes: Whether to keep the escape sequences of colours and attributes.
    ///   - scrollback: Whether to start with the lines scrolled off the top.
    func capture(escapes: Bool = false, scrollback: Bool = false) -> String {
        var arguments = ["capture-pane", "-p", "-t", "app"]
        if escapes {
            arguments.append("-e")
        }
        if scrollback {
            arguments += ["-S", "-"]
        }
        return (try? run(arguments)) ?? ""
    }

    /// Sends keys by tmux's names, such as `Enter`, `C-c`, `F1` or `PPage`.
    func send(_ keys: String...) {
        _ = try? run(["send-keys", "-t", "app"] + keys, readsOutput: false)
    }

    /// Types `text` literally, UTF-8 included.
    func type(_ text: String) {
        _ = try? run(["send-keys", "-t", "app", "-l", text], readsOutput: false)
    }

    /// Types `text` and presses Enter.
    func enter(_ text: String) {
        type(text)
        send("Enter")
    }

    func resize(width: Int, height: Int) {
        let size = ["-x", "\(width)", "-y", "\(height)"]
        _ = try? run(["resize-window", "-t", "app"] + size, readsOutput: false)
    }

    /// Returns a tmux format such as `#{cursor_x}` expanded for the window.
    func display(_ format: String) -> String {
        let output = (try? run(["display-message", "-p", "-t", "app", format])) ?? ""
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the window every 50 ms until `condition` holds for its text, and returns that
    /// text, or `nil` after `timeout`.
    func waitFor(
        timeout: Duration = .seconds(10), _ condition: (String) -> Bool
    ) -> String? {
        let deadline = ContinuousClock.now + timeout
        while true {
            let text = capture()
            if condition(text) {
                return text
            }
            if ContinuousClock.now >= deadline {
                return nil
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Returns the text of a file the window's shell wrote: `before`, `after` or `pid`.
    func file(_ name: String) -> String? {
        try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// The process id of layerlab, once its shell has written it.
    var processID: Int32? {
        file("pid").flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Runs tmux on this test's socket and returns its standard output, or "" when
    /// `readsOutput` is false.
    ///
    /// tmux starts with no signal blocked. Foundation's `Process` passes on the signal mask of
    /// the calling thread, and the test pool's threads block nearly every signal, so the
    /// server, the shell and layerlab would ignore SIGTERM and SIGINT. Only the client's
    /// standard output is the pipe, because a server started by the client would hold the
    /// pipe open after the client exits.
    @discardableResult
    private func run(_ arguments: [String], readsOutput: Bool = true) throws -> String {
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

        var pipeEnds: [Int32] = [-1, -1]
        if readsOutput {
            guard pipe(&pipeEnds) == 0 else {
                throw TmuxError(message: "pipe() for tmux failed with errno \(errno)")
            }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if readsOutput {
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
            posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
            posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        let words = [tmux, "-S", folder.appendingPathComponent("socket").path] + arguments
        let argv = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, tmux, &actions, &attributes, argv, environ)
        if readsOutput {
            close(pipeEnds[1])
        }
        guard spawned == 0 else {
            if readsOutput { close(pipeEnds[0]) }
            throw TmuxError(message: "posix_spawn of \(tmux) failed with error \(spawned)")
        }

        var output: [UInt8] = []
        if readsOutput {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(pipeEnds[0], &buffer, buffer.count)
                if count <= 0 { break }
                output += buffer[..<count]
            }
            close(pipeEnds[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // The exit code is in bits 8-15 when the low 7 bits, the terminating signal, are 0.
        guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else {
            throw TmuxError(message: "tmux \(arguments.first ?? "") failed with status \(status)")
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Returns `text` in single quotes for the shell.
    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

struct TmuxError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
