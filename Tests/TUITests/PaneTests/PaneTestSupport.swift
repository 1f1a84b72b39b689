import Plot
import Testing

/// Checks that a grid's rows, without trailing spaces, are the lines of `expected`.
///
/// Each row is checked on its own, so a failure names the row that differs.
func expectText(
    _ grid: CharGrid, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        .map { line in
            var text = String(line)
            while text.last == " " {
                text.removeLast()
            }
            return text
        }
    let actual = grid.lines
    #expect(actual.count == expectedLines.count, sourceLocation: sourceLocation)
    for (row, (got, wanted)) in zip(actual, expectedLines).enumerated() {
        #expect(got == wanted, "row \(row)", sourceLocation: sourceLocation)
    }
}

/// Returns the styles of the cells in row `y` whose character is `character`.
func styles(of character: Character, in grid: CharGrid, row y: Int) -> [CellStyle] {
    (0..<grid.width).compactMap { x in
        grid[x: x, y: y].character == character ? grid[x: x, y: y].style : nil
    }
}

/// The pane and screen tests. Each file adds a suite, so that `--filter PaneTests` runs all.
enum PaneTests {}
