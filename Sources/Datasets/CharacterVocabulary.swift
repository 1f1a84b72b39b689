import Engine
import Foundation

/// The symbols of a character-level model, each with an index: the sorted unique characters
/// of a text, with the newline among them as the end-of-word token.
///
/// Index `i` is both the one-hot position and the class index of `characters[i]`. Characters
/// are Swift `Character`s (grapheme clusters), so an accented letter is one symbol.
public struct CharacterVocabulary: Equatable, Sendable {
    /// The end-of-word token, a newline. In a word list it ends every word and pads the
    /// context before a word's first character. In running text it is the line break.
    public static let endOfWord: Character = "\n"

    /// The symbols in index order, sorted, the newline included.
    public let characters: [Character]
    private let indexOfCharacter: [Character: Int]
    /// The index of each one-byte ASCII character, or -1 when it is not a symbol. Hashing a
    /// `Character` normalizes its Unicode, so a table lookup makes plain text several times
    /// faster to encode.
    private let indexOfASCII: [Int]

    /// Collects the unique characters of `text`, adds the newline, and sorts them.
    public init<Characters: Sequence<Character>>(characters text: Characters) {
        var isASCIISymbol = [Bool](repeating: false, count: 128)
        var unique: Set<Character> = [Self.endOfWord]
        for character in text {
            if let byte = Self.asciiByte(of: character) {
                isASCIISymbol[Int(byte)] = true
            } else {
                unique.insert(character)
            }
        }
        for byte in 0..<128 where isASCIISymbol[byte] {
            unique.insert(Character(Unicode.Scalar(UInt8(byte))))
        }
        characters = unique.sorted()

        var indexOfCharacter: [Character: Int] = [:]
        var indexOfASCII = [Int](repeating: -1, count: 128)
        for (index, character) in characters.enumerated() {
            indexOfCharacter[character] = index
            if let byte = Self.asciiByte(of: character) { indexOfASCII[Int(byte)] = index }
        }
        self.indexOfCharacter = indexOfCharacter
        self.indexOfASCII = indexOfASCII
    }

    /// Returns the byte of a character that is one ASCII byte, which excludes CRLF.
    private static func asciiByte(of character: Character) -> UInt8? {
        guard let byte = character.asciiValue, character.utf8.count == 1 else { return nil }
        return byte
    }

    /// The number of symbols, which is the one-hot width and the number of classes.
    public var count: Int { characters.count }

    /// The index of the end-of-word token.
    public var endOfWordIndex: Int { indexOfCharacter[Self.endOfWord]! }

    /// Returns the index of `character`, or `nil` when the text did not contain it.
    public func index(of character: Character) -> Int? {
        if let byte = Self.asciiByte(of: character) {
            let index = indexOfASCII[Int(byte)]
            return index >= 0 ? index : nil
        }
        return indexOfCharacter[character]
    }

    /// Returns the character at `index`, which must lie in `0..<count`.
    public func character(at index: Int) -> Character {
        characters[index]
    }

    /// A printable name per symbol, for class lists: `\n` for the newline, `\t` for a tab,
    /// `space` for a space, and the character itself otherwise.
    public var displayNames: [String] {
        characters.map { character in
            switch character {
            case "\n": "\\n"
            case "\t": "\\t"
            case " ": "space"
            case "\r": "\\r"
            default: String(character)
            }
        }
    }

    /// Draws a symbol index from a model's probabilities, sharpened or flattened by
    /// `temperature`.
    ///
    /// ```
    /// q[i] = p[i]^(1/τ) / Σⱼ p[j]^(1/τ)        (τ > 0)
    /// q    = one-hot at the first largest p[i]  (τ = 0)
    /// ```
    ///
    /// `τ` below 1 favors likely symbols and `τ` above 1 flattens the distribution. The
    /// probabilities need not sum to 1, since they are normalized. A symbol of probability 0 is
    /// never drawn.
    ///
    /// - Parameters:
    ///   - probabilities: One non-negative, finite value per symbol, not all 0.
    ///   - temperature: `τ`, finite and at least 0.
    ///   - generator: The session's generator, advanced by one draw unless `τ` is 0.
    /// - Throws: `DatasetError.invalidOption` for a negative or non-finite temperature, and
    ///   `DatasetError.invalidProbabilities` for the wrong count, a negative or non-finite
    ///   value, or all zeros.
    public func sampleIndex(
        probabilities: [Float], temperature: Float = 1, using generator: inout RandomGenerator
    ) throws(DatasetError) -> Int {
        guard temperature >= 0 && temperature.isFinite else {
            throw .invalidOption(
                name: "temperature", value: String(temperature),
                expected: "a finite value of at least 0, such as 0.8")
        }
        guard probabilities.count == count else {
            throw .invalidProbabilities(
                reason: "the model gives \(probabilities.count) probabilities but the vocabulary "
                    + "has \(count) symbols")
        }
        if let bad = probabilities.firstIndex(where: { !($0 >= 0 && $0.isFinite) }) {
            throw .invalidProbabilities(
                reason: "the probability of symbol \(bad) is \(probabilities[bad])")
        }
        guard let largest = probabilities.max(), largest > 0 else {
            throw .invalidProbabilities(reason: "every probability is 0")
        }
        let argmax = probabilities.firstIndex(of: largest)!
        if temperature == 0 { return argmax }

        // p^(1/τ) relative to the largest, computed through logarithms so that a small τ
        // underflows to 0 instead of overflowing.
        let logLargest = log(Double(largest))
        let weights = probabilities.map { p in
            p > 0 ? exp((log(Double(p)) - logLargest) / Double(temperature)) : 0
        }
        let total = weights.reduce(0, +)
        let uniform = Double(generator.next() >> 11) * 0x1p-53
        let threshold = uniform * total
        var cumulative = 0.0
        for (index, weight) in weights.enumerated() where weight > 0 {
            cumulative += weight
            if cumulative > threshold { return index }
        }
        // Rounding can leave the sum a hair below the threshold; the largest weight is safe.
        return argmax
    }

    /// Draws a symbol index from a model's logits `z`, as `sampleIndex(probabilities:...)`
    /// does with `p = softmax(z)`, so that `q[i] ∝ exp(z[i] / τ)`.
    ///
    /// - Throws: the errors of `sampleIndex(probabilities:temperature:using:)`.
    public func sampleIndex(
        logits: [Float], temperature: Float = 1, using generator: inout RandomGenerator
    ) throws(DatasetError) -> Int {
        guard let largest = logits.max(), largest.isFinite else {
            throw .invalidProbabilities(
                reason: logits.isEmpty ? "the model gives no logits" : "the logits are not finite")
        }
        let probabilities = logits.map { Float(exp(Double($0 - largest))) }
        return try sampleIndex(
            probabilities: probabilities, temperature: temperature, using: &generator)
    }
}
