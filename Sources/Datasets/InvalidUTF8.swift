/// The first byte of a file that does not start a valid UTF-8 sequence, and where it is.
public struct InvalidUTF8: Equatable, Sendable, CustomStringConvertible {
    /// The 0-based byte offset from the start of the file.
    public var offset: Int
    /// The 1-based physical line, counting CRLF, LF and a lone CR as one line break each.
    public var line: Int
    /// The byte at `offset`.
    public var byte: UInt8

    public init(offset: Int, line: Int, byte: UInt8) {
        self.offset = offset
        self.line = line
        self.byte = byte
    }

    /// Returns the first invalid sequence of `bytes`, or `nil` when all of them are UTF-8.
    public static func find(in bytes: [UInt8]) -> InvalidUTF8? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
            case .error:
                return InvalidUTF8(
                    offset: offset, line: lineNumber(atOffset: offset, in: bytes),
                    byte: bytes[offset])
            case .emptyInput:
                return nil
            }
        }
    }

    /// The byte and its offset, as in "byte 0xE9 at offset 18".
    public var description: String {
        let hex = String(byte, radix: 16, uppercase: true)
        return "byte 0x\(hex.count == 1 ? "0" : "")\(hex) at offset \(offset)"
    }

    private static func lineNumber(atOffset offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        var index = 0
        while index < offset {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
            } else if bytes[index] == UInt8(ascii: "\r") {
                line += 1
                if index + 1 < offset, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
            }
            index += 1
        }
        return line
    }
}
