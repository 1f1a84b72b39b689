import Engine
import Foundation

/// Next-character prediction samples from a text: a context of `T` one-hot characters and the
/// index of the character that follows it.
///
/// In `.words` mode each non-empty line is a word, trimmed of spaces and tabs. The context
/// before a word's first character is `T` end-of-word tokens, and the character after the
/// last is one more, so a word of `L` characters gives `L + 1` samples:
///
/// ```
/// T = 3, word "emma":  ⏎⏎⏎ → e,  ⏎⏎e → m,  ⏎em → m,  emm → a,  mma → ⏎
/// ```
///
/// In `.text(stride:)` mode the text runs on, its line breaks are newline characters (CRLF and
/// CR become LF), and the window of characters `s ..< s + T` predicts character `s + T` for
/// `s = 0, stride, 2·stride, ...`.
///
/// Shapes: `dataset.features` is `[n, T × V]` with `sampleShape` `[T, V]`, where `V` is the
/// vocabulary size: row `i` has `x[i, t, v] = 1` when the `t`-th context character has
/// index `v`. The targets are classes, one per symbol, named by
/// `CharacterVocabulary.displayNames`.
public struct CharacterSequences: Equatable, Sendable {
    /// The kind of text and the way it is cut into samples.
    public enum Mode: Equatable, Sendable {
        /// One word per line, each padded and ended with the end-of-word token.
        case words
        /// Running text, with a window starting every `stride` characters.
        case text(stride: Int)
    }

    public let vocabulary: CharacterVocabulary
    /// The context length `T`.
    public let contextLength: Int
    public let mode: Mode
    /// The samples, in text order.
    public let dataset: Dataset
    /// The words in `.words` mode, to tell generated words from known ones; empty in `.text`.
    public let words: [String]

    /// The largest one-hot input, in bytes, that `make` builds: 2 GiB.
    public static let maximumInputBytes = 1 << 31

