import Engine
import Foundation
import TUI
import Workbench

// The layerlab executable: argument parsing and wiring only.

let version = layerLabVersion

let usage = """
    LayerLab \(version): a terminal workbench for seeing how neural networks learn.

    usage:
      layerlab [FILE.lab] [--recover|--no-recover]
                                                start the workbench, running FILE.lab first
      layerlab run FILE.lab [ARG ...] [--json]  run a session without a screen
      layerlab --help | --version

    options:
      --json   with `run`: print one JSON object per epoch and a final summary object
               on standard output (messages go to standard error)
      --recover      after a session that ended without `quit`, restore its last
                     checkpoint and replay its commands without asking
      --no-recover   start fresh without asking; the next start asks again

    In a session file, $1, $2, ... stand for the ARGs given after its name.
    Type `help` at the prompt, or read README.md, for the command language.
    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("layerlab: \(message)\n".utf8))
    exit(2)
}

BLAS.setThreadCount(1)
Allocator.keepFreedMemory()
var arguments = Array(CommandLine.arguments.dropFirst())

if arguments.contains("--help") || arguments.contains("-h") {
    print(usage)
    exit(0)
}
if arguments.contains("--version") {
    print("layerlab \(version)")
    exit(0)
}

if arguments.first == "run" {
    arguments.removeFirst()
    let json = arguments.contains("--json")
    arguments.removeAll { $0 == "--json" }
    if let unknown = arguments.first(where: { $0.hasPrefix("--") }) {
        fail("unknown option '\(unknown)' for run; valid: --json (see layerlab --help)")
    }
    guard let path = arguments.first else {
        fail("run needs a session file, for example `layerlab run sessions/iris.lab`")
    }
    let runner = HeadlessRunner(format: json ? .json : .text)
    exit(runner.run(path: path, arguments: Array(arguments.dropFirst())))
}

// The prompt journals every command under the XDG state folder, so a crash loses nothing.
var recovery = RecoveryChoice.ask
if arguments.contains("--recover") { recovery = .recover }
if arguments.contains("--no-recover") { recovery = .skip }
if arguments.contains("--recover") && arguments.contains("--no-recover") {
    fail("--recover and --no-recover exclude each other; give one of them")
}
arguments.removeAll { $0 == "--recover" || $0 == "--no-recover" }
if let folder = JournalFolder.path(environment: ProcessInfo.processInfo.environment) {
    JournalSettings.processDefault = JournalSettings(directory: folder, recovery: recovery)
}

if let unknown = arguments.first(where: { $0.hasPrefix("-") }) {
    fail("unknown option '\(unknown)'; see layerlab --help")
}
if arguments.count > 1 {
    fail("expected at most one session file, got \(arguments.count); see layerlab --help")
}
// A session file that cannot be read ends the start with one `FILE: message` line and status
// 1, as a failing session line does, before the screen or the journal starts.
if let path = arguments.first {
    do {
        _ = try SessionFile.read(path: path)
    } catch {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        exit(1)
    }
}
if let reason = TerminalCheck.reasonScreenIsUnavailable(
    environment: ProcessInfo.processInfo.environment)
{
    FileHandle.standardError.write(Data((ScreenApp.noScreenMessage(reason: reason) + "\n").utf8))
    exit(InteractiveSession.run(sessionPath: arguments.first, signals: LineModeSignals.install()))
}
exit(ScreenApp.run(sessionPath: arguments.first))
