import Engine

/// An array read from a NumPy `.npy` file (format versions 1.0, 2.0 and 3.0).
///
/// ```
/// byte 0–5    \x93NUMPY
/// byte 6, 7   major and minor version
/// byte 8 ...  header length: little-endian UInt16 in version 1.0, UInt32 in 2.0 and 3.0
/// then        the header dictionary (NPYHeader), then the elements
/// ```
///
/// The element types read are `f4`, `f8`, `u1`, `i1`, `i4` and `i8`, little-endian (`<`) or
/// big-endian (`>`); one-byte types are also written `|u1` and `|i1`. Object arrays (`|O`),
/// structured arrays and every other dtype are rejected. A Fortran-order array is reordered to
/// row-major, so `tensor()` and `integers()` always return C order.
///
/// Shapes: `shape` is the file's shape, `[]` for a 0-dimensional array.
public struct NPYArray: Equatable, Sendable {
    /// The element types LayerLab reads, by their NumPy dtype kind and size.
    public enum ElementType: String, Equatable, Sendable, CaseIterable {
        case float32 = "f4"
        case float64 = "f8"
        case uint8 = "u1"
        case int8 = "i1"
        case int32 = "i4"
        case int64 = "i8"

        /// The size of one element in bytes.
        public var byteCount: Int { Int(String(rawValue.dropFirst()))! }

        /// Whether the elements are integers, which a label file turns into classes.
        public var isInteger: Bool { self != .float32 && self != .float64 }
    }

    public let elementType: ElementType
    /// Whether multi-byte elements are stored most significant byte first.
    public let isBigEndian: Bool
    /// Whether the file stores the elements in column-major (Fortran) order.
    public let isFortranOrder: Bool
    public let shape: [Int]
    /// The elements as stored in the file.
    let bytes: [UInt8]
    /// The offset of the header dictionary in the file.
    let headerOffset: Int
    /// The offset of the first element in the file.
    let dataOffset: Int

    private static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// Reads the NPY file at `path`.
    ///
    /// The data size the header's shape and dtype claim is checked against the file's size
    /// before the data is allocated.
    ///
    /// - Throws: `DatasetError.unreadableFile` when the file cannot be opened.
    ///   `DatasetError.malformedFile`, naming the byte offset, for a format problem. The header
    ///   may be cut short, or have a wrong magic string, an unsupported version, an invalid
    ///   dictionary or an unsupported dtype (object, structured or other). The data may need
    ///   more than 2 GiB, or differ in size from what the shape needs.
    public static func read(path: String) throws(DatasetError) -> NPYArray {
        let file = try FileReader(path: path)
        let prefix = try file.read(count: 8)
        guard prefix.count == 8 else {
            throw file.malformed(
                .truncatedHeader(format: "NPY", headerSize: 10, available: prefix.count),
                at: prefix.count)
        }
        guard Array(prefix[0..<6]) == magic else {
            throw file.malformed(
                .wrongMagic(expected: "\\x93NUMPY", found: printable(prefix[0..<6])), at: 0)
        }

        let lengthSize: Int
        switch (prefix[6], prefix[7]) {
        case (1, 0): lengthSize = 2
        case (2, 0), (3, 0): lengthSize = 4
        default:
            throw file.malformed(.unsupportedVersion(major: prefix[6], minor: prefix[7]), at: 6)
        }
        let lengthBytes = try file.read(count: lengthSize)
        guard lengthBytes.count == lengthSize else {
            throw file.malformed(
                .truncatedHeader(format: "NPY", headerSize: 8 + lengthSize, available: file.size),
                at: file.size)
        }
        let headerLength = lengthBytes.reversed().reduce(0) { $0 << 8 | Int($1) }
        let dataOffset = 8 + lengthSize + headerLength
        guard headerLength <= file.remainingCount else {
            throw file.malformed(
                .truncatedHeader(format: "NPY", headerSize: dataOffset, available: file.size),
                at: file.size)
        }

        let headerStart = 8 + lengthSize
        let headerText = try file.read(count: headerLength)
        let header: NPYHeader
        do throws(NPYHeader.ParseError) {
            header = try NPYHeader(parsing: headerText)
        } catch {
            throw file.malformed(
                .invalidHeader(reason: error.reason), at: headerStart + error.offset)
        }
        let (elementType, isBigEndian) = try parseDescr(header.descr, in: file, at: headerStart)

        var dataBytes = elementType.byteCount
        for dimension in header.shape {
            let (product, overflow) = dataBytes.multipliedReportingOverflow(by: dimension)
            guard !overflow, product <= maximumArrayDataBytes else {
                throw file.malformed(
                    .exceedsSizeLimit(shape: header.shape, limit: maximumArrayDataBytes),
                    at: headerStart)
            }
            dataBytes = product
        }
        let remaining = file.remainingCount
        if remaining < dataBytes {
            throw file.malformed(
                .claimsMoreData(
                    shape: header.shape, claimedBytes: dataBytes, presentBytes: remaining),
                at: file.size)
        }
        if remaining > dataBytes {
            throw file.malformed(
                .trailingData(claimedBytes: dataBytes, extraBytes: remaining - dataBytes),
                at: dataOffset + dataBytes)
        }

        let bytes = try file.read(count: dataBytes)
        guard bytes.count == dataBytes else {
            throw file.malformed(
                .claimsMoreData(
                    shape: header.shape, claimedBytes: dataBytes, presentBytes: bytes.count),
                at: dataOffset + bytes.count)
        }
        return NPYArray(
            elementType: elementType, isBigEndian: isBigEndian,
            isFortranOrder: header.isFortranOrder, shape: header.shape, bytes: bytes,
            headerOffset: headerStart, dataOffset: dataOffset)
    }

