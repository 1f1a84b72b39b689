import Datasets
import Engine

/// The summaries of series, text and image data, which `data info` and the loading commands
/// print instead of the plain table summary.
extension Executor {
    /// Returns the summary of data from `data window` or `data text`, or of samples that are
    /// not flat, or `nil` for a plain table.
    func specialDescription(of data: LoadedData) -> String? {
        switch data.sequences {
        case .series(let series)?:
            return tableDescription(of: data) + "\n" + seriesLines(series).joined(separator: "\n")
        case .text(let text)?:
            return textLines(text, data: data).joined(separator: "\n")
        case nil:
            guard data.featureShape.count > 1 else { return nil }
            return tableDescription(of: data) + "\nsample shape \(formatShape(data.featureShape))"
        }
    }

    private func tableDescription(of data: LoadedData) -> String {
        DatasetSummary(dataset: data.raw, split: data.split, standardizer: data.standardizer)
            .description
    }

    private func seriesLines(_ series: SeriesSource) -> [String] {
        let windows = series.windows
        let steps = windows.horizon == 1 ? "1 step" : "\(windows.horizon) steps"
        var lines = [
            "series \(series.column): \(windows.values.count) values, windows of"
                + " \(windows.window) values [\(windows.window), 1], target \(steps) after"
                + " the last value, split by time"
        ]
        let scaler = windows.scaler
        switch scaler.scaling {
        case .none:
            lines.append("scaling: none")
        case .minMax, .standardize:
            lines.append(
                "scaling \(scaler.scaling.rawValue), fitted on the training part:"
                    + " (x - \(scaler.offset)) / \(scaler.scale)")
        }
        let train = windows.trainBaselineMSE.map { format(Double($0), digits: 4) } ?? "none"
        let test = windows.testBaselineMSE.map { format(Double($0), digits: 4) } ?? "none"
        lines.append(
            "last-value baseline MSE: train \(train), test \(test) (scaled units); a useful"
                + " model has a lower test MSE")
        return lines
    }

    private func textLines(_ text: TextSource, data: LoadedData) -> [String] {
        let sampler = text.sampler
        let symbols = text.vocabularySize
        let length = sampler.contextLength
        var lines: [String] = []
        if text.isWordList {
            let words = text.trainWordCount + text.testWordCount
            lines.append(
                "\(data.raw.name): \(words) of \(text.knownWords.count) words drawn at random,"
                    + " \(data.raw.rowCount) samples of \(length) one-hot characters over"
                    + " \(symbols) symbols")
            lines.append(
                "split by word: \(text.trainWordCount) words (\(data.train.rowCount) samples)"
                    + " train, \(text.testWordCount) words (\(data.test.rowCount) samples) test")
        } else {
            lines.append(
                "\(data.raw.name): \(data.raw.rowCount) windows of \(length) one-hot characters"
                    + " over \(symbols) symbols, one per character from the start")
            lines.append(
                "split by position: \(data.train.rowCount) train, \(data.test.rowCount) test"
                    + " (the end of the text)")
        }
        lines.append("symbols: " + sampler.vocabulary.displayNames.joined(separator: " "))
        lines.append(
            "sample shape [\(length), \(symbols)], target: the next character, one of"
                + " \(symbols) classes; end the model with `dense \(symbols) softmax`")
        return lines
    }
}
