/// The largest data section, in bytes, that the IDX and NPY readers accept: 2 GiB.
///
/// A header can claim any shape, so the readers refuse a claim above this limit before they
/// allocate anything. The MNIST training images need 47 MB, far below it.
let maximumArrayDataBytes = 1 << 31

/// The bytes of a data file in order: the file's own bytes, or the bytes decompressed from a
/// gzip file.
protocol ByteStream: AnyObject {
    /// The file's path, for error messages.
    var path: String { get }
    /// Whether the bytes are decompressed from gzip, so that offsets count decompressed bytes.
    var isDecompressed: Bool { get }
    /// The number of bytes delivered so far.
    var position: Int { get }
    /// The number of bytes left when it is known without reading them, that is for a plain
    /// file; `nil` for decompressed data.
    var knownRemainingCount: Int? { get }
    /// Fills `buffer` and returns the number of bytes written, which is less than
    /// `buffer.count` only at the end of the data.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(DatasetError) -> Int
}

extension FileReader: ByteStream {
    var isDecompressed: Bool { false }
    var knownRemainingCount: Int? { remainingCount }
}

/// Opens `path` for reading, through zlib when the file starts with the gzip magic bytes
/// `1f 8b`, whatever its name.
func openByteStream(path: String) throws(DatasetError) -> any ByteStream {
    let file = try FileReader(path: path)
    if try file.peekStart(count: 2) == GzipStream.magic {
        return try GzipStream(file: file)
    }
    return file
}

extension ByteStream {
    /// Returns the error for `problem` found at byte `offset` of the stream.
    func malformed(_ problem: FileFormatProblem, at offset: Int) -> DatasetError {
        .malformedFile(path: path, offset: offset, isDecompressed: isDecompressed, problem: problem)
    }

    /// Reads up to `count` bytes, fewer only at the end of the data.
    ///
    /// The buffer grows as the bytes arrive, by at most 4 MiB at a time, unless the stream
    /// reports that `count` bytes are left. So a false size in a compressed file costs
    /// memory only for the bytes actually present.
    func read(count: Int) throws(DatasetError) -> [UInt8] {
        if let remaining = knownRemainingCount, remaining >= count {
            return try readChunk(count: count)
        }
        let chunkSize = 1 << 22
        var bytes: [UInt8] = []
        while bytes.count < count {
            let requested = min(chunkSize, count - bytes.count)
            let chunk = try readChunk(count: requested)
            bytes.append(contentsOf: chunk)
            if chunk.count < requested { break }
        }
        return bytes
    }

    /// Reads and discards up to `count` bytes and returns how many there were.
    func skip(count: Int) throws(DatasetError) -> Int {
        var scratch = [UInt8](repeating: 0, count: min(count, 1 << 16))
        var skipped = 0
        while skipped < count {
            let requested = min(scratch.count, count - skipped)
            let found = try read(into: &scratch, range: 0..<requested)
            skipped += found
            if found < requested { break }
        }
        return skipped
    }

    /// Returns whether any byte is left, reading at most one.
    func hasMoreData() throws(DatasetError) -> Bool {
        try !read(count: 1).isEmpty
    }

    private func readChunk(count: Int) throws(DatasetError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let found = try read(into: &bytes, range: 0..<count)
        bytes.removeLast(count - found)
        return bytes
    }

    /// Fills `bytes[range]` as `read(into:)` does. The closure of `withUnsafeMutableBytes`
    /// only rethrows untyped errors, so the typed error travels out in a `Result`.
    private func read(into bytes: inout [UInt8], range: Range<Int>) throws(DatasetError) -> Int {
        let result = bytes.withUnsafeMutableBytes { buffer in
            Result { () throws(DatasetError) in
                try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[range]))
            }
        }
        return try result.get()
    }
}
