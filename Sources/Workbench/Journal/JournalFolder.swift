import Foundation

/// Where journals live and how a crashed one is found.
///
/// The journals folder is `$XDG_STATE_HOME/layerlab/journals`, or
/// `~/.local/state/layerlab/journals` when XDG_STATE_HOME is unset or not absolute, as the XDG
/// Base Directory Specification says. Each session gets a subfolder named after its start time
/// and process ID, holding `journal.txt` and its checkpoints.
public enum JournalFolder {
    /// How many closed journals are kept; older ones are removed at start.
    static let closedJournalsKept = 20

    /// Returns the journals folder for `environment`, or `nil` when neither XDG_STATE_HOME nor
    /// HOME gives one.
    public static func path(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/layerlab/journals"
        }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return home + "/.local/state/layerlab/journals"
    }

    static func checkpointFiles(folder: String, number: Int) -> SessionFiles {
        let base = folder + "/checkpoint-\(number)"
        return SessionFiles(script: base + ".lab", weights: base + ".safetensors")
    }

    /// Creates `path` and its parents with mode 0700 when missing.
    static func makeDirectory(_ path: String) throws(PersistenceError) {
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw .journal(path: path, reason: error.localizedDescription)
        }
    }

    /// Reads every journal under `journals`, oldest first by folder name.
    static func journals(in journals: String) -> [FoundJournal] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: journals)) ?? []
        return names.sorted().compactMap { name in
            FoundJournal(folder: journals + "/" + name)
        }
    }

    /// Returns the journals that were not closed and whose process is gone, newest first.
    public static func crashedJournals(in journals: String) -> [FoundJournal] {
        self.journals(in: journals).filter { $0.isCrashed }.reversed()
    }

    /// Removes closed journals beyond the newest `closedJournalsKept`, and crashed journals
    /// that hold no command (nothing to recover).
    static func prune(_ journals: String) {
        let all = self.journals(in: journals)
        for journal in all where journal.isCrashed && journal.commands.isEmpty {
            try? FileManager.default.removeItem(atPath: journal.folder)
        }
        let closed = all.filter(\.isClosed)
        for journal in closed.dropLast(closedJournalsKept) {
            try? FileManager.default.removeItem(atPath: journal.folder)
        }
    }

    /// Returns the time now in UTC as ISO 8601, such as `2026-12-04T17:02:11Z`.
    static func timestamp(_ date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        return formatter.string(from: date)
    }

    /// Returns a folder name for a journal started now: `20261204-170211-4242`, sortable by time.
    static func folderStamp(_ date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: date) + "-\(getpid())"
    }

    /// Returns the start time of process `pid` in clock ticks after boot, from /proc/PID/stat, or `nil`
    /// when there is no such process.
    static func processStart(_ pid: Int32) -> UInt64? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        // Fields after the command name, which may hold spaces, start at field 3 (the state);
        // the start time is field 22.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 19 else { return nil }
        return UInt64(fields[19])
    }

    /// Returns whether the process that `owner` names still runs.
    static func isRunning(_ owner: JournalOwner) -> Bool {
        guard let start = processStart(owner.processID) else { return false }
        return owner.processStart == 0 || start == owner.processStart
    }
}

extension JournalOwner {
    /// This process, now.
    static func current() -> JournalOwner {
        JournalOwner(
            processID: getpid(), processStart: JournalFolder.processStart(getpid()) ?? 0,
            time: JournalFolder.timestamp(),
            directory: FileManager.default.currentDirectoryPath)
    }
}

/// A journal read from disk, with what recovery needs from it.
public struct FoundJournal {
    /// The journal's folder.
    public let folder: String
    /// The first owner (from `open`) and the latest (from `open` or `resume`).
    let firstOwner: JournalOwner
    let owner: JournalOwner
    /// Every command record, in order.
    public let commands: [String]
    let checkpoints: [JournalCheckpoint]
    let isClosed: Bool

    /// Reads the journal in `folder`; `nil` when it has no readable journal.
    init?(folder: String) {
        guard let data = FileManager.default.contents(atPath: folder + "/" + SessionJournal.fileName)
        else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        // A crash can cut the last record short; only records ended by a newline count.
        let complete = text.hasSuffix("\n") ? text[...] : text[..<(text.lastIndex(of: "\n") ?? text.startIndex)]
        var first: JournalOwner?
        var latest: JournalOwner?
        var commands: [String] = []
        var checkpoints: [JournalCheckpoint] = []
        var closed = false
        for line in complete.split(separator: "\n") {
            switch JournalRecord(line: line) {
            case .open(let owner)?:
                first = first ?? owner
                latest = owner
                closed = false
            case .resume(let owner)?:
                latest = owner
                closed = false
            case .command(let command)?: commands.append(command)
            case .checkpoint(let checkpoint)?: checkpoints.append(checkpoint)
            case .close?: closed = true
            case .header?, nil: break
            }
        }
        guard let first, let latest else { return nil }
        self.folder = folder
        self.firstOwner = first
        self.owner = latest
        self.commands = commands
        self.checkpoints = checkpoints
        self.isClosed = closed
    }

    /// Whether the session ended without closing its journal and its process is gone.
    var isCrashed: Bool {
        !isClosed && !JournalFolder.isRunning(owner)
    }

    /// A one-line description for the recovery question.
    public var summary: String {
        var text = "the session started \(firstOwner.time.replacingOccurrences(of: "T", with: " "))"
            + " (process \(owner.processID)) ended without `quit`: \(commands.count) command"
            + (commands.count == 1 ? "" : "s")
        if let last = checkpoints.last {
            text += ", checkpoint at epoch \(last.epoch), step \(last.step)"
        }
        return text
    }
}
