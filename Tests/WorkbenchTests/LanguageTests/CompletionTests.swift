import Testing

@testable import Workbench

/// Returns the completions with the cursor at the end of `line`.
private func complete(_ line: String) -> [String] {
    CommandCatalog.completions(forLine: line, cursor: line.count)
}

@Suite struct CompletionTests {
    @Test func emptyLineOffersEveryCommand() {
        #expect(complete("") == CommandCatalog.commandWords)
        #expect(complete("   ") == CommandCatalog.commandWords)
    }

    @Test func commandPrefix() {
        #expect(complete("de") == ["dense"])
        #expect(complete("d") == ["data", "dense", "dropout"])
        let startingWithS = [
            "sigmoid", "softmax", "seed", "summary", "stop", "step", "set", "say", "save",
        ]
        #expect(complete("S") == startingWithS)
        #expect(complete("zz").isEmpty)
    }

    @Test func denseOffersActivationsAndOptions() {
        let expected = CommandCatalog.activationWords + ["init=", "bias="]
        #expect(complete("dense 8 ") == expected)
        #expect(complete("dense 8 l") == ["leakyrelu"])
    }

    @Test func requiredNumberOffersNothing() {
        #expect(complete("dense ").isEmpty)
        #expect(complete("data load ").isEmpty)
    }

    @Test func activationOptionsFollowTheActivation() {
        #expect(complete("dense 8 leakyrelu ") == ["init=", "bias=", "slope="])
        #expect(complete("dense 8 elu ") == ["init=", "bias=", "alpha="])
        #expect(complete("leakyrelu ") == ["slope="])
    }

    @Test func optionValues() {
        #expect(complete("dense 8 init=") == ["init=xavier", "init=he"])
        #expect(complete("dense 8 INIT=X") == ["init=xavier"])
        #expect(complete("dense 8 relu bias=") == ["bias=yes", "bias=no"])
        #expect(complete("data load x.csv task=r") == ["task=regression"])
        #expect(complete("optimizer adam lr=").isEmpty)
        #expect(complete("dense 8 speed=").isEmpty)
    }

    @Test func keywordArguments() {
        #expect(complete("loss ") == ["mse", "bce", "crossentropy", "reconstruction"])
        #expect(complete("loss c") == ["crossentropy"])
        #expect(complete("train 5 ") == ["epochs", "steps"])
        #expect(complete("eval ") == ["train", "test"])
        #expect(complete("batch ") == ["all"])
        #expect(complete("help o") == ["optimizer"])
    }

    @Test func familySecondWords() {
        #expect(
            complete("data ")
                == [
                    "load", "info", "spiral", "circle", "xor", "gaussian", "moons", "plane",
                    "mnist", "npy", "window", "text",
                ])
        #expect(
            complete("optimizer ") == ["sgd", "gd", "momentum", "adam", "adagrad", "adadelta"])
        #expect(complete("set ") == ["lr", "batch"])
        #expect(complete("set batch ") == ["all"])
    }

    @Test func usedOptionsAreNotOffered() {
        #expect(
            complete("optimizer adam ") == ["lr=", "beta1=", "beta2=", "eps=", "weight_decay="])
        #expect(complete("optimizer adam lr=0.1 ") == ["beta1=", "beta2=", "eps=", "weight_decay="])
        #expect(complete("data load x.csv t") == ["test=", "task="])
    }

    @Test func nothingInsideTextQuotesOrComments() {
        #expect(complete("say he").isEmpty)
        #expect(complete("say \"de").isEmpty)
        #expect(complete("dense 8 # re").isEmpty)
        #expect(complete("dnse ").isEmpty)
        #expect(complete("pop ").isEmpty)
        #expect(complete("say \"unterminated ").isEmpty)
    }

    @Test func cursorInsideWordUsesPrefixBeforeCursor() {
        #expect(CommandCatalog.completions(forLine: "dense 8 re", cursor: 9) == ["relu"])
        #expect(CommandCatalog.completions(forLine: "dense 8", cursor: 2) == ["dense"])
    }

    @Test func cursorOutOfRangeIsClamped() {
        #expect(CommandCatalog.completions(forLine: "de", cursor: 99) == ["dense"])
        let beforeStart = CommandCatalog.completions(forLine: "de", cursor: -3)
        #expect(beforeStart == CommandCatalog.commandWords)
    }
}
