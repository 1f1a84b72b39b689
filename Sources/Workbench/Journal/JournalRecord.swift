/// One line of a session journal.
///
/// A journal is UTF-8 text, one record per line, with fields separated by tabs:
/// ```
/// layerlab-journal	1
/// open	pid=4242	process_start=981234	time=2026-12-04T17:02:11Z	cwd=/home/ada/lab
/// command	dense 16 relu
/// checkpoint	3	commands=9	step=555	epoch=37	loss=0.0123
/// resume	pid=4377	process_start=990012	time=2026-12-04T17:09:40Z	cwd=/home/ada/lab
/// close	time=2026-12-04T17:30:00Z
/// ```
/// `open` starts the journal and `resume` marks the process that recovered it and writes on.
/// `checkpoint N` says that checkpoint-N.lab and checkpoint-N.safetensors in the journal's
/// folder hold the state after the first `commands` command records. `close` marks a clean
/// exit. In a command, a backslash, tab, newline and carriage return are written as `\\`,
/// `\t`, `\n` and `\r`.
enum JournalRecord: Equatable {
    case header(version: Int)
    case open(JournalOwner)
    case resume(JournalOwner)
    case command(String)
    case checkpoint(JournalCheckpoint)
    case close(time: String)

    static let headerWord = "layerlab-journal"
    static let version = 1

    /// The record as one line, without the newline.
    var line: String {
        switch self {
        case .header(let version): "\(Self.headerWord)\t\(version)"
        case .open(let owner): "open\t" + owner.fields
        case .resume(let owner): "resume\t" + owner.fields
        case .command(let text): "command\t" + Self.escaped(text)
        case .checkpoint(let checkpoint):
            "checkpoint\t\(checkpoint.number)\tcommands=\(checkpoint.commandCount)"
                + "\tstep=\(checkpoint.step)\tepoch=\(checkpoint.epoch)\tloss=\(checkpoint.loss)"
        case .close(let time): "close\ttime=\(time)"
        }
    }

    /// Parses one line; returns `nil` for a line that is not a record, which readers skip.
    init?(line: Substring) {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard let kind = fields.first else { return nil }
        let values = Self.keyValues(fields.dropFirst())
        switch kind {
        case Substring(Self.headerWord):
            guard fields.count == 2, let version = Int(fields[1]) else { return nil }
            self = .header(version: version)
        case "open", "resume":
            guard let owner = JournalOwner(values) else { return nil }
            self = kind == "open" ? .open(owner) : .resume(owner)
        case "command":
            guard fields.count >= 2 else { return nil }
            self = .command(Self.unescaped(fields[1...].joined(separator: "\t")))
        case "checkpoint":
            guard fields.count >= 2, let number = Int(fields[1]),
                let commands = values["commands"].flatMap({ Int($0) }),
                let step = values["step"].flatMap({ Int($0) }),
                let epoch = values["epoch"].flatMap({ Int($0) })
            else { return nil }
            self = .checkpoint(
                JournalCheckpoint(
                    number: number, commandCount: commands, step: step, epoch: epoch,
                    loss: values["loss"] ?? "none"))
        case "close":
            self = .close(time: values["time"] ?? "")
        default:
            return nil
        }
    }

    private static func keyValues(_ fields: ArraySlice<Substring>) -> [String: String] {
        var values: [String: String] = [:]
        for field in fields {
            guard let equals = field.firstIndex(of: "=") else { continue }
            values[String(field[..<equals])] = String(field[field.index(after: equals)...])
        }
        return values
    }

    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result.append(character)
            }
        }
        return result
    }

    static func unescaped(_ text: String) -> String {
        var result = ""
        var characters = text.makeIterator()
        while let character = characters.next() {
            guard character == "\\", let next = characters.next() else {
                result.append(character)
                continue
            }
            switch next {
            case "t": result.append("\t")
            case "n": result.append("\n")
            case "r": result.append("\r")
            default: result.append(next)
            }
        }
        return result
    }
}

/// The process that writes a journal, to tell a crash from a session still running.
struct JournalOwner: Equatable {
    var processID: Int32
    /// The process's start time in clock ticks after boot (field 22 of /proc/PID/stat), which
    /// tells a reused process ID apart; 0 when unknown.
    var processStart: UInt64
    var time: String
    /// The working directory, from which relative data paths of the session resolve.
    var directory: String

    var fields: String {
        "pid=\(processID)\tprocess_start=\(processStart)\ttime=\(time)\tcwd="
            + JournalRecord.escaped(directory)
    }

    init(processID: Int32, processStart: UInt64, time: String, directory: String) {
        self.processID = processID
        self.processStart = processStart
        self.time = time
        self.directory = directory
    }

    init?(_ values: [String: String]) {
        guard let pid = values["pid"].flatMap({ Int32($0) }) else { return nil }
        processID = pid
        processStart = values["process_start"].flatMap { UInt64($0) } ?? 0
        time = values["time"] ?? ""
        directory = JournalRecord.unescaped(values["cwd"] ?? "")
    }
}

/// A checkpoint marker: which files hold the state after how many commands.
struct JournalCheckpoint: Equatable {
    var number: Int
    /// The command records written before the checkpoint; the state includes their effects.
    var commandCount: Int
    var step: Int
    var epoch: Int
    /// The loss of the last step before the checkpoint, as the checkpoint stores it.
    var loss: String
}
