import Foundation
import Testing

/// Returns the number after `marker` on each line of `text` that starts with `prefix`, such as
/// 0.0585 for `test set, 359 rows: loss 0.0585` with the marker `loss`.
private func values(after marker: String, onLinesStartingWith prefix: String, in text: String)
    -> [Double]
{
    text.split(separator: "\n").filter { $0.hasPrefix(prefix) }.compactMap { line in
        guard let range = line.range(of: marker) else { return nil }
        let rest = line[range.upperBound...].drop { $0 == " " }
        return Double(rest.prefix { $0.isNumber || $0 == "." || $0 == "-" })
    }
}

/// Replays the sessions that show convolution, autoencoders and regularization with the
/// release binary, and checks the figures that their header comments promise.
@Suite(.serialized, binaryIsBuilt)
struct LayerSessionTests {
    @Test func convolutionalNetworkReadsDigits() throws {
        let (result, objects) = try LayerLabProcess.runJSON(session: "sessions/digits-cnn.lab")
        #expect(result.status == 0, "\(result.standardError)")
        let final = try #require(objects.last)
        #expect(final["type"] as? String == "final")
        let accuracy = try #require(final["test_accuracy"] as? Double)
        #expect(accuracy >= 0.97, "test accuracy \(accuracy) < 0.97")
    }

    @Test func autoencoderBeatsTheMeanImage() throws {
        let result = try LayerLabProcess.run(["run", "sessions/digits-autoencoder.lab"])
        #expect(result.status == 0, "\(result.standardError)")
        let text = result.standardOutput
        let error = try #require(
            values(after: "reconstruction MSE", onLinesStartingWith: "reconstruction", in: text)
                .last)
        let baseline = try #require(
            values(after: "against", onLinesStartingWith: "reconstruction", in: text).last)
        #expect(baseline > 0)
        #expect(
            error <= 0.20 * baseline,
            "test reconstruction MSE \(error) > 0.20 x mean-image MSE \(baseline)")
    }

    @Test func sparseCodeMeetsItsTarget() throws {
        let result = try LayerLabProcess.run(["run", "sessions/digits-sparse-autoencoder.lab"])
        #expect(result.status == 0, "\(result.standardError)")
        let text = result.standardOutput
        let activation = try #require(
            values(after: "mean code activation", onLinesStartingWith: "mean code", in: text)
                .last)
        #expect(
            abs(activation - 0.05) <= 0.02,
            "mean code activation \(activation) is not within 0.02 of rho = 0.05")
        let epochLines = text.split(separator: "\n").filter { $0.hasPrefix("epoch ") }
        #expect(epochLines.count == 100)
        #expect(epochLines.allSatisfy { $0.contains("(reconstruction ") })
        #expect(epochLines.allSatisfy { $0.contains(" + kl_sparsity ") })
    }

    /// Run 1 has no regularization and run 2 has dropout, L2 and batch normalization; each
    /// ends with `eval train` and `eval test`.
    @Test func regularizationNarrowsTheGap() throws {
        let result = try LayerLabProcess.run(["run", "sessions/overfitting.lab"])
        #expect(result.status == 0, "\(result.standardError)")
        let text = result.standardOutput

        let accuracies = values(after: "accuracy", onLinesStartingWith: "accuracy", in: text)
        let trainLosses = values(after: "loss", onLinesStartingWith: "train set", in: text)
        let testLosses = values(after: "loss", onLinesStartingWith: "test set", in: text)
        try #require(accuracies.count == 4, "expected 4 eval accuracies in:\n\(text)")
        try #require(trainLosses.count == 2)
        try #require(testLosses.count == 2)

        let accuracyGaps = [accuracies[0] - accuracies[1], accuracies[2] - accuracies[3]]
        let lossGaps = [testLosses[0] - trainLosses[0], testLosses[1] - trainLosses[1]]
        #expect(accuracyGaps[0] > 0, "run 1 did not overfit: accuracy gap \(accuracyGaps[0])")
        #expect(
            accuracyGaps[1] < accuracyGaps[0],
            "accuracy gap with regularization \(accuracyGaps[1]) is not below \(accuracyGaps[0])")
        #expect(
            lossGaps[1] < lossGaps[0],
            "loss gap with regularization \(lossGaps[1]) is not below \(lossGaps[0])")

        let closingLines = text.split(separator: "\n").filter { $0.hasPrefix("trained 60 epochs") }
        #expect(closingLines.count == 2)
        #expect(closingLines.allSatisfy { $0.contains(", gap ") })
        let penalized = text.split(separator: "\n").filter { $0.contains(" + l2 ") }
        #expect(penalized.count == 60)
    }
}
