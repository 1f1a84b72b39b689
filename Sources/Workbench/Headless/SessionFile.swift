import Datasets
import Foundation

/// Session file reading: UTF-8 text with a typed error for every way it can fail, split
/// into lines.
public enum SessionFile {
    /// Returns the lines of the session file at `path`, as `lines(of:)` splits them.
    ///
    /// - Throws: the errors of `read(path:)`.
    public static func readLines(path: String) throws(SessionFileError) -> [String] {
        lines(of: try read(path: path))
    }

    /// Splits session text at LF and CRLF line breaks, keeping empty lines so that the index
    /// plus one is the line number, and drops a leading UTF-8 byte order mark (U+FEFF).
    ///
    /// Swift treats CRLF as one `Character`, so splitting at the character "\n" alone would
    /// leave a file saved with Windows line breaks as one long line.
    public static func lines(of text: String) -> [String] {
        var body = Substring(text)
        if body.unicodeScalars.first == "\u{FEFF}" {
            body = Substring(body.unicodeScalars.dropFirst())
        }
        return body.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
            .map { line in line.hasSuffix("\r") ? String(line.dropLast()) : String(line) }
    }

    /// Returns the text of the session file at `path`.
    ///
    /// A named pipe, such as the `/dev/fd/63` of a shell's `<(command)`, is read to its end.
    ///
    /// - Throws: `SessionFileError` when the path does not exist, is a directory or a device,
    ///   cannot be read, or contains bytes that are not UTF-8.
    public static func read(path: String) throws(SessionFileError) -> String {
        var status = stat()
        guard stat(path, &status) == 0 else {
            switch errno {
            case ENOENT, ENOTDIR: throw .notFound(path: path)
            case EACCES: throw .permissionDenied(path: path)
            default: throw .readFailed(path: path, reason: String(cString: strerror(errno)))
            }
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG, S_IFIFO: break
        case S_IFDIR: throw .directory(path: path, sessions: sessionNames(in: path))
        default: throw .notRegularFile(path: path)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw access(path, R_OK) != 0 && errno == EACCES
                ? .permissionDenied(path: path)
                : .readFailed(path: path, reason: "the file could not be opened")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw .readFailed(path: path, reason: error.localizedDescription)
        }
        let bytes = [UInt8](data)
        if let invalid = InvalidUTF8.find(in: bytes) {
            throw .invalidUTF8(path: path, invalid)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Returns the names of the `.lab` files directly inside `directory`, sorted.
    private static func sessionNames(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".lab") }.sorted()
    }
}
