import Foundation

/// A CSV file read as text: the header's column names and the data rows, each with the physical
/// line it starts on.
///
/// The format is RFC 4180: fields are separated by commas and rows end with CRLF, LF or a lone
/// CR. A field enclosed in double quotes may contain commas and line breaks, and writes a double
/// quote as `""`. On top of the RFC:
/// - The header row is required. Its names are trimmed of spaces and tabs, and must be non-empty
///   and distinct.
/// - A UTF-8 byte order mark at the start is skipped.
/// - Blank lines at the end of the file are ignored. A blank line anywhere else is an error,
///   because it usually marks a row that was lost.
/// - Every data row must have as many fields as the header.
public struct CSVTable: Equatable, Sendable {
    /// The file's path as given, used in error messages.
    public var path: String
    /// Column names from the header row, trimmed of spaces and tabs.
    public var header: [String]
    /// Data rows in file order, without the header.
    public var rows: [CSVRow]

    /// Reads and parses the CSV file at `path`.
    ///
    /// A named pipe, such as the `/dev/fd/63` of a shell's `<(command)`, is read to its end.
    ///
    /// - Throws: `DatasetError.unreadableFile` when the file is missing, a directory, a device
    ///   or not readable, and the errors of `init(bytes:path:)` for its content.
    public static func read(path: String) throws(DatasetError) -> CSVTable {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadableFile(path: path, reason: "file not found")
        }
        if isDirectory.boolValue {
            throw .unreadableFile(path: path, reason: "the path is a directory")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw .unreadableFile(path: path, reason: "permission denied")
        }
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFIFO {
            guard let handle = FileHandle(forReadingAtPath: path),
                let data = try? handle.readToEnd()
            else {
                throw .unreadableFile(path: path, reason: "the pipe could not be read")
            }
            return try CSVTable(bytes: [UInt8](data), path: path)
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw .unreadableFile(path: path, reason: "not a regular file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadableFile(path: path, reason: "the read failed")
        }
        return try CSVTable(bytes: [UInt8](data), path: path)
    }

    /// Parses CSV text that is already in memory. `path` names the text in error messages.
    public init(text: String, path: String) throws(DatasetError) {
        try self.init(bytes: Array(text.utf8), path: path)
    }

    /// Parses the bytes of a CSV file. `path` names the file in error messages.
    ///
    /// - Throws: `DatasetError` for invalid UTF-8, an empty file, a header without data rows,
    ///   a blank line between rows, a quote error, an empty or repeated column name, or a row
    ///   whose field count differs from the header's.
    public init(bytes: [UInt8], path: String) throws(DatasetError) {
        if let invalid = InvalidUTF8.find(in: bytes) {
            throw .invalidUTF8(path: path, invalid)
        }
        var parser = CSVParser(bytes: bytes, path: path)
        let records = try parser.parseRecords()

        guard let headerRecord = records.first else { throw .emptyFile(path: path) }
        let header = headerRecord.fields.map { $0.trimmingASCIIWhitespace() }
        var firstColumnOfName: [String: Int] = [:]
        for (index, name) in header.enumerated() {
            let column = index + 1
            if name.isEmpty { throw .emptyColumnName(path: path, column: column) }
            if let firstColumn = firstColumnOfName[name] {
                throw .duplicateColumnName(
                    path: path, column: column, name: name, firstColumn: firstColumn)
            }
            firstColumnOfName[name] = column
        }

        let rows = records.dropFirst()
        guard !rows.isEmpty else { throw .missingDataRows(path: path) }
        for row in rows where row.fields.count != header.count {
            throw .wrongFieldCount(
                path: path, line: row.line, expected: header.count, found: row.fields.count)
        }
        self.path = path
        self.header = header
        self.rows = Array(rows)
    }
}

/// One record of a CSV file with the physical lines it came from.
public struct CSVRow: Equatable, Sendable {
    /// The 1-based physical line where the row starts. The header is on line 1.
    public var line: Int
    /// The field texts, unquoted, with `""` turned into `"`.
    public var fields: [String]
    /// The line where each field starts. It differs from `line` only after a quoted field that
    /// contains a line break.
    public var fieldLines: [Int]

    public init(line: Int, fields: [String], fieldLines: [Int]) {
        precondition(fields.count == fieldLines.count, "CSVRow needs one line number per field")
        self.line = line
        self.fields = fields
        self.fieldLines = fieldLines
    }
}
