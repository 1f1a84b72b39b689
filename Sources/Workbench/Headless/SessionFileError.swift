import Datasets

/// Why a session file (`FILE.lab`) could not be read, rendered as one `FILE: message` line that
/// names the problem and the fix.
public enum SessionFileError: Error, Equatable, Sendable, CustomStringConvertible {
    case notFound(path: String)
    /// The path is a directory; `sessions` lists the `.lab` files directly inside it.
    case directory(path: String, sessions: [String])
    case notRegularFile(path: String)
    case permissionDenied(path: String)
    case readFailed(path: String, reason: String)
    case invalidUTF8(path: String, InvalidUTF8)

    public var description: String {
        switch self {
        case .notFound(let path):
            return "\(path): session file not found; check the name and the working directory"
                + " (the examples are in sessions/, such as sessions/iris.lab)"
        case .directory(let path, let sessions):
            let fix = sessions.isEmpty
                ? "it has no .lab file, so give the path of one elsewhere"
                : "give one of its .lab files, such as "
                    + sessions.prefix(3).map { joined(path, $0) }.joined(separator: ", ")
            return "\(path): is a directory, not a session file; \(fix)"
        case .notRegularFile(let path):
            return "\(path): is not a regular file; give the path of a .lab file"
        case .permissionDenied(let path):
            return "\(path): permission denied; make the file readable, as with `chmod u+r`"
        case .readFailed(let path, let reason):
            return "\(path): cannot read the session file: \(reason); check the file and retry"
        case .invalidUTF8(let path, let invalid):
            return "\(path):\(invalid.line): \(invalid) is not valid UTF-8; save the session"
                + " file as UTF-8, for example with `iconv -f latin1 -t utf-8`"
        }
    }

    private func joined(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
