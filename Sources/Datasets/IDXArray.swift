import Engine
import Foundation

/// An array read from an IDX file, the format of the MNIST data sets, plain or gzip-compressed.
///
/// ```
/// byte 0, 1      0x00 0x00
/// byte 2         element type code (ElementType)
/// byte 3         d, the number of dimensions, at least 1
/// byte 4 ...     d sizes, each a big-endian UInt32, outermost first
/// then           the elements in row-major order, each big-endian
/// ```
///
/// The first dimension counts rows (samples). Every element type of the format is read, and
/// any other type code is rejected as unsupported.
///
/// Shapes: `shape` is the file's shape with the first dimension cut to the rows read.
public struct IDXArray: Equatable, Sendable {
    /// The element types of the IDX format, by their type codes.
    public enum ElementType: UInt8, Equatable, Sendable, CaseIterable {
        case unsignedByte = 0x08
        case signedByte = 0x09
        case short = 0x0B
        case int = 0x0C
        case float = 0x0D
        case double = 0x0E

        /// The size of one element in bytes.
        public var byteCount: Int {
            switch self {
            case .unsignedByte, .signedByte: 1
            case .short: 2
            case .int, .float: 4
            case .double: 8
            }
        }

        /// The type as written in the format's description, such as "unsigned byte".
        var formatName: String {
            switch self {
            case .unsignedByte: "unsigned byte"
            case .signedByte: "signed byte"
            case .short: "short (16-bit integer)"
            case .int: "int (32-bit integer)"
            case .float: "float (32-bit)"
            case .double: "double (64-bit)"
            }
        }
    }

    public let elementType: ElementType
    /// The shape of the rows read: the file's shape with the first dimension cut to the rows
    /// read.
    public let shape: [Int]
    /// The number of rows the file contains, which is more than `shape[0]` when a row limit cut
    /// the read short.
    public let fileRowCount: Int
    /// The elements of the rows read, as stored: big-endian, row-major.
    let bytes: [UInt8]

    /// Returns the magic number of a header: two zero bytes, the type code and the dimension
    /// count.
    static func magic(_ elementType: ElementType, dimensionCount: Int) -> UInt32 {
        UInt32(elementType.rawValue) << 8 | UInt32(dimensionCount)
    }

    /// Reads the IDX file at `path`, decompressing it first when it starts with the gzip magic
    /// bytes.
    ///
    /// Every size is checked before the data buffer is allocated. A plain file's claim is
    /// compared with the bytes left in it, and a gzip file's claim with what its compressed
    /// size can expand to. Gzip data then decompresses in chunks and fails as soon as it runs
    /// short of or past the header's shape. A gzip file is decompressed to its end even with a
    /// row limit, so that every check still runs.
    ///
    /// - Parameters:
    ///   - path: The file, plain or gzip-compressed whatever its name.
    ///   - maximumRows: Keep only the first rows, at most this many. `nil` keeps every row.
    /// - Throws: `DatasetError.unreadableFile` when the file cannot be opened.
    ///   `DatasetError.malformedFile`, naming the byte offset, for a format problem. The header
    ///   may be cut short, or have non-zero leading bytes, an unknown type code or no
    ///   dimensions. The data may need more than 2 GiB, differ in size from what the shape
    ///   needs, or be corrupt or truncated gzip data.
    public static func read(path: String, maximumRows: Int? = nil) throws(DatasetError) -> IDXArray
    {
        try read(path: path, maximumRows: maximumRows, requiredMagic: nil)
    }

    /// Reads as `read(path:maximumRows:)` does, and when `requiredMagic` is given also
    /// requires that exact element type and dimension count before any data is read.
    static func read(
        path: String, maximumRows: Int?, requiredMagic: UInt32?
    ) throws(DatasetError) -> IDXArray {
        let stream = try openByteStream(path: path)
        let (elementType, shape) = try readHeader(of: stream, requiredMagic: requiredMagic)
        let headerSize = stream.position

        // Element count and byte size, with overflow and the size limit checked.
        var dataBytes = elementType.byteCount
        for dimension in shape {
            let (product, overflow) = dataBytes.multipliedReportingOverflow(by: dimension)
            guard !overflow, product <= maximumArrayDataBytes else {
                throw stream.malformed(
                    .exceedsSizeLimit(shape: shape, limit: maximumArrayDataBytes), at: 4)
            }
            dataBytes = product
        }
        try checkClaim(dataBytes, shape: shape, headerSize: headerSize, of: stream)

        let rowCount = shape[0]
        let rowBytes = rowCount == 0 ? 0 : dataBytes / rowCount
        let keptRows = min(rowCount, max(0, maximumRows ?? rowCount))
        let keptBytes = keptRows * rowBytes
        let bytes = try stream.read(count: keptBytes)
        var presentBytes = bytes.count
        if stream.isDecompressed {
            // The rest is decompressed only to check its size, in a small scratch buffer.
            if presentBytes == keptBytes {
                presentBytes += try stream.skip(count: dataBytes - keptBytes)
            }
            if presentBytes == dataBytes, try stream.hasMoreData() {
                throw stream.malformed(
                    .trailingData(claimedBytes: dataBytes, extraBytes: nil),
                    at: headerSize + dataBytes)
            }
        }
        guard presentBytes == dataBytes || !stream.isDecompressed && bytes.count == keptBytes
        else {
            throw stream.malformed(
                .claimsMoreData(shape: shape, claimedBytes: dataBytes, presentBytes: presentBytes),
                at: headerSize + presentBytes)
        }
        return IDXArray(
            elementType: elementType, shape: [keptRows] + shape.dropFirst(),
            fileRowCount: rowCount, bytes: bytes)
    }

