import Datasets
import Engine
import Foundation
import Testing

@Suite struct CharacterSequencesTests {
    let directory: FixtureDirectory

    init() throws {
        directory = try FixtureDirectory()
    }

    @Test func vocabularySortedWithNewline() {
        let vocabulary = CharacterVocabulary(characters: "banana cab")
        #expect(vocabulary.characters == ["\n", " ", "a", "b", "c", "n"])
        #expect(vocabulary.count == 6)
        #expect(vocabulary.endOfWordIndex == 0)
        #expect(vocabulary.index(of: "c") == 4)
        #expect(vocabulary.index(of: "z") == nil)
        #expect(vocabulary.character(at: 5) == "n")
        #expect(vocabulary.displayNames == ["\\n", "space", "a", "b", "c", "n"])
    }

    @Test func wordSamplesPadAndEnd() throws {
        let sequences = try CharacterSequences.make(
            text: "ab\r\n\n  c \n", name: "words", contextLength: 2)
        // Vocabulary ⏎ a b c. "ab": ⏎⏎ → a, ⏎a → b, ab → ⏎. "c": ⏎⏎ → c, ⏎c → ⏎.
        #expect(sequences.words == ["ab", "c"])
        #expect(sequences.vocabulary.characters == ["\n", "a", "b", "c"])
        let dataset = sequences.dataset
        #expect(dataset.features.shape == [5, 8])
        #expect(dataset.sampleShape == [2, 4])
        #expect(dataset.targets.classIndices == [1, 2, 0, 3, 0])
        #expect(dataset.classNames == ["\\n", "a", "b", "c"])
        // Sample 1 is the context ⏎ a: index 0 at step 0 and index 1 at step 1.
        #expect(Array(dataset.features.scalars[8..<16]) == [1, 0, 0, 0, 0, 1, 0, 0])
        // Sample 2 is the context a b.
        #expect(Array(dataset.features.scalars[16..<24]) == [0, 1, 0, 0, 0, 0, 1, 0])
        #expect(dataset.features.scalars.reduce(0, +) == 10)
    }

    @Test func textWindowsWithStride() throws {
        let every = try CharacterSequences.make(
            text: "abcab", name: "t", contextLength: 2, mode: .text(stride: 1))
        // ab → c, bc → a, ca → b over the vocabulary ⏎ a b c.
        #expect(every.dataset.targets.classIndices == [3, 1, 2])
        #expect(every.words.isEmpty)
        let second = try CharacterSequences.make(
            text: "abcab", name: "t", contextLength: 2, mode: .text(stride: 2))
        #expect(second.dataset.targets.classIndices == [3, 2])
        #expect(Array(second.dataset.features.scalars[8..<16]) == [0, 0, 0, 1, 0, 1, 0, 0])
    }

    @Test func textLineBreaksBecomeNewlines() throws {
        let sequences = try CharacterSequences.make(
            text: "a\r\nb\rc", name: "t", contextLength: 1, mode: .text(stride: 1))
        #expect(sequences.vocabulary.characters == ["\n", "a", "b", "c"])
        // a → ⏎, ⏎ → b, b → ⏎, ⏎ → c.
        #expect(sequences.dataset.targets.classIndices == [0, 2, 0, 3])
    }

    @Test func limitKeepsFirstSamples() throws {
        let sequences = try CharacterSequences.make(
            text: "abc\nde\n", name: "w", contextLength: 3, limit: 6)
        #expect(sequences.dataset.rowCount == 6)
        #expect(sequences.vocabulary.count == 6)
        // abc gives 4 samples, then ⏎⏎⏎ → d and ⏎⏎d → e.
        #expect(sequences.dataset.targets.classIndices == [1, 2, 3, 0, 4, 5])
    }

    @Test func wordsFileLoads() throws {
        let sequences = try CharacterSequences.load(
            path: samplePath("words.txt"), contextLength: 3, limit: 1000)
        #expect(sequences.vocabulary.count == 27)
        #expect(sequences.dataset.features.shape == [1000, 81])
        #expect(sequences.words.count == 63_875)
        // The first word is "a": ⏎⏎⏎ → a, ⏎⏎a → ⏎.
        #expect(Array(sequences.dataset.targets.classIndices!.prefix(2)) == [1, 0])
    }

