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
    ]

    @Test(arguments: badSessions)
    func badInputStopsWithOneLineError(_ bad: BadSession) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("layerlab-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in bad.files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
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
}