    /// Splits a dtype string such as `<f4` into its element type and byte order.
    private static func parseDescr(
        _ descr: String?, in file: FileReader, at offset: Int
    ) throws(DatasetError) -> (ElementType, isBigEndian: Bool) {
        let supported =
            ElementType.allCases.map { "<\($0.rawValue)" } + ["|u1", "|i1"]
            + ElementType.allCases.filter { $0.byteCount > 1 }.map { ">\($0.rawValue)" }
        guard let descr else {
            throw file.malformed(
                .unsupportedElementType(
                    format: "NPY", found: "a structured dtype (a list of fields)",
                    supported: supported),
                at: offset)
        }
        let kind = String(descr.dropFirst())
        if descr == "|O" || descr == "O" || kind == "O8" || kind == "O4" {
            throw file.malformed(.objectArray, at: offset)
        }
        guard let order = descr.first, "<>|".contains(order),
            let elementType = ElementType(rawValue: kind),
            order != "|" || elementType.byteCount == 1
        else {
            throw file.malformed(
                .unsupportedElementType(
                    format: "NPY", found: "dtype '\(descr)'", supported: supported),
                at: offset)
        }
        return (elementType, order == ">")
    }

    /// Returns the elements as Float32 values in row-major order, in the shape `shape`.
    ///
    /// An `f8`, and an `i4` or `i8` above 2^24 in magnitude, round to the nearest Float32.
    public func tensor() -> Tensor {
        var values: [Float]
        if elementType == .float32 && !isBigEndian {
            // Stored as this machine stores Float32, so the bytes copy over unchanged.
            values = [Float](repeating: 0, count: bytes.count / 4)
            values.withUnsafeMutableBytes { target in
                bytes.withUnsafeBytes { source in target.copyMemory(from: source) }
            }
        } else {
            values = decode { bits in
                switch elementType {
                case .float32: Float(bitPattern: UInt32(truncatingIfNeeded: bits))
                case .float64: Float(Double(bitPattern: bits))
                case .uint8: Float(bits)
                case .int8: Float(Int8(truncatingIfNeeded: bits))
                case .int32: Float(Int32(truncatingIfNeeded: bits))
                case .int64: Float(Int64(bitPattern: bits))
                }
            }
        }
        return Tensor(shape: shape, scalars: rowMajor(values))
    }

    /// Returns the elements as exact integers in row-major order, or `nil` for a float type.
    public func integers() -> [Int64]? {
        guard elementType.isInteger else { return nil }
        let values = decode { bits -> Int64 in
            switch elementType {
            case .uint8: Int64(bits)
            case .int8: Int64(Int8(truncatingIfNeeded: bits))
            case .int32: Int64(Int32(truncatingIfNeeded: bits))
            default: Int64(bitPattern: bits)
            }
        }
        return rowMajor(values)
    }

    /// Returns the offset in the file of the element at row-major position `index`.
    func fileOffset(ofElementAt index: Int) -> Int {
        var fileIndex = index
        if isFortranOrder {
            // The row-major multi-index, then its column-major position.
            var remainder = index
            var multiIndex = [Int](repeating: 0, count: shape.count)
            for axis in shape.indices.reversed() where shape[axis] > 0 {
                multiIndex[axis] = remainder % shape[axis]
                remainder /= shape[axis]
            }
            fileIndex = 0
            for axis in shape.indices.reversed() {
                fileIndex = fileIndex * shape[axis] + multiIndex[axis]
            }
        }
        return dataOffset + fileIndex * elementType.byteCount
    }

    /// Decodes every element in file order from its raw bits, assembled in the file's byte
    /// order into the low bytes of a `UInt64`.
    private func decode<Value>(_ convert: (UInt64) -> Value) -> [Value] {
        let size = elementType.byteCount
        let count = bytes.count / size
        var values: [Value] = []
        values.reserveCapacity(count)
        bytes.withUnsafeBufferPointer { source in
            for i in 0..<count {
                var bits: UInt64 = 0
                if isBigEndian {
                    for b in 0..<size { bits = bits << 8 | UInt64(source[i * size + b]) }
                } else {
                    for b in (0..<size).reversed() {
                        bits = bits << 8 | UInt64(source[i * size + b])
                    }
                }
                values.append(convert(bits))
            }
        }
        return values
    }

    /// Reorders values stored in the file's order into row-major order.
    ///
    /// A Fortran-order file stores element `(i0, ..., ik)` at `i0 + d0 * (i1 + d1 * (...))`, so
    /// walking the row-major indices moves through the file with column-major strides.
    private func rowMajor<Value>(_ values: [Value]) -> [Value] {
        let rank = shape.count
        guard isFortranOrder, rank > 1, !values.isEmpty else { return values }
        var strides = [Int](repeating: 1, count: rank)
        for axis in 1..<rank { strides[axis] = strides[axis - 1] * shape[axis - 1] }

        var result: [Value] = []
        result.reserveCapacity(values.count)
        var index = [Int](repeating: 0, count: rank)
        var offset = 0
        for _ in 0..<values.count {
            result.append(values[offset])
            var axis = rank - 1
            while axis >= 0 {
                index[axis] += 1
                offset += strides[axis]
                if index[axis] < shape[axis] { break }
                offset -= strides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return result
    }

    /// Shows bytes as text with non-printable ones escaped, as in `\x93NUMPY`.
    private static func printable(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.map { byte in
            (0x20..<0x7F).contains(byte) && byte != UInt8(ascii: "\\")
                ? String(UnicodeScalar(byte))
                : "\\x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
        }.joined()
    }
}
