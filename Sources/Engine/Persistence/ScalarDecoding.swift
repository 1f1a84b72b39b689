/// Conversion of little-endian tensor bytes in a readable safetensors dtype to `Float`.
enum ScalarDecoding {
    /// Decodes `count` elements of `dtype` from `bytes`, which contains exactly their bytes.
    ///
    /// F32 and BF16 convert exactly, and so does F16 (every half value is a float). F64 rounds
    /// to the nearest `Float`, overflowing to ±infinity; I64 rounds to the nearest `Float`, so
    /// integers beyond 2^24 may change.
    static func decode(_ bytes: UnsafeRawBufferPointer, dtype: SafeTensorsDType, count: Int)
        -> [Float]
    {
        [Float](unsafeUninitializedCapacity: count) { output, initializedCount in
            switch dtype {
            case .float32:
                #if _endian(little)
                    // The file's byte order is the machine's, so the bytes are the floats.
                    if count > 0 {
                        UnsafeMutableRawPointer(output.baseAddress!).copyMemory(
                            from: bytes.baseAddress!, byteCount: 4 * count)
                    }
                #else
                    for i in 0..<count {
                        let bits = UInt32(
                            littleEndian: bytes.loadUnaligned(
                                fromByteOffset: 4 * i, as: UInt32.self))
                        output[i] = Float(bitPattern: bits)
                    }
                #endif
            case .float64:
                for i in 0..<count {
                    let bits = UInt64(
                        littleEndian: bytes.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))
                    output[i] = Float(Double(bitPattern: bits))
                }
            case .float16:
                for i in 0..<count {
                    let bits = UInt16(
                        littleEndian: bytes.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
                    output[i] = floatFromHalf(bits)
                }
            case .bfloat16:
                for i in 0..<count {
                    let bits = UInt16(
                        littleEndian: bytes.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
                    output[i] = Float(bitPattern: UInt32(bits) << 16)
                }
            case .int64:
                for i in 0..<count {
                    let value = Int64(
                        littleEndian: bytes.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self))
                    output[i] = Float(value)
                }
            default:
                preconditionFailure("\(dtype.rawValue) is not a readable dtype")
            }
            initializedCount = count
        }
    }

    /// Converts an IEEE 754 binary16 value, given by its bits, to `Float` exactly.
    ///
    /// ```
    /// sign s (1 bit), exponent e (5 bits, bias 15), mantissa m (10 bits):
    /// e = 0:        (-1)^s × m × 2^-24                 (zero and subnormals)
    /// 0 < e < 31:   (-1)^s × (1 + m / 2^10) × 2^(e - 15)
    /// e = 31:       ±infinity when m = 0, else NaN with m as the top payload bits
    /// ```
    static func floatFromHalf(_ bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let e = UInt32(bits >> 10) & 0x1F
        let m = UInt32(bits & 0x03FF)
        switch e {
        case 0:
            // m × 2^-24 is exact in Float, whose 24-bit significand fits any 10-bit m.
            let magnitude = Float(m) * 0x1p-24
            return Float(bitPattern: sign | magnitude.bitPattern)
        case 31:
            return Float(bitPattern: sign | 0x7F80_0000 | m << 13)
        default:
            // Rebias the exponent from 15 to 127 and widen the mantissa from 10 to 23 bits.
            return Float(bitPattern: sign | (e + 112) << 23 | m << 13)
        }
    }
}