    /// Reads the UTF-8 text file at `path` and builds the samples, named after the file.
    ///
    /// - Throws: `DatasetError.unreadableFile`, `DatasetError.invalidUTF8` naming the first bad byte, and
    ///   the errors of `make(text:name:contextLength:mode:limit:)`.
    public static func load(
        path: String, contextLength: Int, mode: Mode = .words, limit: Int? = nil
    ) throws(DatasetError) -> CharacterSequences {
        let file = try FileReader(path: path)
        let bytes = try file.read(count: file.size)
        if let invalid = InvalidUTF8.find(in: bytes) {
            throw .invalidUTF8(path: path, invalid)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return try make(
            text: text, name: (path as NSString).lastPathComponent, contextLength: contextLength,
            mode: mode, limit: limit)
    }

    /// Builds the samples of `text`. The vocabulary covers the whole text even when `limit`
    /// keeps fewer samples.
    ///
    /// - Parameters:
    ///   - text: The word list or running text.
    ///   - name: The data set's name for summaries and errors.
    ///   - contextLength: `T`, the characters per context, at least 1.
    ///   - mode: `.words` for a word list, `.text(stride:)` for running text.
    ///   - limit: Keep only the first samples, at most this many. `nil` keeps all.
    /// - Throws: `DatasetError.invalidOption` for a context length, stride or limit below 1.
    ///   `DatasetError.emptyText` for a word list without words.
    ///   `DatasetError.textTooShort` for running text of `T` characters or fewer.
    ///   `DatasetError.oneHotTooLarge` when the one-hot input would exceed
    ///   `maximumInputBytes`.
    public static func make(
        text: String, name: String, contextLength: Int, mode: Mode = .words, limit: Int? = nil
    ) throws(DatasetError) -> CharacterSequences {
        guard contextLength >= 1 else {
            throw .invalidOption(
                name: "length", value: String(contextLength), expected: "at least 1 character")
        }
        if let limit, limit < 1 {
            throw .invalidOption(name: "limit", value: String(limit), expected: "at least 1 sample")
        }

        let vocabulary: CharacterVocabulary
        var words: [String] = []
        var samples: [(context: ArraySlice<Int>, target: Int)] = []
        switch mode {
        case .words:
            words = text.split(whereSeparator: \.isNewline)
                .map { String($0).trimmingASCIIWhitespace() }
                .filter { !$0.isEmpty }
            guard !words.isEmpty else { throw .emptyText(path: name) }
            vocabulary = CharacterVocabulary(characters: words.joined())
            let end = vocabulary.endOfWordIndex
            for word in words {
                let tokens =
                    Array(repeating: end, count: contextLength)
                    + word.map { vocabulary.index(of: $0)! } + [end]
                for k in 0..<(tokens.count - contextLength) {
                    samples.append((tokens[k..<(k + contextLength)], tokens[k + contextLength]))
                }
                if let limit, samples.count >= limit { break }
            }
        case .text(let stride):
            guard stride >= 1 else {
                throw .invalidOption(
                    name: "stride", value: String(stride), expected: "at least 1 character")
            }
            let characters = text.map { $0.isNewline ? CharacterVocabulary.endOfWord : $0 }
            guard characters.count > contextLength else {
                throw .textTooShort(
                    path: name, characterCount: characters.count, contextLength: contextLength)
            }
            vocabulary = CharacterVocabulary(characters: characters)
            let tokens = characters.map { vocabulary.index(of: $0)! }
            for start in Swift.stride(from: 0, to: tokens.count - contextLength, by: stride) {
                samples.append(
                    (tokens[start..<(start + contextLength)], tokens[start + contextLength]))
                if let limit, samples.count >= limit { break }
            }
        }
        if let limit, samples.count > limit { samples.removeLast(samples.count - limit) }

        let width = contextLength * vocabulary.count
        let (inputBytes, overflow) = samples.count.multipliedReportingOverflow(by: width * 4)
        guard !overflow, inputBytes <= maximumInputBytes else {
            throw .oneHotTooLarge(
                sampleCount: samples.count, contextLength: contextLength,
                vocabularySize: vocabulary.count, limit: maximumInputBytes)
        }
        var features = [Float](repeating: 0, count: samples.count * width)
        features.withUnsafeMutableBufferPointer { x in
            for (i, sample) in samples.enumerated() {
                for (t, token) in sample.context.enumerated() {
                    x[i * width + t * vocabulary.count + token] = 1
                }
            }
        }
        let dataset = Dataset(
            name: name, features: Tensor(shape: [samples.count, width], scalars: features),
            targets: .classification(
                classIndices: samples.map(\.target), classNames: vocabulary.displayNames),
            sampleShape: [contextLength, vocabulary.count])
        return CharacterSequences(
            vocabulary: vocabulary, contextLength: contextLength, mode: mode, dataset: dataset,
            words: words)
    }

    /// Returns the one-hot input of one context, laid out like a row of `dataset.features`.
    ///
    /// Shapes: `context` `[T]` symbol indices → `[1, T × V]`.
    public func oneHot(context: [Int]) -> Tensor {
        precondition(
            context.count == contextLength,
            "A context has \(contextLength) symbols, got \(context.count)")
        var input = Tensor(shape: [1, contextLength * vocabulary.count])
        for (t, token) in context.enumerated() {
            precondition(
                token >= 0 && token < vocabulary.count,
                "Symbol \(token) is not in 0..<\(vocabulary.count)")
            input.scalars[t * vocabulary.count + token] = 1
        }
        return input
    }

    /// Generates text one character at a time from a model's next-character probabilities.
    ///
    /// The context starts as `T` end-of-word tokens followed by `prefix`, and each drawn
    /// character shifts into it. In `.words` mode generation stops at the end-of-word token,
    /// which is not returned. Generation always stops after `maximumLength` new characters.
    ///
    /// - Parameters:
    ///   - prefix: Characters the result starts with. Each must be in the vocabulary.
    ///   - maximumLength: The most characters drawn after the prefix, at least 1.
    ///   - temperature: As in `CharacterVocabulary.sampleIndex(probabilities:...)`.
    ///   - generator: The session's generator.
    ///   - nextProbabilities: Returns `V` probabilities for the next character given a
    ///     one-hot context `[1, T × V]` from `oneHot(context:)`. Reshape it to
    ///     `[1] + dataset.sampleShape` for a model that takes sequences.
    /// - Returns: The prefix followed by the drawn characters.
    /// - Throws: `DatasetError.invalidOption` for a prefix character outside the vocabulary
    ///   or a maximum length below 1, and the errors of `sampleIndex`.
    public func sample(
        prefix: String = "", maximumLength: Int = 30, temperature: Float = 1,
        using generator: inout RandomGenerator, nextProbabilities: (Tensor) -> [Float]
    ) throws(DatasetError) -> String {
        guard maximumLength >= 1 else {
            throw .invalidOption(
                name: "length", value: String(maximumLength), expected: "at least 1 character")
        }
        var context = Array(repeating: vocabulary.endOfWordIndex, count: contextLength)
        var result = ""
        for character in prefix {
            guard let index = vocabulary.index(of: character) else {
                throw .invalidOption(
                    name: "prefix", value: "'\(prefix)'",
                    expected: "characters of the vocabulary, which lacks '\(character)'")
            }
            context = Array(context.dropFirst()) + [index]
            result.append(character)
        }
        for _ in 0..<maximumLength {
            let probabilities = nextProbabilities(oneHot(context: context))
            let index = try vocabulary.sampleIndex(
                probabilities: probabilities, temperature: temperature, using: &generator)
            if mode == .words && index == vocabulary.endOfWordIndex { break }
            result.append(vocabulary.character(at: index))
            context = Array(context.dropFirst()) + [index]
        }
        return result
    }
}
