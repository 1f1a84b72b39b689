/// A problem with the content of a binary array file (IDX or NPY), reported by
/// `DatasetError.malformedFile` together with the file's path and the byte offset.
///
/// Sizes are in bytes. A "claim" is what the file's header states: its shape times the size of
/// one element.
public enum FileFormatProblem: Equatable, Sendable {
    /// The data ends inside the header, which needs `headerSize` bytes.
    case truncatedHeader(format: String, headerSize: Int, available: Int)
    /// The magic number does not identify the expected kind of file.
    case wrongMagic(expected: String, found: String)
    /// The header names an element type that LayerLab does not read.
    case unsupportedElementType(format: String, found: String, supported: [String])
    /// An NPY file of Python objects (dtype `|O`), which only Python can unpickle.
    case objectArray
    /// The header's number of dimensions is not what the file needs.
    case invalidDimensionCount(found: Int, expected: String)
    /// The header's shape needs more than `limit` bytes, or more than `Int` can count.
    case exceedsSizeLimit(shape: [Int], limit: Int)
    /// The header's shape needs `claimedBytes` of data but only `presentBytes` are there.
    case claimsMoreData(shape: [Int], claimedBytes: Int, presentBytes: Int)
    /// The header's claim is larger than a gzip file of `compressedBytes` can expand to.
    case claimExceedsCompressedSize(shape: [Int], claimedBytes: Int, compressedBytes: Int)
    /// Bytes follow the data the header claims: `extraBytes` of them, or `nil` when the count
    /// is unknown because reading stopped at the first extra byte.
    case trailingData(claimedBytes: Int, extraBytes: Int?)
    /// zlib rejected the compressed data.
    case corruptCompressedData(reason: String)
    /// The compressed data ends before its end-of-stream marker.
    case truncatedCompressedData
    /// The NPY header text is not the dictionary the format defines.
    case invalidHeader(reason: String)
    /// The NPY format version is not 1.0, 2.0 or 3.0.
    case unsupportedVersion(major: UInt8, minor: UInt8)
    /// A class label outside `0..<classCount`.
    case labelOutOfRange(value: Int, classCount: Int)
    /// An element that is NaN or infinite, or a float64 beyond the Float32 range.
    case nonFiniteValue(index: [Int], value: String)
}

extension FileFormatProblem: CustomStringConvertible {
    /// The problem and its fix, as the end of a `DatasetError.malformedFile` message.
    public var description: String {
        switch self {
        case .truncatedHeader(let format, let headerSize, let available):
            return "the file ends after \(available) bytes, inside the \(format) header of "
                + "\(headerSize) bytes; the file is cut short, so fetch it again"
        case .wrongMagic(let expected, let found):
            return "the magic number is \(found) but should be \(expected); check that this is "
                + "the right file and that it is not compressed in another format"
        case .unsupportedElementType(let format, let found, let supported):
            return "the \(format) element type \(found) is not supported; save the array as "
                + "one of " + supported.joined(separator: ", ")
        case .objectArray:
            return "the array holds Python objects (dtype '|O'), which only Python can read; "
                + "save a numeric array, for example with numpy.asarray(x, dtype=numpy.float32)"
        case .invalidDimensionCount(let found, let expected):
            return "the header declares \(found) dimension\(found == 1 ? "" : "s") but the file "
                + "needs \(expected); check that this is the right file"
        case .exceedsSizeLimit(let shape, let limit):
            return "the header's shape \(shape) needs more than the limit of \(limit) bytes; "
                + "the header is corrupt, or split the data into smaller files"
        case .claimsMoreData(let shape, let claimedBytes, let presentBytes):
            return "the header's shape \(shape) needs \(claimedBytes) bytes of data but only "
                + "\(presentBytes) follow; the file is cut short or its header is wrong"
        case .claimExceedsCompressedSize(let shape, let claimedBytes, let compressedBytes):
            return "the header's shape \(shape) needs \(claimedBytes) bytes of data, more than "
                + "a gzip file of \(compressedBytes) bytes can hold; the header is wrong or "
                + "the file is cut short"
        case .trailingData(let claimedBytes, let extraBytes):
            let extra = extraBytes.map { "\($0) more bytes follow" } ?? "more bytes follow"
            return "\(extra) after the \(claimedBytes) bytes of data that the header's shape "
                + "needs; the header is wrong or two files were joined"
        case .corruptCompressedData(let reason):
            return "the gzip data is corrupt (zlib: \(reason)); fetch the file again"
        case .truncatedCompressedData:
            return "the gzip data ends before its end marker; the file is cut short, so fetch "
                + "it again"
        case .invalidHeader(let reason):
            return "invalid NPY header: \(reason); write the file with numpy.save"
        case .unsupportedVersion(let major, let minor):
            return "NPY format version \(major).\(minor) is not supported; write the file with "
                + "numpy.save, which writes version 1.0, 2.0 or 3.0"
        case .labelOutOfRange(let value, let classCount):
            return "label \(value) is outside 0...\(classCount - 1); check that this is a "
                + "labels file of this data set"
        case .nonFiniteValue(let index, let value):
            return "element \(index) is \(value), which is not a finite Float32 number; "
                + "replace it or drop its sample"
        }
    }
}