    /// Reads the magic number and the dimension sizes, and returns the element type and shape.
    private static func readHeader(
        of stream: any ByteStream, requiredMagic: UInt32?
    ) throws(DatasetError) -> (ElementType, [Int]) {
        let magic = try stream.read(count: 4)
        guard magic.count == 4 else {
            throw stream.malformed(
                .truncatedHeader(format: "IDX", headerSize: 4, available: magic.count),
                at: magic.count)
        }
        let magicNumber = bigEndianUInt32(magic, at: 0)
        guard magic[0] == 0, magic[1] == 0 else {
            throw stream.malformed(
                .wrongMagic(
                    expected: requiredMagic.map(describeMagic)
                        ?? "0x0000TTDD (two zero bytes, a type code, a dimension count)",
                    found: hex(magicNumber)),
                at: 0)
        }
        guard let elementType = ElementType(rawValue: magic[2]) else {
            let supported = ElementType.allCases.map { "\(hex($0.rawValue)) \($0.formatName)" }
            throw stream.malformed(
                .unsupportedElementType(
                    format: "IDX", found: "code \(hex(magic[2]))", supported: supported),
                at: 2)
        }
        let dimensionCount = Int(magic[3])
        if let requiredMagic, magicNumber != requiredMagic {
            throw stream.malformed(
                .wrongMagic(
                    expected: describeMagic(requiredMagic), found: describeMagic(magicNumber)),
                at: 0)
        }
        guard dimensionCount >= 1 else {
            throw stream.malformed(
                .invalidDimensionCount(found: 0, expected: "at least 1, the rows"), at: 3)
        }

        let headerSize = 4 + 4 * dimensionCount
        let sizes = try stream.read(count: 4 * dimensionCount)
        guard sizes.count == 4 * dimensionCount else {
            throw stream.malformed(
                .truncatedHeader(format: "IDX", headerSize: headerSize, available: 4 + sizes.count),
                at: 4 + sizes.count)
        }
        let shape = (0..<dimensionCount).map { Int(bigEndianUInt32(sizes, at: 4 * $0)) }
        return (elementType, shape)
    }

    /// Compares the claimed data size with what the file can hold, before anything is
    /// allocated for the data.
    private static func checkClaim(
        _ dataBytes: Int, shape: [Int], headerSize: Int, of stream: any ByteStream
    ) throws(DatasetError) {
        if let remaining = stream.knownRemainingCount {
            if remaining < dataBytes {
                throw stream.malformed(
                    .claimsMoreData(shape: shape, claimedBytes: dataBytes, presentBytes: remaining),
                    at: headerSize + remaining)
            }
            if remaining > dataBytes {
                throw stream.malformed(
                    .trailingData(claimedBytes: dataBytes, extraBytes: remaining - dataBytes),
                    at: headerSize + dataBytes)
            }
        } else if let gzip = stream as? GzipStream {
            let maximumBytes = gzip.compressedSize.multipliedReportingOverflow(
                by: GzipStream.maximumExpansion)
            if !maximumBytes.overflow, headerSize + dataBytes > maximumBytes.partialValue {
                let problem = FileFormatProblem.claimExceedsCompressedSize(
                    shape: shape, claimedBytes: dataBytes, compressedBytes: gzip.compressedSize)
                throw stream.malformed(problem, at: 4)
            }
        }
    }

    /// Returns the elements as Float32 values, unscaled, in the shape `shape`.
    ///
    /// An `int` above 2^24 in magnitude and every `double` round to the nearest Float32.
    public func tensor() -> Tensor {
        let count = Tensor.count(of: shape)
        var values = [Float](repeating: 0, count: count)
        bytes.withUnsafeBufferPointer { source in
            values.withUnsafeMutableBufferPointer { target in
                for i in 0..<count {
                    target[i] = element(i, in: source)
                }
            }
        }
        return Tensor(shape: shape, scalars: values)
    }

    /// Decodes element `i` from the big-endian bytes.
    @inline(__always)
    private func element(_ i: Int, in source: UnsafeBufferPointer<UInt8>) -> Float {
        switch elementType {
        case .unsignedByte:
            return Float(source[i])
        case .signedByte:
            return Float(Int8(bitPattern: source[i]))
        case .short:
            let bits = UInt16(source[2 * i]) << 8 | UInt16(source[2 * i + 1])
            return Float(Int16(bitPattern: bits))
        case .int:
            return Float(Int32(bitPattern: Self.bigEndianUInt32(source, at: 4 * i)))
        case .float:
            return Float(bitPattern: Self.bigEndianUInt32(source, at: 4 * i))
        case .double:
            let high = UInt64(Self.bigEndianUInt32(source, at: 8 * i))
            let low = UInt64(Self.bigEndianUInt32(source, at: 8 * i + 4))
            return Float(Double(bitPattern: high << 32 | low))
        }
    }

    private static func bigEndianUInt32<Bytes: RandomAccessCollection<UInt8>>(
        _ bytes: Bytes, at offset: Int
    ) -> UInt32 where Bytes.Index == Int {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
            | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }

    /// Describes a magic number with its element type and dimension count.
    static func describeMagic(_ magic: UInt32) -> String {
        let dimensions = Int(magic & 0xFF)
        let type = ElementType(rawValue: UInt8((magic >> 8) & 0xFF))?.formatName ?? "unknown type"
        let plural = dimensions == 1 ? "" : "s"
        return "\(hex(magic)) (\(type), \(dimensions) dimension\(plural))"
    }

    private static func hex(_ value: UInt32) -> String {
        String(format: "0x%08X", value)
    }

    private static func hex(_ value: UInt8) -> String {
        String(format: "0x%02X", value)
    }
}
