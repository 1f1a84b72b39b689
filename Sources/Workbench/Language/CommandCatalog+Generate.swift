// Catalog text is ASCII only, so help reads the same when the locale is not UTF-8.
extension CommandCatalog {
    /// The largest N of `generate N`. A larger count is almost certainly a typing slip.
    static let maximumGenerateCount = 10_000

    /// The maximum length of a generated word, after which `generate` ends the word.
    static let maximumGeneratedWordLength = 50

    /// The entry of `generate`, which samples from a model trained on `data text`.
    static let generateEntries: [CommandEntry] = [
        CommandEntry(
            "generate", group: .running,
            usage: "generate [N] [temperature=X] [prefix=TEXT]",
            summary: "Samples new words or text from a model trained on data text.",
            arguments: [
                ArgumentInfo(
                    "N", .integer, optional: true,
                    meaning: "Words to generate in words mode (default 10), or characters in"
                        + " text mode (default 200), from 1 to \(maximumGenerateCount).")
            ],
            options: [
                OptionInfo(
                    "temperature", .number, default: "1",
                    meaning: "Below 1 favours likely characters, above 1 flattens the"
                        + " distribution, and 0 always takes the most likely one. At least"
                        + " 0."),
                OptionInfo(
                    "prefix", .text, default: nil,
                    meaning: "Characters that every word or the text starts with, each of"
                        + " them in the data. Quote a prefix that contains spaces."),
            ],
            example: "generate 10 temperature=0.8",
            help: "The context starts as T end-of-word symbols followed by the prefix. The"
                + " model's softmax output p gives the next character's distribution\n"
                + "    q[i] = p[i]^(1/temperature) / sum_j p[j]^(1/temperature)\n"
                + "from which one character is drawn with the session's generator, and it"
                + " shifts into the context. In words mode a word ends at the end-of-word"
                + " symbol or after \(maximumGeneratedWordLength) characters, and words that"
                + " are in the data file are marked, so the new ones stand out. The model"
                + " must take the [T, V] samples of data text and output V values, as it"
                + " does with a last layer dense V softmax."),
    ]
}
