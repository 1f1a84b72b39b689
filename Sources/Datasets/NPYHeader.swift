/// The header dictionary of an NPY file, parsed strictly.
///
/// numpy writes the header as a Python dictionary literal with exactly three keys, padded with
/// spaces and ended by a newline:
///
/// ```
/// {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }
/// ```
///
/// The parser accepts that literal syntax only: strings in single or double quotes without
/// escapes, `True` and `False`, and tuples of non-negative integers (a one-element tuple needs
/// its comma, as in Python). Each key must appear exactly once, and nothing but spaces may follow
/// the closing brace before the final newline.
struct NPYHeader: Equatable {
    /// The dtype string, such as `<f4`, or `nil` for a structured dtype, which the header
    /// writes as a list of fields.
    var descr: String?
    var isFortranOrder: Bool
    var shape: [Int]

    /// The failure of a parse: what is wrong and where, as an offset into the header text.
    struct ParseError: Error {
        var reason: String
        var offset: Int
    }

    /// Parses the header text `bytes`.
    ///
    /// - Throws: `ParseError` for invalid syntax, a missing, repeated or unknown key, a value of
    ///   the wrong kind, a structured dtype (a list), or a missing final newline.
    init(parsing bytes: [UInt8]) throws(ParseError) {
        var parser = Parser(bytes: bytes)
        let entries = try parser.parseDictionary()
        try parser.parseEnd()

        var descr: String??
        var isFortranOrder: Bool?
        var shape: [Int]?
        for (key, value, offset) in entries {
            switch (key, value) {
            case ("descr", .string(let text)) where descr == nil:
                descr = .some(text)
            case ("descr", .list) where descr == nil:
                descr = .some(nil)
            case ("fortran_order", .bool(let flag)) where isFortranOrder == nil:
                isFortranOrder = flag
            case ("shape", .tuple(let sizes)) where shape == nil:
                shape = sizes
            case ("descr", _), ("fortran_order", _), ("shape", _):
                let isRepeated = [
                    "descr": descr != nil, "fortran_order": isFortranOrder != nil,
                    "shape": shape != nil,
                ][key]!
                let expected = [
                    "descr": "a string", "fortran_order": "True or False",
                    "shape": "a tuple of integers",
                ][key]!
                throw ParseError(
                    reason: isRepeated
                        ? "key '\(key)' appears twice"
                        : "the value of '\(key)' must be \(expected)",
                    offset: offset)
            default:
                throw ParseError(
                    reason: "unexpected key '\(key)'; the header has only 'descr', "
                        + "'fortran_order' and 'shape'", offset: offset)
            }
        }
        guard let descr else { throw ParseError(reason: "missing key 'descr'", offset: 0) }
        guard let isFortranOrder else {
            throw ParseError(reason: "missing key 'fortran_order'", offset: 0)
        }
        guard let shape else { throw ParseError(reason: "missing key 'shape'", offset: 0) }
        self.descr = descr
        self.isFortranOrder = isFortranOrder
        self.shape = shape
    }
}

extension NPYHeader {
    /// A value of the header's Python literal subset.
    fileprivate enum Value {
        case string(String)
        case bool(Bool)
        case tuple([Int])
        /// A list, which only a structured dtype uses. Its content is skipped, not parsed.
        case list
    }

