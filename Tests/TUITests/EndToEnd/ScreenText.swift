/// Facts read back from a captured screen: the status line's progress and the loss pane.
struct ScreenText {
    let lines: [String]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The run state, epoch and step that the status line shows.
    struct Progress: Equatable {
        var state: String
        var epoch: Int
        var step: Int
    }

    var progress: Progress? {
        for line in lines {
            guard let match = line.firstMatch(
                of: /^ *(idle|training|paused|failed)\s+epoch (\d+).*?\bstep (\d+)/)
            else { continue }
            return Progress(
                state: String(match.1), epoch: Int(match.2) ?? -1, step: Int(match.3) ?? -1)
        }
        return nil
    }

    /// Whether a session's `wait` pauses the replay: its prompt is the output log's last row,
    /// the row above the log's bottom edge, which is above the status line.
    var isWaiting: Bool {
        guard let row = statusRow, row >= 2 else { return false }
        return lines[row - 2].contains("press Enter to continue")
    }

    /// The index of the status line, or `nil` when there is none.
    var statusRow: Int? {
        lines.firstIndex { $0.contains(/^ *(idle|training|paused|failed)\s+epoch \d+/) }
    }

    /// The text inside the loss pane's box, drawn with Unicode glyphs: the columns from its
    /// top-left corner to the next box on the top row, on the rows down to its bottom edge.
    var lossPane: [String] {
        pane(titled: "Los")
    }

    /// The step pane's title and the text inside its box, one string with a line per row, or
    /// "" when the pane is not on screen.
    var stepPane: String {
        guard let top = lines.first, let range = top.range(of: "┌─ Step") else { return "" }
        let title = top[range.lowerBound...].prefix { $0 != "┐" }
        return ([String(title)] + pane(titled: "Ste")).joined(separator: "\n")
    }

    /// Returns the rows of the box on the top row whose title starts with `prefix` (three
    /// characters).
    private func pane(titled prefix: String) -> [String] {
        guard let top = lines.first.map(Array.init),
            let start = (0..<top.count).first(where: { String(top[$0...].prefix(6)) == "┌─ " + prefix })
        else { return [] }
        let end = top[(start + 1)...].firstIndex(of: "┌") ?? top.count
        var rows: [String] = []
        for line in lines.dropFirst() {
            let characters = Array(line)
            guard characters.count > start, characters[start] != "└" else { break }
            rows.append(String(characters[start..<min(end, characters.count)]))
        }
        return rows
    }
}
