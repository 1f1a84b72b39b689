/// The checked header of a safetensors file: its metadata and where each tensor's bytes are.
///
/// A safetensors file is, in order:
/// ```
/// N: UInt64, little-endian        8 bytes
/// header: UTF-8 JSON object       N bytes, starting with '{', maybe padded with spaces
/// data buffer                     every byte belongs to exactly one tensor
/// ```
/// The header maps each tensor name to `{"dtype": "F32", "shape": [2, 3], "data_offsets":
/// [begin, end]}`, with offsets into the data buffer and `end - begin` equal to the element
/// count times the dtype's size. An optional `"__metadata__"` maps strings to strings.
///
/// Every check runs on the 8-byte length and the header alone, before the data buffer is read
/// or any tensor is allocated. So a file that claims an 8 GB header fails after 8 bytes are
/// read, and one that claims a terabyte tensor fails after its header is read.
///
/// Reference: the format description in the README of the `safetensors` repository (Hugging
/// Face). Where the README is silent, LayerLab follows the reader of the `safetensors`
/// package, version 0.8.0. It is stricter than that reader in three ways: it rejects duplicate
/// keys and a header that starts with whitespace, which the README forbids but the package
/// accepts, and it rejects unknown fields in a tensor entry, which the package ignores.
public struct SafeTensorsHeader: Equatable, Sendable {
    /// One tensor as the header describes it.
    public struct TensorInfo: Equatable, Sendable {
        public var name: String
        /// The element type stored in the file.
        public var dtype: SafeTensorsDType
        public var shape: [Int]
        /// The tensor's bytes, as offsets from the start of the data buffer.
        public var dataOffsets: Range<Int>
    }

    /// The largest header length accepted, in bytes; the `safetensors` package uses the same.
    public static let maximumLength = 100_000_000
    /// The maximum number of dimensions of a tensor, which bounds the memory a shape can claim.
    public static let maximumRank = 64

    /// The tensors in the order of their bytes in the data buffer.
    public var tensors: [TensorInfo]
    /// The `__metadata__` entries; empty when the header has none.
    public var metadata: [String: String]
    /// The header's length in bytes, padding included, as stored in the file's first 8 bytes.
    public var length: Int

    /// The file offset where the data buffer starts.
    public var dataStart: Int { 8 + length }

    /// Reads and checks the header of the file at `path`, without reading the data buffer.
    public init(contentsOf path: String) throws(SafeTensorsError) {
        let file = try ReadOnlyFile(path: path)
        try self.init(file: file)
    }

    /// Reads and checks the header of a whole safetensors file held in memory.
    ///
    /// - Parameters:
    ///   - bytes: the entire file.
    ///   - source: the name that errors give for the file.
    public init(bytes: [UInt8], source: String) throws(SafeTensorsError) {
        let length = try Self.headerLength(
            prefix: bytes.prefix(8), fileSize: bytes.count, path: source)
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(SafeTensorsError) in
                try Self(
                    json: UnsafeBufferPointer(rebasing: buffer[8..<(8 + length)]),
                    dataSize: bytes.count - 8 - length, path: source)
            }
        }
        self = try result.get()
    }

    init(file: borrowing ReadOnlyFile) throws(SafeTensorsError) {
        var prefix = [UInt8](repeating: 0, count: min(8, file.size))
        try file.read(into: &prefix, at: 0)
        let length = try Self.headerLength(
            prefix: prefix[...], fileSize: file.size, path: file.path)
        var json = [UInt8](repeating: 0, count: length)
        try file.read(into: &json, at: 8)
        let path = file.path
        let result = json.withUnsafeBufferPointer { buffer in
            Result { () throws(SafeTensorsError) in
                try Self(json: buffer, dataSize: file.size - 8 - length, path: path)
            }
        }
        self = try result.get()
    }

    /// Checks the 8-byte header length against the file size and the limit, and returns it.
    static func headerLength(prefix: ArraySlice<UInt8>, fileSize: Int, path: String)
        throws(SafeTensorsError) -> Int
    {
        guard fileSize >= 8, prefix.count == 8 else {
            throw .fileTooShort(path: path, size: fileSize)
        }
        var length: UInt64 = 0
        for (shift, byte) in prefix.enumerated() {
            length |= UInt64(byte) << (8 * UInt64(shift))
        }
        guard length <= UInt64(fileSize - 8) else {
            throw .headerBeyondEndOfFile(path: path, headerLength: length, fileSize: fileSize)
        }
        guard length <= UInt64(maximumLength) else {
            throw .headerTooLarge(path: path, headerLength: length)
        }
        guard length > 0 else { throw .emptyHeader(path: path) }
        return Int(length)
    }

    /// Parses the header's JSON and checks the tensors against a data buffer of `dataSize`
    /// bytes.
    init(json: UnsafeBufferPointer<UInt8>, dataSize: Int, path: String) throws(SafeTensorsError) {
        var scanner = HeaderJSONScanner(bytes: json, path: path, fileOffset: 8)
        // The cheap check first: a file of another format fails here without a full scan.
        guard json.first == UInt8(ascii: "{") else {
            throw .headerNotObject(path: path, found: scanner.describeByte(at: 0))
        }
        if let index = firstInvalidUTF8Index(json) {
            throw .headerNotUTF8(path: path, offset: 8 + index)
        }
        let (tensors, metadata) = try Self.parseEntries(&scanner)
        try scanner.expectEnd()
        self.tensors = try Self.checkLayout(tensors, dataSize: dataSize, path: path)
        self.metadata = metadata
        self.length = json.count
    }
}
