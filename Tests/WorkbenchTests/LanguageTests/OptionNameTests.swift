import Foundation
import Testing

@testable import Workbench

/// Every `name=` that help, errors and fixes show must be an option the command language
/// accepts, so that a learner who copies it from a message gets a working line.
@Suite struct OptionNameTests {
    /// Every option name of every catalog entry, and the settings of `set`, which also
    /// accepts `set lr=X` and `set batch=N`.
    static let catalogOptions = Set(
        CommandCatalog.entries.flatMap { $0.options.map(\.name) }
            + CommandCatalog.subcommandEntries(of: "set").map { $0.words[1] })

    /// Names before `=` that are not options: Python arguments that help and fixes quote
    /// (`batch_first=True`, `dtype=numpy.float32`), and the time step `t=` and unit `u=` of
    /// the chain-rule ledgers.
    static let otherNames: Set<String> = ["batch_first", "dtype", "t", "u"]

    /// Returns each `name=` in `text` that is not preceded by a letter, digit or underscore.
    static func optionNames(in text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "(?<![A-Za-z0-9_])([a-z][a-z0-9_]*)=")
        let range = NSRange(text.startIndex..., in: text)
        return pattern.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    @Test func scannerFindsOptionNames() {
        #expect(Self.optionNames(in: "use pad=1 or stride=2x2, not a == b") == ["pad", "stride"])
        #expect(Self.optionNames(in: "count_include_pad=no") == ["count_include_pad"])
    }

    @Test(arguments: CommandCatalog.entries.map(\.name))
    func catalogTextNamesKnownOptions(name: String) throws {
        let entry = try #require(CommandCatalog.entry(named: name))
        let texts =
            [entry.usage, entry.summary, entry.example, entry.help]
            + entry.arguments.map(\.meaning) + entry.options.map(\.meaning)
        for text in texts {
            for option in Self.optionNames(in: text) {
                let known = Self.catalogOptions.contains(option) || Self.otherNames.contains(option)
                #expect(known, "\(name): '\(option)=' in: \(text)")
            }
        }
    }

    /// Lines that fail with a shape error or a value error, each with the command whose
    /// options the message may name.
    static let failingLines: [(setup: [String], line: String, command: String)] = [
        (["input 1x4x4"], "conv2d 8 kernel=7", "conv2d"),
        (["input 1x4x4"], "conv2d 8 kernel=5x2 stride=2 pad=0x1", "conv2d"),
        (["input 1x5"], "conv1d 2 kernel=9", "conv1d"),
        (["input 4"], "conv1d 2 kernel=3", "conv1d"),
        (["input 1x4x4"], "maxpool 3 pad=2", "maxpool"),
        (["input 1x4x4"], "maxpool 8", "maxpool"),
        (["input 1x4x4"], "avgpool 2 stride=9 pad=3", "avgpool"),
        (["input 1x5"], "maxpool 9", "maxpool"),
        (["input 1x5"], "maxpool 2x2", "maxpool"),
        (["input 1x5"], "avgpool 2 pad=1x1", "avgpool"),
        (["input 4"], "maxpool 2", "maxpool"),
        (["input 1x8x8"], "dense 4", "dense"),
        (["input 4"], "lstm 4", "lstm"),
    ]

    @Test(arguments: 0..<failingLines.count)
    func errorsNameOptionsOfTheirCommand(index: Int) throws {
        let (setup, line, command) = Self.failingLines[index]
        let executor = Executor(output: SilentOutput())
        for setupLine in setup {
            _ = try executor.execute(line: setupLine)
        }
        let error = #expect(throws: WorkbenchError.self, "\(line)") {
            try executor.execute(line: line)
        }
        let message = error?.description ?? ""
        let accepted = Set(try #require(CommandCatalog.entry(named: command)).options.map(\.name))
        for option in Self.optionNames(in: message) {
            #expect(accepted.contains(option), "\(line): '\(option)=' in: \(message)")
        }
    }

    /// Data commands whose errors come from the data sets, with the file each reads.
    static let failingDataLines: [(file: String, text: String, line: String, command: String)] = [
        ("short.csv", "y\n1\n2\n3\n", "data window short.csv column=y length=3 horizon=2",
         "data window"),
        ("short.txt", "abc", "data text short.txt mode=text length=5", "data text"),
        ("empty.txt", "\n\n", "data text empty.txt", "data text"),
        ("bad.csv", "a,b,label\n1,x,0\n", "data load bad.csv", "data load"),
    ]

    @Test(arguments: 0..<failingDataLines.count)
    func dataErrorsNameOptionsOfTheirCommand(index: Int) throws {
        let (file, text, line, command) = Self.failingDataLines[index]
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("layerlab-options-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try text.write(to: directory.appendingPathComponent(file), atomically: true, encoding: .utf8)

        let executor = Executor(output: SilentOutput())
        executor.sessionDirectory = directory.path
        let error = #expect(throws: WorkbenchError.self, "\(line)") {
            try executor.execute(line: line)
        }
        let message = error?.description ?? ""
        let accepted = Set(try #require(CommandCatalog.entry(named: command)).options.map(\.name))
        for option in Self.optionNames(in: message) {
            #expect(accepted.contains(option), "\(line): '\(option)=' in: \(message)")
        }
    }

    /// Folders whose string literals are file formats (PyTorch code, journal records, saved
    /// metadata) rather than messages to the learner.
    static let fileFormatFolders = ["Export", "Journal", "Persistence"]

    /// Scans the string literals of the Workbench and Datasets sources, which word the errors
    /// and fixes of the command language, for option names.
    @Test func sourceMessagesNameKnownOptions() throws {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        var scanned = 0
        for module in ["Sources/Workbench", "Sources/Datasets"] {
            let folder = root.appendingPathComponent(module)
            let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
            for file in files.sorted() where file.hasSuffix(".swift") {
                if Self.fileFormatFolders.contains(where: { file.hasPrefix($0 + "/") }) { continue }
                let text = try String(
                    contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                scanned += 1
                for (number, line) in text.split(separator: "\n").enumerated() {
                    for literal in Self.stringLiterals(in: String(line)) {
                        for option in Self.optionNames(in: literal)
                        where !Self.catalogOptions.contains(option)
                            && !Self.otherNames.contains(option)
                        {
                            Issue.record("\(module)/\(file):\(number + 1): '\(option)=' in \(literal)")
                        }
                    }
                }
            }
        }
        #expect(scanned > 50, "found only \(scanned) source files under \(root.path)")
    }

    /// Returns the contents of the double-quoted literals on one source line, skipping
    /// comments. Interpolations stay in the text, which only adds names to check.
    static func stringLiterals(in line: String) -> [String] {
        let code = line.trimmingCharacters(in: .whitespaces)
        if code.hasPrefix("//") { return [] }
        var literals: [String] = []
        var current: String?
        var escaped = false
        for character in code {
            if var text = current {
                if escaped {
                    escaped = false
                    text.append(character)
                    current = text
                } else if character == "\\" {
                    escaped = true
                    current = text
                } else if character == "\"" {
                    literals.append(text)
                    current = nil
                } else {
                    text.append(character)
                    current = text
                }
            } else if character == "\"" {
                current = ""
            }
        }
        return literals
    }
}
