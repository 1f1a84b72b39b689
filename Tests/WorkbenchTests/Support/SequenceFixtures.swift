import Foundation
import Testing

@testable import Workbench

/// A fresh folder under the system's temporary directory for one test's files, removed with
/// everything in it when the value is deinitialized.
final class ScratchFolder {
    let path: String

    init() throws {
        path = (NSTemporaryDirectory() as NSString)
            .appendingPathComponent("layerlab-sequences-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        // Cleanup is best effort, because a leftover folder in /tmp harms no test.
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `bytes` to the file `name` and returns the file's path.
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let filePath = (path as NSString).appendingPathComponent(name)
        try Data(bytes).write(to: URL(fileURLWithPath: filePath))
        return filePath
    }

    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }
}

/// Helpers of the tests of the sequence, image and array commands.
enum SequenceFixtures {
    /// Returns the path of a file in samples/.
    static func samplePath(_ name: String) -> String {
        LayerLabProcess.packageRoot.appendingPathComponent("samples/\(name)").path
    }

    /// Runs `lines` and returns the error of the last one, which must fail; the lines before
    /// it must succeed.
    static func failure(_ lines: [String]) throws -> WorkbenchError {
        let (executor, _) = try OutputRecorder.executor(Array(lines.dropLast()))
        do {
            try executor.execute(line: lines[lines.count - 1])
        } catch {
            return error
        }
        Issue.record("`\(lines[lines.count - 1])` did not fail")
        throw CancellationError()
    }
}
