import Engine
import Foundation
import Testing

@testable import Workbench

/// `load` of files that do not fit: each is rejected with an error that names the problem, and
/// the session keeps its weights, optimizer state, counters and generator.
@Suite struct LoadRejectionTests {
    /// The saved session that the bad files are made from.
    static let saved = [
        "seed 3", "data moons 120 noise=0.1 test=0.25", "input 2", "dense 12 relu",
        "dense 2 softmax", "optimizer adam lr=0.01", "batch 10", "train 1", "step",
    ]
    /// The session that tries to load them, trained differently.
    static let victim = [
        "seed 8", "data circle 100 noise=0.1 test=0.2", "input 2", "dense 5 tanh",
        "dense 2 softmax", "train 2",
    ]

    struct Case: CustomStringConvertible, Sendable {
        var name: String
        /// Makes the bad weights file from the good one.
        var weights: @Sendable ([UInt8]) -> [UInt8]
        /// Makes the bad session file from the good one.
        var script: @Sendable (String) -> String = { $0 }
        /// Text the error must contain.
        var expected: String
        var description: String { name }
    }

    static func replacing(_ old: String, _ new: String) -> @Sendable ([UInt8]) -> [UInt8] {
        { bytes in
            rewritingHeader(bytes) { json in
                precondition(json.contains(old), "the header has no \(old)")
                return json.replacingOccurrences(of: old, with: new)
            }
        }
    }

