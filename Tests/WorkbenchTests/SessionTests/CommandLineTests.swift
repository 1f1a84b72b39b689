import Foundation
import Testing

/// The executable's options, exit statuses and one-line errors for bad input.
@Suite(.serialized, binaryIsBuilt)
struct CommandLineTests {
    @Test func helpAndVersion() throws {
        let help = try LayerLabProcess.run(["--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("layerlab run FILE.lab"))
        let version = try LayerLabProcess.run(["--version"])
        #expect(version.status == 0)
        #expect(version.standardOutput.hasPrefix("layerlab "))
    }

    @Test func textIsASCIIOutsideUTF8() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("layerlab-ascii-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let session = folder.appendingPathComponent("summary.lab")
        try "input 2\ndense 3 tanh\ndense 1 sigmoid\nsummary\n"
            .write(to: session, atomically: true, encoding: .utf8)

        let ascii = try LayerLabProcess.run(
            ["run", session.path], environment: ["LC_ALL": "C", "LANG": "C"])
        #expect(ascii.status == 0)
        #expect(ascii.standardOutput.contains("Layer (type) | Output shape | Param #"))
        #expect(ascii.standardOutput.unicodeScalars.allSatisfy { $0.isASCII })
        let unicode = try LayerLabProcess.run(["run", session.path])
        #expect(unicode.status == 0)
        #expect(unicode.standardOutput.contains("Layer (type) │ Output shape │ Param #"))
    }

    @Test func unknownOptionIsRejected() throws {
        let result = try LayerLabProcess.run(["run", "sessions/iris.lab", "--jsn"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("--jsn"))
    }

    struct BadSession: CustomTestStringConvertible, Sendable {
        let name: String
        let files: [String: String]
        let session: String
        /// The line the error must point at, and words the message must contain.
        let line: Int
        let mustContain: [String]
        var testDescription: String { name }
    }

    static let badSessions: [BadSession] = [
        BadSession(
            name: "non-numeric CSV value", files: ["bad.csv": "a,b,label\n1,2,0\n3,x,1\n"],
            session: "seed 1\ndata load bad.csv\n", line: 2,
            mustContain: ["bad.csv:3:2", "'x'", "column 'b'"]),
        BadSession(
            name: "CSV row with a missing field", files: ["short.csv": "a,b,label\n1,2,0\n3,1\n"],
            session: "data load short.csv\n", line: 1, mustContain: ["short.csv:3"]),
        BadSession(
            name: "unknown command", files: [:], session: "seed 1\n\ndnse 4\n", line: 3,
            mustContain: ["'dnse'", "did you mean 'dense'"]),
        BadSession(
            name: "wrong option value", files: [:], session: "optimizer adam lr=-1\n", line: 1,
            mustContain: ["'-1'", "lr", "greater than 0"]),
        BadSession(
            name: "layer that does not fit", files: [:], session: "input 1 8 8\ndense 4\n",
            line: 2, mustContain: ["[1, 8, 8]", "flatten"]),
        BadSession(
            name: "model that does not fit the data",
            files: ["d.csv": "a,b,label\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n"],
            session: "data load d.csv test=0\ninput 3\ndense 2 softmax\ntrain 1\n", line: 4,
            mustContain: ["[3]", "[2]", "input 2"]),
        BadSession(
            name: "missing data file", files: [:], session: "data load nothere.csv\n", line: 1,
            mustContain: ["nothere.csv", "not found"]),
        BadSession(
            name: "Latin-1 CSV", files: ["latin.csv": "a,b,label\n1,2,0\n3,\u{E9},1\n"],
            session: "data load latin.csv\n", line: 1,
            mustContain: ["latin.csv:3:", "0xE9 at offset 18", "not valid UTF-8", "save the file"]),
    ]

    @Test(arguments: badSessions)
    func badInputStopsWithOneLineError(_ bad: BadSession) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("layerlab-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in bad.files {
            // A name ending in "latin.csv" is written in ISO 8859-1, as older spreadsheets save.
            let encoding: String.Encoding = name.hasSuffix("latin.csv") ? .isoLatin1 : .utf8
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: encoding)
        }
        let session = directory.appendingPathComponent("bad.lab")
        try bad.session.write(to: session, atomically: true, encoding: .utf8)

        let result = try LayerLabProcess.run(["run", session.path])
        #expect(result.status != 0)
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 1, "expected one error line, got: \(result.standardError)")
        let error = String(lines.first ?? "")
        #expect(error.hasPrefix("\(session.path):\(bad.line):"), "\(error)")
        for word in bad.mustContain {
            #expect(error.contains(word), "'\(word)' missing from: \(error)")
        }
        #expect(!result.standardError.contains("Fatal error"))
    }