    @Test func invalidRequestsRejected() throws {
        #expect(
            throws: DatasetError.invalidOption(
                name: "length", value: "0", expected: "at least 1 character")
        ) { try CharacterSequences.make(text: "ab", name: "w", contextLength: 0) }
        #expect(
            throws: DatasetError.invalidOption(
                name: "stride", value: "0", expected: "at least 1 character")
        ) {
            try CharacterSequences.make(
                text: "abc", name: "t", contextLength: 1, mode: .text(stride: 0))
        }
        #expect(throws: DatasetError.emptyText(path: "w")) {
            try CharacterSequences.make(text: " \n\t\n", name: "w", contextLength: 2)
        }
        let short = #expect(throws: DatasetError.self) {
            try CharacterSequences.make(
                text: "abc", name: "t", contextLength: 3, mode: .text(stride: 1))
        }
        #expect(short == .textTooShort(path: "t", characterCount: 3, contextLength: 3))
        #expect(
            short?.description == "t: the text has 3 characters, but a context of 3 and the "
                + "character after it need 4; lower length= or use a longer text")
    }

    @Test func oversizedOneHotRejectedBeforeAllocating() {
        let text = String(repeating: "abcdefghijklmnopqrstuvwxyz", count: 800)
        #expect(
            throws: DatasetError.oneHotTooLarge(
                sampleCount: 15_800, contextLength: 5000, vocabularySize: 27, limit: 1 << 31)
        ) {
            try CharacterSequences.make(
                text: text, name: "t", contextLength: 5000, mode: .text(stride: 1))
        }
    }

    @Test func invalidUTF8NamesLine() throws {
        let path = try directory.write("bad.txt", bytes: Array("ok\nfine\n".utf8) + [0xC3, 0x28])
        let invalid = InvalidUTF8(offset: 8, line: 3, byte: 0xC3)
        #expect(throws: DatasetError.invalidUTF8(path: path, invalid)) {
            try CharacterSequences.load(path: path, contextLength: 2)
        }
    }

    @Test func samplingFollowsTemperature() throws {
        let vocabulary = CharacterVocabulary(characters: "ab")
        let probabilities: [Float] = [0.1, 0.2, 0.7]
        let draws = 20_000
        // q ∝ p^(1/τ): τ = 1 keeps p, τ = 0.5 gives p² / Σ p² = [0.01, 0.04, 0.49] / 0.54.
        let cases: [(Float, [Double])] = [
            (1, [0.1, 0.2, 0.7]), (0.5, [0.01 / 0.54, 0.04 / 0.54, 0.49 / 0.54]),
        ]
        for (temperature, expected) in cases {
            var generator = RandomGenerator(seed: 7)
            var counts = [0, 0, 0]
            for _ in 0..<draws {
                let index = try vocabulary.sampleIndex(
                    probabilities: probabilities, temperature: temperature, using: &generator)
                counts[index] += 1
            }
            for symbol in 0..<3 {
                // The standard error of each share is at most 0.0035 with 20 000 draws.
                let share = Double(counts[symbol]) / Double(draws)
                #expect(
                    abs(share - expected[symbol]) < 0.015, "τ \(temperature), symbol \(symbol)")
            }
        }
    }

    @Test func samplingIsSeededAndSkipsZeros() throws {
        let vocabulary = CharacterVocabulary(characters: "ab")
        var first = RandomGenerator(seed: 3)
        var second = RandomGenerator(seed: 3)
        var fromLogits = RandomGenerator(seed: 3)
        let probabilities: [Float] = [0, 0.25, 0.75]
        for _ in 0..<500 {
            let index = try vocabulary.sampleIndex(probabilities: probabilities, using: &first)
            #expect(index != 0)
            #expect(
                try vocabulary.sampleIndex(probabilities: probabilities, using: &second) == index)
            let logits = probabilities.map { $0 > 0 ? Float(log(Double($0))) + 3 : -1000 }
            #expect(try vocabulary.sampleIndex(logits: logits, using: &fromLogits) == index)
        }
    }

    @Test func zeroTemperatureTakesArgmax() throws {
        let vocabulary = CharacterVocabulary(characters: "ab")
        var generator = RandomGenerator(seed: 1)
        let before = generator
        #expect(
            try vocabulary.sampleIndex(
                probabilities: [0.3, 0.4, 0.3], temperature: 0, using: &generator) == 1)
        #expect(generator == before)
    }

    @Test func invalidProbabilitiesRejected() {
        let vocabulary = CharacterVocabulary(characters: "ab")
        var generator = RandomGenerator(seed: 1)
        let cases: [([Float], String)] = [
            ([0.5, 0.5], "the model gives 2 probabilities but the vocabulary has 3 symbols"),
            ([0.5, -0.1, 0.6], "the probability of symbol 1 is -0.1"),
            ([0.5, .nan, 0.6], "the probability of symbol 1 is nan"),
            ([0, 0, 0], "every probability is 0"),
        ]
        for (probabilities, reason) in cases {
            #expect(throws: DatasetError.invalidProbabilities(reason: reason)) {
                try vocabulary.sampleIndex(probabilities: probabilities, using: &generator)
            }
        }
        #expect(
            throws: DatasetError.invalidOption(
                name: "temperature", value: "-1.0",
                expected: "a finite value of at least 0, such as 0.8")
        ) {
            try vocabulary.sampleIndex(
                probabilities: [1, 1, 1], temperature: -1, using: &generator)
        }
    }

    @Test func sampleFollowsModel() throws {
        let sequences = try CharacterSequences.make(text: "ab\n", name: "w", contextLength: 2)
        let vocabulary = sequences.vocabulary
        // A model that always continues ⏎ → a → b → ⏎, read from the context's last step.
        func next(_ input: Tensor) -> [Float] {
            #expect(input.shape == [1, 6])
            let last = Array(input.scalars[3..<6]).firstIndex(of: 1)!
            var probabilities: [Float] = [0, 0, 0]
            probabilities[(last + 1) % 3] = 1
            return probabilities
        }
        var generator = RandomGenerator(seed: 5)
        #expect(try sequences.sample(using: &generator, nextProbabilities: next) == "ab")
        #expect(
            try sequences.sample(prefix: "b", using: &generator, nextProbabilities: next) == "b")
        #expect(sequences.oneHot(context: [0, 2]).scalars == [1, 0, 0, 0, 0, 1])

        let text = try CharacterSequences.make(
            text: "ab\n", name: "t", contextLength: 2, mode: .text(stride: 1))
        #expect(
            try text.sample(maximumLength: 5, using: &generator, nextProbabilities: next)
                == "ab\nab")
        #expect(
            throws: DatasetError.invalidOption(
                name: "prefix", value: "'az'",
                expected: "characters of the vocabulary, which lacks 'z'")
        ) { try sequences.sample(prefix: "az", using: &generator, nextProbabilities: next) }
        #expect(vocabulary.count == 3)
    }
}
