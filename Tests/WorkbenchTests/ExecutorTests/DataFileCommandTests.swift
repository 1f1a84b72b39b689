import Datasets
import Engine
import Foundation
import Testing

@testable import Workbench

private func samplePath(_ name: String) -> String {
    SequenceFixtures.samplePath(name)
}

private func failure(_ lines: [String]) throws -> WorkbenchError {
    try SequenceFixtures.failure(lines)
}

/// Returns the bytes of an IDX file of unsigned bytes: magic, big-endian sizes, then
/// `payload`.
private func idx(shape: [Int], payload: [UInt8]) -> [UInt8] {
    var bytes: [UInt8] = [0, 0, 0x08, UInt8(shape.count)]
    for size in shape {
        bytes += [0, 0, UInt8(size >> 8), UInt8(size & 0xFF)]
    }
    return bytes + payload
}

/// Returns the bytes of a version 1.0 `.npy` file with elements of dtype `descr`.
private func npy(descr: String, shape: [Int], payload: [UInt8]) -> [UInt8] {
    let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init)
        .joined(separator: ", ") + ")"
    var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shapeText), }"
    // The header ends in a newline and pads the preamble to a multiple of 64 bytes.
    while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
    header += "\n"
    let length = header.utf8.count
    return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)]
        + Array(header.utf8) + payload
}

/// Returns the little-endian bytes of 32-bit floats.
private func littleEndian(_ values: [Float]) -> [UInt8] {
    values.flatMap { value -> [UInt8] in
        let bits = value.bitPattern
        return [0, 8, 16, 24].map { UInt8(bits >> UInt32($0) & 0xFF) }
    }
}

