/// A problem with a safetensors file, carrying the file, the place and the value it concerns.
///
/// `path` is the file's path, or the label given to bytes read from memory. Byte offsets count
/// from the start of the file, so the header's JSON starts at byte 8. Data offsets (`begin`,
/// `end`, `dataSize`) count from the start of the data buffer, as the header's `data_offsets` do.
public enum SafeTensorsError: Error, Equatable, Sendable {
    // Opening and reading the file
    case unreadableFile(path: String, reason: String)
    case fileChangedWhileReading(path: String, offset: Int)

    // The 8-byte header length and the header's bytes
    case fileTooShort(path: String, size: Int)
    case headerBeyondEndOfFile(path: String, headerLength: UInt64, fileSize: Int)
    case headerTooLarge(path: String, headerLength: UInt64)
    case emptyHeader(path: String)
    case headerNotUTF8(path: String, offset: Int)
    case headerNotObject(path: String, found: String)
    case invalidJSON(path: String, offset: Int, problem: String)
    case duplicateKey(path: String, key: String, offset: Int, firstOffset: Int)

    // The __metadata__ object
    case metadataNotObject(path: String, offset: Int, found: String)
    case metadataValueNotString(path: String, key: String, offset: Int, found: String)

    // One tensor's entry in the header
    case entryNotObject(path: String, tensor: String, offset: Int, found: String)
    case missingField(path: String, tensor: String, field: String)
    case unknownField(path: String, tensor: String, field: String, offset: Int)
    case wrongFieldType(
        path: String, tensor: String, field: String, expected: String, found: String, offset: Int)
    case unknownDType(path: String, tensor: String, dtype: String)
    case unsupportedDType(path: String, tensor: String, dtype: SafeTensorsDType)
    case invalidDimension(path: String, tensor: String, index: Int, literal: String)
    case tooManyDimensions(path: String, tensor: String, limit: Int)
    case invalidDataOffset(path: String, tensor: String, literal: String)
    case wrongDataOffsetCount(path: String, tensor: String, count: Int)

    // Where the tensors sit in the data buffer
    case dataOffsetsReversed(path: String, tensor: String, begin: Int, end: Int)
    case byteCountOverflow(path: String, tensor: String, dtype: SafeTensorsDType, shape: [Int])
    case sizeMismatch(
        path: String, tensor: String, dtype: SafeTensorsDType, shape: [Int], expectedBytes: Int,
        begin: Int, end: Int)
    case dataOffsetsOutOfBounds(path: String, tensor: String, begin: Int, end: Int, dataSize: Int)
    case overlappingTensors(
        path: String, tensor: String, begin: Int, previous: String, previousEnd: Int)
    case gapBeforeTensor(path: String, tensor: String, gapBegin: Int, gapEnd: Int)
    case trailingBytes(path: String, dataEnd: Int, dataSize: Int)

    // Writing
    case reservedTensorName(path: String, name: String)
    case writeFailed(FileWriteError)
}

