import Engine
import Foundation
import Synchronization

/// The journal of one interactive session: every typed command, appended and flushed to disk
/// before it runs, and the markers of the checkpoints that training writes.
///
/// The journal lives in a folder of its own under the journals folder (see `JournalFolder`),
/// with the checkpoint files next to it. Appends from the prompt's thread and from the training
/// thread are serialized.
public final class SessionJournal: Sendable {
    /// The journal's folder, which also contains its checkpoints.
    public let folder: String
    /// The journal file, `journal.txt` in `folder`.
    public let path: String
    private let state: Mutex<State>

    private struct State {
        var descriptor: Int32
        var commands: [String]
        var checkpointCount: Int
        /// The first write error, reported once.
        var failure: String?
    }

    static let fileName = "journal.txt"

    private init(folder: String, descriptor: Int32, commands: [String], checkpoints: Int) {
        self.folder = folder
        self.path = folder + "/" + Self.fileName
        state = Mutex(
            State(descriptor: descriptor, commands: commands, checkpointCount: checkpoints))
    }

    /// Creates a new journal in a new folder under `journals`, and writes its header and `open`
    /// record.
    static func create(in journals: String) throws(PersistenceError) -> SessionJournal {
        try JournalFolder.makeDirectory(journals)
        let stamp = JournalFolder.folderStamp()
        var folder = journals + "/" + stamp
        var attempt = 1
        while mkdir(folder, 0o700) != 0 {
            guard errno == EEXIST, attempt < 100 else {
                throw .journal(path: folder, reason: systemErrorText(errno))
            }
            attempt += 1
            folder = journals + "/" + stamp + "-\(attempt)"
        }
        let journal = try open(folder: folder, commands: [], checkpoints: 0)
        try journal.append([.header(version: JournalRecord.version), .open(.current())])
        return journal
    }

    /// Opens an existing journal to write on after recovering it, and writes a `resume`
    /// record.
    static func takeOver(_ found: FoundJournal) throws(PersistenceError) -> SessionJournal {
        let journal = try open(
            folder: found.folder, commands: found.commands,
            checkpoints: found.checkpoints.map(\.number).max() ?? 0)
        try journal.append([.resume(.current())])
        return journal
    }

    private static func open(folder: String, commands: [String], checkpoints: Int)
        throws(PersistenceError) -> SessionJournal
    {
        let path = folder + "/" + fileName
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .journal(path: path, reason: systemErrorText(errno))
        }
        return SessionJournal(
            folder: folder, descriptor: descriptor, commands: commands, checkpoints: checkpoints)
    }

    /// Every command of the journal, the recovered ones included, oldest first.
    public var commands: [String] {
        state.withLock { $0.commands }
    }

    /// Appends a typed command and flushes it to disk.
    func appendCommand(_ line: String) throws(PersistenceError) {
        try append([.command(line)])
    }

    /// Returns the number for the next checkpoint's files.
    func nextCheckpointNumber() -> Int {
        state.withLock { $0.checkpointCount + 1 }
    }

    /// Returns the files of checkpoint `number`.
    func checkpointFiles(_ number: Int) -> SessionFiles {
        JournalFolder.checkpointFiles(folder: folder, number: number)
    }

    /// Records that checkpoint `number`, whose files are written, contains the state after the
    /// first `commandCount` commands; then removes the files of the checkpoints before the
    /// previous one.
    func appendCheckpoint(number: Int, commandCount: Int, step: Int, epoch: Int, loss: String)
        throws(PersistenceError)
    {
        try append([
            .checkpoint(
                JournalCheckpoint(
                    number: number, commandCount: commandCount, step: step, epoch: epoch,
                    loss: loss))
        ])
        state.withLock { $0.checkpointCount = max($0.checkpointCount, number) }
        for old in stride(from: number - 2, to: max(0, number - 6), by: -1) {
            let files = checkpointFiles(old)
            unlink(files.weights)
            unlink(files.script)
        }
    }

    /// Writes `close`, removes the checkpoint files and closes the file. A closed journal is
    /// never offered for recovery.
    func close() {
        _ = try? append([.close(time: JournalFolder.timestamp())])
        let count = state.withLock { state -> Int in
            if state.descriptor >= 0 { Glibc.close(state.descriptor) }
            state.descriptor = -1
            return state.checkpointCount
        }
        for number in stride(from: count, through: 1, by: -1) {
            let files = checkpointFiles(number)
            unlink(files.weights)
            unlink(files.script)
        }
    }

    /// Closes the file without a `close` record and keeps the checkpoints, for an exit on
    /// SIGHUP, SIGTERM or SIGPIPE. The next start offers the session for recovery, as after a
    /// crash.
    func leaveOpen() {
        state.withLock { state in
            if state.descriptor >= 0 { Glibc.close(state.descriptor) }
            state.descriptor = -1
        }
    }

    /// Removes the journal's folder, for a journal without commands.
    func discard() {
        state.withLock { state in
            if state.descriptor >= 0 { Glibc.close(state.descriptor) }
            state.descriptor = -1
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Writes the records with one `write` and flushes them with `fsync`. A crash in the middle
    /// leaves at most a last line without its newline, which readers skip.
    private func append(_ records: [JournalRecord]) throws(PersistenceError) {
        let text = records.map { $0.line + "\n" }.joined()
        let failure: String? = state.withLock { state in
            guard state.descriptor >= 0 else { return "the journal is closed" }
            let bytes = Array(text.utf8)
            var done = 0
            while done < bytes.count {
                let written = bytes[done...].withUnsafeBytes {
                    Glibc.write(state.descriptor, $0.baseAddress, $0.count)
                }
                if written > 0 {
                    done += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return systemErrorText(written < 0 ? errno : EIO)
                }
            }
            guard fsync(state.descriptor) == 0 else { return systemErrorText(errno) }
            for case .command(let line) in records {
                state.commands.append(line)
            }
            return nil
        }
        if let failure {
            throw .journal(path: path, reason: failure)
        }
    }
}

/// Returns the text of an `errno` value, such as "No such file or directory".
func systemErrorText(_ code: Int32) -> String {
    String(cString: strerror(code))
}
