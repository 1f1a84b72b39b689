import Engine
import Foundation
import Testing

/// Builds a safetensors file from its parts: the header's byte length as 8 little-endian bytes,
/// the header's UTF-8 bytes, then `data`.
private func makeFile(_ header: String, data: [UInt8] = []) -> [UInt8] {
    makeFile(headerLength: UInt64(header.utf8.count), rest: Array(header.utf8) + data)
}

/// Builds a file whose first 8 bytes claim `headerLength`, whatever follows.
private func makeFile(headerLength: UInt64, rest: [UInt8]) -> [UInt8] {
    withUnsafeBytes(of: headerLength.littleEndian) { Array($0) } + rest
}

private func zeros(_ count: Int) -> [UInt8] {
    [UInt8](repeating: 0, count: count)
}

/// Returns the file offset of the `occurrence`-th (from 1) `needle` in a header that starts at
/// byte 8 of the file.
private func fileOffset(of needle: String, in header: String, occurrence: Int = 1) -> Int {
    let haystack = Array(header.utf8)
    let pattern = Array(needle.utf8)
    var found = 0
    for start in 0...(haystack.count - pattern.count)
    where Array(haystack[start..<(start + pattern.count)]) == pattern {
        found += 1
        if found == occurrence { return 8 + start }
    }
    fatalError("\(needle) occurs fewer than \(occurrence) times in \(header)")
}

/// Returns the error that reading `bytes` throws, or `nil` when the bytes are accepted.
private func rejection(_ bytes: [UInt8]) -> SafeTensorsError? {
    do {
        _ = try SafeTensorsFile(bytes: bytes, source: "bad.safetensors")
        return nil
    } catch {
        return error
    }
}

/// Creates an empty directory under the system's temporary directory and returns its path.
private func makeTemporaryDirectory() -> String {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("layerlab-safetensors-\(UUID().uuidString)").path
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    return path
}

private func fixturePath(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent(name).path
}

/// A malformed file, built in the test, and the error that reading it must throw.
struct MalformedFile: CustomTestStringConvertible, Sendable {
    let name: String
    let bytes: [UInt8]
    let expected: SafeTensorsError
    var testDescription: String { name }
}

private let badPath = "bad.safetensors"

