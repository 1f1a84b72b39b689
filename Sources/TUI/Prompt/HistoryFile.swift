import Foundation

/// The file that keeps the prompt's command history between sessions.
enum HistoryFile {
    /// The number of lines kept, in memory and in the file.
    static let capacity = 1000

    /// Returns the history file's path: `$XDG_STATE_HOME/layerlab/history`, or
    /// `~/.local/state/layerlab/history` when XDG_STATE_HOME is unset or not absolute, as the
    /// XDG Base Directory Specification requires. Returns `nil` when neither variable gives a
    /// folder.
    static func path(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/layerlab/history"
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/state/layerlab/history"
    }

    /// Creates the file's folder and the file itself when missing, so that lines can be
    /// appended to it.
    ///
    /// - Throws: The file system's error when the folder or the file cannot be created.
    static func prepare(path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(
                atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        }
    }
}
