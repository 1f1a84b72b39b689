import Datasets
import Engine
import Foundation
import Testing

@Suite struct IDXArrayTests {
    let directory: FixtureDirectory

    init() throws {
        directory = try FixtureDirectory()
    }

    @Test func readsUnsignedBytes() throws {
        let path = try directory.write(
            "images", bytes: idxBytes(shape: [2, 2, 3], payload: Array(0..<12).map { $0 * 20 }))
        let array = try IDXArray.read(path: path)
        #expect(array.elementType == .unsignedByte)
        #expect(array.shape == [2, 2, 3])
        #expect(array.fileRowCount == 2)
        #expect(array.tensor().scalars == (0..<12).map { Float($0 * 20) })
    }

    @Test func decodesBigEndianTypes() throws {
        let cases: [(UInt8, [UInt8], [Float])] = [
            (0x09, [0xFF, 0x80, 0x7F], [-1, -128, 127]),
            (0x0B, [0xFF, 0xFE, 0x01, 0x00, 0x80, 0x00], [-2, 256, -32768]),
            (
                0x0C,
                bigEndian(UInt32(bitPattern: -70_000)) + bigEndian(UInt32(16_777_216))
                    + bigEndian(UInt32(7)), [-70_000, 16_777_216, 7]
            ),
            (
                0x0D,
                bigEndian(Float(1.5).bitPattern) + bigEndian(Float(-0.25).bitPattern)
                    + bigEndian(Float(3e-8).bitPattern), [1.5, -0.25, 3e-8]
            ),
            (
                0x0E,
                bigEndian(Double(2.5).bitPattern) + bigEndian(Double(-1e10).bitPattern)
                    + bigEndian(Double(0.1).bitPattern), [2.5, -1e10, Float(0.1)]
            ),
        ]
        for (code, payload, expected) in cases {
            let path = try directory.write(
                "type\(code)", bytes: idxBytes(typeCode: code, shape: [3], payload: payload))
            let array = try IDXArray.read(path: path)
            #expect(array.elementType.rawValue == code)
            #expect(array.tensor().scalars == expected, "type code \(code)")
        }
    }

    @Test func readsGzipLikePlain() throws {
        let plain = idxBytes(shape: [4, 2], payload: [1, 2, 3, 4, 5, 6, 7, 8])
        let path = try directory.write("labels.gz", bytes: gzip(plain))
        let array = try IDXArray.read(path: path)
        #expect(array.shape == [4, 2])
        #expect(array.tensor().scalars == [1, 2, 3, 4, 5, 6, 7, 8])
    }

    @Test func readsJoinedGzipMembers() throws {
        let plain = idxBytes(shape: [6], payload: [9, 8, 7, 6, 5, 4])
        let path = try directory.write(
            "joined.gz", bytes: gzip(Array(plain[..<7])) + gzip(Array(plain[7...])))
        #expect(try IDXArray.read(path: path).tensor().scalars == [9, 8, 7, 6, 5, 4])
    }

    @Test func rowLimitKeepsFirstRows() throws {
        let plain = idxBytes(shape: [3, 2], payload: [1, 2, 3, 4, 5, 6])
        for (name, bytes) in [("plain", plain), ("compressed.gz", gzip(plain))] {
            let path = try directory.write(name, bytes: bytes)
            let array = try IDXArray.read(path: path, maximumRows: 2)
            #expect(array.shape == [2, 2], "\(name)")
            #expect(array.fileRowCount == 3, "\(name)")
            #expect(array.tensor().scalars == [1, 2, 3, 4], "\(name)")
        }
    }

    @Test func truncatedHeaderRejected() throws {
        let short = try directory.write("short", bytes: [0, 0, 8])
        let error = #expect(throws: DatasetError.self) { try IDXArray.read(path: short) }
        #expect(
            error
                == .malformedFile(
                    path: short, offset: 3, isDecompressed: false,
                    problem: .truncatedHeader(format: "IDX", headerSize: 4, available: 3)))

