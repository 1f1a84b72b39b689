import Testing

@testable import Workbench

@Suite struct SuggestionTests {
    @Test(arguments: [
        ("", "", 0), ("abc", "", 3), ("", "ab", 2), ("dense", "dense", 0), ("dnse", "dense", 1),
        ("ab", "ba", 1), ("kitten", "sitting", 3), ("relu", "rleu", 1), ("ca", "abc", 3),
    ] as [(String, String, Int)])
    func editDistance(a: String, b: String, distance: Int) {
        #expect(Suggestion.editDistance(Array(a), Array(b)) == distance)
    }

    @Test(arguments: [
        ("dnse", "dense"), ("DNSE", "dense"), ("optimiser", "optimizer"), ("sumary", "summary"),
        ("trian", "train"), ("opt", "optimizer"), ("quti", "quit"),
    ])
    func commandTypos(typed: String, expected: String) {
        #expect(Suggestion.closest(to: typed, among: CommandCatalog.commandWords) == expected)
    }

    @Test(arguments: ["", "x", "zz", "frobnicate", "qq"])
    func farWordsHaveNoSuggestion(typed: String) {
        #expect(Suggestion.closest(to: typed, among: CommandCatalog.commandWords) == nil)
    }

    @Test func shortWordsAllowOneEdit() {
        #expect(Suggestion.closest(to: "lrr", among: ["lr", "eps"]) == "lr")
        #expect(Suggestion.closest(to: "xyz", among: ["lr", "eps"]) == nil)
    }

    @Test func tieGoesToFirstCandidate() {
        #expect(Suggestion.closest(to: "bat", among: ["bad", "cat"]) == "bad")
        #expect(Suggestion.closest(to: "bat", among: ["cat", "bad"]) == "cat")
    }

    @Test func closerCandidateWinsOverEarlier() {
        #expect(Suggestion.closest(to: "steps", among: ["step", "steps"]) == "steps")
    }

    @Test func ambiguousPrefixHasNoSuggestion() {
        #expect(Suggestion.closest(to: "res", among: ["reset", "resume"]) == nil)
    }

    @Test func pytorchOptionNamesSuggestStems() {
        let convolution = ["kernel", "stride", "pad", "init", "bias", "slope", "alpha"]
        #expect(Suggestion.closest(to: "padding", among: convolution) == "pad")
        #expect(Suggestion.closest(to: "kernel_size", among: convolution) == "kernel")
    }

    @Test func unknownPaddingOptionSuggestsPad() throws {
        let error = #expect(throws: ParseError.self) {
            try Parser.parse(line: "conv2d 8 kernel=3 padding=1")
        }
        #expect(error?.suggestion == "pad")
        #expect(error?.message.contains("did you mean 'pad'") == true, "\(String(describing: error))")
    }
}
