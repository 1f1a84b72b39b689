import Testing

@testable import TUI

struct PromptLayoutTests {
    @Test func shortLineStartsAtColumnZero() {
        let layout = PromptLayout(
            prompt: "layerlab> ", beforeCursor: "tra", afterCursor: "in", width: 80)
        #expect(layout.visibleText == "layerlab> train")
        #expect(layout.cursorColumn == 13)
        #expect(layout.scrollOffset == 0)
    }

    @Test func wideCharactersTakeTwoColumns() {
        let layout = PromptLayout(
            prompt: "layerlab> ", beforeCursor: "say 日本", afterCursor: "", width: 80)
        #expect(layout.cursorColumn == 18)
    }

    @Test func combiningMarksTakeNoColumn() {
        let layout = PromptLayout(
            prompt: "> ", beforeCursor: "he\u{301}", afterCursor: "", width: 80)
        #expect(layout.cursorColumn == 4)
    }

    @Test func controlCharactersShowAsCaretLetters() {
        let layout = PromptLayout(prompt: "> ", beforeCursor: "a\u{1}", afterCursor: "", width: 80)
        #expect(layout.visibleText == "> a^A")
        #expect(layout.cursorColumn == 5)
    }

    @Test func longLineScrollsToKeepTheCursorVisible() {
        let text = String(repeating: "x", count: 100)
        let layout = PromptLayout(prompt: "> ", beforeCursor: text, afterCursor: "", width: 40)
        #expect(layout.cursorColumn == 39)
        #expect(layout.scrollOffset == 63)
        #expect(layout.visibleText.count == 39)
    }

    @Test func scrollOffsetStaysWhileTheCursorIsVisible() {
        let before = String(repeating: "x", count: 50)
        let after = String(repeating: "y", count: 50)
        let first = PromptLayout(
            prompt: "> ", beforeCursor: before, afterCursor: after, width: 40)
        let moved = PromptLayout(
            prompt: "> ", beforeCursor: String(before.dropLast(5)),
            afterCursor: "xxxxx" + after, width: 40, previousOffset: first.scrollOffset)
        #expect(moved.scrollOffset == first.scrollOffset)
        #expect(moved.cursorColumn == first.cursorColumn - 5)
    }

    @Test func cursorLeavingTheWindowRecentres() {
        let text = String(repeating: "x", count: 100)
        let layout = PromptLayout(
            prompt: "> ", beforeCursor: "", afterCursor: text, width: 40, previousOffset: 63)
        #expect(layout.scrollOffset == 0)
        #expect(layout.cursorColumn == 2)
    }

    @Test func wideCharacterCutAtTheLeftEdgeBecomesASpace() {
        // Columns: "> " is 0-1, each 日 takes two, so the second 日 starts at column 4.
        let text = "日日" + String(repeating: "x", count: 60)
        let layout = PromptLayout(
            prompt: "> ", beforeCursor: text, afterCursor: "", width: 40, previousOffset: 5)
        #expect(layout.scrollOffset == 27)
        #expect(layout.visibleText.allSatisfy { $0 == "x" })

        let cut = PromptLayout(
            prompt: "> ", beforeCursor: "日日xxxx", afterCursor: String(repeating: "y", count: 60),
            width: 40, previousOffset: 5)
        #expect(cut.scrollOffset == 5)
        #expect(cut.visibleText.hasPrefix(" xxxx"))
        #expect(cut.cursorColumn == 5)
    }

    @Test func wideCharacterCutAtTheRightEdgeIsLeftOut() {
        let layout = PromptLayout(
            prompt: "> ", beforeCursor: "", afterCursor: "xxxxxxx日日", width: 10)
        #expect(layout.visibleText == "> xxxxxxx")
    }
}
