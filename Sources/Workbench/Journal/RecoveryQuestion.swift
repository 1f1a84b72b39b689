import Foundation

/// The question a new session asks when the last one ended without `quit`, and how a typed
/// line answers it.
public enum RecoveryQuestion {
    public enum Answer: Equatable, Sendable {
        case recover
        case decline
        /// Any other line: the crashed session is left for the next start, and the line runs
        /// as a command.
        case other
    }

    /// Returns the question, for the log or the prompt.
    public static func text(_ crashed: FoundJournal) -> String {
        "LayerLab did not exit cleanly last time: \(crashed.summary). Recover it? Type `yes` "
            + "to restore its last checkpoint and replay the commands typed since, or `no` to "
            + "start fresh (`layerlab --recover` and `--no-recover` decide at start)."
    }

    /// Returns the note printed with `--no-recover`, or when a line other than yes or no is typed.
    public static func leftForLater(_ crashed: FoundJournal) -> String {
        "not recovering \(crashed.folder) now; the next start asks again, and "
            + "`layerlab --recover` recovers it"
    }

    public static func answer(_ line: String) -> Answer {
        switch line.trimmingCharacters(in: .whitespaces).lowercased() {
        case "yes", "y": .recover
        case "no", "n": .decline
        default: .other
        }
    }
}