extension SafeTensorsError: CustomStringConvertible {
    /// One line naming the file, the place, the problem and what to do about it.
    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            return "\(path): cannot read the file: \(reason); check the path and its permissions"
        case .fileChangedWhileReading(let path, let offset):
            return "\(path): the file ended at byte \(offset) while it was being read; another "
                + "program probably truncated or replaced it, so load it again when that is done"
        case .fileTooShort(let path, let size):
            return "\(path): the file is \(size) bytes long, but a safetensors file starts with "
                + "an 8-byte header length; \(Self.damaged)"
        case .headerBeyondEndOfFile(let path, let headerLength, let fileSize):
            return "\(path): byte 0: the header length \(headerLength) runs past the end of the "
                + "\(fileSize)-byte file; \(Self.damaged)"
        case .headerTooLarge(let path, let headerLength):
            return "\(path): byte 0: the header length \(headerLength) exceeds the limit of "
                + "\(SafeTensorsHeader.maximumLength) bytes; \(Self.damaged)"
        case .emptyHeader(let path):
            return "\(path): byte 0: the header length is 0, but the header must be a JSON "
                + "object, at least `{}`; \(Self.damaged)"
        case .headerNotUTF8(let path, let offset):
            return "\(path): byte \(offset): the header is not valid UTF-8; \(Self.damaged)"
        case .headerNotObject(let path, let found):
            return "\(path): byte 8: the header must start with '{' but starts with \(found); "
                + Self.damaged
        case .invalidJSON(let path, let offset, let problem):
            return "\(path): byte \(offset): the header is not valid JSON: \(problem); "
                + Self.damaged
        case .duplicateKey(let path, let key, let offset, let firstOffset):
            return "\(path): byte \(offset): key \"\(key)\" appears again (first at byte "
                + "\(firstOffset)); the format forbids duplicate keys, so write the file again "
                + "with each name once"
        case .metadataNotObject(let path, let offset, let found):
            return "\(path): byte \(offset): __metadata__ must be an object of string values but "
                + "is \(found); \(Self.damaged)"
        case .metadataValueNotString(let path, let key, let offset, let found):
            return "\(path): byte \(offset): the __metadata__ value of \"\(key)\" is \(found), but "
                + "metadata values must be strings; store it as a string such as \"3\""
        case .entryNotObject(let path, let tensor, let offset, let found):
            return "\(path): byte \(offset): tensor \"\(tensor)\" must be an object with dtype, "
                + "shape and data_offsets but is \(found); \(Self.damaged)"
        case .missingField(let path, let tensor, let field):
            return "\(path): tensor \"\(tensor)\" has no \(field) field; every tensor needs "
                + "dtype, shape and data_offsets, so \(Self.damaged)"
        case .unknownField(let path, let tensor, let field, let offset):
            return "\(path): byte \(offset): tensor \"\(tensor)\" has an unknown field "
                + "\"\(field)\"; a tensor entry has only dtype, shape and data_offsets"
        case .wrongFieldType(let path, let tensor, let field, let expected, let found, let offset):
            return "\(path): byte \(offset): the \(field) of tensor \"\(tensor)\" must be "
                + "\(expected) but is \(found); \(Self.damaged)"
        case .unknownDType(let path, let tensor, let dtype):
            let known = SafeTensorsDType.allCases.map(\.rawValue).joined(separator: ", ")
            return "\(path): tensor \"\(tensor)\" has unknown dtype \"\(dtype)\"; the format "
                + "defines \(known)"
        case .unsupportedDType(let path, let tensor, let dtype):
            let readable = SafeTensorsDType.readable.map(\.rawValue).joined(separator: ", ")
            return "\(path): tensor \"\(tensor)\" has dtype \(dtype.rawValue), which LayerLab "
                + "does not read; it reads \(readable), so convert the tensor before saving, "
                + "e.g. with tensor.float() in PyTorch"
        case .invalidDimension(let path, let tensor, let index, let literal):
            return "\(path): entry \(index) of the shape of tensor \"\(tensor)\" is \(literal), "
                + "which \(Self.integerProblem(literal)); shape entries must be non-negative "
                + "integers, so \(Self.damaged)"
        case .tooManyDimensions(let path, let tensor, let limit):
            return "\(path): tensor \"\(tensor)\" has more than \(limit) dimensions; LayerLab "
                + "reads tensors of at most \(limit) dimensions"
        case .invalidDataOffset(let path, let tensor, let literal):
            return "\(path): a data_offsets entry of tensor \"\(tensor)\" is \(literal), which "
                + "\(Self.integerProblem(literal)); offsets must be non-negative integers, so "
                + Self.damaged
        case .wrongDataOffsetCount(let path, let tensor, let count):
            return "\(path): tensor \"\(tensor)\" has \(count) data_offsets, but data_offsets "
                + "must be [begin, end]; \(Self.damaged)"
        case .dataOffsetsReversed(let path, let tensor, let begin, let end):
            return "\(path): tensor \"\(tensor)\" has data_offsets [\(begin), \(end)], whose "
                + "begin is after its end; \(Self.damaged)"
        case .byteCountOverflow(let path, let tensor, let dtype, let shape):
            return "\(path): tensor \"\(tensor)\" of dtype \(dtype.rawValue) and shape "
                + "\(formatShape(shape)) has more bytes than a 64-bit size can count; "
                + Self.damaged
        case .sizeMismatch(
            let path, let tensor, let dtype, let shape, let expectedBytes, let begin, let end):
            return "\(path): tensor \"\(tensor)\" of dtype \(dtype.rawValue) and shape "
                + "\(formatShape(shape)) needs \(expectedBytes) bytes, but its data_offsets "
                + "[\(begin), \(end)] span \(end - begin); \(Self.damaged)"
        case .dataOffsetsOutOfBounds(let path, let tensor, let begin, let end, let dataSize):
            return "\(path): tensor \"\(tensor)\" has data_offsets [\(begin), \(end)], but the "
                + "data buffer holds only \(dataSize) bytes; the file is truncated or damaged"
        case .overlappingTensors(let path, let tensor, let begin, let previous, let previousEnd):
            return "\(path): tensor \"\(tensor)\" starts at data byte \(begin), inside tensor "
                + "\"\(previous)\", which ends at data byte \(previousEnd); tensors must not "
                + "overlap, so \(Self.damaged)"
        case .gapBeforeTensor(let path, let tensor, let gapBegin, let gapEnd):
            return "\(path): data bytes \(gapBegin)..<\(gapEnd), before tensor \"\(tensor)\", "
                + "belong to no tensor; the format requires the data buffer to be covered "
                + "without holes, so \(Self.damaged)"
        case .trailingBytes(let path, let dataEnd, let dataSize):
            return "\(path): \(dataSize - dataEnd) bytes follow the last tensor, which ends at "
                + "data byte \(dataEnd); the format forbids trailing bytes, so \(Self.damaged)"
        case .reservedTensorName(let path, let name):
            return "\(path): cannot save a tensor named \"\(name)\" because the format reserves "
                + "that key for metadata; rename the tensor"
        case .writeFailed(let error):
            return error.description
        }
    }

    private static let damaged =
        "the file is damaged or not a safetensors file; write it again from its source"

    /// Says why a JSON number literal is not a usable size, e.g. "is negative".
    private static func integerProblem(_ literal: String) -> String {
        if literal.hasPrefix("-") { return "is negative" }
        if literal.contains(where: { ".eE".contains($0) }) { return "is not an integer" }
        return "is too large"
    }
}
