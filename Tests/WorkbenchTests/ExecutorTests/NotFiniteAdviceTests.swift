import Foundation
import Testing

@testable import Workbench

/// The fixes offered when training stops at a value that is not finite.
struct NotFiniteAdviceTests {
    @Test(arguments: [
        (Float(0.001), "0.001"),
        (Float(0.01) / 10, "0.001"),
        (Float(0.003) / 10, "0.0003"),
        (Float(0.25), "0.25"),
        (Float(3e-5), "3e-5"),
        (Float(1e29), "1e29"),
        (Float(2e6), "2e6"),
        (Float(0), "0"),
    ])
    func readableNumbers(value: Float, text: String) {
        #expect(NotFiniteAdvice.readable(value) == text)
    }

    @Test func tenthOfUsualLearningRate() {
        let advice = NotFiniteAdvice.learningRateAdvice(0.01)
        #expect(advice.contains("`set lr 0.001`"), "\(advice)")
    }

    @Test func hugeLearningRateRestartsAtUsualValue() {
        let advice = NotFiniteAdvice.learningRateAdvice(1e30)
        #expect(advice.contains("`set lr 0.01`"), "\(advice)")
        #expect(advice.contains("1e30"), "\(advice)")
        #expect(!advice.contains("e+"), "\(advice)")
    }

    /// Trains on the CSV text until the loss stops being finite and returns the error message.
    private func failingTrainMessage(csv: String, lines: [String]) throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("layerlab-nan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try csv.write(to: directory.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let executor = Executor(output: SilentOutput())
        executor.sessionDirectory = directory.path
        for line in lines.dropLast() {
            _ = try executor.execute(line: line)
        }
        let error = #expect(throws: WorkbenchError.self) {
            try executor.execute(line: lines.last ?? "")
        }
        guard case .notFinite(let message) = error else {
            Issue.record("expected a not-finite error, got \(String(describing: error))")
            return ""
        }
        return message
    }

    /// Rows of y = 2a + 3b with a and b up to `scale` in magnitude.
    private func linearRows(scale: Double) -> String {
        var text = "a,b,y\n"
        for i in 0..<100 {
            let a = Double(i % 10 - 5) * scale / 5
            let b = Double(i / 10 - 5) * scale / 5
            text += "\(a),\(b),\(2 * a + 3 * b)\n"
        }
        return text
    }

    @Test func hugeLearningRateAdvice() throws {
        let message = try failingTrainMessage(
            csv: linearRows(scale: 1),
            lines: [
                "seed 1", "data load d.csv label=y task=regression test=0.2", "dense 8 tanh",
                "dense 1", "optimizer sgd lr=1e30", "train 3",
            ])
        #expect(message.contains("`set lr 0.01`"), "\(message)")
        #expect(!message.contains("e+"), "\(message)")
    }

    @Test func unstandardizedInputsNamed() throws {
        let message = try failingTrainMessage(
            csv: linearRows(scale: 1e6),
            lines: [
                "seed 1", "data load d.csv label=y task=regression test=0.2 standardize=no",
                "dense 8 relu", "dense 1", "optimizer sgd lr=0.01", "train 3",
            ])
        #expect(message.contains("not standardized"), "\(message)")
        #expect(message.contains("without standardize=no"), "\(message)")
        #expect(message.contains("`set lr 0.001`"), "\(message)")
    }

    @Test func largeTargetsNamed() throws {
        let message = try failingTrainMessage(
            csv: linearRows(scale: 1e6),
            lines: [
                "seed 1", "data load d.csv label=y task=regression test=0.2", "dense 8 relu",
                "dense 1", "optimizer sgd lr=0.01", "train 3",
            ])
        #expect(message.contains("regression targets reach 5e6"), "\(message)")
        #expect(!message.contains("not standardized"), "\(message)")
    }
}
