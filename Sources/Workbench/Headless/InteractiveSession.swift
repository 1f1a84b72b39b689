import Foundation

/// A line-by-line prompt on standard input and output, for terminals without a screen and for
/// piped input. Errors are shown with a caret under the bad token, and the session goes on.
public enum InteractiveSession {
    /// Runs the optional session file, then reads commands until `quit` or end of input.
    /// Returns the process exit status.
    public static func run(sessionPath: String?) -> Int32 {
        let printer = HeadlessPrinter(format: .text)
        let executor = Executor(output: printer)
        let isTerminal = isatty(0) == 1
        var typedFirst: String?
        if let settings = JournalSettings.processDefault {
            typedFirst = startJournal(
                executor, settings: settings, printer: printer, asks: isTerminal)
        }
        defer { executor.closeJournal() }

        if let sessionPath {
            executor.sessionDirectory = (sessionPath as NSString).deletingLastPathComponent
            let lines: [String]
            do {
                lines = try SessionFile.readLines(path: sessionPath)
            } catch {
                printer.error(error.description)
                return 1
            }
            for (index, line) in lines.enumerated() {
                do {
                    // The prompt takes no session arguments, so a line with `$1` gets the
                    // error that points to `layerlab run`, not a search for a file named `$1`.
                    let filled = try SessionArguments.substitute(in: line, arguments: [])
                    if try executor.execute(line: filled) == .quit { return 0 }
                } catch {
                    let column = error.column.map { ":\($0)" } ?? ""
                    printer.error("\(sessionPath):\(index + 1)\(column): \(error.description)")
                }
            }
        }
        if isTerminal {
            printer.message("LayerLab: type `help` for the commands, `quit` to leave.")
        }
        while true {
            if isTerminal {
                FileHandle.standardOutput.write(Data("layerlab> ".utf8))
            }
            guard let line = typedFirst ?? readLine() else { return 0 }
            typedFirst = nil
            do {
                if try executor.execute(line: line) == .quit { return 0 }
            } catch {
                if case .parse(let parseError) = error {
                    printer.error(parseError.caretDiagram(for: line))
                }
                printer.error("error: \(error.description)")
            }
        }
    }
}
