import Testing

@testable import Workbench

/// `$1` to `$9` in session lines: comments, quoting and the errors for absent arguments.
struct SessionArgumentsTests {
    @Test func commentKeepsDollarSigns() throws {
        let line = try SessionArguments.substitute(
            in: "data mnist $1  # $2 is not used", arguments: ["digits"])
        #expect(line == "data mnist digits  # $2 is not used")
        let comment = try SessionArguments.substitute(in: "# $1 is the folder", arguments: [])
        #expect(comment == "# $1 is the folder")
    }

    @Test func hashInsideQuotesIsNoComment() throws {
        let line = try SessionArguments.substitute(in: "say \"#$1\"", arguments: ["7"])
        #expect(line == "say \"#7\"")
    }

    @Test func valueWithSpacesStaysOneToken() throws {
        let line = try SessionArguments.substitute(
            in: "data load $1 test=0.2", arguments: ["my data/train set.csv"])
        #expect(line == "data load \"my data/train set.csv\" test=0.2")
        let tokens = try Tokenizer.tokenize(line)
        #expect(tokens.count == 4)
        #expect(tokens[2].value == "my data/train set.csv")
    }

    @Test func valueInsideQuotesIsEscaped() throws {
        let line = try SessionArguments.substitute(in: "say \"got $1\"", arguments: ["a \"b\" \\c"])
        let tokens = try Tokenizer.tokenize(line)
        #expect(tokens.count == 2)
        #expect(tokens[1].value == "got a \"b\" \\c")
    }

    @Test func emptyValueIsQuoted() throws {
        let line = try SessionArguments.substitute(in: "say $1", arguments: [""])
        #expect(line == "say \"\"")
    }

    @Test func dollarZeroIsRejected() {
        let error = #expect(throws: WorkbenchError.self) {
            try SessionArguments.substitute(in: "say $0", arguments: ["a"])
        }
        #expect(error?.description.contains("$0 is not an argument") == true)
    }

    @Test func missingArgumentNamesCount() {
        let error = #expect(throws: WorkbenchError.self) {
            try SessionArguments.substitute(in: "data load $2", arguments: ["a"])
        }
        #expect(error?.description.hasPrefix("the session uses $2 but 1 argument was given") == true)
    }
}
