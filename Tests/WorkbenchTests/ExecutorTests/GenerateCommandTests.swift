import Testing

@testable import Workbench

private func samplePath(_ name: String) -> String {
    SequenceFixtures.samplePath(name)
}

private func failure(_ lines: [String]) throws -> WorkbenchError {
    try SequenceFixtures.failure(lines)
}

/// `generate` on a model trained on `data text`, and its errors.
@Suite struct GenerateCommandTests {
    static let wordLines = ["ab", "ab", "ab", "ab", "ab", "ab", "ab", "ab", "ab", "ba"]

    private static func wordFile(_ folder: ScratchFolder) throws -> String {
        try folder.write("ab.txt", wordLines.joined(separator: "\n"))
    }

    @Test func needsData() throws {
        let error = try failure(["generate"])
        #expect(
            error.description
                == "generate needs a model trained on text, and no data is loaded; type"
                + " `data text FILE`, end the model with `dense V softmax` and train it")
    }

    @Test func needsTextData() throws {
        let error = try failure([
            "data window \(samplePath("nile.csv")) column=1 length=3", "rnn 2", "dense 1",
            "generate",
        ])
        #expect(
            error.description.hasPrefix(
                "generate needs a model trained on text, but the data is not text;"))
    }

    @Test func needsTheSamplesAsInput() throws {
        let folder = try ScratchFolder()
        let path = try Self.wordFile(folder)
        let error = try failure(["data text \(path) length=2", "input 3 3", "gru 2", "generate"])
        #expect(
            error.description
                == "generate feeds contexts of shape [2, 3], one-hot over 3 symbols, but the"
                + " model takes [3, 3]; start the model with `input 2 3`")
    }

    @Test func needsOneOutputPerSymbol() throws {
        let folder = try ScratchFolder()
        let path = try Self.wordFile(folder)
        let error = try failure(["data text \(path) length=2", "gru 2", "dense 4", "generate"])
        #expect(
            error.description
                == "generate needs 3 probabilities, one per symbol, but the model outputs [4];"
                + " end the model with `dense 3 softmax`")
    }

    @Test func needsASoftmaxOutput() throws {
        let folder = try ScratchFolder()
        let path = try Self.wordFile(folder)
        let error = try failure([
            "data text \(path) length=2", "gru 2", "dense 3", "loss mse", "generate",
        ])
        #expect(
            error.description
                == "generate samples from a softmax output, but the model ends with Dense under"
                + " loss mse; use `loss crossentropy` or end the model with `softmax`")
    }

    @Test func prefixMustUseTheVocabulary() throws {
        let folder = try ScratchFolder()
        let path = try Self.wordFile(folder)
        let error = try failure([
            "data text \(path) length=2", "gru 2", "dense 3 softmax", "generate prefix=aZ",
        ])
        #expect(
            error.description
                == "prefix='aZ' is invalid; choose characters of the vocabulary, which lacks 'Z'")
    }

    @Test func trainedModelSpellsTheCommonWord() throws {
        let folder = try ScratchFolder()
        let path = try Self.wordFile(folder)
        let (executor, output) = try OutputRecorder.executor([
            "seed 1", "data text \(path) length=2 test=0", "gru 8", "dense 3 softmax",
            "optimizer adam lr=0.05", "batch all", "train 150", "generate 3 temperature=0",
        ])
        #expect(executor.lab.data?.raw.rowCount == 30)
        #expect(
            output.messages.last
                == "3 words at temperature 0.0, 0 of them new:\n"
                + "  ab  (in the data)\n  ab  (in the data)\n  ab  (in the data)")
    }

    @Test func samplingDrawsFromTheSessionGenerator() throws {
        let folder = try ScratchFolder()
        let path = try Self.wordFile(folder)
        let setUp = ["seed 9", "data text \(path) length=2", "gru 3", "dense 3 softmax"]
        let (first, firstOutput) = try OutputRecorder.executor(setUp + ["generate 4 prefix=b"])
        let (second, secondOutput) = try OutputRecorder.executor(setUp + ["generate 4 prefix=b"])
        #expect(firstOutput.messages.last == secondOutput.messages.last)
        #expect(first.lab.random == second.lab.random)

        let (unsampled, _) = try OutputRecorder.executor(setUp)
        #expect(first.lab.random != unsampled.lab.random)
        let words = try #require(firstOutput.messages.last).split(separator: "\n").dropFirst()
        #expect(words.count == 4)
        #expect(words.allSatisfy { $0.hasPrefix("  b") })
    }

    @Test func runningTextGivesNCharacters() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("run.txt", "abcabcabcabc")
        let (_, output) = try OutputRecorder.executor([
            "data text \(path) length=3 mode=text", "lstm 4", "dense 4 softmax",
            "generate 25 prefix=ab",
        ])
        // The symbols are a, b, c and the line break, which running text may contain.
        let message = try #require(output.messages.last)
        let header = "25 characters at temperature 1.0:\n"
        #expect(message.hasPrefix(header))
        let generated = message.dropFirst(header.count)
        #expect(generated.count == 27)
        #expect(generated.hasPrefix("ab"))
    }
}