    /// A recursive-descent parser over the header's ASCII bytes.
    fileprivate struct Parser {
        let bytes: [UInt8]
        var position = 0

        /// Parses `{key: value, ...}` and returns each entry with the offset of its key.
        mutating func parseDictionary() throws(ParseError) -> [(String, Value, Int)] {
            skipSpaces()
            try expect("{")
            var entries: [(String, Value, Int)] = []
            while true {
                skipSpaces()
                if peek() == UInt8(ascii: "}") { break }
                let keyOffset = position
                let key = try parseString()
                skipSpaces()
                try expect(":")
                skipSpaces()
                entries.append((key, try parseValue(), keyOffset))
                skipSpaces()
                if peek() == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                if peek() != UInt8(ascii: "}") {
                    throw failure("expected ',' or '}' after the value of '\(key)'")
                }
            }
            position += 1
            return entries
        }

        /// Accepts only spaces after the dictionary, then the final newline.
        mutating func parseEnd() throws(ParseError) {
            while position < bytes.count, bytes[position] == UInt8(ascii: " ") { position += 1 }
            guard position == bytes.count - 1, bytes[position] == UInt8(ascii: "\n") else {
                if position == bytes.count {
                    throw failure("the header does not end with a newline")
                }
                throw failure("unexpected text after the closing '}'")
            }
        }

        private mutating func parseValue() throws(ParseError) -> Value {
            switch peek() {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                return .string(try parseString())
            case UInt8(ascii: "("):
                return .tuple(try parseTuple())
            case UInt8(ascii: "["):
                try skipList()
                return .list
            default:
                let word = parseWord()
                switch word {
                case "True": return .bool(true)
                case "False": return .bool(false)
                case "": throw failure("expected a value")
                default: throw failure("unexpected value '\(word)'")
                }
            }
        }

        private mutating func parseString() throws(ParseError) -> String {
            let quote = peek()
            guard quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") else {
                throw failure("expected a quoted string")
            }
            position += 1
            let start = position
            while position < bytes.count, bytes[position] != quote {
                if bytes[position] == UInt8(ascii: "\\") || bytes[position] == UInt8(ascii: "\n") {
                    throw failure("escapes and line breaks are not allowed in header strings")
                }
                position += 1
            }
            guard position < bytes.count else { throw failure("the string is never closed") }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            position += 1
            return text
        }

        /// Parses `()`, `(n,)` or `(n, m, ...)` with an optional trailing comma.
        private mutating func parseTuple() throws(ParseError) -> [Int] {
            position += 1
            var sizes: [Int] = []
            var hasTrailingComma = false
            while true {
                skipSpaces()
                if peek() == UInt8(ascii: ")") { break }
                sizes.append(try parseInteger())
                hasTrailingComma = false
                skipSpaces()
                if peek() == UInt8(ascii: ",") {
                    position += 1
                    hasTrailingComma = true
                    continue
                }
                if peek() != UInt8(ascii: ")") { throw failure("expected ',' or ')' in the shape") }
            }
            if sizes.count == 1 && !hasTrailingComma {
                throw failure("a one-element shape needs a trailing comma, as in (3,)")
            }
            position += 1
            return sizes
        }

        /// Parses a non-negative decimal integer. A trailing `L`, which Python 2 wrote for
        /// long integers, is accepted.
        private mutating func parseInteger() throws(ParseError) -> Int {
            let start = position
            var value = 0
            while position < bytes.count,
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position])
            {
                let digit = Int(bytes[position] - UInt8(ascii: "0"))
                let (product, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = product.addingReportingOverflow(digit)
                if overflow1 || overflow2 { throw failure("the dimension is too large") }
                value = sum
                position += 1
            }
            guard position > start else { throw failure("expected a non-negative integer") }
            if peek() == UInt8(ascii: "L") { position += 1 }
            return value
        }

        /// Skips a bracketed list, nested brackets included, without reading its items.
        private mutating func skipList() throws(ParseError) {
            var depth = 0
            repeat {
                guard position < bytes.count else { throw failure("the list is never closed") }
                if bytes[position] == UInt8(ascii: "[") { depth += 1 }
                if bytes[position] == UInt8(ascii: "]") { depth -= 1 }
                position += 1
            } while depth > 0
        }

        private mutating func parseWord() -> String {
            let start = position
            while position < bytes.count, isLetter(bytes[position]) { position += 1 }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }

        private func isLetter(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        }

        private mutating func expect(_ character: Unicode.Scalar) throws(ParseError) {
            guard peek() == UInt8(ascii: character) else {
                throw failure("expected '\(character)'")
            }
            position += 1
        }

        /// Skips spaces and line breaks between tokens, which Python allows inside brackets.
        private mutating func skipSpaces() {
            while position < bytes.count,
                bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t")
                    || bytes[position] == UInt8(ascii: "\n") && position < bytes.count - 1
            {
                position += 1
            }
        }

        private func peek() -> UInt8? {
            position < bytes.count ? bytes[position] : nil
        }

        private func failure(_ reason: String) -> ParseError {
            ParseError(reason: reason, offset: position)
        }
    }
}
