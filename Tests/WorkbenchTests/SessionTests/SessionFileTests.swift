import Datasets
import Foundation
import Testing

@testable import Workbench

/// Reading session files: line breaks, byte order marks and the errors for unreadable paths.
struct SessionFileTests {
    @Test func windowsLineBreaksSplitLines() {
        let lines = SessionFile.lines(of: "seed 1\r\ndata xor\r\n\r\ntrain 2\r\n")
        #expect(lines == ["seed 1", "data xor", "", "train 2", ""])
    }

    @Test func mixedLineBreaksKeepLineNumbers() {
        let lines = SessionFile.lines(of: "a\nb\r\n\nc\rd")
        #expect(lines.count == 4)
        #expect(lines[2] == "")
        // A lone CR is not a line break here, only the end of a CRLF line is.
        #expect(lines[3] == "c\rd")
    }

    @Test func byteOrderMarkIsDropped() {
        let lines = SessionFile.lines(of: "\u{FEFF}seed 1\ninput 2")
        #expect(lines == ["seed 1", "input 2"])
    }

    @Test func byteOrderMarkRunsFirstCommand() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("layerlab-session-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bom.lab").path
        try Data([0xEF, 0xBB, 0xBF] + Array("seed 42\r\ninput 3\r\n".utf8))
            .write(to: URL(fileURLWithPath: path))

        let executor = Executor(output: SilentOutput())
        for line in try SessionFile.readLines(path: path) {
            _ = try executor.execute(line: line)
        }
        #expect(executor.lab.seed == 42)
        #expect(executor.lab.inputShape == [3])
    }

    @Test func missingFileNamesPath() {
        #expect(throws: SessionFileError.notFound(path: "/nonexistent/x.lab")) {
            try SessionFile.read(path: "/nonexistent/x.lab")
        }
    }

    @Test func invalidUTF8NamesLineAndOffset() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("layerlab-session-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bad.lab").path
        try Data(Array("seed 1\r\nsay ".utf8) + [0xFF]).write(to: URL(fileURLWithPath: path))

        let expected = SessionFileError.invalidUTF8(
            path: path, InvalidUTF8(offset: 12, line: 2, byte: 0xFF))
        #expect(throws: expected) {
            try SessionFile.read(path: path)
        }
        #expect(expected.description.hasPrefix("\(path):2: byte 0xFF at offset 12"))
    }

    @Test func namedPipeIsRead() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("layerlab-session-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("pipe.lab").path
        #expect(mkfifo(path, 0o600) == 0)
        let writer = Thread {
            // Opening for writing blocks until the reader opens the pipe.
            let handle = FileHandle(forWritingAtPath: path)
            handle?.write(Data("seed 1\ninput 2\n".utf8))
            try? handle?.close()
        }
        writer.start()
        #expect(try SessionFile.readLines(path: path) == ["seed 1", "input 2", ""])
    }

    @Test func deviceRejected() {
        #expect(throws: SessionFileError.notRegularFile(path: "/dev/zero")) {
            try SessionFile.read(path: "/dev/zero")
        }
    }
}
