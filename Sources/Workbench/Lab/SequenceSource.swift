import Datasets

/// The series or text that `data window` or `data text` built the session's data from, kept
/// for `eval`, `generate`, `data info` and the final summary of a run.
public enum SequenceSource {
    case series(SeriesSource)
    case text(TextSource)
}

/// A series cut into windows by `data window`.
public struct SeriesSource {
    /// The windows, their chronological split, the scaler and the last-value baselines.
    public let windows: SeriesWindows
    /// The series column as the command named it.
    public let column: String
}

/// A word list or running text read by `data text`.
public struct TextSource {
    /// The file's vocabulary, context length and mode, with a single sample: `generate` draws
    /// from it, and in words mode its `words` are the whole list.
    public let sampler: CharacterSequences
    /// The words of the list, to mark generated words that are not new; empty in text mode.
    public let knownWords: Set<String>
    /// The words drawn into the training and the test set; 0 in text mode.
    public let trainWordCount: Int
    public let testWordCount: Int

    /// The number of symbols V, the one-hot width and the number of classes.
    public var vocabularySize: Int { sampler.vocabulary.count }
    /// Whether the file is a word list (`mode=words`) rather than running text.
    public var isWordList: Bool { sampler.mode == .words }
}
