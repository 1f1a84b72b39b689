import Foundation

/// A regular file opened for reading with POSIX calls, front to back, and closed on release.
///
/// Binary loaders read the header first and check the sizes it claims against `size` before
/// they allocate the buffer for the data.
final class FileReader {
    let path: String
    /// The file's size in bytes when it was opened.
    let size: Int
    /// The number of bytes read so far.
    private(set) var position = 0
    private let descriptor: Int32

    /// Opens `path` for reading.
    ///
    /// - Throws: `DatasetError.unreadableFile` when the file is missing, not readable, a
    ///   directory or not a regular file.
    init(path: String) throws(DatasetError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .unreadableFile(path: path, reason: Self.reason(errno))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = Self.reason(errno)
            close(descriptor)
            throw .unreadableFile(path: path, reason: reason)
        }
        let type = status.st_mode & S_IFMT
        guard type == S_IFREG else {
            close(descriptor)
            let reason = type == S_IFDIR ? "the path is a directory" : "not a regular file"
            throw .unreadableFile(path: path, reason: reason)
        }
        self.path = path
        self.size = Int(status.st_size)
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// The bytes not read yet, by the size the file had when it was opened.
    var remainingCount: Int { max(0, size - position) }

    /// Fills `buffer` from the current position and returns the number of bytes read, which
    /// is less than `buffer.count` only at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(DatasetError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var total = 0
        while total < buffer.count {
            let count = Foundation.read(descriptor, base + total, buffer.count - total)
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadableFile(path: path, reason: Self.reason(errno))
            }
            if count == 0 { break }
            total += count
        }
        position += total
        return total
    }

    /// Returns up to `count` bytes from the start of the file without moving the position.
    func peekStart(count: Int) throws(DatasetError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let found = bytes.withUnsafeMutableBytes { buffer in
            pread(descriptor, buffer.baseAddress, count, 0)
        }
        guard found >= 0 else { throw .unreadableFile(path: path, reason: Self.reason(errno)) }
        bytes.removeLast(count - found)
        return bytes
    }

    /// Words an `errno` value the way the CSV loader words the same failures.
    private static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: "file not found"
        case EACCES: "permission denied"
        default: String(cString: strerror(code))
        }
    }
}
