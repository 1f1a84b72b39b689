import Foundation
import Datasets
import Testing

@Suite struct CSVTableTests {
    @Test func plainRowsAndLines() throws {
        let table = try CSVTable(text: "a,b\n1,2\n3,4\n", path: "t.csv")
        #expect(table.header == ["a", "b"])
        #expect(table.rows.map(\.fields) == [["1", "2"], ["3", "4"]])
        #expect(table.rows.map(\.line) == [2, 3])
    }

    @Test func quotedFieldWithComma() throws {
        let table = try CSVTable(text: "name,x\n\"Smith, J.\",2\n", path: "t.csv")
        #expect(table.rows[0].fields == ["Smith, J.", "2"])
    }

    @Test func escapedQuotes() throws {
        let table = try CSVTable(text: "name,x\n\"say \"\"hi\"\"\",2\n\"\"\"\",3\n", path: "t.csv")
        #expect(table.rows[0].fields[0] == "say \"hi\"")
        #expect(table.rows[1].fields[0] == "\"")
    }

    @Test func quotedEmptyField() throws {
        let table = try CSVTable(text: "a,b\n\"\",2\n", path: "t.csv")
        #expect(table.rows[0].fields == ["", "2"])
    }

    @Test func embeddedNewlineCountsLines() throws {
        let table = try CSVTable(text: "name,x\n\"two\nlines\",1\nc,2\n", path: "t.csv")
        #expect(table.rows[0].fields == ["two\nlines", "1"])
        #expect(table.rows[0].line == 2)
        #expect(table.rows[0].fieldLines == [2, 3])
        #expect(table.rows[1].line == 4)
    }

    @Test func crlfLineEndings() throws {
        let table = try CSVTable(text: "a,b\r\n1,2\r\n3,4\r\n", path: "t.csv")
        #expect(table.header == ["a", "b"])
        #expect(table.rows.map(\.fields) == [["1", "2"], ["3", "4"]])
        #expect(table.rows.map(\.line) == [2, 3])
    }

    @Test func crlfInsideQuotesKeptAndCountedOnce() throws {
        let table = try CSVTable(text: "a,b\r\n\"x\r\ny\",1\r\n5,6\r\n", path: "t.csv")
        #expect(table.rows[0].fields[0] == "x\r\ny")
        #expect(table.rows[1].line == 4)
    }

    @Test func loneCarriageReturnEndsRow() throws {
        let table = try CSVTable(text: "a,b\r1,2\r", path: "t.csv")
        #expect(table.rows.map(\.fields) == [["1", "2"]])
        #expect(table.rows[0].line == 2)
    }

