import Testing

@testable import Workbench

@Suite struct TokenizerTests {
    @Test func wordsRecordTheirColumns() throws {
        let tokens = try Tokenizer.tokenize("dense  16\trelu")
        #expect(tokens.map(\.value) == ["dense", "16", "relu"])
        #expect(tokens.map(\.columns) == [1...5, 8...9, 11...14])
        #expect(tokens.allSatisfy { $0.kind == .word })
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let tokens = try Tokenizer.tokenize("say 🙂 héllo ok")
        #expect(tokens.map(\.columns) == [1...3, 5...5, 7...11, 13...14])
    }

    @Test func optionSplitsNameAndValue() throws {
        let tokens = try Tokenizer.tokenize("optimizer adam lr=0.01")
        let option = try #require(tokens.last)
        #expect(option.kind == .option(name: "lr", valueQuoted: false))
        #expect(option.text == "lr=0.01")
        #expect(option.value == "0.01")
        #expect(option.columns == 16...22)
        #expect(option.valueColumns == 19...22)
        #expect(option.optionName == "lr")
    }

    @Test func optionNameIsLowercasedForLookup() throws {
        let option = try #require(try Tokenizer.tokenize("INIT=He").first)
        #expect(option.kind == .option(name: "INIT", valueQuoted: false))
        #expect(option.optionName == "init")
        #expect(option.value == "He")
    }

    @Test func optionValueMayBeQuoted() throws {
        let option = try #require(try Tokenizer.tokenize("label=\"petal width\" x").first)
        #expect(option.kind == .option(name: "label", valueQuoted: true))
        #expect(option.value == "petal width")
        #expect(option.text == "label=\"petal width\"")
        #expect(option.columns == 1...19)
        #expect(option.valueColumns == 7...19)
    }

    @Test func emptyOptionValuePointsAfterEquals() throws {
        let option = try #require(try Tokenizer.tokenize("lr=").first)
        #expect(option.value == "")
        #expect(option.columns == 1...3)
        #expect(option.valueColumns == 4...4)
    }

    @Test func wordsThatAreNotOptionNamesStayWords() throws {
        let tokens = try Tokenizer.tokenize("=5 data/x=1.csv 2x=3")
        #expect(tokens.map(\.kind) == [.word, .word, .word])
        #expect(tokens.map(\.value) == ["=5", "data/x=1.csv", "2x=3"])
    }

    @Test func quotedStringResolvesEscapes() throws {
        let tokens = try Tokenizer.tokenize(#"say "a \"b\" c\\d""#)
        let quoted = try #require(tokens.last)
        #expect(quoted.kind == .quoted)
        #expect(quoted.value == #"a "b" c\d"#)
        #expect(quoted.text == #""a \"b\" c\\d""#)
        #expect(quoted.columns == 5...18)
    }

    @Test func unknownEscapeKeepsBackslash() throws {
        let quoted = try #require(try Tokenizer.tokenize(#""C:\data\new""#).first)
        #expect(quoted.value == #"C:\data\new"#)
    }

    @Test func escapedBackslashBeforeClosingQuote() throws {
        let quoted = try #require(try Tokenizer.tokenize(#""abc\\" x"#).first)
        #expect(quoted.value == #"abc\"#)
        #expect(quoted.columns == 1...7)
    }

    @Test func commentEndsTheLine() throws {
        let tokens = try Tokenizer.tokenize("dense 8 # 16 units \"unterminated")
        #expect(tokens.map(\.value) == ["dense", "8"])
    }

    @Test func commentMayStartInsideAWord() throws {
        let tokens = try Tokenizer.tokenize("relu#note")
        #expect(tokens.map(\.value) == ["relu"])
        #expect(tokens.map(\.columns) == [1...4])
    }

    @Test func hashInsideQuotesIsText() throws {
        let tokens = try Tokenizer.tokenize(#"say "step #3" # comment"#)
        #expect(tokens.map(\.value) == ["say", "step #3"])
    }

    @Test func closingQuoteMayTouchComment() throws {
        let tokens = try Tokenizer.tokenize(##"say "hi"#comment"##)
        #expect(tokens.map(\.value) == ["say", "hi"])
    }

    @Test(arguments: ["", "   ", "\t", "# only a comment", "   # indented comment"])
    func blankLinesHaveNoTokens(line: String) throws {
        #expect(try Tokenizer.tokenize(line).isEmpty)
    }

    @Test func unterminatedQuotePointsAtTheQuote() {
        #expect(throws: ParseError(.unterminatedQuote, columns: 5...5)) {
            try Tokenizer.tokenize(#"say "hello"#)
        }
    }

    @Test func unterminatedQuoteInOptionValue() {
        #expect(throws: ParseError(.unterminatedQuote, columns: 7...7)) {
            try Tokenizer.tokenize(#"label="petal"#)
        }
    }

    @Test func escapedQuoteDoesNotCloseTheString() {
        #expect(throws: ParseError(.unterminatedQuote, columns: 1...1)) {
            try Tokenizer.tokenize(#""abc\""#)
        }
    }

    @Test func quoteInsideWordIsRejected() {
        #expect(throws: ParseError(.quoteInsideWord(#"ab""#), columns: 3...3)) {
            try Tokenizer.tokenize(#"ab"c""#)
        }
    }

    @Test func quoteInsideOptionValueIsRejected() {
        #expect(throws: ParseError(.quoteInsideWord(#"a=b""#), columns: 4...4)) {
            try Tokenizer.tokenize(#"a=b"c""#)
        }
    }

    @Test func textAfterClosingQuoteIsRejected() {
        #expect(throws: ParseError(.textAfterQuote, columns: 8...8)) {
            try Tokenizer.tokenize(#"say "a"b"#)
        }
    }
}
