import Datasets
import Engine
import Foundation
import Testing

@testable import Workbench

/// `predict` and `export pytorch` after `data window` with a scaling: values go in and come
/// out in the series' own units.
@Suite struct WindowPredictTests {
    /// Builds a forecaster that outputs half of the window's last scaled value, so its forecast in the
    /// series' units is known in closed form.
    static func halfLastValue(scale: String) throws -> (Executor, OutputRecorder, SeriesScaler?) {
        let (executor, output) = try OutputRecorder.executor([
            "seed 1",
            "data window \(SequenceFixtures.samplePath("sunspots.csv")) column=sunspot_number"
                + " length=12 scale=\(scale)",
            "flatten", "dense 1", "loss mse",
        ])
        let dense = try #require(executor.lab.model?.layers[1] as? Dense)
        dense.weight.value = Tensor(shape: [1, 12]) { $0 == 11 ? 0.5 : 0 }
        dense.bias?.value = Tensor(shape: [1]) { _ in 0 }
        let model = try #require(executor.lab.model)
        return (executor, output, executor.seriesScaler(of: model))
    }

    @Test func predictTakesAndShowsSeriesUnits() throws {
        let (executor, output, found) = try Self.halfLastValue(scale: "standard")
        let scaler = try #require(found)
        #expect(scaler.offset > 40)
        try executor.execute(line: "predict 5 11 16 23 36 58 29 20 10 8 3 80")
        // y = 0.5 (80 - offset) / scale, so the forecast is offset + 0.5 (80 - offset).
        let raw = Double(scaler.offset) + 0.5 * (80 - Double(scaler.offset))
        let scaled = 0.5 * (80 - Double(scaler.offset)) / Double(scaler.scale)
        let line = try #require(output.messages.last)
        #expect(
            line
                == "prediction: \(format(raw, digits: 4)) in the units of sunspot_number"
                + " (scaled by standard: \(format(scaled, digits: 4)))")
    }

    @Test func predictCountNamesTimeSteps() throws {
        let (executor, _) = try OutputRecorder.executor([
            "data window \(SequenceFixtures.samplePath("sunspots.csv")) column=sunspot_number"
                + " length=12",
            "lstm 4", "dense 1", "loss mse",
        ])
        var message = ""
        do {
            try executor.execute(line: "predict 5 11 16")
        } catch {
            message = error.description
        }
        #expect(
            message
                == "predict got 3 values but the model takes 12; give one value per time step,"
                + " 12 in time order")
    }

    @Test func predictHintNamesPixelsAndFeatures() {
        #expect(
            Executor.predictInputHint(inputShape: [1, 8, 8])
                == "give one value per pixel of the 8x8 image, 64 row by row")
        #expect(
            Executor.predictInputHint(inputShape: [3, 4, 5])
                == "give one value per pixel of each of the 3 channels of the 4x5 image, 60"
                + " channel by channel and row by row")
        #expect(
            Executor.predictInputHint(inputShape: [12, 2])
                == "give 2 feature values per time step for 12 steps, 24 in time order")
        #expect(
            Executor.predictInputHint(inputShape: [4])
                == "give one value per input feature, 4 in all")
    }

    @Test func unscaledSeriesPredictsAsBefore() throws {
        let (executor, output, _) = try Self.halfLastValue(scale: "none")
        try executor.execute(line: "predict 5 11 16 23 36 58 29 20 10 8 3 80")
        #expect(output.messages.last == "prediction: 40.0000")
    }

    @Test func exportRowsAreInSeriesUnits() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (executor, _, found) = try Self.halfLastValue(scale: "minmax")
        let scaler = try #require(found)
        try executor.execute(line: "export pytorch \(folder.file("sun.py"))")
        let source = try String(contentsOfFile: folder.file("sun.py"), encoding: .utf8)
        let rows = try PyTorchExportTests.rows(in: source)
        // The first row is the first test window, whose raw values the series keeps.
        let data = try #require(executor.lab.data)
        let first = try #require(data.split.testRows.first)
        guard case .series(let series)? = data.sequences else {
            Issue.record("data window kept no series")
            return
        }
        let expected = Array(series.windows.values[first..<(first + 12)])
        #expect(rows[0] == expected)
        #expect(source.contains("OUTPUT_SCALE = \(PyTorchExport.number(scaler.scale))"))
        #expect(source.contains("OUTPUT_OFFSET = \(PyTorchExport.number(scaler.offset))"))
    }

    @Test func tooFewWindowsNameTheWindowLength() throws {
        let error = try SequenceFixtures.failure([
            "data window \(SequenceFixtures.samplePath("sunspots.csv")) column=sunspot_number"
                + " length=308",
            "lstm 4", "dense 1", "loss mse", "eval",
        ])
        #expect(
            error.description.contains(
                "a series of 309 values gives 1 window of length 308, too few to hold any out"))
        #expect(error.description.contains("shorter window (length=) or a longer series"))
        #expect(!error.description.contains("test=0.2"))
    }
}
