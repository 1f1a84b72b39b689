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

    /// The index of the status line, or `nil` when there is none.
    var statusRow: Int? {
        lines.firstIndex { $0.contains(/^ *(idle|training|paused|failed)\s+epoch \d+/) }
    }

    /// The text inside the loss pane's box, drawn with Unicode glyphs: the columns from its
    /// top-left corner to the next box on the top row, on the rows down to its bottom edge.
    var lossPane: [String] {
        guard let top = lines.first.map(Array.init),
            let start = (0..<top.count).first(where: { String(top[$0...].prefix(6)) == "┌─ Los" })
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
