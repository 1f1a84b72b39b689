import Foundation

/// LayerLab's version, written into saved sessions and shown by `layerlab --version`.
public let layerLabVersion = "0.1.0"

/// The two files of a saved session: the commands that rebuild it (`NAME.lab`) and its tensors
/// and progress (`NAME.safetensors`).
public struct SessionFiles: Equatable, Sendable {
    public var script: String
    public var weights: String

    public init(script: String, weights: String) {
        self.script = script
        self.weights = weights
    }

    /// Names the files of `name`, a path without extension or ending in `.lab` or
    /// `.safetensors`.
    public init(name: String) throws(PersistenceError) {
        var base = name
        for suffix in [".lab", ".safetensors"] where base.hasSuffix(suffix) {
            base.removeLast(suffix.count)
        }
        guard !base.isEmpty, !base.hasSuffix("/") else {
            throw .invalidName(name, reason: "it has no file name before the extension")
        }
        guard !base.contains("\0") else {
            throw .invalidName(name, reason: "it contains a NUL character")
        }
        self.init(script: base + ".lab", weights: base + ".safetensors")
    }

    /// The name as `load` takes it: the script's path without `.lab`.
    public var name: String { String(script.dropLast(".lab".count)) }

    /// The folder of the files, for data paths written relative to it.
    var directory: String {
        let folder = (script as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }
}