/// Malformed files, each with the one error it must produce.
private let malformedFiles: [MalformedFile] = {
    var cases: [MalformedFile] = []
    func add(_ name: String, _ bytes: [UInt8], _ expected: SafeTensorsError) {
        cases.append(MalformedFile(name: name, bytes: bytes, expected: expected))
    }

    add("file shorter than 8 bytes", [1, 0, 0], .fileTooShort(path: badPath, size: 3))
    add(
        "header length larger than the file", makeFile(headerLength: 1000, rest: Array("{}".utf8)),
        .headerBeyondEndOfFile(path: badPath, headerLength: 1000, fileSize: 10))
    add(
        "header length claims 8 GB", makeFile(headerLength: 8 << 30, rest: zeros(16)),
        .headerBeyondEndOfFile(path: badPath, headerLength: 8 << 30, fileSize: 24))
    add(
        "header length 2^64 - 1",
        makeFile(headerLength: .max, rest: zeros(4)),
        .headerBeyondEndOfFile(path: badPath, headerLength: .max, fileSize: 12))
    add("header length 0", makeFile(headerLength: 0, rest: []), .emptyHeader(path: badPath))
    add(
        "header not starting with a brace", makeFile("[1, 2]"),
        .headerNotObject(path: badPath, found: "'[' (0x5B)"))
    add(
        "header starting with whitespace", makeFile(" {}"),
        .headerNotObject(path: badPath, found: "byte 0x20"))
    add(
        "header not UTF-8", makeFile(headerLength: 6, rest: [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x7D]),
        .headerNotUTF8(path: badPath, offset: 10))
    add(
        "header with a UTF-16 surrogate encoded in UTF-8",
        makeFile(headerLength: 7, rest: [0x7B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x7D]),
        .headerNotUTF8(path: badPath, offset: 10))

    let twoTensors = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"#
    let duplicate = twoTensors + #""a":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}"#
    add(
        "duplicate tensor names", makeFile(duplicate, data: zeros(16)),
        .duplicateKey(
            path: badPath, key: "a", offset: fileOffset(of: #""a""#, in: duplicate, occurrence: 2),
            firstOffset: 9))
    let duplicateField = #"{"a":{"dtype":"F32","dtype":"F64","shape":[],"data_offsets":[0,4]}}"#
    add(
        "duplicate field in a tensor entry", makeFile(duplicateField, data: zeros(4)),
        .duplicateKey(
            path: badPath, key: "dtype",
            offset: fileOffset(of: #""dtype""#, in: duplicateField, occurrence: 2),
            firstOffset: fileOffset(of: #""dtype""#, in: duplicateField)))
    let duplicateMetadata = #"{"__metadata__":{"k":"1"},"__metadata__":{"k":"2"}}"#
    add(
        "duplicate metadata object", makeFile(duplicateMetadata),
        .duplicateKey(
            path: badPath, key: "__metadata__",
            offset: fileOffset(of: "\"__metadata__\"", in: duplicateMetadata, occurrence: 2),
            firstOffset: 9))

    let metadataNumber = #"{"__metadata__":{"epochs":3}}"#
    add(
        "metadata value not a string", makeFile(metadataNumber),
        .metadataValueNotString(
            path: badPath, key: "epochs", offset: fileOffset(of: "3", in: metadataNumber),
            found: "a number"))
    let metadataArray = #"{"__metadata__":["format","pt"]}"#
    add(
        "metadata not an object", makeFile(metadataArray),
        .metadataNotObject(
            path: badPath, offset: fileOffset(of: "[", in: metadataArray), found: "an array"))

    add(
        "tensor entry not an object", makeFile(#"{"a":"F32"}"#),
        .entryNotObject(path: badPath, tensor: "a", offset: 13, found: "a string"))
    add(
        "missing dtype", makeFile(#"{"a":{"shape":[1],"data_offsets":[0,4]}}"#, data: zeros(4)),
        .missingField(path: badPath, tensor: "a", field: "dtype"))
    add(
        "missing shape", makeFile(#"{"a":{"dtype":"F32","data_offsets":[0,4]}}"#, data: zeros(4)),
        .missingField(path: badPath, tensor: "a", field: "shape"))
    add(
        "missing data_offsets", makeFile(#"{"a":{"dtype":"F32","shape":[1]}}"#),
        .missingField(path: badPath, tensor: "a", field: "data_offsets"))
    let unknownField = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"strides":[1]}}"#
    add(
        "unknown field", makeFile(unknownField, data: zeros(4)),
        .unknownField(
            path: badPath, tensor: "a", field: "strides",
            offset: fileOffset(of: "\"strides\"", in: unknownField)))
    let shapeString = #"{"a":{"dtype":"F32","shape":"2x3","data_offsets":[0,24]}}"#
    add(
        "shape not an array", makeFile(shapeString, data: zeros(24)),
        .wrongFieldType(
            path: badPath, tensor: "a", field: "shape",
            expected: "an array of non-negative integers",
            found: "a string", offset: fileOffset(of: "\"2x3\"", in: shapeString)))
    let dtypeNumber = #"{"a":{"dtype":32,"shape":[1],"data_offsets":[0,4]}}"#
    add(
        "dtype not a string", makeFile(dtypeNumber, data: zeros(4)),
        .wrongFieldType(
            path: badPath, tensor: "a", field: "dtype", expected: "a string such as \"F32\"",
            found: "a number", offset: fileOffset(of: "32", in: dtypeNumber)))
    add(
        "unknown dtype",
        makeFile(#"{"a":{"dtype":"F128","shape":[1],"data_offsets":[0,16]}}"#, data: zeros(16)),
        .unknownDType(path: badPath, tensor: "a", dtype: "F128"))
    add(
        "lowercase dtype",
        makeFile(#"{"a":{"dtype":"f32","shape":[1],"data_offsets":[0,4]}}"#, data: zeros(4)),
        .unknownDType(path: badPath, tensor: "a", dtype: "f32"))
    add(
        "unsupported dtype I32",
        makeFile(#"{"a":{"dtype":"I32","shape":[2],"data_offsets":[0,8]}}"#, data: zeros(8)),
        .unsupportedDType(path: badPath, tensor: "a", dtype: .int32))
    add(
        "unsupported dtype BOOL",
        makeFile(#"{"mask":{"dtype":"BOOL","shape":[3],"data_offsets":[0,3]}}"#, data: zeros(3)),
        .unsupportedDType(path: badPath, tensor: "mask", dtype: .bool))
    add(
        "negative shape",
        makeFile(#"{"a":{"dtype":"F32","shape":[2,-3],"data_offsets":[0,24]}}"#, data: zeros(24)),
        .invalidDimension(path: badPath, tensor: "a", index: 1, literal: "-3"))
    add(
        "fractional shape",
        makeFile(#"{"a":{"dtype":"F32","shape":[2.0],"data_offsets":[0,8]}}"#, data: zeros(8)),
        .invalidDimension(path: badPath, tensor: "a", index: 0, literal: "2.0"))
    add(
        "shape entry larger than Int",
        makeFile(#"{"a":{"dtype":"F32","shape":[99999999999999999999],"data_offsets":[0,4]}}"#),
        .invalidDimension(path: badPath, tensor: "a", index: 0, literal: "99999999999999999999"))
    add(
        "huge shape whose byte count overflows",
        makeFile(
            #"{"a":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,0]}}"#),
        .byteCountOverflow(
            path: badPath, tensor: "a", dtype: .float32, shape: [4_611_686_018_427_387_904, 4]))
    let manyDimensions = Array(repeating: "1", count: 65).joined(separator: ",")
    add(
        "more than 64 dimensions",
        makeFile(#"{"a":{"dtype":"F32","shape":[\#(manyDimensions)],"data_offsets":[0,4]}}"#),
        .tooManyDimensions(path: badPath, tensor: "a", limit: 64))
    add(
        "negative data offset",
        makeFile(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[-4,0]}}"#),
        .invalidDataOffset(path: badPath, tensor: "a", literal: "-4"))
    add(
        "three data offsets",
        makeFile(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4,8]}}"#, data: zeros(8)),
        .wrongDataOffsetCount(path: badPath, tensor: "a", count: 3))
    add(
        "data offsets reversed",
        makeFile(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}"#, data: zeros(8)),
        .dataOffsetsReversed(path: badPath, tensor: "a", begin: 8, end: 0))
    add(
        "shape and offsets disagree on the size",
        makeFile(#"{"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,20]}}"#, data: zeros(20)),
        .sizeMismatch(
            path: badPath, tensor: "a", dtype: .float32, shape: [2, 3], expectedBytes: 24, begin: 0,
            end: 20))
    add(
        "truncated data",
        makeFile(#"{"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}}"#, data: zeros(20)),
        .dataOffsetsOutOfBounds(path: badPath, tensor: "a", begin: 0, end: 24, dataSize: 20))
    add(
        "offsets past the data buffer",
        makeFile(#"{"a":{"dtype":"F64","shape":[1],"data_offsets":[100,108]}}"#, data: zeros(8)),
        .dataOffsetsOutOfBounds(path: badPath, tensor: "a", begin: 100, end: 108, dataSize: 8))
    add(
        "overlapping tensors",
        makeFile(
            #"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"#
                + #""b":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}}"#, data: zeros(24)),
        .overlappingTensors(path: badPath, tensor: "b", begin: 8, previous: "a", previousEnd: 16))
    add(
        "two names for the same bytes",
        makeFile(
            #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"#
                + #""b":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: zeros(8)),
        .overlappingTensors(path: badPath, tensor: "b", begin: 0, previous: "a", previousEnd: 8))
    add(
        "gap between tensors",
        makeFile(
            #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"#
                + #""b":{"dtype":"F32","shape":[2],"data_offsets":[12,20]}}"#, data: zeros(20)),
        .gapBeforeTensor(path: badPath, tensor: "b", gapBegin: 8, gapEnd: 12))
    add(
        "gap before the first tensor",
        makeFile(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, data: zeros(8)),
        .gapBeforeTensor(path: badPath, tensor: "a", gapBegin: 0, gapEnd: 4))
    add(
        "trailing garbage",
        makeFile(
            #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, data: zeros(4) + [1, 2, 3]),
        .trailingBytes(path: badPath, dataEnd: 4, dataSize: 7))
    add(
        "data but no tensors", makeFile("{}", data: [0xFF]),
        .trailingBytes(path: badPath, dataEnd: 0, dataSize: 1))
    return cases
}()

/// Reading, writing and rejecting safetensors files.
///
/// The files written by the `safetensors` package and their expected values are in Fixtures/,
/// made by `make_safetensors_reference.py`; rerun it to regenerate them. Malformed files are
/// built here, in `malformedFiles`, so their construction is visible.
struct SafeTensorsTests {
    // MARK: - Round trips

    @Test func roundTripKeepsTensorsAndMetadata() throws {
        var random = RandomGenerator(seed: 7)
        let original = SafeTensorsFile(
            tensors: [
                "0.weight": Tensor(shape: [4, 3]) { _ in random.nextUniform(in: -1, 1) },
                "0.bias": Tensor(
                    shape: [4], scalars: [0, -0.0, .infinity, -.greatestFiniteMagnitude]),
                "2.num_batches_tracked": Tensor(scalar: 12),
                "empty": Tensor(shape: [0, 5]),
                "conv.weight": Tensor(shape: [2, 1, 3, 3]) { Float($0) * 0.25 },
                "名前 \"quoted\"\n\u{1}": Tensor(shape: [1], scalars: [.leastNonzeroMagnitude]),
            ],
            metadata: ["format": "pt", "epoch": "3", "note": "tab\there, ünïcode, \\ and \u{7}"])

        let bytes = try original.serialized()
        let restored = try SafeTensorsFile(bytes: bytes, source: "round-trip")

        #expect(restored == original)
        #expect(restored.names == original.names)
        for name in original.names {
            #expect(restored.entries[name]?.storedDType == .float32)
            let before = original[name]!.scalars.map(\.bitPattern)
            #expect(restored[name]!.scalars.map(\.bitPattern) == before, "tensor \(name)")
        }
        #expect(try restored.serialized() == bytes)
    }

    @Test func roundTripKeepsNaNBits() throws {
        let nan = Float(bitPattern: 0x7FC0_1234)
        let file = SafeTensorsFile(tensors: ["x": Tensor(shape: [2], scalars: [nan, -nan])])
        let restored = try SafeTensorsFile(bytes: try file.serialized(), source: "nan")
        #expect(restored["x"]!.scalars.map(\.bitPattern) == [0x7FC0_1234, 0xFFC0_1234])
    }

    @Test func writtenHeaderHasReferenceLayout() throws {
        let file = SafeTensorsFile(
            tensors: [
                "b": Tensor(shape: [1], scalars: [2]), "a": Tensor(shape: [2], scalars: [1, 0]),
            ],
            metadata: ["z": "last", "format": "pt"])
        let bytes = try file.serialized()
        let expectedHeader =
            #"{"__metadata__":{"format":"pt","z":"last"},"#
            + #""a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"#
            + #""b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#
        let padding = (8 - expectedHeader.utf8.count % 8) % 8
        let headerLength = expectedHeader.utf8.count + padding

        #expect(headerLength % 8 == 0)
        #expect(Array(bytes[0..<8]) == makeFile(headerLength: UInt64(headerLength), rest: []))
        #expect(
            Array(bytes[8..<(8 + headerLength)]) == Array(expectedHeader.utf8)
                + Array(repeating: 0x20, count: padding))
        // 1.0, 0.0, 2.0 as little-endian float32.
        #expect(Array(bytes[(8 + headerLength)...]) == [0, 0, 128, 63, 0, 0, 0, 0, 0, 0, 0, 64])
    }

    @Test func emptyFileHasEightByteHeader() throws {
        let bytes = try SafeTensorsFile().serialized()
        #expect(bytes == makeFile(headerLength: 8, rest: Array("{}      ".utf8)))
        let restored = try SafeTensorsFile(bytes: bytes, source: "empty")
        #expect(restored.entries.isEmpty)
        #expect(restored.metadata.isEmpty)
    }

    @Test func writeAndReadThroughDisk() throws {
        let directory = makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/model.safetensors"
        let first = SafeTensorsFile(tensors: ["w": Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])])
        let second = SafeTensorsFile(
            tensors: ["w": Tensor(shape: [3], scalars: [5, 6, 7])], metadata: ["format": "pt"])

        try first.write(to: path)
        #expect(try SafeTensorsFile(contentsOf: path) == first)
        try second.write(to: path)
        #expect(try SafeTensorsFile(contentsOf: path) == second)
        #expect(try SafeTensorsHeader(contentsOf: path).tensors.map(\.shape) == [[3]])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory) == ["model.safetensors"])
    }

    @Test func tensorNamedMetadataIsRejectedOnWrite() {
        let file = SafeTensorsFile(tensors: ["__metadata__": Tensor(scalar: 1)])
        #expect(throws: SafeTensorsError.reservedTensorName(path: "out", name: "__metadata__")) {
            try file.serialized(destination: "out")
        }
    }

    @Test func writeIntoMissingDirectoryFails() throws {
        let directory = makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/missing/model.safetensors"
        let file = SafeTensorsFile(tensors: ["w": Tensor(scalar: 1)])
        let expected = FileWriteError(path: path, step: .createTemporaryFile, errorNumber: ENOENT)
        #expect(throws: SafeTensorsError.writeFailed(expected)) { try file.write(to: path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    // MARK: - Files written by the safetensors package

    struct Reference: Decodable {
        struct Tensor: Decodable {
            let dtype: String
            let shape: [Int]
            let float32_bits: [UInt32]
        }
        struct File: Decodable {
            let metadata: [String: String]
            let tensors: [String: Tensor]
        }
        let files: [String: File]
    }

    static func loadReference() throws -> Reference {
        let data = try Data(
            contentsOf: URL(fileURLWithPath: fixturePath("safetensors_reference.json")))
        return try JSONDecoder().decode(Reference.self, from: data)
    }

    @Test(arguments: ["safetensors_dtypes.safetensors", "safetensors_model.safetensors"])
    func readsFilesFromPythonPackage(fileName: String) throws {
        let reference = try #require(try Self.loadReference().files[fileName])
        let file = try SafeTensorsFile(contentsOf: fixturePath(fileName))

        #expect(file.metadata == reference.metadata)
        #expect(file.names == reference.tensors.keys.sorted())
        for (name, expected) in reference.tensors {
            let entry = try #require(file.entries[name], "tensor \(name)")
            #expect(entry.storedDType.rawValue == expected.dtype, "tensor \(name)")
            #expect(entry.tensor.shape == expected.shape, "tensor \(name)")
            #expect(
                entry.tensor.scalars.map(\.bitPattern) == expected.float32_bits, "tensor \(name)")
        }
    }

    @Test func pythonFileCoversEveryReadableDType() throws {
        let reference = try #require(
            try Self.loadReference().files["safetensors_dtypes.safetensors"])
        let dtypes = Set(reference.tensors.values.map(\.dtype))
        #expect(dtypes == Set(SafeTensorsDType.readable.map(\.rawValue)))
    }

    @Test func readingFromBytesMatchesReadingFromPath() throws {
        let path = fixturePath("safetensors_dtypes.safetensors")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let fromBytes = try SafeTensorsFile(bytes: bytes, source: path)
        let fromPath = try SafeTensorsFile(contentsOf: path)
        #expect(fromBytes.names == fromPath.names)
        for name in fromPath.names {
            #expect(
                fromBytes[name]!.scalars.map(\.bitPattern)
                    == fromPath[name]!.scalars.map(\.bitPattern))
        }
    }

    @Test func rewritesPythonModelFileByteForByte() throws {
        let path = fixturePath("safetensors_model.safetensors")
        let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let file = try SafeTensorsFile(contentsOf: path)
        #expect(try file.serialized() == original)
    }

    @Test func headerListsTensorsInDataOrder() throws {
        let header = try SafeTensorsHeader(
            contentsOf: fixturePath("safetensors_dtypes.safetensors"))
        let begins = header.tensors.map(\.dataOffsets.lowerBound)
        #expect(begins == begins.sorted())
        #expect(header.length % 8 == 0)
        let scalar = try #require(header.tensors.first { $0.name == "i64.scalar" })
        #expect(scalar.dtype == .int64)
        #expect(scalar.shape == [])
        #expect(scalar.dataOffsets.count == 8)
    }

    // MARK: - Malformed files

    @Test(arguments: malformedFiles)
    func rejectsMalformedFile(_ malformed: MalformedFile) {
        #expect(rejection(malformed.bytes) == malformed.expected)
    }

    @Test(arguments: malformedFiles)
    func errorMessageNamesFile(_ malformed: MalformedFile) {
        let message = malformed.expected.description
        #expect(message.hasPrefix("bad.safetensors: "))
    }

    @Test func errorMessagesNameTensorAndProblem() {
        let gap = SafeTensorsError.gapBeforeTensor(
            path: "m.st", tensor: "0.bias", gapBegin: 8, gapEnd: 12)
        #expect(gap.description.contains("\"0.bias\""))
        #expect(gap.description.contains("8..<12"))
        let negative = SafeTensorsError.invalidDimension(
            path: "m.st", tensor: "w", index: 1, literal: "-3")
        #expect(negative.description.contains("is negative"))
        let fractional = SafeTensorsError.invalidDimension(
            path: "m.st", tensor: "w", index: 0, literal: "2.5")
        #expect(fractional.description.contains("is not an integer"))
        let huge = SafeTensorsError.invalidDataOffset(
            path: "m.st", tensor: "w", literal: "1" + String(repeating: "0", count: 30))
        #expect(huge.description.contains("is too large"))
        let unsupported = SafeTensorsError.unsupportedDType(
            path: "m.st", tensor: "mask", dtype: .uint8)
        #expect(unsupported.description.contains("U8"))
        #expect(unsupported.description.contains("F32, F64, F16, BF16, I64"))
    }

    @Test func invalidJSONNamesByteOffset() {
        let truncated = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]"#
        let cases: [(header: String, offset: Int)] = [
            ("{not json}", 9),
            (#"{"a":{"dtype":"F32",}}"#, 8 + 20),
            (#"{"a" 1}"#, 8 + 5),
            ("{}xyz", 8 + 2),
            (#"{"__metadata__":{"k":"v\q"}}"#, 8 + 23),
            (#"{"__metadata__":{"k":"\uDC00"}}"#, 8 + 22),
            (#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,01]}}"#, 8 + 51),
            (truncated, 8 + truncated.utf8.count),
            ("{\"__metadata__\":{\"k\":\"tab\tinside\"}}", 8 + 25),
        ]
        for (header, expectedOffset) in cases {
            let error = rejection(makeFile(header))
            guard case .invalidJSON(let path, let offset, let problem) = error else {
                Issue.record("expected invalidJSON for \(header), got \(String(describing: error))")
                continue
            }
            #expect(path == badPath)
            #expect(!problem.isEmpty)
            #expect(offset == expectedOffset, "header \(header): \(problem)")
        }
    }

    @Test func unterminatedStringNamesItsStart() {
        let header = #"{"__metadata__":{"k":"never closed}}"#
        guard case .invalidJSON(_, let offset, _) = rejection(makeFile(header)) else {
            Issue.record("expected invalidJSON")
            return
        }
        #expect(offset == fileOffset(of: "\"never", in: header))
    }

    @Test func deepNestingIsRejectedWithoutRecursion() {
        let depth = 200_000
        let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let header = #"{"__metadata__":{"k":\#(nested)}}"#
        #expect(
            rejection(makeFile(header))
                == .metadataValueNotString(
                    path: badPath, key: "k", offset: fileOffset(of: "[", in: header),
                    found: "an array"))
        let shapeHeader = #"{"a":{"dtype":"F32","shape":[\#(nested)],"data_offsets":[0,4]}}"#
        #expect(
            rejection(makeFile(shapeHeader))
                == .wrongFieldType(
                    path: badPath, tensor: "a", field: "shape",
                    expected: "an array of non-negative integers",
                    found: "an array", offset: fileOffset(of: "[", in: shapeHeader, occurrence: 2)))
    }

    @Test func everyTruncationIsRejected() throws {
        let file = SafeTensorsFile(
            tensors: ["a": Tensor(shape: [3], scalars: [1, 2, 3]), "b": Tensor(scalar: 4)],
            metadata: ["format": "pt"])
        let bytes = try file.serialized()
        for length in 0..<bytes.count {
            #expect(rejection(Array(bytes[0..<length])) != nil, "prefix of \(length) bytes")
        }
    }

    @Test func corruptedBytesNeverCrash() throws {
        let file = SafeTensorsFile(
            tensors: [
                "0.weight": Tensor(shape: [2, 3]) { Float($0) }, "0.bias": Tensor(shape: [2]),
            ],
            metadata: ["format": "pt"])
        let original = try file.serialized()
        var random = RandomGenerator(seed: 11)
        var rejected = 0
        for _ in 0..<3000 {
            var bytes = original
            for _ in 0..<(1 + random.nextIndex(below: 3)) {
                bytes[random.nextIndex(below: bytes.count)] = UInt8(random.nextIndex(below: 256))
            }
            if rejection(bytes) != nil { rejected += 1 }
        }
        // Changes inside the data buffer are valid files, so only some are rejected.
        #expect(rejected > 0)
        #expect(rejected < 3000)
    }

    @Test func emptyAndScalarTensorsAreValid() throws {
        let header =
            #"{"e":{"dtype":"F32","shape":[2,0],"data_offsets":[0,0]},"#
            + #""s":{"dtype":"F64","shape":[],"data_offsets":[0,8]},"#
            + #""z":{"dtype":"BF16","shape":[0],"data_offsets":[8,8]}}"#
        let data = withUnsafeBytes(of: (-1.5 as Double).bitPattern.littleEndian) { Array($0) }
        let file = try SafeTensorsFile(bytes: makeFile(header, data: data), source: "edge")
        #expect(file["e"] == Tensor(shape: [2, 0]))
        #expect(file["s"] == Tensor(scalar: -1.5))
        #expect(file["z"] == Tensor(shape: [0]))
        #expect(file.entries["z"]?.storedDType == .bfloat16)
    }

    @Test func headerWithEscapesAndTrailingWhitespaceIsValid() throws {
        let header =
            "{\"caf\\u00e9\\ud83d\\ude00\":{\"dtype\":\"F32\",\"shape\":[1],"
            + "\"data_offsets\":[0,4]},\"__metadata__\":{\"a\\/b\":\"line\\nbreak\"}} \t\r\n"
        let data = withUnsafeBytes(of: Float(2.5).bitPattern.littleEndian) { Array($0) }
        let file = try SafeTensorsFile(bytes: makeFile(header, data: data), source: "escapes")
        #expect(file.names == ["café😀"])
        #expect(file["café😀"] == Tensor(shape: [1], scalars: [2.5]))
        #expect(file.metadata == ["a/b": "line\nbreak"])
    }

    @Test func halfPrecisionDecodingMatchesFloat16() throws {
        // Every F16 bit pattern, decoded by LayerLab, against Swift's own Float16 conversion.
        var data: [UInt8] = []
        for bits in 0...UInt16.max {
            data.append(UInt8(bits & 0xFF))
            data.append(UInt8(bits >> 8))
        }
        let header = #"{"h":{"dtype":"F16","shape":[65536],"data_offsets":[0,131072]}}"#
        let file = try SafeTensorsFile(bytes: makeFile(header, data: data), source: "f16")
        let decoded = try #require(file["h"]).scalars
        var mismatches = 0
        for bits in 0...UInt16.max {
            let expected = Float(Float16(bitPattern: bits))
            let actual = decoded[Int(bits)]
            let same = expected.isNaN ? actual.isNaN : actual.bitPattern == expected.bitPattern
            if !same { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    // MARK: - Limits checked before allocation

    @Test func eightGigabyteHeaderIsRejectedBeforeAllocation() throws {
        // A sparse file really 8 GiB long, so the length fits in the file and only the
        // 100 MB limit stops the reader from allocating 8 GiB for the header.
        let directory = makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/huge-header.safetensors"
        let claimed: UInt64 = 8 << 30
        try Data(makeFile(headerLength: claimed, rest: Array("{}".utf8))).write(
            to: URL(fileURLWithPath: path))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 8 + claimed)
        try handle.close()

        let clock = ContinuousClock()
        let start = clock.now
        #expect(throws: SafeTensorsError.headerTooLarge(path: path, headerLength: claimed)) {
            try SafeTensorsFile(contentsOf: path)
        }
        #expect(clock.now - start < .seconds(1))
    }

    @Test func terabyteTensorIsRejectedBeforeAllocation() throws {
        let directory = makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/huge-tensor.safetensors"
        let terabyte = 1 << 40
        let header =
            #"{"w":{"dtype":"F32","shape":[\#(terabyte / 4)],"data_offsets":[0,\#(terabyte)]}}"#
        try Data(makeFile(header, data: zeros(16))).write(to: URL(fileURLWithPath: path))

        let clock = ContinuousClock()
        let start = clock.now
        let expected = SafeTensorsError.dataOffsetsOutOfBounds(
            path: path, tensor: "w", begin: 0, end: terabyte, dataSize: 16)
        #expect(throws: expected) { try SafeTensorsFile(contentsOf: path) }
        #expect(clock.now - start < .seconds(1))
    }

    @Test func headerLengthLimitIsInclusive() throws {
        // Sparse files of zeros: a header of exactly the limit is read (and then rejected
        // because it does not start with '{'), one byte more is rejected unread.
        let directory = makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let limit = SafeTensorsHeader.maximumLength
        for length in [limit, limit + 1] {
            let path = directory + "/header-\(length).safetensors"
            try Data(makeFile(headerLength: UInt64(length), rest: [])).write(
                to: URL(fileURLWithPath: path))
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.truncate(atOffset: UInt64(8 + length))
            try handle.close()
        }
        #expect(
            throws: SafeTensorsError.headerNotObject(
                path: directory + "/header-\(limit).safetensors", found: "byte 0x00")
        ) {
            try SafeTensorsHeader(contentsOf: directory + "/header-\(limit).safetensors")
        }
        #expect(
            throws: SafeTensorsError.headerTooLarge(
                path: directory + "/header-\(limit + 1).safetensors",
                headerLength: UInt64(limit + 1))
        ) {
            try SafeTensorsHeader(contentsOf: directory + "/header-\(limit + 1).safetensors")
        }
    }

    @Test func missingFileAndDirectoryAreUnreadable() {
        let directory = makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(
            throws: SafeTensorsError.unreadableFile(
                path: directory + "/absent.safetensors", reason: "No such file or directory")
        ) { try SafeTensorsFile(contentsOf: directory + "/absent.safetensors") }
        #expect(
            throws: SafeTensorsError.unreadableFile(path: directory, reason: "it is a directory")
        ) {
            try SafeTensorsFile(contentsOf: directory)
        }
    }
}

/// Replacing files through a temporary file, `fsync` and `rename`.
struct AtomicFileTests {
    @Test func replacesContentsAndKeepsPermissions() throws {
        let directory = makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/data.bin"
        try AtomicFile.write([1, 2, 3], to: path)
        #expect(FileManager.default.contents(atPath: path) == Data([1, 2, 3]))

        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        try AtomicFile.write([4, 5], to: path)
        #expect(FileManager.default.contents(atPath: path) == Data([4, 5]))
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]
        #expect(permissions as? Int == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["data.bin"])
    }

    @Test func writesEmptyFile() throws {
        let directory = makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try AtomicFile.write([], to: directory + "/empty")
        #expect(FileManager.default.contents(atPath: directory + "/empty") == Data())
    }

    @Test func failedRenameLeavesTargetAndNoTemporaryFile() throws {
        let directory = makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A non-empty directory in the target's place makes the final rename fail.
        let target = directory + "/occupied"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        try Data([9]).write(to: URL(fileURLWithPath: target + "/keep"))

        let expected = FileWriteError(path: target, step: .rename, errorNumber: EISDIR)
        #expect(throws: expected) { try AtomicFile.write([1, 2, 3], to: target) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["occupied"])
        #expect(FileManager.default.contents(atPath: target + "/keep") == Data([9]))
    }

    @Test func missingDirectoryCreatesNothing() throws {
        let directory = makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/no/such/dir/file"
        #expect(throws: FileWriteError(path: path, step: .createTemporaryFile, errorNumber: ENOENT))
        {
            try AtomicFile.write([1], to: path)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    @Test func pathEndingInSlashIsRejected() {
        #expect(
            throws: FileWriteError(path: "/tmp/", step: .createTemporaryFile, errorNumber: EISDIR)
        ) {
            try AtomicFile.write([1], to: "/tmp/")
        }
    }

    @Test func errorMessageSaysOldFileIsKept() {
        let error = FileWriteError(path: "m.safetensors", step: .write, errorNumber: ENOSPC)
        #expect(error.description.hasPrefix("m.safetensors: cannot save: failed to write"))
        #expect(error.description.contains("No space left on device"))
        #expect(error.description.contains("unchanged"))
    }
}
