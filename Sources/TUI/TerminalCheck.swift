import Glibc

/// Decides whether the full screen can run: it needs a terminal on standard input and output
/// and a TERM whose terminfo entry can address the cursor.
public enum TerminalCheck {
    /// The reason the screen cannot run here, or `nil` when it can.
    public static func reasonScreenIsUnavailable(
        environment: [String: String], stdinIsTerminal: Bool = isatty(0) == 1,
        stdoutIsTerminal: Bool = isatty(1) == 1
    ) -> String? {
        if !stdinIsTerminal || !stdoutIsTerminal {
            return "standard input or output is not a terminal"
        }
        guard let term = environment["TERM"], !term.isEmpty else {
            return "TERM is not set"
        }
        if term == "dumb" {
            return "TERM=dumb cannot move the cursor"
        }
        return nil
    }
}
