import Foundation
import Testing

/// Replays the sessions shipped in sessions/ with the release binary and checks that each one
/// learns its real data set to the accuracy a newcomer is promised.
@Suite(.serialized, binaryIsBuilt)
struct SessionReplayTests {
    static func finalObject(_ session: String) throws -> [String: Any] {
        let (result, objects) = try LayerLabProcess.runJSON(session: session)
        #expect(result.status == 0, "\(session) failed: \(result.standardError)")
        let final = try #require(objects.last, "\(session) printed no JSON")
        #expect(final["type"] as? String == "final")
        return final
    }

    @Test(arguments: [
        ("sessions/iris.lab", 0.93),
        ("sessions/digits-mlp.lab", 0.96),
        ("sessions/wine.lab", 0.95),
    ])
    func sessionReachesTestAccuracy(session: String, threshold: Double) throws {
        let final = try Self.finalObject(session)
        let accuracy = try #require(final["test_accuracy"] as? Double)
        #expect(accuracy >= threshold, "\(session): test accuracy \(accuracy) < \(threshold)")
    }

    @Test func xorClassifiesAllFourPoints() throws {
        let final = try Self.finalObject("sessions/xor.lab")
        #expect(final["train_accuracy"] as? Double == 1.0)
        #expect(final["test_accuracy"] == nil)

        let text = try LayerLabProcess.run(["run", "sessions/xor.lab"]).standardOutput
        let predictions = text.split(separator: "\n").filter { $0.hasPrefix("prediction: ") }
        #expect(predictions.map { $0.split(separator: " ")[1] } == ["0", "1", "1", "0"])
    }

    @Test func jsonHasTheDocumentedKeysPerEpoch() throws {
        let (result, objects) = try LayerLabProcess.runJSON(session: "sessions/iris.lab")
        #expect(result.status == 0)
        let epochs = objects.filter { $0["type"] as? String == "epoch" }
        #expect(epochs.count == 60)
        for key in ["epoch", "loss", "train_accuracy", "test_accuracy", "test_loss", "samples_per_second"] {
            #expect(epochs.allSatisfy { $0[key] is Double || $0[key] is Int }, "missing \(key)")
            #expect(objects.last?[key] != nil, "final object lacks \(key)")
        }
        #expect((epochs.map { $0["epoch"] as? Int }) == (1...60).map { $0 })
    }

    @Test func textOutputHasNoTerminalControlCodes() throws {
        let result = try LayerLabProcess.run(["run", "sessions/iris.lab"])
        #expect(result.status == 0)
        #expect(!result.standardOutput.contains("\r"))
        #expect(!result.standardOutput.contains("\u{1B}"))
        let epochLines = result.standardOutput.split(separator: "\n").filter { $0.hasPrefix("epoch ") }
        #expect(epochLines.count == 60)
        #expect(epochLines.allSatisfy { $0.contains("samples/s") && $0.contains("test acc") })
        #expect(result.standardOutput.contains("final: 60 epochs"))
    }

    @Test func sessionReplaysBitForBit() throws {
        func losses() throws -> [String] {
            try LayerLabProcess.runJSON(session: "sessions/wine.lab").1.map {
                "\($0["loss"] ?? "") \($0["test_loss"] ?? "") \($0["test_accuracy"] ?? "")"
            }
        }
        #expect(try losses() == losses())
    }
}
