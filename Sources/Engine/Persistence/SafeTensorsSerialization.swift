/// The bytes LayerLab writes for a safetensors header and for F32 tensor data.
enum SafeTensorsSerialization {
    /// Returns the header's compact JSON, unpadded: `__metadata__` first when not empty, with
    /// keys sorted by their UTF-8 bytes, then each tensor as
    /// `"name":{"dtype":"F32","shape":[...],"data_offsets":[begin,end]}` with its bytes right
    /// after the previous tensor's.
    ///
    /// - Parameter tensors: names and shapes, in the order their data follows the header.
    static func headerJSON(tensors: [(name: String, shape: [Int])], metadata: [String: String])
        -> [UInt8]
    {
        var json = "{"
        var separator = ""
        if !metadata.isEmpty {
            json += "\"__metadata__\":{"
            let keys = metadata.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            json += keys.map { quoted($0) + ":" + quoted(metadata[$0]!) }.joined(separator: ",")
            json += "}"
            separator = ","
        }
        var offset = 0
        for (name, shape) in tensors {
            let end = offset + 4 * Tensor.count(of: shape)
            let dimensions = shape.map(String.init).joined(separator: ",")
            json += separator + quoted(name)
            json +=
                ":{\"dtype\":\"F32\",\"shape\":[\(dimensions)],\"data_offsets\":[\(offset),\(end)]}"
            separator = ","
            offset = end
        }
        json += "}"
        return Array(json.utf8)
    }

    /// Returns `text` as a JSON string literal, escaped as the `safetensors` package's JSON
    /// writer does: quote, backslash and control characters only, other text as raw UTF-8.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{00}"..."\u{1F}":
                let digits = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// Appends `scalars` as little-endian F32 bytes.
    static func appendFloat32(_ scalars: [Float], to bytes: inout [UInt8]) {
        #if _endian(little)
            scalars.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
            for scalar in scalars {
                withUnsafeBytes(of: scalar.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            }
        #endif
    }
}
