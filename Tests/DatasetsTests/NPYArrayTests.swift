import Datasets
import Engine
import Foundation
import Testing

/// Returns the path of a file in Fixtures/ next to this file. make_npy_fixtures.py there wrote
/// the NPY fixtures with numpy.
func fixturePath(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent(name).path
}

/// Returns the bytes of an NPY file with `header` as its dictionary text, padded with spaces
/// and a newline as numpy pads it, followed by `payload`. The data starts at a multiple of 64:
/// at byte 128 for the headers of these tests.
func npyBytes(header: String, version: UInt8 = 1, payload: [UInt8] = []) -> [UInt8] {
    let lengthSize = version == 1 ? 2 : 4
    var text = Array(header.utf8)
    let unpadded = 8 + lengthSize + text.count + 1
    text += Array(repeating: UInt8(ascii: " "), count: (64 - unpadded % 64) % 64) + [0x0A]
    var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [version, 0]
    for i in 0..<lengthSize { bytes.append(UInt8(text.count >> (8 * i) & 0xFF)) }
    return bytes + text + payload
}

/// Returns the little-endian bytes of Float32 values.
func littleEndianBytes(_ values: [Float]) -> [UInt8] {
    values.flatMap { value in (0..<4).map { UInt8(value.bitPattern >> (8 * $0) & 0xFF) } }
}

@Suite struct NPYArrayTests {
    /// One entry of npy_manifest.json: a fixture file and the values numpy wrote into it.
    struct ManifestEntry: Decodable {
        let file: String
        let descr: String
        let fortran_order: Bool
        let shape: [Int]
        /// The elements in row-major order.
        let values: [Double]
    }

    let directory: FixtureDirectory

    init() throws {
        directory = try FixtureDirectory()
    }

