import Foundation
import Testing

@testable import TUI

struct HistoryFileTests {
    @Test func stateHomeWins() {
        let path = HistoryFile.path(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"])
        #expect(path == "/s/layerlab/history")
    }

    @Test func homeIsTheFallback() {
        #expect(HistoryFile.path(environment: ["HOME": "/h"]) == "/h/.local/state/layerlab/history")
        // The XDG specification requires ignoring a relative path.
        #expect(
            HistoryFile.path(environment: ["XDG_STATE_HOME": "state", "HOME": "/h"])
                == "/h/.local/state/layerlab/history")
    }

    @Test func noFolderWithoutEitherVariable() {
        #expect(HistoryFile.path(environment: [:]) == nil)
        #expect(HistoryFile.path(environment: ["HOME": ""]) == nil)
    }

    @Test func prepareCreatesFolderAndFile() throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("layerlab-history-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("a/b/history").path
        try HistoryFile.prepare(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
        // A second call keeps the existing file.
        try Data("train 1\n".utf8).write(to: URL(fileURLWithPath: path))
        try HistoryFile.prepare(path: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "train 1\n")
    }

    @Test func prepareThrowsWhenTheFolderCannotExist() throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("layerlab-history-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        // A file where the folder should be.
        try Data().write(to: root)
        #expect(throws: (any Error).self) {
            try HistoryFile.prepare(path: root.appendingPathComponent("history").path)
        }
    }
}
