import Foundation

/// A fresh directory under the system's temporary directory for one test's fixture files,
/// removed with everything in it when the value is deinitialized.
final class FixtureDirectory {
    let path: String

    init() throws {
        let name = "layerlab-datasets-\(UUID().uuidString)"
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        // Cleanup is best effort, because a leftover directory in /tmp harms no test.
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `text` as UTF-8 to the file `name` in the directory and returns the file's path.
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    /// Writes `bytes` to the file `name` in the directory and returns the file's path.
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let filePath = (path as NSString).appendingPathComponent(name)
        try Data(bytes).write(to: URL(fileURLWithPath: filePath))
        return filePath
    }
}

/// Returns the path of a file in the repository's samples/ directory.
func samplePath(_ name: String) -> String {
    URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // DatasetsTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the package root
        .appendingPathComponent("samples")
        .appendingPathComponent(name)
        .path
}

/// Whether `a` and `b` differ by at most `tolerance`.
func isClose(_ a: Float, _ b: Float, tolerance: Float = 1e-5) -> Bool {
    abs(a - b) <= tolerance
}
