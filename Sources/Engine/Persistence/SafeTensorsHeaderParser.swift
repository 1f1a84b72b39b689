/// The header's grammar: a JSON object of tensor entries and an optional `__metadata__` object.
///
/// Each value is checked as it is read, so an error names the first bad entry in header order.
/// Offsets and sizes are compared with each other and the data buffer afterwards, in
/// `checkLayout`.
extension SafeTensorsHeader {
    static let metadataKey = "__metadata__"

    /// Reads the top-level object: the tensor entries in header order, and the metadata.
    static func parseEntries(_ scanner: inout HeaderJSONScanner)
        throws(SafeTensorsError) -> (tensors: [TensorInfo], metadata: [String: String])
    {
        var tensors: [TensorInfo] = []
        var metadata: [String: String] = [:]
        try scanner.readObject { (scanner, key, _) throws(SafeTensorsError) in
            if key == metadataKey {
                metadata = try parseMetadata(&scanner)
            } else {
                tensors.append(try parseTensor(named: key, &scanner))
            }
        }
        return (tensors, metadata)
    }

    private static func parseMetadata(_ scanner: inout HeaderJSONScanner)
        throws(SafeTensorsError) -> [String: String]
    {
        let path = scanner.path
        guard scanner.peek() == UInt8(ascii: "{") else {
            throw .metadataNotObject(
                path: path, offset: scanner.offset, found: try scanner.describeValue())
        }
        var metadata: [String: String] = [:]
        try scanner.readObject { (scanner, key, _) throws(SafeTensorsError) in
            guard scanner.peek() == UInt8(ascii: "\"") else {
                throw .metadataValueNotString(
                    path: path, key: key, offset: scanner.offset,
                    found: try scanner.describeValue())
            }
            metadata[key] = try scanner.readString()
        }
        return metadata
    }

    /// Reads one tensor entry and checks each field on its own; the offsets are checked later.
    private static func parseTensor(named name: String, _ scanner: inout HeaderJSONScanner)
        throws(SafeTensorsError) -> TensorInfo
    {
        let path = scanner.path
        guard scanner.peek() == UInt8(ascii: "{") else {
            throw .entryNotObject(
                path: path, tensor: name, offset: scanner.offset,
                found: try scanner.describeValue())
        }

        var dtypeName: String?
        var shape: [Int]?
        var offsets: [Int]?
        try scanner.readObject { (scanner, field, fieldOffset) throws(SafeTensorsError) in
            switch field {
            case "dtype":
                guard scanner.peek() == UInt8(ascii: "\"") else {
                    throw wrongType(&scanner, name, field, expected: "a string such as \"F32\"")
                }
                dtypeName = try scanner.readString()
            case "shape":
                shape = try parseShape(of: name, &scanner)
            case "data_offsets":
                offsets = try parseDataOffsets(of: name, &scanner)
            default:
                throw .unknownField(path: path, tensor: name, field: field, offset: fieldOffset)
            }
        }

        guard let dtypeName else { throw .missingField(path: path, tensor: name, field: "dtype") }
        guard let shape else { throw .missingField(path: path, tensor: name, field: "shape") }
        guard let offsets else {
            throw .missingField(path: path, tensor: name, field: "data_offsets")
        }

        guard let dtype = SafeTensorsDType(rawValue: dtypeName) else {
            throw .unknownDType(path: path, tensor: name, dtype: dtypeName)
        }
        guard dtype.isReadable else {
            throw .unsupportedDType(path: path, tensor: name, dtype: dtype)
        }
        // Range requires begin <= end, so this check cannot wait for checkLayout.
        guard offsets[0] <= offsets[1] else {
            throw .dataOffsetsReversed(path: path, tensor: name, begin: offsets[0], end: offsets[1])
        }
        return TensorInfo(
            name: name, dtype: dtype, shape: shape, dataOffsets: offsets[0]..<offsets[1])
    }

    private static func parseShape(of name: String, _ scanner: inout HeaderJSONScanner)
        throws(SafeTensorsError) -> [Int]
    {
        let path = scanner.path
        let expected = "an array of non-negative integers"
        guard scanner.peek() == UInt8(ascii: "[") else {
            throw wrongType(&scanner, name, "shape", expected: expected)
        }
        var shape: [Int] = []
        try scanner.readArray { (scanner, index) throws(SafeTensorsError) in
            guard index < maximumRank else {
                throw .tooManyDimensions(path: path, tensor: name, limit: maximumRank)
            }
            guard isNumberStart(scanner.peek()) else {
                throw wrongType(&scanner, name, "shape", expected: expected)
            }
            let literal = try scanner.readNumberLiteral()
            guard let dimension = nonNegativeInteger(literal) else {
                throw .invalidDimension(path: path, tensor: name, index: index, literal: literal)
            }
            shape.append(dimension)
        }
        return shape
    }

    /// Reads `[begin, end]`; an array of another length is counted to the end, so the error
    /// can give its length.
    private static func parseDataOffsets(of name: String, _ scanner: inout HeaderJSONScanner)
        throws(SafeTensorsError) -> [Int]
    {
        let path = scanner.path
        let expected = "an array of two non-negative integers [begin, end]"
        guard scanner.peek() == UInt8(ascii: "[") else {
            throw wrongType(&scanner, name, "data_offsets", expected: expected)
        }
        var offsets: [Int] = []
        var count = 0
        try scanner.readArray { (scanner, _) throws(SafeTensorsError) in
            guard isNumberStart(scanner.peek()) else {
                throw wrongType(&scanner, name, "data_offsets", expected: expected)
            }
            let literal = try scanner.readNumberLiteral()
            guard let offset = nonNegativeInteger(literal) else {
                throw .invalidDataOffset(path: path, tensor: name, literal: literal)
            }
            count += 1
            if offsets.count < 2 { offsets.append(offset) }
        }
        guard count == 2 else {
            throw .wrongDataOffsetCount(path: path, tensor: name, count: count)
        }
        return offsets
    }

    private static func wrongType(
        _ scanner: inout HeaderJSONScanner, _ name: String, _ field: String, expected: String
    ) -> SafeTensorsError {
        let offset = scanner.offset
        do {
            let found = try scanner.describeValue()
            return .wrongFieldType(
                path: scanner.path, tensor: name, field: field, expected: expected, found: found,
                offset: offset)
        } catch {
            return error
        }
    }

    private static func isNumberStart(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// Returns the value of a JSON number literal that is a plain non-negative integer fitting
    /// in `Int`, or `nil` for a negative, fractional, exponent or too large literal.
    ///
    /// `2.0` and `2e0` are rejected although they equal 2, as the `safetensors` package does.
    static func nonNegativeInteger(_ literal: String) -> Int? {
        var value = 0
        for byte in literal.utf8 {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }
}