    /// Sets element `element` of the F32 tensor `name` to `value` in the data buffer.
    static func overwriting(_ name: String, element: Int, with value: Float)
        -> @Sendable ([UInt8]) -> [UInt8]
    {
        { bytes in
            var length = 0
            for (index, byte) in bytes.prefix(8).enumerated() {
                length |= Int(byte) << (8 * index)
            }
            let header = try! JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + length)]))
            let entry = (header as! [String: Any])[name] as! [String: Any]
            let begin = (entry["data_offsets"] as! [Int])[0]
            var result = bytes
            let position = 8 + length + begin + 4 * element
            withUnsafeBytes(of: value.bitPattern.littleEndian) { scalar in
                result.replaceSubrange(position..<(position + 4), with: scalar)
            }
            return result
        }
    }

    static let cases: [Case] = [
        Case(name: "empty file", weights: { _ in [] }, expected: "is 0 bytes long"),
        Case(name: "five bytes", weights: { Array($0.prefix(5)) }, expected: "is 5 bytes long"),
        Case(
            name: "truncated data", weights: { Array($0.dropLast(100)) },
            expected: "the file is truncated or damaged"),
        Case(
            name: "header length past the end",
            weights: { bytes in [0xFF, 0xFF, 0xFF, 0x00, 0, 0, 0, 0] + bytes.dropFirst(8) },
            expected: "runs past the end"),
        Case(
            name: "header not an object",
            weights: { bytes in rewritingHeader(bytes) { "[" + $0.dropFirst() } },
            expected: "must start with '{'"),
        Case(
            name: "header not JSON",
            weights: { bytes in
                rewritingHeader(bytes) { json in
                    String(json.trimmingCharacters(in: .whitespaces).dropLast())
                }
            },
            expected: "not valid JSON"),
        Case(
            name: "unknown dtype", weights: replacing("\"dtype\":\"F32\"", "\"dtype\":\"F33\""),
            expected: "unknown dtype \"F33\""),
        Case(
            name: "unreadable dtype", weights: replacing("\"dtype\":\"F32\"", "\"dtype\":\"I32\""),
            expected: "which LayerLab does not read"),
        Case(
            name: "shape against offsets",
            weights: replacing("\"shape\":[12,2]", "\"shape\":[12,3]"),
            expected: "needs 144 bytes"),
        Case(
            name: "duplicate metadata key",
            weights: replacing("\"seed\":\"3\"", "\"seed\":\"3\",\"seed\":\"4\""),
            expected: "appears again"),
        Case(
            name: "metadata value not a string", weights: replacing("\"seed\":\"3\"", "\"seed\":3"),
            expected: "metadata values must be strings"),
        Case(
            name: "trailing bytes", weights: { $0 + [1, 2, 3, 4] },
            expected: "4 bytes follow the last tensor"),
        Case(
            name: "not a LayerLab session",
            weights: replacing("\"format\":\"layerlab-session/1\",", ""),
            expected: "has no \"format\" entry"),
        Case(
            name: "random state of three words",
            weights: { bytes in
                rewritingHeader(bytes) { json in
                    json.replacingOccurrences(
                        of: #""random_state":"[0-9a-f,]+""#, with: "\"random_state\":\"1,2,3\"",
                        options: .regularExpression)
                }
            },
            expected: "four hexadecimal words"),
        Case(
            name: "integer weights",
            weights: replacing(
                "\"0.weight\":{\"dtype\":\"F32\",\"shape\":[12,2]",
                "\"0.weight\":{\"dtype\":\"I64\",\"shape\":[12]"),
            expected: "is stored as I64"),
        Case(
            name: "NaN weight", weights: overwriting("0.weight", element: 5, with: .nan),
            expected: "tensor \"0.weight\" has the value nan at index [2, 1]"),
        Case(
            name: "infinite bias", weights: overwriting("2.bias", element: 1, with: .infinity),
            expected: "tensor \"2.bias\" has the value inf at index [1]"),
        Case(
            name: "negative infinity in optimizer state",
            weights: overwriting("optimizer.0.bias.exp_avg", element: 0, with: -.infinity),
            expected: "tensor \"optimizer.0.bias.exp_avg\" has the value -inf at index [0]"),
        Case(
            name: "renamed tensor", weights: replacing("\"2.weight\"", "\"2.wieght\""),
            expected: "tensor \"2.weight\" [2, 12] is missing"),
        Case(
            name: "unknown optimizer state",
            weights: replacing("optimizer.0.bias.exp_avg\"", "optimizer.7.bias.exp_avg\""),
            expected: "tensor \"optimizer.7.bias.exp_avg\" belongs to no parameter"),
        Case(
            name: "epoch order with a repeated row",
            weights: { bytes in
                rewritingHeader(bytes) { json in
                    json.replacingOccurrences(
                        of: #"order=([0-9]+),[0-9]+,"#, with: "order=$1,$1,",
                        options: .regularExpression)
                }
            },
            expected: "metadata \"epoch_cursor\""),
        Case(
            name: "another model's session file", weights: { $0 },
            script: { $0.replacingOccurrences(of: "dense 12 init=he", with: "dense 13 init=he") },
            expected: "but the session file builds input [2]; 0 Dense [13]"),
        Case(
            name: "shapes that do not fit the model",
            weights: replacing("0 Dense [12]; 1 ReLU [12]", "0 Dense [13]; 1 ReLU [13]"),
            script: { $0.replacingOccurrences(of: "dense 12 init=he", with: "dense 13 init=he") },
            expected: "tensor \"0.weight\" has shape [12, 2], but the model needs [13, 2]"),
        Case(
            name: "session file that trains", weights: { $0 },
            script: { $0 + "train 5\n" },
            expected: "may only set up data and model, not `train`"),
    ]

    @Test(arguments: cases)
    func loadRejectsAndKeepsTheSession(_ badCase: Case) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let saver = Executor(output: SilentOutput())
        try run(Self.saved, on: saver)
        try saver.execute(line: "save \(folder.file("good"))")
        let goodBytes = Array(try Data(contentsOf: URL(fileURLWithPath: folder.file("good.safetensors"))))
        let goodScript = try String(contentsOfFile: folder.file("good.lab"), encoding: .utf8)
        try Data(badCase.weights(goodBytes)).write(to: URL(fileURLWithPath: folder.file("bad.safetensors")))
        try badCase.script(goodScript).write(toFile: folder.file("bad.lab"), atomically: true, encoding: .utf8)

        let executor = Executor(output: SilentOutput())
        try run(Self.victim, on: executor)
        let before = LabFingerprint(executor.lab)
        let summaryBefore = Report.summary(of: executor.lab.model!)
        var message = ""
        do {
            try executor.execute(line: "load \(folder.file("bad"))")
            Issue.record("\(badCase.name): load accepted the file")
        } catch {
            message = error.description
        }
        #expect(message.contains(badCase.expected), "\(badCase.name): \(message)")
        #expect(message.contains("bad."), "\(badCase.name) names no file: \(message)")
        #expect(LabFingerprint(executor.lab) == before, "\(badCase.name) changed the session")
        #expect(Report.summary(of: executor.lab.model!) == summaryBefore)
        #expect(executor.lab.data?.raw.rowCount == 100)
    }

    @Test func goodFileLoadsIntoTheSameVictim() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let saver = Executor(output: SilentOutput())
        try run(Self.saved, on: saver)
        try saver.execute(line: "save \(folder.file("good"))")
        let executor = Executor(output: SilentOutput())
        try run(Self.victim, on: executor)
        try executor.execute(line: "load \(folder.file("good"))")
        #expect(LabFingerprint(executor.lab) == LabFingerprint(saver.lab))
    }

    @Test func missingFilesAreNamed() throws {
        let executor = Executor(output: SilentOutput())
        try run(Self.victim, on: executor)
        let before = LabFingerprint(executor.lab)
        do {
            try executor.execute(line: "load /nonexistent/folder/model")
            Issue.record("load accepted a missing file")
        } catch {
            #expect(error.description.contains("/nonexistent/folder/model.safetensors"))
        }
        #expect(LabFingerprint(executor.lab) == before)
    }

    @Test func nonUTF8ScriptIsNamed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let saver = Executor(output: SilentOutput())
        try run(Self.saved, on: saver)
        try saver.execute(line: "save \(folder.file("good"))")
        // A comment with "é" in ISO 8859-1, as an editor set to Latin-1 would save it.
        let script = try Data(contentsOf: URL(fileURLWithPath: folder.file("good.lab")))
        try (Data("# caf".utf8) + [0xE9, 0x0A] + script)
            .write(to: URL(fileURLWithPath: folder.file("good.lab")))

        let executor = Executor(output: SilentOutput())
        try run(Self.victim, on: executor)
        let before = LabFingerprint(executor.lab)
        let error = #expect(throws: WorkbenchError.self) {
            try executor.execute(line: "load \(folder.file("good"))")
        }
        let message = error?.description ?? ""
        #expect(message.hasPrefix("\(folder.file("good.lab")):1: byte 0xE9 at offset 5"), "\(message)")
        #expect(message.contains("not valid UTF-8"), "\(message)")
        #expect(LabFingerprint(executor.lab) == before)
    }

    @Test func windowsLineBreaksInScriptLoad() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let saver = Executor(output: SilentOutput())
        try run(Self.saved, on: saver)
        try saver.execute(line: "save \(folder.file("good"))")
        let script = try String(contentsOfFile: folder.file("good.lab"), encoding: .utf8)
        try script.replacingOccurrences(of: "\n", with: "\r\n")
            .write(toFile: folder.file("good.lab"), atomically: true, encoding: .utf8)

        let executor = Executor(output: SilentOutput())
        try run(Self.victim, on: executor)
        try executor.execute(line: "load \(folder.file("good"))")
        #expect(LabFingerprint(executor.lab) == LabFingerprint(saver.lab))
    }
}
