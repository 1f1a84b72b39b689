/// A byte-level RFC 4180 scanner that turns CSV bytes into records, counting physical lines.
///
/// It works on bytes rather than `Character`s because Swift treats CRLF as one character, and
/// because every byte that matters to the syntax (comma, quote, CR, LF) is ASCII, so it never
/// occurs inside a multi-byte UTF-8 sequence. The caller validates the UTF-8 first.
struct CSVParser {
    private let bytes: [UInt8]
    private let path: String
    private var position = 0
    private var line = 1

    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
    }

    /// Parses every record, the header included, and drops blank lines at the end of the file.
    ///
    /// - Throws: `DatasetError.blankLine` for a blank line before the last record, and the quote
    ///   errors of `parseRecord()`.
    mutating func parseRecords() throws(DatasetError) -> [CSVRow] {
        if bytes.starts(with: Self.byteOrderMark) { position = Self.byteOrderMark.count }

        var records: [CSVRow] = []
        var firstPendingBlankLine: Int?
        while position < bytes.count {
            if isAtLineBreak {
                firstPendingBlankLine = firstPendingBlankLine ?? line
                consumeLineBreak()
                continue
            }
            if let blankLine = firstPendingBlankLine {
                throw .blankLine(path: path, line: blankLine)
            }
            records.append(try parseRecord())
        }
        return records
    }

    /// Parses one record and the line break that ends it, if any.
    private mutating func parseRecord() throws(DatasetError) -> CSVRow {
        let startLine = line
        var fields: [String] = []
        var fieldLines: [Int] = []
        while true {
            let column = fields.count + 1
            fieldLines.append(line)
            if position < bytes.count, bytes[position] == Self.quote {
                fields.append(try parseQuotedField(column: column))
            } else {
                fields.append(try parseUnquotedField(column: column))
            }

            if position == bytes.count { break }
            if bytes[position] == Self.comma {
                position += 1
                continue
            }
            consumeLineBreak()
            break
        }
        return CSVRow(line: startLine, fields: fields, fieldLines: fieldLines)
    }

    /// Parses a field that starts with a double quote, up to the comma, line break or end of
    /// file after its closing quote.
    private mutating func parseQuotedField(column: Int) throws(DatasetError) -> String {
        let openingLine = line
        position += 1
        var content: [UInt8] = []
        while true {
            guard position < bytes.count else {
                throw .unterminatedQuote(path: path, line: openingLine, column: column)
            }
            let byte = bytes[position]
            if byte == Self.quote {
                if position + 1 < bytes.count, bytes[position + 1] == Self.quote {
                    content.append(Self.quote)
                    position += 2
                    continue
                }
                position += 1
                break
            }
            if isAtLineBreak {
                let start = position
                consumeLineBreak()
                content.append(contentsOf: bytes[start..<position])
                continue
            }
            content.append(byte)
            position += 1
        }

        // Only a separator may follow the closing quote, as in `"a"b` being invalid.
        if position < bytes.count, bytes[position] != Self.comma, !isAtLineBreak {
            throw .misplacedQuote(path: path, line: line, column: column)
        }
        return String(decoding: content, as: UTF8.self)
    }

    /// Parses a field without quotes, up to the next comma, line break or end of file.
    private mutating func parseUnquotedField(column: Int) throws(DatasetError) -> String {
        let start = position
        while position < bytes.count, bytes[position] != Self.comma, !isAtLineBreak {
            if bytes[position] == Self.quote {
                throw .misplacedQuote(path: path, line: line, column: column)
            }
            position += 1
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private var isAtLineBreak: Bool {
        position < bytes.count
            && (bytes[position] == Self.lineFeed || bytes[position] == Self.carriageReturn)
    }

    /// Consumes one CRLF, LF or lone CR and counts a new physical line.
    private mutating func consumeLineBreak() {
        if bytes[position] == Self.carriageReturn, position + 1 < bytes.count,
            bytes[position + 1] == Self.lineFeed
        {
            position += 2
        } else {
            position += 1
        }
        line += 1
    }
}
