import Engine
import Foundation
import Testing

@testable import Workbench

/// `predict` on an autoencoder prints the reconstruction and its error, not a class.
struct ReconstructionPredictTests {
    static let iris = LayerLabPaths.samples.appendingPathComponent("iris.csv").path

    /// Runs `predict 2 4 6 8` on a 4-4 autoencoder of iris whose dense layer halves its input.
    static func predict(standardize: Bool) throws -> String {
        let option = standardize ? "" : " standardize=no"
        let (executor, output) = try OutputRecorder.executor([
            "seed 1", "data load \(Self.iris) label=label\(option)", "input 4",
            "dense 4", "loss reconstruction",
        ])
        let dense = try #require(executor.lab.model?.layers[0] as? Dense)
        let halving = (0..<16).map { $0 % 5 == 0 ? Float(0.5) : 0 }
        dense.weight.value = Tensor(shape: [4, 4], scalars: halving)
        dense.bias?.value = Tensor(shape: [4], scalars: [0, 0, 0, 0])
        try executor.execute(line: "predict 2 4 6 8")
        return try #require(output.messages.last)
    }

    /// The output is (1, 2, 3, 4), so MSE = (1 + 4 + 9 + 16) / 4 = 7.5.
    @Test func rawInputsShowValuesAndError() throws {
        #expect(
            try Self.predict(standardize: false)
                == "reconstruction of 4 values, MSE 7.5000 against the input:\n  1.00 2.00 3.00 4.00")
    }

    @Test func standardizedInputsNameTheirUnits() throws {
        let text = try Self.predict(standardize: true)
        #expect(text.hasPrefix("reconstruction of 4 values, MSE "))
        #expect(text.contains("against the input in standardized units:\n"))
        #expect(!text.contains("prediction"))
    }

    @Test func smallNegativeValuesPrintAsZero() {
        let text = Report.reconstruction(
            [-0.004, 0.004, -0.006, 1], meanSquaredError: 0, isStandardized: false)
        #expect(text.hasSuffix("\n   0.00  0.00 -0.01  1.00"))
    }

    /// 64 values form an 8 by 8 image, printed one image row per line.
    @Test func squareImageOneRowPerLine() {
        let text = Report.reconstruction(
            (0..<64).map { Float($0) }, meanSquaredError: 0.25, isStandardized: false)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 9)
        #expect(lines[1] == "   0.00  1.00  2.00  3.00  4.00  5.00  6.00  7.00")
        #expect(lines[8] == "  56.00 57.00 58.00 59.00 60.00 61.00 62.00 63.00")
    }
}
