import Testing

@testable import TUI

struct CompletionSourceTests {
    @Test func dataLoadPathCompletesFiles() {
        #expect(CompletionSource.forLine(beforeCursor: "data load ") == .filePaths)
        #expect(CompletionSource.forLine(beforeCursor: "data load samp") == .filePaths)
        #expect(CompletionSource.forLine(beforeCursor: "DATA  Load samples/") == .filePaths)
    }

    @Test func otherWordsCompleteFromTheCatalog() {
        #expect(CompletionSource.forLine(beforeCursor: "") == .commandWords)
        #expect(CompletionSource.forLine(beforeCursor: "data lo") == .commandWords)
        #expect(CompletionSource.forLine(beforeCursor: "data load x.csv ") == .commandWords)
        #expect(CompletionSource.forLine(beforeCursor: "data load x.csv la") == .commandWords)
        #expect(CompletionSource.forLine(beforeCursor: "data load label=") == .commandWords)
        #expect(CompletionSource.forLine(beforeCursor: "dense 16 ") == .commandWords)
    }

    @Test func catalogWordsComeFromTheLineBeforeTheCursor() {
        #expect(CompletionSource.commandWords(beforeCursor: "tra") == ["train"])
        #expect(CompletionSource.commandWords(beforeCursor: "optimizer adam l").contains("lr="))
    }
}
