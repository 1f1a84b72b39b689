import Datasets
import Engine
import Foundation

/// `data mnist`, `data npy`, `data window` and `data text`: loading, splitting and installing
/// data sets that are not CSV tables.
extension Executor {
    /// Reads MNIST's training and test files and installs them with their own split.
    func loadMNIST(_ options: MNISTOptions) throws(WorkbenchError) {
        let directory = resolvePath(options.directory)
        let mnist: MNISTDataset
        do {
            mnist = try MNISTDataset.load(directory: directory, limit: options.limit)
        } catch {
            throw .dataset(error)
        }
        let name = (directory as NSString).lastPathComponent
        let (whole, split) = DatasetSplit.joining(train: mnist.train, test: mnist.test, name: name)
        try install(whole, split: split, source: directory, standardize: false)
    }

    /// Reads two NumPy files and installs them with a random split, as `data load` does.
    func loadNPY(_ options: NPYOptions) throws(WorkbenchError) {
        let features = resolvePath(options.featuresPath)
        let labels = resolvePath(options.labelsPath)
        let task: Dataset.Task? = options.task.map {
            $0 == .classification ? .classification : .regression
        }
        let raw: Dataset
        do {
            raw = try NPYDataset.load(features: features, labels: labels, task: task)
        } catch {
            throw .dataset(error)
        }
        try install(
            raw, source: features, testFraction: options.testFraction,
            standardize: options.standardize)
    }

    /// Cuts a CSV column into windows, split by time, and installs them.
    func loadWindows(_ options: WindowOptions) throws(WorkbenchError) {
        let path = resolvePath(options.path)
        let column: CSVColumn
        let columnText: String
        switch options.column {
        case .name(let name):
            column = .name(name)
            columnText = name
        case .index(let index):
            column = .index(index)
            columnText = "column \(index)"
        }
        let scaling: SeriesScaling
        switch options.scaling {
        case .minmax: scaling = .minMax
        case .standard: scaling = .standardize
        case .none: scaling = .none
        }

        let windows: SeriesWindows
        do {
            windows = try SeriesWindows.load(
                path: path, column: column, window: options.length, horizon: options.horizon,
                testFraction: options.testFraction, scaling: scaling)
        } catch {
            throw Self.windowError(error)
        }
        let series = SeriesSource(windows: windows, column: columnText)
        try install(
            windows.whole, split: windows.split, source: path, standardize: false,
            sequences: .series(series))
    }

    /// Reads a word list or a running text into next-character samples and installs them, the
    /// first samples as training rows and the rest as test rows.
    func loadText(_ options: TextOptions) throws(WorkbenchError) {
        let path = resolvePath(options.path)
        let prepared: (samples: Dataset, trainCount: Int, text: TextSource)
        do {
            switch options.mode {
            case .words: prepared = try wordSamples(path: path, options: options)
            case .text: prepared = try runningTextSamples(path: path, options: options)
            }
        } catch {
            throw Self.textError(error, mode: options.mode)
        }
        let samples = prepared.samples
        let train = samples.gathering(rows: Array(0..<prepared.trainCount))
        let test = samples.gathering(rows: Array(prepared.trainCount..<samples.rowCount))
        let (whole, split) = DatasetSplit.joining(train: train, test: test, name: samples.name)
        try install(
            whole, split: split, source: path, standardize: false, sequences: .text(prepared.text))
    }

    /// Draws `limit` words at random, or all of them in random order, and holds out the last
    /// `testFraction` of them whole, so that no test word is seen in training.
    private func wordSamples(
        path: String, options: TextOptions
    ) throws(DatasetError) -> (samples: Dataset, trainCount: Int, text: TextSource) {
        // One sample is enough to check the file and to fix the vocabulary of the whole list.
        let sampler = try CharacterSequences.load(
            path: path, contextLength: options.contextLength, mode: .words, limit: 1)
        let words = sampler.words
        let shuffled = lab.random.permutation(words.count).map { words[$0] }
        let chosenCount = min(options.limit ?? words.count, words.count)
        let testWordCount = Self.testCount(options.testFraction, of: chosenCount)
        guard testWordCount < chosenCount else {
            throw .emptyTrainingSet(rowCount: chosenCount, testFraction: options.testFraction)
        }

        // A word of L characters gives L + 1 samples, the last one predicting its end.
        let trainWordCount = chosenCount - testWordCount
        let trainCount = shuffled[..<trainWordCount].reduce(0) { $0 + $1.count + 1 }
        let sampleCount = shuffled[..<chosenCount].reduce(0) { $0 + $1.count + 1 }
        // The whole list goes in, so that the vocabulary is the file's, and the limit stops
        // the samples right after the chosen words.
        let sequences = try CharacterSequences.make(
            text: shuffled.joined(separator: "\n"), name: sampler.dataset.name,
            contextLength: options.contextLength, mode: .words, limit: sampleCount)
        let text = TextSource(
            sampler: sampler, knownWords: Set(words), trainWordCount: trainWordCount,
            testWordCount: testWordCount)
        return (sequences.dataset, trainCount, text)
    }

    /// Keeps the first `limit` windows of a running text and holds out the last
    /// `testFraction` of them, the end of the text.
    private func runningTextSamples(
        path: String, options: TextOptions
    ) throws(DatasetError) -> (samples: Dataset, trainCount: Int, text: TextSource) {
        let mode = CharacterSequences.Mode.text(stride: 1)
        let sampler = try CharacterSequences.load(
            path: path, contextLength: options.contextLength, mode: mode, limit: 1)
        let sequences = try CharacterSequences.load(
            path: path, contextLength: options.contextLength, mode: mode, limit: options.limit)
        let rowCount = sequences.dataset.rowCount
        let testCount = Self.testCount(options.testFraction, of: rowCount)
        guard testCount < rowCount else {
            throw .emptyTrainingSet(rowCount: rowCount, testFraction: options.testFraction)
        }
        let text = TextSource(
            sampler: sampler, knownWords: [], trainWordCount: 0, testWordCount: 0)
        return (sequences.dataset, rowCount - testCount, text)
    }

    /// Returns the test share of `count` items, rounded half away from zero as `Dataset.split`
    /// does.
    private static func testCount(_ fraction: Double, of count: Int) -> Int {
        Int((fraction * Double(count)).rounded(.toNearestOrAwayFromZero))
    }
}
