/// An element type named in a safetensors header, under the format's own spelling.
///
/// The cases are every dtype that the `safetensors` package (version 0.8.0) reads. LayerLab
/// reads five of them into Float32 tensors (`isReadable`) and writes only `F32`.
public enum SafeTensorsDType: String, CaseIterable, Sendable {
    case bool = "BOOL"
    case float4 = "F4"
    case float6E2M3 = "F6_E2M3"
    case float6E3M2 = "F6_E3M2"
    case uint8 = "U8"
    case int8 = "I8"
    case float8E5M2 = "F8_E5M2"
    case float8E4M3 = "F8_E4M3"
    case float8E8M0 = "F8_E8M0"
    case float8E4M3FNUZ = "F8_E4M3FNUZ"
    case float8E5M2FNUZ = "F8_E5M2FNUZ"
    case int16 = "I16"
    case uint16 = "U16"
    case float16 = "F16"
    case bfloat16 = "BF16"
    case int32 = "I32"
    case uint32 = "U32"
    case float32 = "F32"
    case complex64 = "C64"
    case float64 = "F64"
    case int64 = "I64"
    case uint64 = "U64"

    /// The dtypes that LayerLab converts to Float32 when it reads a file.
    public static let readable: [SafeTensorsDType] = [
        .float32, .float64, .float16, .bfloat16, .int64,
    ]

    /// True for the dtypes in `readable`.
    public var isReadable: Bool {
        Self.readable.contains(self)
    }

    /// The number of bytes one element occupies, for the readable dtypes.
    ///
    /// The sub-byte dtypes (`F4`, `F6_*`) have no whole-byte size, and no unreadable dtype
    /// reaches the size checks, so the others return `nil` too.
    var byteCount: Int? {
        switch self {
        case .float16, .bfloat16: return 2
        case .float32: return 4
        case .float64, .int64: return 8
        default: return nil
        }
    }
}
