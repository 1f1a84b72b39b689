import Workbench

/// The source of Tab's completions at the cursor: words of the command language, or file paths.
enum CompletionSource: Equatable {
    /// Words from the command catalog.
    case commandWords
    /// File and folder names, for the path of `data load`.
    case filePaths

    /// Returns the source for the word that ends at the end of `lineBeforeCursor`.
    static func forLine(beforeCursor lineBeforeCursor: String) -> CompletionSource {
        let words = lineBeforeCursor.split(whereSeparator: \.isWhitespace)
        let endsInWord = lineBeforeCursor.last.map { !$0.isWhitespace } ?? false
        let finishedWords = endsInWord ? words.dropLast() : words[...]
        let partial = endsInWord ? words.last.map(String.init) ?? "" : ""

        let command = finishedWords.map { $0.lowercased() }
        if command == ["data", "load"] && !partial.contains("=") {
            return .filePaths
        }
        return .commandWords
    }

    /// Returns the catalog's completions for the word that ends at the end of the text.
    static func commandWords(beforeCursor lineBeforeCursor: String) -> [String] {
        CommandCatalog.completions(forLine: lineBeforeCursor, cursor: lineBeforeCursor.count)
    }
}
