import Foundation
import Testing

@testable import Workbench

/// Replays the recurrent sessions in sessions/ with the release binary and checks what each
/// promises: forecasts that beat the last-value baseline, and a character model whose test
/// loss is low enough to spell new words.
@Suite(.serialized, binaryIsBuilt)
struct SequenceSessionTests {
    @Test(arguments: ["sessions/sunspots-lstm.lab", "sessions/sunspots-gru.lab"])
    func sunspotForecastBeatsBaseline(session: String) throws {
        let final = try SessionReplayTests.finalObject(session)
        let mse = try #require(final["test_mse"] as? Double)
        let baseline = try #require(final["baseline_test_mse"] as? Double)
        let ratio = try #require(final["test_mse_ratio"] as? Double)
        #expect(mse <= 0.6 * baseline, "\(session): test MSE \(mse), baseline \(baseline)")
        #expect(abs(ratio - mse / baseline) < 1e-12)
        // With MSE as the loss, the last epoch's test loss is the same test MSE.
        let testLoss = try #require(final["test_loss"] as? Double)
        #expect(abs(testLoss - mse) < 1e-6)
    }

    /// The Nile session promises no threshold of its own, but its header states that the RNN
    /// beats the last-value baseline, which this checks.
    @Test func nileRNNRunsAndBeatsLastValue() throws {
        let final = try SessionReplayTests.finalObject("sessions/nile-rnn.lab")
        let ratio = try #require(final["test_mse_ratio"] as? Double)
        #expect(ratio < 1)
        #expect(final["epoch"] as? Int == 100)
    }

    @Test func wordsGRUReachesValidationLossAndGenerates() throws {
        let (result, objects) = try LayerLabProcess.runJSON(session: "sessions/words-gru.lab")
        #expect(result.status == 0, "words-gru.lab failed: \(result.standardError)")
        let final = try #require(objects.last)
        #expect(final["type"] as? String == "final")
        // The test loss of cross-entropy is the validation loss in nats per character.
        let loss = try #require(final["test_loss"] as? Double)
        #expect(loss <= 2.2, "test loss \(loss) nats per character")
        #expect(final["test_mse"] == nil)

        // Messages go to standard error in JSON mode: 10 words, then 5 that start with "un".
        let lines = result.standardError.split(separator: "\n").map(String.init)
        let first = try #require(lines.firstIndex { $0.hasPrefix("10 words at temperature 0.8") })
        let words = lines[(first + 1)...].prefix(10)
        #expect(words.count == 10)
        #expect(words.allSatisfy { $0.hasPrefix("  ") })
        #expect(words.allSatisfy { $0.count > 2 })
        let prefixed = try #require(lines.firstIndex { $0.hasPrefix("5 words at temperature") })
        #expect(lines[(prefixed + 1)...].prefix(5).allSatisfy { $0.hasPrefix("  un") })
    }
}

/// The sessions of the recurrent layers and of MNIST, read without running them.
@Suite struct SequenceSessionFileTests {
    /// The MNIST session needs the MNIST files, which are not in the repository, so it is not
    /// replayed. Each line of these sessions must parse once `$1` is substituted.
    @Test(arguments: [
        "sessions/mnist-cnn.lab", "sessions/sunspots-lstm.lab", "sessions/sunspots-gru.lab",
        "sessions/nile-rnn.lab", "sessions/words-gru.lab",
    ])
    func sessionLinesParse(session: String) throws {
        let url = LayerLabProcess.packageRoot.appendingPathComponent(session)
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            let substituted = try SessionArguments.substitute(
                in: String(line), arguments: ["data/mnist"])
            #expect(throws: Never.self, "\(session):\(index + 1)") {
                _ = try Parser.parse(line: substituted)
            }
        }
    }
}
