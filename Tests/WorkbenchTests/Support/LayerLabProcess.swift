import Foundation
import Testing

/// Runs the layerlab executable the way a user does, for end-to-end tests.
///
/// The binary is `LAYERLAB_BIN` when set (`make test` points it at the release build), else the
/// release build under the package's `.build` folder.
enum LayerLabProcess {
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["LAYERLAB_BIN"], !path.isEmpty {
            return path
        }
        return packageRoot.appendingPathComponent(".build/release/layerlab").path
    }

    static var binaryExists: Bool {
        FileManager.default.isExecutableFile(atPath: binary)
    }

    /// Runs layerlab with `arguments` from the package root and waits for it to exit.
    ///
    /// - Parameter environment: variables set on top of the test process's environment.
    static func run(
        _ arguments: [String], directory: URL? = nil, environment extra: [String: String] = [:]
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "interactive=no"
        // Text output is ASCII under a locale that is not UTF-8, so the tests fix a UTF-8 one
        // unless they set their own.
        environment["LC_ALL"] = "C.UTF-8"
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read before waiting, so a full pipe cannot block the child.
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: String(decoding: errData, as: UTF8.self))
    }

    /// Runs `layerlab run FILE --json` and returns the decoded objects printed on standard output.
    static func runJSON(session: String) throws -> (Result, [[String: Any]]) {
        let result = try run(["run", session, "--json"])
        let objects = result.standardOutput.split(separator: "\n").compactMap { line in
            try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        }
        return (result, objects)
    }
}

/// A condition for tests that need the built binary.
let binaryIsBuilt = ConditionTrait.enabled(
    if: LayerLabProcess.binaryExists,
    "needs the release binary: run `make test`, or `swift build -c release` first")