/// `data window` and `eval` on its windows.
@Suite struct WindowDataTests {
    @Test func windowsMatchSeriesWindowsSplitByTime() throws {
        let path = samplePath("sunspots.csv")
        let (executor, output) = try OutputRecorder.executor([
            "data window \(path) column=sunspot_number length=12 test=0.2"
        ])
        let expected = try SeriesWindows.load(
            path: path, column: .name("sunspot_number"), window: 12, horizon: 1,
            testFraction: 0.2, scaling: .minMax)
        let data = try #require(executor.lab.data)
        #expect(data.raw == expected.whole)
        #expect(data.split == expected.split)
        #expect(data.train == expected.split.train)
        #expect(data.test == expected.split.test)
        #expect(data.featureShape == [12, 1])
        #expect(data.split.trainRows == Array(0..<238))
        #expect(data.standardizer == nil)

        let summary = try #require(output.messages.last)
        let train = format(Double(try #require(expected.trainBaselineMSE)), digits: 4)
        let test = format(Double(try #require(expected.testBaselineMSE)), digits: 4)
        #expect(summary.contains("last-value baseline MSE: train \(train), test \(test)"))
        #expect(summary.contains("(x - 0.0) / 154.4"))
    }

    @Test func columnIndexHorizonAndScalingAreUsed() throws {
        let path = samplePath("nile.csv")
        let (executor, _) = try OutputRecorder.executor([
            "data window \(path) column=1 length=4 horizon=2 test=0.25 scale=standard"
        ])
        let expected = try SeriesWindows.load(
            path: path, column: .index(1), window: 4, horizon: 2, testFraction: 0.25,
            scaling: .standardize)
        let data = try #require(executor.lab.data)
        #expect(data.raw == expected.whole)
        #expect(data.split == expected.split)
    }

    @Test func evalComparesWithTheBaseline() throws {
        let (executor, output) = try OutputRecorder.executor([
            "seed 2", "data window \(samplePath("nile.csv")) column=volume_1e8_m3 length=5",
            "rnn 4", "dense 1", "train 3", "eval",
        ])
        let score = try #require(ForecastScore.measure(lab: executor.lab))
        let lines = output.messages.suffix(2)
        let evaluation = try #require(lines.first)
        #expect(evaluation.contains("mean squared error \(format(score.testMSE, digits: 4))"))
        let baseline = try #require(lines.last)
        #expect(
            baseline.hasPrefix(
                "last-value baseline: MSE \(format(score.baselineTestMSE, digits: 4)) on the"
                    + " same windows; model / baseline = \(format(score.ratio, digits: 3))"))
        #expect(baseline.contains("in the units of volume_1e8_m3: RMSE"))
        let data = try #require(executor.lab.data)
        #expect(
            score.baselineTestMSE
                == Double(try #require(SeriesWindows.lastValueMSE(of: data.test))))
    }

    @Test func scoreIsMissingWithoutAForecaster() throws {
        let (executor, _) = try OutputRecorder.executor([
            "data window \(samplePath("nile.csv")) column=1 length=5", "rnn 4", "dense 2",
        ])
        #expect(ForecastScore.measure(lab: executor.lab) == nil)
    }

    static let errorCases: [(String, String)] = [
        (
            "column=flow length=3",
            ":1: no column is named 'flow'; choose column= from 'year', 'volume_1e8_m3' or give"
                + " the column's zero-based index"
        ),
        (
            "column=2 length=3",
            ":1: column index 2 is outside 0...1; choose column= in that range or one of"
                + " 'year', 'volume_1e8_m3'"
        ),
        (
            "column=1 length=99 horizon=2",
            "nile.csv: the series has 100 values, but one window of 99 values with a target 2"
                + " steps after it needs 101; lower length= or horizon="
        ),
        (
            "column=1 length=98 horizon=2 test=0.9",
            "test=0.9 leaves none of the 1 windows for training; lower test= or length="
        ),
    ]

    @Test(arguments: errorCases)
    func errorNamesTheOption(options: String, message: String) throws {
        let error = try failure(["data window \(samplePath("nile.csv")) \(options)"])
        #expect(error.description.hasSuffix(message), "\(error.description)")
    }

    @Test func textInAColumnNamesColumn() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("series.csv", "day,value\nmon,1\ntue,2\nwed,3\n")
        let error = try failure(["data window \(path) column=day length=1"])
        #expect(
            error.description
                == "\(path):2:1: 'mon' in column 'day' is not a finite number; fix the value or"
                + " choose a numeric column with column=")
    }
}

/// `data text` in both modes.
@Suite struct TextDataTests {
    static let words = [
        "apple", "berry", "cherry", "date", "elder", "fig", "grape", "hazel", "kiwi", "lemon",
        "mango", "nut", "olive", "pear", "quince", "rowan", "sloe", "tangerine", "ugli", "vine",
    ]

    @Test func wordsAreDrawnAtRandomAndSplitWhole() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("fruit.txt", Self.words.joined(separator: "\n") + "\n")
        let (executor, output) = try OutputRecorder.executor([
            "seed 3", "data text \(path) length=3 limit=10 test=0.2",
        ])
        let data = try #require(executor.lab.data)
        guard case .text(let text)? = data.sequences else {
            Issue.record("the data has no text source")
            return
        }

        var generator = RandomGenerator(seed: 3)
        let shuffled = generator.permutation(Self.words.count).map { Self.words[$0] }
        let trainWords = Array(shuffled[..<8])
        let testWords = Array(shuffled[8..<10])
        #expect(executor.lab.random == generator)
        #expect(text.trainWordCount == 8)
        #expect(text.testWordCount == 2)
        #expect(data.train.rowCount == trainWords.reduce(0) { $0 + $1.count + 1 })
        #expect(data.test.rowCount == testWords.reduce(0) { $0 + $1.count + 1 })
        #expect(data.split.trainRows == Array(0..<data.train.rowCount))

        // The targets spell the words in order, each followed by the end-of-word symbol.
        let vocabulary = text.sampler.vocabulary
        func spelled(_ dataset: Dataset) -> String {
            String((dataset.targets.classIndices ?? []).map(vocabulary.character(at:)))
        }
        #expect(spelled(data.train) == trainWords.map { $0 + "\n" }.joined())
        #expect(spelled(data.test) == testWords.map { $0 + "\n" }.joined())

        // The vocabulary is the whole file's, also letters of words that were not drawn.
        let letters = Set(Self.words.joined())
        #expect(text.vocabularySize == letters.count + 1)
        #expect(data.featureShape == [3, letters.count + 1])
        #expect(text.knownWords == Set(Self.words))
        #expect(
            output.messages.last?.hasPrefix(
                "fruit.txt: 10 of 20 words drawn at random, \(data.raw.rowCount) samples of 3"
                    + " one-hot characters over \(letters.count + 1) symbols") == true)
    }

    @Test func runningTextKeepsTheEndForTesting() throws {
        let folder = try ScratchFolder()
        let content = "abcabcabcabd\nabc"
        let path = try folder.write("run.txt", content)
        let (executor, _) = try OutputRecorder.executor([
            "data text \(path) length=2 mode=text test=0.25"
        ])
        let data = try #require(executor.lab.data)
        // 16 characters give 14 windows; the last 4 (rounded from 3.5) are the test set.
        #expect(data.raw.rowCount == 14)
        #expect(data.split.testRows == Array(10..<14))
        guard case .text(let text)? = data.sequences else {
            Issue.record("the data has no text source")
            return
        }
        let vocabulary = text.sampler.vocabulary
        let targets = (data.test.targets.classIndices ?? []).map(vocabulary.character(at:))
        #expect(String(targets) == "\nabc")
        #expect(text.trainWordCount == 0)
    }

