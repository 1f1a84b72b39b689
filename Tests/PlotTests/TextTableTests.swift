import Testing

@testable import Plot

/// Returns the lines of a multi-line string literal, for comparison with rendered lines.
func expectedLines(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}

private let summaryColumns = [
    TextTable.Column("Layer (type)"),
    TextTable.Column("Output shape"),
    TextTable.Column("Param #", alignment: .right),
]

private let summaryRows: [TextTable.Row] = [
    .cells(["0 (Dense)", "[batch, 16]", "80"]),
    .cells(["1 (ReLU)", "[batch, 16]", "0"]),
    .cells(["2 (Dense)", "[batch, 3]", "51"]),
    .separator,
    .cells(["Total", "", "131"]),
]

@Test func tableModelSummaryUnicode() {
    let table = TextTable(columns: summaryColumns, rows: summaryRows)
    let expected = """
        Layer (type) │ Output shape │ Param #
        ─────────────┼──────────────┼────────
        0 (Dense)    │ [batch, 16]  │      80
        1 (ReLU)     │ [batch, 16]  │       0
        2 (Dense)    │ [batch, 3]   │      51
        ─────────────┼──────────────┼────────
        Total        │              │     131
        """
    #expect(table.render(style: .unicode) == expectedLines(expected))
}

@Test func tableModelSummaryASCII() {
    let table = TextTable(columns: summaryColumns, rows: summaryRows)
    let expected = """
        Layer (type) | Output shape | Param #
        -------------+--------------+--------
        0 (Dense)    | [batch, 16]  |      80
        1 (ReLU)     | [batch, 16]  |       0
        2 (Dense)    | [batch, 3]   |      51
        -------------+--------------+--------
        Total        |              |     131
        """
    #expect(table.render(style: .ascii) == expectedLines(expected))
}

@Test func tableConfusionMatrix() {
    let table = TextTable(
        columns: [
            TextTable.Column("true \\ predicted"),
            TextTable.Column("setosa", alignment: .right),
            TextTable.Column("versicolor", alignment: .right),
        ],
        rows: [
            .cells(["setosa", "10", "0"]),
            .cells(["versicolor", "1", "12"]),
        ])
    let expected = """
        true \\ predicted │ setosa │ versicolor
        ─────────────────┼────────┼───────────
        setosa           │     10 │          0
        versicolor       │      1 │         12
        """
    #expect(table.render() == expectedLines(expected))
}

@Test func tableTrimsTrailingSpacesAndPadsMissingCells() {
    let table = TextTable(
        columns: [TextTable.Column("name"), TextTable.Column("note")],
        rows: [.cells(["a"]), .cells(["bb", "x"])])
    let expected = """
        name │ note
        ─────┼─────
        a    │
        bb   │ x
        """
    #expect(table.render() == expectedLines(expected))
}

@Test func tableTruncatesWidestColumnToMaxWidth() {
    let table = TextTable(
        columns: [TextTable.Column("layer"), TextTable.Column("shape", alignment: .right)],
        rows: [.cells(["convolution with a long name", "[8, 3, 3]"])],
        maxWidth: 24)
    let expected = """
        layer        │     shape
        ─────────────┼──────────
        convolution… │ [8, 3, 3]
        """
    let lines = table.render()
    #expect(lines == expectedLines(expected))
    #expect(lines.allSatisfy { $0.displayWidth <= 24 })
}

@Test func tableTruncationSpreadsOverWideColumns() {
    let table = TextTable(
        columns: [TextTable.Column("left"), TextTable.Column("right")],
        rows: [.cells(["abcdefghij", "0123456789"])],
        maxWidth: 15)
    let expected = """
        left   | right
        -------+-------
        abc... | 012...
        """
    #expect(table.render(style: .ascii) == expectedLines(expected))
}

@Test func tableCutsLinesWhenColumnsCannotShrink() {
    let table = TextTable(
        columns: [TextTable.Column("a"), TextTable.Column("b"), TextTable.Column("c")],
        rows: [.cells(["1", "2", "3"])],
        maxWidth: 6)
    let expected = """
        a │ b…
        ──┼──…
        1 │ 2…
        """
    #expect(table.render() == expectedLines(expected))
}

@Test func tableAlignsWideCharacters() {
    let table = TextTable(
        columns: [TextTable.Column("label"), TextTable.Column("n", alignment: .right)],
        rows: [.cells(["猫", "1"]), .cells(["dog", "22"])])
    let expected = """
        label │  n
        ──────┼───
        猫    │  1
        dog   │ 22
        """
    #expect(table.render() == expectedLines(expected))
}

@Test func tableReplacesLineBreaksInCells() {
    let table = TextTable(columns: [TextTable.Column("text")], rows: [.cells(["a\nb\tc"])])
    #expect(table.render() == ["text", "─────", "a b c"])
}