    @Test func byteOrderMarkSkipped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,b\n1,2\n".utf8)
        let table = try CSVTable(bytes: bytes, path: "t.csv")
        #expect(table.header == ["a", "b"])
        #expect(table.rows[0].line == 2)
    }

    @Test func trailingBlankLinesIgnored() throws {
        let table = try CSVTable(text: "a,b\n1,2\n\n\r\n", path: "t.csv")
        #expect(table.rows.count == 1)
    }

    @Test func missingFinalLineBreak() throws {
        let table = try CSVTable(text: "a,b\n1,2", path: "t.csv")
        #expect(table.rows.map(\.fields) == [["1", "2"]])
    }

    @Test func emptyFieldsKept() throws {
        let table = try CSVTable(text: "a,b,c\n,,\n1,,\n", path: "t.csv")
        #expect(table.rows.map(\.fields) == [["", "", ""], ["1", "", ""]])
    }

    @Test func headerNamesTrimmed() throws {
        let table = try CSVTable(text: " a ,\tb\n1,2\n", path: "t.csv")
        #expect(table.header == ["a", "b"])
    }

    @Test func blankLineBetweenRowsRejected() {
        let error = #expect(throws: DatasetError.self) {
            try CSVTable(text: "a,b\n1,2\n\n3,4\n", path: "t.csv")
        }
        #expect(error == .blankLine(path: "t.csv", line: 3))
    }

    @Test func wrongFieldCountNamesLineAndCounts() {
        let error = #expect(throws: DatasetError.self) {
            try CSVTable(text: "a,b\n1,2\n3,4,5\n", path: "t.csv")
        }
        #expect(error == .wrongFieldCount(path: "t.csv", line: 3, expected: 2, found: 3))
        let message = "t.csv:3: the row has 3 fields but the header has 2"
        #expect(error?.description.hasPrefix(message) == true)
    }

    @Test func wrongFieldCountAfterQuotedNewline() {
        let error = #expect(throws: DatasetError.self) {
            try CSVTable(text: "a,b\n\"x\ny\",1\n2\n", path: "t.csv")
        }
        #expect(error == .wrongFieldCount(path: "t.csv", line: 4, expected: 2, found: 1))
    }

    @Test func unterminatedQuoteNamesOpeningLine() {
        let error = #expect(throws: DatasetError.self) {
            try CSVTable(text: "a,b\n1,\"open\n2,3\n", path: "t.csv")
        }
        #expect(error == .unterminatedQuote(path: "t.csv", line: 2, column: 2))
    }

    @Test func quoteInsideUnquotedFieldRejected() {
        let error = #expect(throws: DatasetError.self) {
            try CSVTable(text: "a,b\n1,5'2\"\n", path: "t.csv")
        }
        #expect(error == .misplacedQuote(path: "t.csv", line: 2, column: 2))
    }

    @Test func textAfterClosingQuoteRejected() {
        let error = #expect(throws: DatasetError.self) {
            try CSVTable(text: "a,b\n\"x\"y,1\n", path: "t.csv")
        }
        #expect(error == .misplacedQuote(path: "t.csv", line: 2, column: 1))
    }

    @Test func emptyFileRejected() {
        for text in ["", "\n\n", "\u{FEFF}"] {
            let error = #expect(throws: DatasetError.self) {
                try CSVTable(text: text, path: "t.csv")
            }
            #expect(error == .emptyFile(path: "t.csv"))
        }
    }

    @Test func headerOnlyRejected() {
        let error = #expect(throws: DatasetError.self) {
            try CSVTable(text: "a,b\n", path: "t.csv")
        }
        #expect(error == .missingDataRows(path: "t.csv"))
    }

    @Test func emptyColumnNameRejected() {
        let error = #expect(throws: DatasetError.self) {
            try CSVTable(text: "a,,c\n1,2,3\n", path: "t.csv")
        }
        #expect(error == .emptyColumnName(path: "t.csv", column: 2))
    }

    @Test func duplicateColumnNameRejected() {
        let error = #expect(throws: DatasetError.self) {
            try CSVTable(text: "a,b,a\n1,2,3\n", path: "t.csv")
        }
        #expect(error == .duplicateColumnName(path: "t.csv", column: 3, name: "a", firstColumn: 1))
    }

    @Test func invalidUTF8NamesLine() {
        let bytes = Array("a,b\n1,2\n".utf8) + [0x33, 0xFF, 0x2C, 0x34, 0x0A]
        let error = #expect(throws: DatasetError.self) {
            try CSVTable(bytes: bytes, path: "t.csv")
        }
        #expect(error == .invalidUTF8(path: "t.csv", InvalidUTF8(offset: 9, line: 3, byte: 0xFF)))
        let message = error?.description ?? ""
        #expect(message.hasPrefix("t.csv:3: byte 0xFF at offset 9 is not valid UTF-8;"))
        #expect(message.contains("save the file as UTF-8"))
    }

    @Test func invalidUTF8CountsCRLFAsOneLine() {
        // A Latin-1 "é" (0xE9) on the third line of a file with Windows line ends.
        let bytes = Array("a,b\r\n1,2\r\n".utf8) + [0x33, 0x2C, 0xE9, 0x0D, 0x0A]
        let error = #expect(throws: DatasetError.self) {
            try CSVTable(bytes: bytes, path: "t.csv")
        }
        #expect(error == .invalidUTF8(path: "t.csv", InvalidUTF8(offset: 12, line: 3, byte: 0xE9)))
    }

    @Test func multibyteTextKept() throws {
        let table = try CSVTable(text: "größe,é\n\"naïve, ok\",日本\n", path: "t.csv")
        #expect(table.header == ["größe", "é"])
        #expect(table.rows[0].fields == ["naïve, ok", "日本"])
    }

    @Test func readsFileFromDisk() throws {
        let directory = try FixtureDirectory()
        let path = try directory.write("small.csv", "a,b\r\n1,2\r\n")
        let table = try CSVTable.read(path: path)
        #expect(table.path == path)
        #expect(table.rows.map(\.fields) == [["1", "2"]])
    }

    @Test func missingFileRejected() throws {
        let directory = try FixtureDirectory()
        let path = directory.path + "/absent.csv"
        let error = #expect(throws: DatasetError.self) { try CSVTable.read(path: path) }
        #expect(error == .unreadableFile(path: path, reason: "file not found"))
    }

    @Test func directoryRejected() throws {
        let directory = try FixtureDirectory()
        let error = #expect(throws: DatasetError.self) {
            try CSVTable.read(path: directory.path)
        }
        #expect(error == .unreadableFile(path: directory.path, reason: "the path is a directory"))
    }

    @Test func emptyFileOnDiskRejected() throws {
        let directory = try FixtureDirectory()
        let path = try directory.write("empty.csv", "")
        let error = #expect(throws: DatasetError.self) { try CSVTable.read(path: path) }
        #expect(error == .emptyFile(path: path))
    }

    /// A shell's `<(command)` hands over a named pipe, which has no size and must be read to
    /// its end.
    @Test func namedPipeIsRead() throws {
        let directory = try FixtureDirectory()
        let path = directory.path + "/pipe.csv"
        #expect(mkfifo(path, 0o600) == 0)
        let writer = Thread {
            // Opening for writing blocks until the reader opens the pipe.
            let handle = FileHandle(forWritingAtPath: path)
            handle?.write(Data("a,b\n1,2\n3,4\n".utf8))
            try? handle?.close()
        }
        writer.start()
        let table = try CSVTable.read(path: path)
        #expect(table.rows.map(\.fields) == [["1", "2"], ["3", "4"]])
    }

    @Test func deviceRejected() throws {
        let error = #expect(throws: DatasetError.self) { try CSVTable.read(path: "/dev/zero") }
        #expect(error == .unreadableFile(path: "/dev/zero", reason: "not a regular file"))
    }
}
