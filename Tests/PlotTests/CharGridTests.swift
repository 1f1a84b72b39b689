import Testing

@testable import Plot

@Test func displayWidthOfCharacters() {
    #expect(Character("a").displayWidth == 1)
    #expect(Character("猫").displayWidth == 2)
    #expect(Character("한").displayWidth == 2)
    #expect(Character("Ａ").displayWidth == 2)
    #expect(Character("⣿").displayWidth == 1)
    #expect(Character("─").displayWidth == 1)
    #expect(Character("é").displayWidth == 1)
    #expect(Character("e\u{301}").displayWidth == 1)
    #expect(Character("🙂").displayWidth == 2)
    #expect(Character("\u{2764}\u{FE0F}").displayWidth == 2)
    #expect(Character("\n").displayWidth == 0)
    #expect(Character("\u{200B}").displayWidth == 0)
    #expect("猫と⠿".displayWidth == 5)
}

@Test func truncationCountsDisplayWidth() {
    #expect("abcdef".truncated(toDisplayWidth: 4) == "abc…")
    #expect("abcdef".truncated(toDisplayWidth: 6) == "abcdef")
    #expect("猫猫猫".truncated(toDisplayWidth: 4) == "猫…")
    #expect("abcdef".truncated(toDisplayWidth: 3, ellipsis: "...") == "abc")
    #expect("abcdef".truncated(toDisplayWidth: 5, ellipsis: "...") == "ab...")
    #expect("abc".truncated(toDisplayWidth: 0) == "")
}

@Test func gridDrawsAndClipsText() {
    var grid = CharGrid(width: 8, height: 3)
    grid.draw("hello world", x: 2, y: 0)
    grid.draw("left", x: -2, y: 1)
    grid.draw("gone", x: 0, y: 5)
    let end = grid.draw("abcdef", x: 1, y: 2, maxWidth: 3)
    #expect(grid.lines == ["  hello", "ft", " abc"])
    #expect(end == 4)
}

@Test func gridClipsWideCharactersAtEdges() {
    var grid = CharGrid(width: 5, height: 3, fill: Cell("."))
    grid.draw("猫猫猫", x: 0, y: 0)
    grid.draw("猫猫", x: -1, y: 1)
    grid.draw("a猫b", x: 1, y: 2, maxWidth: 2)
    #expect(grid.lines == ["猫猫", " 猫..", ".a..."])
    #expect(grid[x: 1, y: 0].isContinuation)
    #expect(grid[x: 4, y: 0].character == " ")
    #expect(!grid[x: 4, y: 0].isContinuation)
}

@Test func gridOverwriteSplitsWideCharacter() {
    var grid = CharGrid(width: 6, height: 2)
    grid.draw("猫猫猫", x: 0, y: 0)
    grid.put("x", x: 1, y: 0)
    grid.put("y", x: 4, y: 0)
    grid.draw("猫猫", x: 0, y: 1)
    grid.put("猫", x: 1, y: 1)
    #expect(grid.lines(trimmingTrailingSpaces: false) == [" x猫y ", " 猫   "])
    #expect(!grid[x: 3, y: 1].isContinuation)
}

@Test func gridSkipsZeroWidthCharacters() {
    var grid = CharGrid(width: 6, height: 1)
    let end = grid.draw("a\tb\u{200B}c", x: 0, y: 0)
    #expect(grid.lines == ["abc"])
    #expect(end == 3)
}

@Test func gridBoxWithTitle() {
    var grid = CharGrid(width: 14, height: 4)
    grid.drawBox(x: 0, y: 0, width: 14, height: 4, title: "Loss")
    grid.draw("inside", x: 1, y: 1)
    let expected = """
        ┌─ Loss ─────┐
        │inside      │
        │            │
        └────────────┘
        """
    #expect(grid.lines == expectedLines(expected))
}

@Test func gridBoxTruncatesTitleAndClips() {
    var grid = CharGrid(width: 10, height: 3)
    grid.drawBox(x: 0, y: 0, width: 10, height: 3, title: "Histogram", glyphs: .ascii)
    grid.drawBox(x: 7, y: 1, width: 6, height: 4)
    let expected = """
        +- H... -+
        |      ┌──
        +------│-+
        """
    #expect(grid.lines == expectedLines(expected))
}

@Test func gridCopiesGridAtOffset() {
    var inner = CharGrid(width: 3, height: 2, fill: Cell("#", style: CellStyle(bold: true)))
    inner.put("猫", x: 1, y: 0)
    var outer = CharGrid(width: 5, height: 3)
    outer.draw(inner, x: 1, y: 1)
    outer.draw(inner, x: -1, y: -1)
    outer.draw(inner, x: 4, y: 0)
    #expect(outer.lines == ["##  #", " #猫#", " ###"])
    #expect(outer[x: 1, y: 1].style.bold)
    #expect(!outer[x: 0, y: 1].style.bold)
}

@Test func gridFillAndSetStyle() {
    var grid = CharGrid(width: 4, height: 2)
    grid.fill(x: 1, y: 0, width: 10, height: 1, with: "=")
    let red = CellStyle(foreground: .indexed(196))
    grid.setStyle(red, x: 0, y: 0, width: 2, height: 2)
    #expect(grid.lines == [" ===", ""])
    #expect(grid[x: 1, y: 1].style == red)
    #expect(grid[x: 1, y: 0].character == "=")
    #expect(grid[x: 2, y: 0].style == .plain)
}

@Test func colourCubeIndex() {
    #expect(TerminalColor.cube(red: 0, green: 0, blue: 0) == .indexed(16))
    #expect(TerminalColor.cube(red: 5, green: 5, blue: 5) == .indexed(231))
    #expect(TerminalColor.cube(red: 5, green: 0, blue: 0) == .indexed(196))
    #expect(TerminalColor.cube(red: 9, green: -1, blue: 0) == .indexed(196))
}

@Test func glyphSetFromLocale() {
    #expect(GlyphSet.preferred(environment: ["LANG": "en_US.UTF-8"]) == .unicode)
    #expect(GlyphSet.preferred(environment: ["LANG": "de_DE.utf8@euro"]) == .unicode)
    #expect(GlyphSet.preferred(environment: ["LC_ALL": "C", "LANG": "en_US.UTF-8"]) == .ascii)
    #expect(GlyphSet.preferred(environment: ["LC_ALL": "", "LC_CTYPE": "C.UTF-8"]) == .unicode)
    #expect(GlyphSet.preferred(environment: ["LANG": "en_US.ISO-8859-1"]) == .ascii)
    #expect(GlyphSet.preferred(environment: [:]) == .ascii)
}
