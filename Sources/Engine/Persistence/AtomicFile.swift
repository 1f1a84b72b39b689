import Glibc

/// Replaces files so that a reader sees either the old contents or the new, never a mix.
public enum AtomicFile {
    /// Writes `bytes` to `path` through a temporary file in the same directory.
    ///
    /// The steps:
    /// 1. Create `.<name>.tmp-<random hex>` next to `path` with `O_EXCL`.
    /// 2. Give it the permission bits of the file it replaces (a new file gets 0666 less the
    ///    umask).
    /// 3. Write every byte, `fsync` the file and close it.
    /// 4. `rename` it over `path`.
    /// 5. `fsync` the directory, so that the rename itself reaches the disk.
    ///
    /// When a step up to the rename fails, the temporary file is removed and `path` keeps its
    /// old contents, or stays absent. When only the final directory sync fails, the new file
    /// is already in place and the error's step is `.syncDirectory`. A file system that cannot
    /// sync directories (`EINVAL`) is not an error.
    ///
    /// NOTE: when `path` is a symbolic link, the link itself is replaced by a regular file. A
    /// crash between steps 1 and 4 leaves the temporary file behind.
    public static func write(_ bytes: [UInt8], to path: String) throws(FileWriteError) {
        let (directory, name) = split(path)
        guard !name.isEmpty else {
            throw FileWriteError(path: path, step: .createTemporaryFile, errorNumber: EISDIR)
        }
        let (descriptor, temporaryPath) = try createTemporaryFile(
            directory: directory, name: name, target: path)

        do throws(FileWriteError) {
            try copyPermissions(from: path, to: descriptor, target: path)
            try writeAll(bytes, to: descriptor, target: path)
            guard fsync(descriptor) == 0 else {
                throw FileWriteError(path: path, step: .sync, errorNumber: errno)
            }
        } catch {
            close(descriptor)
            unlink(temporaryPath)
            throw error
        }
        guard close(descriptor) == 0 else {
            let code = errno
            unlink(temporaryPath)
            throw FileWriteError(path: path, step: .close, errorNumber: code)
        }
        guard rename(temporaryPath, path) == 0 else {
            let code = errno
            unlink(temporaryPath)
            throw FileWriteError(path: path, step: .rename, errorNumber: code)
        }
        try syncDirectory(directory, target: path)
    }

    /// Splits a path into the directory to create the temporary file in and the file's name.
    private static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[...slash])
        return (directory, String(path[path.index(after: slash)...]))
    }

    private static func createTemporaryFile(directory: String, name: String, target: String)
        throws(FileWriteError) -> (descriptor: Int32, path: String)
    {
        let prefix = directory == "." ? "" : directory
        var random = SystemRandomNumberGenerator()
        // A clash with an existing name is retried with a new random suffix.
        for _ in 0..<16 {
            let suffix = String(random.next() as UInt64, radix: 16)
            let temporaryPath = "\(prefix).\(name).tmp-\(suffix)"
            let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor >= 0 { return (descriptor, temporaryPath) }
            if errno != EEXIST {
                throw FileWriteError(path: target, step: .createTemporaryFile, errorNumber: errno)
            }
        }
        throw FileWriteError(path: target, step: .createTemporaryFile, errorNumber: EEXIST)
    }

    private static func copyPermissions(from path: String, to descriptor: Int32, target: String)
        throws(FileWriteError)
    {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return }
        guard fchmod(descriptor, status.st_mode & 0o7777) == 0 else {
            throw FileWriteError(path: target, step: .copyPermissions, errorNumber: errno)
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, target: String)
        throws(FileWriteError)
    {
        let result = bytes.withUnsafeBytes { buffer -> Int32? in
            var done = 0
            while done < buffer.count {
                let count = Glibc.write(descriptor, buffer.baseAddress! + done, buffer.count - done)
                if count > 0 {
                    done += count
                } else if count == 0 {
                    return EIO
                } else if errno != EINTR {
                    return errno
                }
            }
            return nil
        }
        if let code = result {
            throw FileWriteError(path: target, step: .write, errorNumber: code)
        }
    }

    private static func syncDirectory(_ directory: String, target: String) throws(FileWriteError) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw FileWriteError(path: target, step: .syncDirectory, errorNumber: errno)
        }
        defer { close(descriptor) }
        if fsync(descriptor) != 0 && errno != EINVAL {
            throw FileWriteError(path: target, step: .syncDirectory, errorNumber: errno)
        }
    }
}

/// A failed step of `AtomicFile.write`, with the `errno` value it returned.
public struct FileWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The step of an atomic write that failed.
    public enum Step: String, Sendable {
        case createTemporaryFile = "create a temporary file next to it"
        case copyPermissions = "copy the old file's permissions to the temporary file"
        case write = "write the temporary file"
        case sync = "flush the temporary file to disk"
        case close = "close the temporary file"
        case rename = "rename the temporary file over it"
        case syncDirectory = "flush its directory to disk"
    }

    /// The file that was to be written.
    public var path: String
    public var step: Step
    public var errorNumber: Int32

    public init(path: String, step: Step, errorNumber: Int32) {
        self.path = path
        self.step = step
        self.errorNumber = errorNumber
    }

    public var description: String {
        let cause = systemErrorMessage(errorNumber)
        if step == .syncDirectory {
            return "\(path): the new file is in place, but failed to \(step.rawValue): \(cause); "
                + "the change may be lost if the machine crashes, so save again to be sure"
        }
        return "\(path): cannot save: failed to \(step.rawValue): \(cause); the old file, if "
            + "any, is unchanged, so check that the directory exists, is writable and has space"
    }
}