    @Test func limitKeepsTheFirstWindowsOfRunningText() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("run.txt", "hello world, hello text")
        let (executor, _) = try OutputRecorder.executor([
            "data text \(path) length=4 mode=text limit=10 test=0"
        ])
        #expect(executor.lab.data?.raw.rowCount == 10)
        #expect(executor.lab.data?.test.rowCount == 0)
    }

    @Test func tooLongContextNamesLength() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("short.txt", "abc")
        let error = try failure(["data text \(path) length=5 mode=text"])
        #expect(
            error.description
                == "short.txt: the text has 3 characters, but a context of 5 and the character"
                + " after it need 6; lower length= or use a longer text")
    }

    @Test func testFractionMustLeaveTrainingWords() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("two.txt", "ab\ncd\n")
        let error = try failure(["data text \(path) limit=1 test=0.5"])
        #expect(
            error.description
                == "test=0.5 leaves none of the 1 words for training; lower test= or raise"
                + " limit=")
    }

    @Test func missingFileIsReported() throws {
        let error = try failure(["data text /nonexistent/words.txt"])
        #expect(error.description.hasPrefix("/nonexistent/words.txt: cannot read the file"))
    }
}

/// `data mnist` and `data npy` on small files written by the tests.
@Suite struct ImageAndArrayDataTests {
    /// Writes MNIST's four files with 3 training and 2 test images of 2 by 3 pixels.
    private static func writeDigits(in folder: ScratchFolder) throws {
        let trainPixels = (0..<18).map { UInt8($0 * 10) }
        let testPixels = (0..<12).map { UInt8(255 - $0) }
        _ = try folder.write(
            "train-images-idx3-ubyte", bytes: idx(shape: [3, 2, 3], payload: trainPixels))
        _ = try folder.write("train-labels-idx1-ubyte", bytes: idx(shape: [3], payload: [1, 2, 3]))
        _ = try folder.write(
            "t10k-images-idx3-ubyte", bytes: idx(shape: [2, 2, 3], payload: testPixels))
        _ = try folder.write("t10k-labels-idx1-ubyte", bytes: idx(shape: [2], payload: [4, 5]))
    }

    @Test func mnistKeepsTheFilesSplit() throws {
        let folder = try ScratchFolder()
        try Self.writeDigits(in: folder)
        let (executor, output) = try OutputRecorder.executor(["data mnist \(folder.path)"])
        let data = try #require(executor.lab.data)
        #expect(data.split.trainRows == [0, 1, 2])
        #expect(data.split.testRows == [3, 4])
        #expect(data.featureShape == [1, 2, 3])
        #expect(data.train.targets.classIndices == [1, 2, 3])
        #expect(data.test.targets.classIndices == [4, 5])
        #expect(abs(data.train.features.scalars[1] - 10 / 255) < 1e-7)
        #expect(data.standardizer == nil)
        #expect(output.messages.last?.hasSuffix("sample shape [1, 2, 3]") == true)
    }

    @Test func mnistLimitAppliesToBothSets() throws {
        let folder = try ScratchFolder()
        try Self.writeDigits(in: folder)
        let (executor, _) = try OutputRecorder.executor(["data mnist \(folder.path) limit=1"])
        #expect(executor.lab.data?.train.rowCount == 1)
        #expect(executor.lab.data?.test.rowCount == 1)
    }

    @Test func mnistWithoutFilesNamesThem() throws {
        let folder = try ScratchFolder()
        let error = try failure(["data mnist \(folder.path)"])
        #expect(error.description.hasPrefix("\(folder.path): none of 'train-images-idx3-ubyte'"))
        #expect(error.description.hasSuffix("put the file there or give another directory"))
    }

    @Test func npyKeepsTheSampleShapeAndSplitsAtRandom() throws {
        let folder = try ScratchFolder()
        let features = try folder.write(
            "x.npy",
            bytes: npy(
                descr: "<f4", shape: [6, 2, 2], payload: littleEndian((0..<24).map(Float.init))))
        let labels = try folder.write(
            "y.npy", bytes: npy(descr: "|u1", shape: [6], payload: [0, 1, 0, 1, 0, 1]))
        let (executor, _) = try OutputRecorder.executor([
            "seed 8", "data npy \(features) \(labels) test=0.5",
        ])
        let data = try #require(executor.lab.data)
        let raw = try NPYDataset.load(features: features, labels: labels)
        var generator = RandomGenerator(seed: 8)
        #expect(data.raw == raw)
        #expect(data.split == (try raw.split(testFraction: 0.5, using: &generator)))
        #expect(data.featureShape == [2, 2])
        #expect(data.standardizer == nil)
    }

    @Test func npyStandardizesWhenAsked() throws {
        let folder = try ScratchFolder()
        let features = try folder.write(
            "x.npy", bytes: npy(descr: "<f4", shape: [4], payload: littleEndian([1, 2, 3, 4])))
        let labels = try folder.write(
            "y.npy", bytes: npy(descr: "<f4", shape: [4], payload: littleEndian([2, 4, 6, 8])))
        let (executor, _) = try OutputRecorder.executor([
            "data npy \(features) \(labels) test=0 standardize=yes"
        ])
        let data = try #require(executor.lab.data)
        #expect(data.task == .regression)
        #expect(data.standardizer != nil)
    }
}
