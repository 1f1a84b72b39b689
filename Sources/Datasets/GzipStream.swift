import CZlib

/// The bytes of a gzip file, decompressed with zlib's `inflate` as the reader requests them.
///
/// The reader decides how many bytes it requests, so decompression stops as soon as the data runs
/// past or short of what a header claims, and nothing larger than the requested bytes is ever
/// held. Members joined one after another, as `cat a.gz b.gz` makes them, decompress as one
/// stream.
final class GzipStream: ByteStream {
    /// The first two bytes of every gzip member.
    static let magic: [UInt8] = [0x1F, 0x8B]

    /// The largest number of bytes one compressed byte can expand to in deflate data.
    ///
    /// One length/distance pair gives at most 258 bytes and takes at least 2 bits, so 8 bits
    /// give at most 1032 bytes (zlib's "Technical Details" page, "Maximum Compression Factor").
    /// A claim above `1032 × compressedSize` is false, whatever the data holds.
    static let maximumExpansion = 1032

    let path: String
    let isDecompressed = true
    var knownRemainingCount: Int? { nil }
    private(set) var position = 0

    /// The size of the compressed file in bytes.
    var compressedSize: Int { file.size }

    private let file: FileReader
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableRawBufferPointer
    /// Whether `inflate` reached the end of the current gzip member.
    private var isMemberFinished = false
    private var isInputExhausted = false

    /// Starts decompressing `file` from its first byte.
    ///
    /// - Throws: `DatasetError.malformedFile` when zlib cannot start.
    init(file: FileReader) throws(DatasetError) {
        self.path = file.path
        self.file = file
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(byteCount: 1 << 16, alignment: 1)
        // windowBits 15 + 32: a 32 KiB window, and zlib detects the gzip header itself.
        let status = inflateInit2_(
            stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            throw .malformedFile(
                path: path, offset: 0, isDecompressed: true,
                problem: .corruptCompressedData(reason: "inflateInit2 returned \(status)"))
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(DatasetError) -> Int {
        var produced = 0
        // avail_out is a 32-bit count, so a large buffer is filled in pieces.
        while produced < buffer.count {
            let piece = min(buffer.count - produced, 1 << 30)
            let count = try inflate(
                into: UnsafeMutableRawBufferPointer(
                    rebasing: buffer[produced..<(produced + piece)]))
            produced += count
            if count < piece { break }
        }
        return produced
    }

    /// Decompresses into `buffer`, at most 2^30 bytes, and returns the number of bytes
    /// written, which is less than `buffer.count` only at the end of the data.
    private func inflate(into buffer: UnsafeMutableRawBufferPointer) throws(DatasetError) -> Int {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
        stream.pointee.next_out = base.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(buffer.count)
        var written: Int { buffer.count - Int(stream.pointee.avail_out) }

        while stream.pointee.avail_out > 0 {
            if stream.pointee.avail_in == 0 && !isInputExhausted {
                try refillInput()
            }
            if isMemberFinished {
                if stream.pointee.avail_in == 0 { break }
                // Another gzip member follows. Anything else fails in inflate as corrupt data.
                inflateReset(stream)
                isMemberFinished = false
            }

            let status = CZlib.inflate(stream, Z_NO_FLUSH)
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                isMemberFinished = true
            case Z_BUF_ERROR where stream.pointee.avail_in == 0 && isInputExhausted:
                throw malformed(.truncatedCompressedData, at: position + written)
            default:
                let reason = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
                throw malformed(.corruptCompressedData(reason: reason), at: position + written)
            }
        }
        let count = written
        position += count
        return count
    }

    private func refillInput() throws(DatasetError) {
        let count = try file.read(into: input)
        stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = uInt(count)
        if count == 0 { isInputExhausted = true }
    }
}
