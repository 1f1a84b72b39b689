/// A cursor that reads the JSON tokens of a safetensors header strictly, byte by byte.
///
/// LayerLab reads headers with this scanner, not with Foundation's `JSONSerialization`, for
/// three reasons, checked with swift-corelibs-foundation of Swift 6.3. The format forbids
/// duplicate keys, and `JSONSerialization` keeps the last of them without an error. Shapes and
/// offsets must be integers, and `JSONSerialization` returns `2.0` as an `NSNumber` that
/// converts to the `Int` 2 just as `2` does. And a reader driven by the header's schema never
/// builds a tree of arbitrary JSON, so a hostile 100 MB header costs memory only for the names
/// and shapes it declares, and deep nesting cannot exhaust the stack.
///
/// Offsets in errors are file offsets: `fileOffset` is added to every position.
struct HeaderJSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let path: String
    /// The file offset of `bytes[0]`.
    let fileOffset: Int
    private(set) var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>, path: String, fileOffset: Int) {
        self.bytes = bytes
        self.path = path
        self.fileOffset = fileOffset
    }

    /// The file offset of the current position.
    var offset: Int { fileOffset + position }

    /// Moves past JSON whitespace and returns the next byte, or `nil` at the end.
    mutating func peek() -> UInt8? {
        while position < bytes.count {
            switch bytes[position] {
            case .space, .tab, .lineFeed, .carriageReturn: position += 1
            default: return bytes[position]
            }
        }
        return nil
    }

    /// Throws unless only whitespace is left.
    mutating func expectEnd() throws(SafeTensorsError) {
        if peek() != nil {
            throw syntaxError("unexpected \(describeByte(at: position)) after the header object")
        }
    }

    /// Reads the members of the object at the current position, rejecting duplicate keys.
    ///
    /// `readValue` is called with each key and its file offset and must read the value.
    mutating func readObject(
        _ readValue: (inout HeaderJSONScanner, String, Int) throws(SafeTensorsError) -> Void
    ) throws(SafeTensorsError) {
        try expect(.openBrace, "'{'")
        var keyOffsets: [String: Int] = [:]
        if peek() == .closeBrace {
            position += 1
            return
        }
        while true {
            guard peek() == .quote else { throw syntaxError("expected a string key") }
            let keyOffset = offset
            let key = try readString()
            if let firstOffset = keyOffsets[key] {
                throw .duplicateKey(
                    path: path, key: key, offset: keyOffset, firstOffset: firstOffset)
            }
            keyOffsets[key] = keyOffset
            try expect(.colon, "':' after key \"\(key)\"")
            try readValue(&self, key, keyOffset)
            switch peek() {
            case .comma: position += 1
            case .closeBrace:
                position += 1
                return
            default: throw syntaxError("expected ',' or '}' after the value of key \"\(key)\"")
            }
        }
    }

    /// Reads the elements of the array at the current position.
    ///
    /// `readElement` is called with each element's index and must read the element.
    mutating func readArray(
        _ readElement: (inout HeaderJSONScanner, Int) throws(SafeTensorsError) -> Void
    ) throws(SafeTensorsError) {
        try expect(.openBracket, "'['")
        if peek() == .closeBracket {
            position += 1
            return
        }
        var index = 0
        while true {
            try readElement(&self, index)
            index += 1
            switch peek() {
            case .comma: position += 1
            case .closeBracket:
                position += 1
                return
            default: throw syntaxError("expected ',' or ']' after array element \(index - 1)")
            }
        }
    }

    /// Reads the string at the current position and decodes its escapes.
    mutating func readString() throws(SafeTensorsError) -> String {
        try expect(.quote, "a string")
        let start = position - 1
        var utf8: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case .quote:
                position += 1
                // The whole header was checked to be valid UTF-8, and escapes add only valid
                // scalars, so decoding replaces nothing.
                return String(decoding: utf8, as: UTF8.self)
            case .backslash:
                try readEscape(into: &utf8)
            case 0..<0x20:
                throw syntaxError(
                    "control character \(hex(byte)) inside a string must be written as an escape")
            default:
                utf8.append(byte)
                position += 1
            }
        }
        throw .invalidJSON(
            path: path, offset: fileOffset + start, problem: "the string starting here never ends")
    }

    /// Reads the number at the current position and returns its literal text unchanged.
    ///
    /// The grammar is JSON's: `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`.
    mutating func readNumberLiteral() throws(SafeTensorsError) -> String {
        _ = peek()
        let start = position
        if current == .minus { position += 1 }
        if current == .zero {
            position += 1
        } else if isDigit(current) {
            skipDigits()
        } else {
            throw syntaxError("expected a number")
        }
        if current == .period {
            position += 1
            guard isDigit(current) else { throw syntaxError("expected a digit after '.'") }
            skipDigits()
        }
        if current == .lowercaseE || current == .uppercaseE {
            position += 1
            if current == .plus || current == .minus { position += 1 }
            guard isDigit(current) else { throw syntaxError("expected a digit in the exponent") }
            skipDigits()
        }
        return String(
            decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    /// Describes the JSON value at the current position for an error message, e.g.
    /// "a string", without reading it.
    mutating func describeValue() throws(SafeTensorsError) -> String {
        switch peek() {
        case .openBrace: return "an object"
        case .openBracket: return "an array"
        case .quote: return "a string"
        case .lowercaseT: return "true"
        case .lowercaseF: return "false"
        case .lowercaseN: return "null"
        case .minus, .some(.zero ... .nine): return "a number"
        case nil: throw syntaxError("the header ends where a value should be")
        default:
            throw syntaxError("unexpected \(describeByte(at: position)) where a value should be")
        }
    }

    /// Describes the byte at `index` for an error message, e.g. "'[' (0x5B)".
    func describeByte(at index: Int) -> String {
        let byte = bytes[index]
        if byte > 0x20 && byte < 0x7F {
            return "'\(Character(Unicode.Scalar(byte)))' (\(hex(byte)))"
        }
        return "byte \(hex(byte))"
    }

    func syntaxError(_ problem: String) -> SafeTensorsError {
        .invalidJSON(path: path, offset: offset, problem: problem)
    }

    // MARK: - Helpers

    private var current: UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private func isDigit(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte >= .zero && byte <= .nine
    }

    private mutating func skipDigits() {
        while isDigit(current) { position += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(SafeTensorsError) {
        guard peek() == byte else {
            let found =
                position < bytes.count ? describeByte(at: position) : "the end of the header"
            throw syntaxError("expected \(what) but found \(found)")
        }
        position += 1
    }

    /// Reads one escape sequence, starting at the backslash, and appends its UTF-8 bytes.
    private mutating func readEscape(into utf8: inout [UInt8]) throws(SafeTensorsError) {
        let escapeStart = position
        position += 1
        guard let letter = current else { throw syntaxError("the header ends inside an escape") }
        position += 1
        switch letter {
        case .quote, .backslash, .slash: utf8.append(letter)
        case .lowercaseB: utf8.append(0x08)
        case .lowercaseF: utf8.append(0x0C)
        case .lowercaseN: utf8.append(.lineFeed)
        case .lowercaseR: utf8.append(.carriageReturn)
        case .lowercaseT: utf8.append(.tab)
        case .lowercaseU:
            var value = try readHexQuad()
            if (0xD800..<0xDC00).contains(value) {
                // A high surrogate must be followed by an escaped low surrogate.
                guard current == .backslash, position + 1 < bytes.count,
                    bytes[position + 1] == .lowercaseU
                else { throw loneSurrogate(at: escapeStart) }
                position += 2
                let low = try readHexQuad()
                guard (0xDC00..<0xE000).contains(low) else { throw loneSurrogate(at: escapeStart) }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(value) {
                throw loneSurrogate(at: escapeStart)
            }
            // Surrogates were handled above, so every remaining value is a Unicode scalar.
            UTF8.encode(Unicode.Scalar(value)!) { utf8.append($0) }
        default:
            throw .invalidJSON(
                path: path, offset: fileOffset + escapeStart,
                problem: "unknown escape '\\\(Character(Unicode.Scalar(letter)))'")
        }
    }

    private mutating func readHexQuad() throws(SafeTensorsError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = hexDigitValue(byte) else {
                throw syntaxError("expected four hexadecimal digits after '\\u'")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private func loneSurrogate(at index: Int) -> SafeTensorsError {
        .invalidJSON(
            path: path, offset: fileOffset + index,
            problem: "'\\u' escape of an unpaired UTF-16 surrogate")
    }
}

/// Returns the index of the first byte that breaks UTF-8, or `nil` when all of `bytes` is
/// valid UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF).
func firstInvalidUTF8Index(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var index = 0
    while index < bytes.count {
        let lead = bytes[index]
        if lead < 0x80 {
            index += 1
            continue
        }
        // The allowed range of the second byte depends on the lead byte (Unicode 15, table 3-7).
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            secondRange = 0x80...0x9F
        case 0xF0:
            length = 4
            secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            secondRange = 0x80...0x8F
        default: return index
        }
        guard index + 1 < bytes.count, secondRange.contains(bytes[index + 1]) else {
            return index
        }
        for continuation in 2..<length {
            guard index + continuation < bytes.count,
                (0x80...0xBF).contains(bytes[index + continuation])
            else { return index }
        }
        index += length
    }
    return nil
}

private func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return "0x" + (digits.count == 1 ? "0" + digits : digits)
}

private func hexDigitValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case .zero ... .nine: return UInt32(byte - .zero)
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
    default: return nil
    }
}

extension UInt8 {
    fileprivate static let tab = UInt8(ascii: "\t")
    fileprivate static let lineFeed = UInt8(ascii: "\n")
    fileprivate static let carriageReturn = UInt8(ascii: "\r")
    fileprivate static let space = UInt8(ascii: " ")
    fileprivate static let quote = UInt8(ascii: "\"")
    fileprivate static let plus = UInt8(ascii: "+")
    fileprivate static let comma = UInt8(ascii: ",")
    fileprivate static let minus = UInt8(ascii: "-")
    fileprivate static let period = UInt8(ascii: ".")
    fileprivate static let slash = UInt8(ascii: "/")
    fileprivate static let zero = UInt8(ascii: "0")
    fileprivate static let nine = UInt8(ascii: "9")
    fileprivate static let colon = UInt8(ascii: ":")
    fileprivate static let uppercaseE = UInt8(ascii: "E")
    fileprivate static let openBracket = UInt8(ascii: "[")
    fileprivate static let backslash = UInt8(ascii: "\\")
    fileprivate static let closeBracket = UInt8(ascii: "]")
    fileprivate static let lowercaseB = UInt8(ascii: "b")
    fileprivate static let lowercaseE = UInt8(ascii: "e")
    fileprivate static let lowercaseF = UInt8(ascii: "f")
    fileprivate static let lowercaseN = UInt8(ascii: "n")
    fileprivate static let lowercaseR = UInt8(ascii: "r")
    fileprivate static let lowercaseT = UInt8(ascii: "t")
    fileprivate static let lowercaseU = UInt8(ascii: "u")
    fileprivate static let openBrace = UInt8(ascii: "{")
    fileprivate static let closeBrace = UInt8(ascii: "}")
}