    @Test func windowsLineBreaksRun() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("layerlab-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let session = directory.appendingPathComponent("windows.lab")
        // Saved by a Windows editor: a byte order mark and CRLF line breaks.
        let text = "seed 1\r\ndata xor 200\r\ninput 2\r\ndense 4 tanh\r\ndense 1 sigmoid\r\ntrain 2\r\n"
        try Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)).write(to: session)

        let result = try LayerLabProcess.run(["run", session.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("final: 2 epochs"), "\(result.standardOutput)")
    }

    /// Epoch objects count the steps of their epoch, and the final object every step of the
    /// run: 160 training rows in batches of 32 make 5 steps per epoch.
    @Test func finalStepsCountWholeRun() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("layerlab-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let session = directory.appendingPathComponent("steps.lab")
        try """
            seed 1
            data xor 200 test=0.2
            dense 4 tanh
            dense 1 sigmoid
            batch 32
            train 3
            train 2 steps
            """.write(to: session, atomically: true, encoding: .utf8)

        let (result, objects) = try LayerLabProcess.runJSON(session: session.path)
        #expect(result.status == 0, "\(result.standardError)")
        let epochs = objects.filter { $0["type"] as? String == "epoch" }
        #expect(epochs.count == 3)
        for epoch in epochs {
            #expect(epoch["steps"] as? Int == 5, "\(epoch)")
        }
        let final = try #require(objects.last)
        #expect(final["type"] as? String == "final")
        #expect(final["epoch"] as? Int == 3)
        #expect(final["steps"] as? Int == 17, "\(final)")

        let text = try LayerLabProcess.run(["run", session.path])
        #expect(text.standardOutput.contains("final: 3 epochs, 17 steps in this run,"))
    }

    @Test func finalLineCountsOneEpochAndStep() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("layerlab-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let session = directory.appendingPathComponent("one.lab")
        try "seed 1\ndata xor 100\ndense 2 softmax\nbatch all\ntrain 1\n"
            .write(to: session, atomically: true, encoding: .utf8)

        let result = try LayerLabProcess.run(["run", session.path])
        #expect(result.standardOutput.contains("final: 1 epoch, 1 step in this run,"), "\(result.standardOutput)")
    }

    /// The session's comment on line 10 mentions $1, so the error belongs to line 11.
    @Test func missingArgumentPointsAtCommand() throws {
        let result = try LayerLabProcess.run(["run", "sessions/mnist-cnn.lab"])
        #expect(result.status == 1)
        #expect(
            result.standardError.hasPrefix("sessions/mnist-cnn.lab:11: the session uses $1"),
            "\(result.standardError)")

        // The prompt, which takes no arguments, names the same line and points to `run`.
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("layerlab-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let prompt = try LayerLabProcess.run(
            ["sessions/mnist-cnn.lab", "--no-recover"],
            environment: ["XDG_STATE_HOME": directory.path])
        #expect(prompt.status == 0)
        #expect(
            prompt.standardError.contains("sessions/mnist-cnn.lab:11: the session uses $1"),
            "\(prompt.standardError)")
        #expect(prompt.standardError.contains("layerlab run FILE.lab VALUE"))
    }

    struct UnreadableSession: CustomTestStringConvertible, Sendable {
        let name: String
        /// Makes the bad session path inside a fresh directory and returns it.
        let make: @Sendable (URL) throws -> URL
        let mustContain: [String]
        var testDescription: String { name }
    }

    static let unreadableSessions: [UnreadableSession] = [
        UnreadableSession(
            name: "missing file", make: { $0.appendingPathComponent("nothere.lab") },
            mustContain: ["nothere.lab: ", "not found", "check the name"]),
        UnreadableSession(
            name: "directory",
            make: { directory in
                let folder = directory.appendingPathComponent("lessons")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try "seed 1\n".write(
                    to: folder.appendingPathComponent("a.lab"), atomically: true, encoding: .utf8)
                return folder
            },
            mustContain: ["lessons: is a directory", "lessons/a.lab"]),
        UnreadableSession(
            name: "Latin-1 text",
            make: { directory in
                let file = directory.appendingPathComponent("latin.lab")
                // "say café" in ISO 8859-1 on line 2: the 0xE9 is at offset 14.
                try Data("seed 1\nsay caf".utf8 + [0xE9, 0x0A]).write(to: file)
                return file
            },
            mustContain: ["latin.lab:2: byte 0xE9 at offset 14 is not valid UTF-8", "iconv"]),
    ]

    @Test(arguments: unreadableSessions)
    func unreadableSessionFileIsOneLine(_ bad: UnreadableSession) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("layerlab-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let session = try bad.make(directory)

        // `run`, and the prompt that starts when standard input is not a terminal.
        for arguments in [["run", session.path], [session.path, "--no-recover"]] {
            // A prompt that started anyway would keep its journal in the temporary directory.
            let result = try LayerLabProcess.run(
                arguments, environment: ["XDG_STATE_HOME": directory.path])
            #expect(result.status == 1, "\(arguments): status \(result.status)")
            let lines = result.standardError.split(separator: "\n")
            #expect(lines.count == 1, "\(arguments): \(result.standardError)")
            let error = String(lines.first ?? "")
            #expect(error.hasPrefix(session.path), "\(arguments): \(error)")
            for word in bad.mustContain {
                #expect(error.contains(word), "\(arguments): '\(word)' missing from: \(error)")
            }
        }
    }
}
