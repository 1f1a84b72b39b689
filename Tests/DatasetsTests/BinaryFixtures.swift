import CZlib

/// Returns the bytes of an IDX file: two zero bytes, the type code, the dimension count, the
/// big-endian sizes, then `payload` as given.
func idxBytes(typeCode: UInt8 = 0x08, shape: [Int], payload: [UInt8]) -> [UInt8] {
    var bytes: [UInt8] = [0, 0, typeCode, UInt8(shape.count)]
    for size in shape {
        bytes += bigEndian(UInt32(size))
    }
    return bytes + payload
}

func bigEndian(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
}

func bigEndian(_ value: UInt64) -> [UInt8] {
    bigEndian(UInt32(value >> 32)) + bigEndian(UInt32(value & 0xFFFF_FFFF))
}

/// Compresses `bytes` into one gzip member with zlib's deflate (windowBits 15 + 16 selects the
/// gzip wrapper).
func gzip(_ bytes: [UInt8]) -> [UInt8] {
    var stream = z_stream()
    let status = deflateInit2_(
        &stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
        Int32(MemoryLayout<z_stream>.size))
    precondition(status == Z_OK, "deflateInit2 failed with \(status)")
    defer { deflateEnd(&stream) }

    var input = bytes
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 64)
    let produced = input.withUnsafeMutableBufferPointer { source in
        output.withUnsafeMutableBufferPointer { target in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            stream.next_out = target.baseAddress
            stream.avail_out = uInt(target.count)
            let result = deflate(&stream, Z_FINISH)
            precondition(result == Z_STREAM_END, "deflate did not finish: \(result)")
            return target.count - Int(stream.avail_out)
        }
    }
    return Array(output[..<produced])
}