        let cutSizes = try directory.write("sizes", bytes: [0, 0, 8, 3, 0, 0, 0, 2, 0, 0])
        let sizesError = #expect(throws: DatasetError.self) { try IDXArray.read(path: cutSizes) }
        #expect(
            sizesError
                == .malformedFile(
                    path: cutSizes, offset: 10, isDecompressed: false,
                    problem: .truncatedHeader(format: "IDX", headerSize: 16, available: 10)))
        #expect(
            sizesError?.description == "\(cutSizes): byte 10: the file ends after 10 bytes, "
                + "inside the IDX header of 16 bytes; the file is cut short, so fetch it again")
    }

    @Test func wrongMagicRejected() throws {
        let path = try directory.write("zip", bytes: Array("PK\u{3}\u{4}rest".utf8))
        let error = #expect(throws: DatasetError.self) { try IDXArray.read(path: path) }
        guard case .malformedFile(_, 0, false, .wrongMagic(_, let found))? = error else {
            Issue.record(
                "expected a wrong magic number at byte 0, got \(String(describing: error))")
            return
        }
        #expect(found == "0x504B0304")
    }

    @Test func unsupportedTypeCodeRejected() throws {
        let path = try directory.write(
            "type", bytes: idxBytes(typeCode: 0x0A, shape: [1], payload: [0]))
        let error = #expect(throws: DatasetError.self) { try IDXArray.read(path: path) }
        guard
            case .malformedFile(_, 2, false, .unsupportedElementType("IDX", let found, _))? = error
        else {
            Issue.record("expected an unsupported type at byte 2, got \(String(describing: error))")
            return
        }
        #expect(found == "code 0x0A")
    }

    @Test func zeroDimensionsRejected() throws {
        let path = try directory.write("scalar", bytes: [0, 0, 8, 0, 42])
        let error = #expect(throws: DatasetError.self) { try IDXArray.read(path: path) }
        #expect(
            error
                == .malformedFile(
                    path: path, offset: 3, isDecompressed: false,
                    problem: .invalidDimensionCount(found: 0, expected: "at least 1, the rows")))
    }

    @Test func plainClaimOfMoreDataRejected() throws {
        let path = try directory.write("cut", bytes: idxBytes(shape: [4, 2], payload: [1, 2, 3]))
        let error = #expect(throws: DatasetError.self) { try IDXArray.read(path: path) }
        #expect(
            error
                == .malformedFile(
                    path: path, offset: 15, isDecompressed: false,
                    problem: .claimsMoreData(shape: [4, 2], claimedBytes: 8, presentBytes: 3)))
    }

    @Test func plainTrailingDataRejected() throws {
        let path = try directory.write(
            "long", bytes: idxBytes(shape: [2], payload: [1, 2, 3, 4, 5]))
        let error = #expect(throws: DatasetError.self) { try IDXArray.read(path: path) }
        #expect(
            error
                == .malformedFile(
                    path: path, offset: 10, isDecompressed: false,
                    problem: .trailingData(claimedBytes: 2, extraBytes: 3)))
    }

    @Test func gzipClaimOfBillionImagesFailsFast() throws {
        // 10^9 images of 28 × 28 bytes exceed the 2 GiB limit, which the header alone shows.
        let images = try directory.write(
            "images.gz", bytes: gzip(idxBytes(shape: [1_000_000_000, 28, 28], payload: [0, 0])))
        let clock = ContinuousClock()
        let start = clock.now
        let error = #expect(throws: DatasetError.self) { try IDXArray.read(path: images) }
        #expect(clock.now - start < .seconds(1))
        #expect(
            error
                == .malformedFile(
                    path: images, offset: 4, isDecompressed: true,
                    problem: .exceedsSizeLimit(shape: [1_000_000_000, 28, 28], limit: 1 << 31)))

        // 10^9 one-byte labels fit the limit, but not in what a tiny gzip can expand to.
        let compressed = gzip(idxBytes(typeCode: 0x08, shape: [1_000_000_000], payload: [7]))
        let labels = try directory.write("labels.gz", bytes: compressed)
        let labelError = #expect(throws: DatasetError.self) { try IDXArray.read(path: labels) }
        #expect(clock.now - start < .seconds(1))
        #expect(
            labelError
                == .malformedFile(
                    path: labels, offset: 4, isDecompressed: true,
                    problem: .claimExceedsCompressedSize(
                        shape: [1_000_000_000], claimedBytes: 1_000_000_000,
                        compressedBytes: compressed.count)))
    }

    @Test func gzipClaimOfMoreDataRejected() throws {
        // Within what the compressed size allows, so the shortfall shows while decompressing.
        let path = try directory.write(
            "short.gz",
            bytes: gzip(idxBytes(shape: [1000], payload: Array(repeating: 3, count: 10))))
        let error = #expect(throws: DatasetError.self) { try IDXArray.read(path: path) }
        #expect(
            error
                == .malformedFile(
                    path: path, offset: 18, isDecompressed: true,
                    problem: .claimsMoreData(shape: [1000], claimedBytes: 1000, presentBytes: 10)))
        #expect(
            error?.description == "\(path): byte 18 after decompression: the header's shape "
                + "[1000] needs 1000 bytes of data but only 10 follow; the file is cut short or "
                + "its header is wrong")
    }

    @Test func gzipClaimOfMoreDataRejectedWithRowLimit() throws {
        let path = try directory.write(
            "short.gz", bytes: gzip(idxBytes(shape: [100], payload: Array(repeating: 3, count: 60)))
        )
        let error = #expect(throws: DatasetError.self) {
            try IDXArray.read(path: path, maximumRows: 5)
        }
        #expect(
            error
                == .malformedFile(
                    path: path, offset: 68, isDecompressed: true,
                    problem: .claimsMoreData(shape: [100], claimedBytes: 100, presentBytes: 60)))
    }

    @Test func gzipTrailingDataRejected() throws {
        let path = try directory.write(
            "long.gz", bytes: gzip(idxBytes(shape: [3], payload: [1, 2, 3, 4])))
        let error = #expect(throws: DatasetError.self) { try IDXArray.read(path: path) }
        #expect(
            error
                == .malformedFile(
                    path: path, offset: 11, isDecompressed: true,
                    problem: .trailingData(claimedBytes: 3, extraBytes: nil)))
    }

    @Test func truncatedGzipRejected() throws {
        let compressed = gzip(idxBytes(shape: [64], payload: (0..<64).map { UInt8($0) }))
        // Dropping the 8-byte trailer (CRC and size) and a little more cuts the stream short.
        let path = try directory.write("cut.gz", bytes: Array(compressed.dropLast(10)))
        let error = #expect(throws: DatasetError.self) { try IDXArray.read(path: path) }
        guard case .malformedFile(path, _, true, .truncatedCompressedData)? = error else {
            Issue.record("expected truncated gzip data, got \(String(describing: error))")
            return
        }
    }

    @Test func corruptGzipRejected() throws {
        var compressed = gzip(idxBytes(shape: [64], payload: (0..<64).map { UInt8($0) }))
        // The CRC in the trailer no longer matches the data.
        compressed[compressed.count - 6] ^= 0xFF
        let path = try directory.write("bad.gz", bytes: compressed)
        let error = #expect(throws: DatasetError.self) { try IDXArray.read(path: path) }
        guard case .malformedFile(path, _, true, .corruptCompressedData(let reason))? = error else {
            Issue.record("expected corrupt gzip data, got \(String(describing: error))")
            return
        }
        #expect(reason == "incorrect data check")
    }

    @Test func missingFileRejected() {
        let path = directory.path + "/absent"
        let error = #expect(throws: DatasetError.self) { try IDXArray.read(path: path) }
        #expect(error == .unreadableFile(path: path, reason: "file not found"))
    }
}
