import Glibc

/// A regular file opened read-only, read at absolute offsets with `pread`.
///
/// The size is taken once, when the file is opened; a read that finds the file shorter throws
/// `fileChangedWhileReading`.
struct ReadOnlyFile: ~Copyable {
    let path: String
    let size: Int
    private let descriptor: Int32

    init(path: String) throws(SafeTensorsError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .unreadableFile(path: path, reason: systemErrorMessage(errno))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = systemErrorMessage(errno)
            close(descriptor)
            throw .unreadableFile(path: path, reason: reason)
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            let kind = status.st_mode & S_IFMT == S_IFDIR ? "a directory" : "not a regular file"
            throw .unreadableFile(path: path, reason: "it is \(kind)")
        }
        self.path = path
        self.size = Int(status.st_size)
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Fills `bytes` with the file's bytes from `offset` on.
    func read(into bytes: inout [UInt8], at offset: Int) throws(SafeTensorsError) {
        var failure: SafeTensorsError?
        bytes.withUnsafeMutableBytes { buffer in
            do throws(SafeTensorsError) {
                try read(into: buffer, at: offset)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    private func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int)
        throws(SafeTensorsError)
    {
        guard let base = buffer.baseAddress else { return }
        var done = 0
        while done < buffer.count {
            let count = pread(descriptor, base + done, buffer.count - done, off_t(offset + done))
            if count > 0 {
                done += count
            } else if count == 0 {
                throw .fileChangedWhileReading(path: path, offset: offset + done)
            } else if errno != EINTR {
                throw .unreadableFile(path: path, reason: systemErrorMessage(errno))
            }
        }
    }
}

/// Returns the C library's text for an `errno` value, e.g. "No such file or directory".
func systemErrorMessage(_ code: Int32) -> String {
    String(cString: strerror(code))
}
