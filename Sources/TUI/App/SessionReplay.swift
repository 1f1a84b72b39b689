import Workbench

/// The lines of a session file still to run on the screen. A line runs only when training has
/// finished, so a lesson's `eval` sees the trained model, and a `wait` line holds the rest back
/// until the person presses Enter on an empty prompt.
struct SessionReplay {
    private(set) var pending: [String]
    private(set) var isWaitingForEnter = false

    init(lines: [String]) {
        pending = lines.filter { !$0.allSatisfy(\.isWhitespace) }
    }

    var isFinished: Bool { pending.isEmpty }

    /// Returns the next line to submit, or `nil` while training runs, while waiting for Enter,
    /// or at the end. A `wait` line is consumed here and starts the wait.
    mutating func nextLine(isTraining: Bool) -> String? {
        guard !isWaitingForEnter, !isTraining, !pending.isEmpty else { return nil }
        let line = pending.removeFirst()
        if (try? Parser.parse(line: line)) == .wait {
            isWaitingForEnter = !pending.isEmpty
            return nil
        }
        return line
    }

    /// Handles a line typed at the prompt; returns true when it was the Enter that ends a wait.
    mutating func consumeEnter(_ line: String) -> Bool {
        guard isWaitingForEnter, line.allSatisfy(\.isWhitespace) else { return false }
        isWaitingForEnter = false
        return true
    }
}
