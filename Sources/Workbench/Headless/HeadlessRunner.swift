import Foundation

/// Runs a session file without a screen, printing progress as plain text or JSON lines.
///
/// Text mode prints one line per epoch and each command's messages on standard output. JSON
/// mode prints one JSON object per epoch and a final object on standard output, and the
/// messages on standard error, so standard output stays machine-readable. The first failing
/// command stops the run with `FILE:LINE: message` on standard error, and a file that cannot
/// be read with `FILE: message`, both with exit status 1. A failed write of the output also
/// ends with status 1, after the run.
public final class HeadlessRunner {
    public enum Format: Sendable {
        case text
        case json
    }

    private let printer: HeadlessPrinter

    public init(format: Format) {
        printer = HeadlessPrinter(format: format)
    }

    /// Runs every line of the session at `path`; returns the process exit status.
    ///
    /// - Parameter arguments: values for `$1`, `$2`, … in the session's lines.
    public func run(path: String, arguments: [String] = []) -> Int32 {
        let lines: [String]
        do {
            lines = try SessionFile.readLines(path: path)
        } catch {
            printer.error(error.description)
            return 1
        }
        let executor = Executor(output: printer)
        executor.sessionDirectory = (path as NSString).deletingLastPathComponent
        for (index, rawLine) in lines.enumerated() {
            var line = rawLine
            let number = index + 1
            do {
                line = try SessionArguments.substitute(in: line, arguments: arguments)
                if try executor.execute(line: line) == .quit { break }
            } catch {
                let column = error.column.map { ":\($0)" } ?? ""
                printer.error("\(path):\(number)\(column): \(error.description)")
                return 1
            }
        }
        printer.finish(lab: executor.lab)
        if let failure = printer.writeFailure {
            printer.error("layerlab: writing the output failed, so it is incomplete: \(failure)")
            return 1
        }
        return 0
    }
}

/// `$1` to `$9` in a session line, replaced by the arguments given after the file name.
///
/// A comment (from `#` outside quotes) is left as written, so a comment may mention `$1` in a
/// run without arguments. A value with spaces, `#` or quotes is quoted for the tokenizer, and
/// inside quotes its quotes and backslashes are escaped, so it stays one token.
enum SessionArguments {
    static func substitute(in line: String, arguments: [String]) throws(WorkbenchError) -> String {
        guard line.contains("$") else { return line }
        var result = ""
        var characters = line[...]
        var isQuoted = false
        while let character = characters.popFirst() {
            if isQuoted, character == "\\", let escaped = characters.popFirst() {
                result.append(character)
                result.append(escaped)
                continue
            }
            if character == "\"" { isQuoted.toggle() }
            if character == "#" && !isQuoted {
                result.append(character)
                result += characters
                break
            }
            guard character == "$", let digit = characters.first, let n = digit.wholeNumberValue,
                digit.isASCII
            else {
                result.append(character)
                continue
            }
            characters.removeFirst()
            guard n >= 1 else {
                throw .invalid("$0 is not an argument; the arguments after the file name are $1, $2, …")
            }
            guard n <= arguments.count else {
                throw .missing(
                    what: "the session uses $\(n) but \(arguments.count) argument"
                        + "\(arguments.count == 1 ? " was" : "s were") given",
                    fix: "pass it after the file name: `layerlab run FILE.lab VALUE`")
            }
            let value = arguments[n - 1]
            result += isQuoted ? escapedInQuotes(value) : LabScript.quotedIfNeeded(value)
        }
        return result
    }

    private static func escapedInQuotes(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
    }
}