    @Test func numpyFixturesDecode() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixturePath("npy_manifest.json")))
        let entries = try JSONDecoder().decode([ManifestEntry].self, from: data)
        #expect(entries.count == 20)
        for entry in entries {
            let array = try NPYArray.read(path: fixturePath(entry.file))
            #expect(array.elementType.rawValue == String(entry.descr.dropFirst()), "\(entry.file)")
            #expect(array.isBigEndian == (entry.descr.first == ">"), "\(entry.file)")
            #expect(array.isFortranOrder == entry.fortran_order, "\(entry.file)")
            #expect(array.shape == entry.shape, "\(entry.file)")
            let tensor = array.tensor()
            #expect(tensor.shape == entry.shape, "\(entry.file)")
            #expect(tensor.scalars == entry.values.map { Float($0) }, "\(entry.file)")
            if array.elementType.isInteger {
                #expect(array.integers() == entry.values.map { Int64($0) }, "\(entry.file)")
            } else {
                #expect(array.integers() == nil, "\(entry.file)")
            }
        }
    }

    @Test func versionsTwoAndThreeRead() throws {
        for version in [2, 3] {
            let array = try NPYArray.read(path: fixturePath("version\(version)_f4.npy"))
            #expect(array.shape == [3])
            #expect(array.tensor().scalars == [1.5, -2, 4], "version \(version)")
        }
    }

    @Test func scalarAndEmptyArraysRead() throws {
        let scalar = try NPYArray.read(path: fixturePath("scalar_f8.npy"))
        #expect(scalar.shape == [])
        #expect(scalar.tensor().scalars == [2.5])
        let empty = try NPYArray.read(path: fixturePath("empty_f4.npy"))
        #expect(empty.tensor().shape == [0, 3])
    }

    @Test func objectArrayRejected() {
        let path = fixturePath("object.npy")
        let error = #expect(throws: DatasetError.self) { try NPYArray.read(path: path) }
        #expect(
            error
                == .malformedFile(
                    path: path, offset: 10, isDecompressed: false, problem: .objectArray))
        #expect(
            error?.description == "\(path): byte 10: the array holds Python objects (dtype "
                + "'|O'), which only Python can read; save a numeric array, for example with "
                + "numpy.asarray(x, dtype=numpy.float32)")
    }

    @Test func unsupportedNumpyDtypesRejected() {
        let cases = [
            ("complex64.npy", "dtype '<c8'"), ("float16.npy", "dtype '<f2'"),
            ("bool.npy", "dtype '|b1'"), ("unicode.npy", "dtype '<U2'"),
            ("structured.npy", "a structured dtype (a list of fields)"),
        ]
        for (file, expected) in cases {
            let error = #expect(throws: DatasetError.self) {
                try NPYArray.read(path: fixturePath(file))
            }
            guard
                case .malformedFile(_, 10, false, .unsupportedElementType("NPY", let found, _))? =
                    error
            else {
                Issue.record(
                    "\(file): expected an unsupported dtype, got \(String(describing: error))")
                continue
            }
            #expect(found == expected, "\(file)")
        }
    }

    @Test func truncatedFilesRejected() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: fixturePath("f4_le_c.npy"))))
        let prefix = try directory.write("prefix.npy", bytes: Array(bytes[..<5]))
        #expect(
            throws: DatasetError.malformedFile(
                path: prefix, offset: 5, isDecompressed: false,
                problem: .truncatedHeader(format: "NPY", headerSize: 10, available: 5))
        ) { try NPYArray.read(path: prefix) }

        let header = try directory.write("header.npy", bytes: Array(bytes[..<50]))
        #expect(
            throws: DatasetError.malformedFile(
                path: header, offset: 50, isDecompressed: false,
                problem: .truncatedHeader(format: "NPY", headerSize: 128, available: 50))
        ) { try NPYArray.read(path: header) }

        let data = try directory.write("data.npy", bytes: Array(bytes.dropLast(6)))
        #expect(
            throws: DatasetError.malformedFile(
                path: data, offset: 218, isDecompressed: false,
                problem: .claimsMoreData(shape: [2, 3, 4], claimedBytes: 96, presentBytes: 90))
        ) { try NPYArray.read(path: data) }
    }

    @Test func wrongMagicRejected() throws {
        var bytes = npyBytes(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (), }")
        bytes[5] = UInt8(ascii: "X")
        let path = try directory.write("magic.npy", bytes: bytes + littleEndianBytes([1]))
        #expect(
            throws: DatasetError.malformedFile(
                path: path, offset: 0, isDecompressed: false,
                problem: .wrongMagic(expected: "\\x93NUMPY", found: "\\x93NUMPX"))
        ) { try NPYArray.read(path: path) }
    }

    @Test func unsupportedVersionRejected() throws {
        var bytes = npyBytes(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (), }")
        bytes[6] = 4
        let path = try directory.write("version.npy", bytes: bytes + littleEndianBytes([1]))
        #expect(
            throws: DatasetError.malformedFile(
                path: path, offset: 6, isDecompressed: false,
                problem: .unsupportedVersion(major: 4, minor: 0))
        ) { try NPYArray.read(path: path) }
    }

    @Test func badHeadersRejectedWithReason() throws {
        let cases: [(String, String)] = [
            ("{'descr': '<f4', 'fortran_order': False, }", "missing key 'shape'"),
            (
                "{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (1,), }",
                "key 'descr' appears twice"
            ),
            (
                "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'extra': 'x', }",
                "unexpected key 'extra'; the header has only 'descr', 'fortran_order' and 'shape'"
            ),
            (
                "{'descr': '<f4', 'fortran_order': 'no', 'shape': (1,), }",
                "the value of 'fortran_order' must be True or False"
            ),
            (
                "{'descr': '<f4', 'fortran_order': False, 'shape': (1), }",
                "a one-element shape needs a trailing comma, as in (3,)"
            ),
            (
                "{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }",
                "expected a non-negative integer"
            ),
            (
                "{'descr': '<f4', 'fortran_order': Maybe, 'shape': (1,), }",
                "unexpected value 'Maybe'"
            ),
            (
                "{'descr': '<f4' 'fortran_order': False, 'shape': (1,), }",
                "expected ',' or '}' after the value of 'descr'"
            ),
            (
                "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), } x",
                "unexpected text after the closing '}'"
            ),
            (
                "{'descr: '<f4', 'fortran_order': False, 'shape': (1,), }",
                "expected ':'"
            ),
            ("['descr', '<f4']", "expected '{'"),
        ]
        for (index, (header, reason)) in cases.enumerated() {
            let path = try directory.write(
                "header\(index).npy", bytes: npyBytes(header: header) + littleEndianBytes([1]))
            let error = #expect(throws: DatasetError.self) { try NPYArray.read(path: path) }
            guard case .malformedFile(path, _, false, .invalidHeader(let found))? = error else {
                Issue.record(
                    "\(header): expected an invalid header, got \(String(describing: error))")
                continue
            }
            #expect(found == reason, "\(header)")
        }
    }

    @Test func headerWithoutNewlineRejected() throws {
        var bytes = npyBytes(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (), }")
        bytes[bytes.count - 1] = UInt8(ascii: " ")
        let path = try directory.write("newline.npy", bytes: bytes + littleEndianBytes([1]))
        #expect(
            throws: DatasetError.malformedFile(
                path: path, offset: 128, isDecompressed: false,
                problem: .invalidHeader(reason: "the header does not end with a newline"))
        ) { try NPYArray.read(path: path) }
    }

    @Test func headerLengthBeyondFileRejected() throws {
        var bytes = npyBytes(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (), }")
        bytes[8] = 0xE8
        bytes[9] = 0x03
        let path = try directory.write("length.npy", bytes: bytes)
        #expect(
            throws: DatasetError.malformedFile(
                path: path, offset: 128, isDecompressed: false,
                problem: .truncatedHeader(format: "NPY", headerSize: 1010, available: 128))
        ) { try NPYArray.read(path: path) }
    }

    @Test func claimOfMoreDataRejected() throws {
        let bytes = npyBytes(
            header: "{'descr': '<f4', 'fortran_order': False, 'shape': (100,), }",
            payload: littleEndianBytes([1, 2]))
        let path = try directory.write("claim.npy", bytes: bytes)
        let error = #expect(throws: DatasetError.self) { try NPYArray.read(path: path) }
        #expect(
            error
                == .malformedFile(
                    path: path, offset: 136, isDecompressed: false,
                    problem: .claimsMoreData(shape: [100], claimedBytes: 400, presentBytes: 8)))
        #expect(
            error?.description == "\(path): byte 136: the header's shape [100] needs 400 bytes "
                + "of data but only 8 follow; the file is cut short or its header is wrong")
    }

    @Test func hugeClaimRejectedBeforeAllocating() throws {
        let bytes = npyBytes(
            header: "{'descr': '<f8', 'fortran_order': False, 'shape': (1099511627776, 1024), }",
            payload: littleEndianBytes([1, 2]))
        let path = try directory.write("huge.npy", bytes: bytes)
        #expect(
            throws: DatasetError.malformedFile(
                path: path, offset: 10, isDecompressed: false,
                problem: .exceedsSizeLimit(shape: [1_099_511_627_776, 1024], limit: 1 << 31))
        ) { try NPYArray.read(path: path) }
    }

    @Test func trailingDataRejected() throws {
        let bytes = npyBytes(
            header: "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }",
            payload: littleEndianBytes([1, 2, 3]))
        let path = try directory.write("trailing.npy", bytes: bytes)
        #expect(
            throws: DatasetError.malformedFile(
                path: path, offset: 136, isDecompressed: false,
                problem: .trailingData(claimedBytes: 8, extraBytes: 4))
        ) { try NPYArray.read(path: path) }
    }

    @Test func handWrittenUnsupportedDtypesRejected() throws {
        for descr in ["<c8", "|f4", "=f4", "<u4", "f4"] {
            let bytes = npyBytes(
                header: "{'descr': '\(descr)', 'fortran_order': False, 'shape': (1,), }",
                payload: littleEndianBytes([1, 2]))
            let path = try directory.write("dtype.npy", bytes: bytes)
            let error = #expect(throws: DatasetError.self) { try NPYArray.read(path: path) }
            guard
                case .malformedFile(_, 10, false, .unsupportedElementType(_, let found, _))? = error
            else {
                Issue.record(
                    "\(descr): expected an unsupported dtype, got \(String(describing: error))")
                continue
            }
            #expect(found == "dtype '\(descr)'")
        }
    }

    @Test func doubleQuotedHeaderAccepted() throws {
        let bytes = npyBytes(
            header: "{\"descr\": \"<f4\", \"shape\": (2,), \"fortran_order\": False}",
            payload: littleEndianBytes([3, 4]))
        let path = try directory.write("quotes.npy", bytes: bytes)
        #expect(try NPYArray.read(path: path).tensor().scalars == [3, 4])
    }
}
