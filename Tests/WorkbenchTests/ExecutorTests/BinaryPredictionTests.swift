import Engine
import Testing

@testable import Workbench

/// `predict` with one output unit and two classes calls the output a probability only when a
/// sigmoid makes it one.
struct BinaryPredictionTests {
    /// Runs `predict` on a one-unit model whose output is 4 for the input (1, 1). The moons are
    /// named upper and lower, and lower is the second class.
    static func predict(loss: String, lastLayer: String? = nil) throws -> String {
        var lines = ["seed 1", "data moons 40", "input 2", "dense 1"]
        if let lastLayer { lines.append(lastLayer) }
        let (executor, output) = try OutputRecorder.executor(lines + ["loss \(loss)"])
        let dense = try #require(executor.lab.model?.layers[0] as? Dense)
        dense.weight.value = Tensor(shape: [1, 2]) { _ in 0 }
        dense.bias?.value = Tensor(shape: [1]) { _ in 4 }
        try executor.execute(line: "predict 1 1")
        return try #require(output.messages.last)
    }

    @Test func mseOutputIsNoProbability() throws {
        #expect(
            try Self.predict(loss: "mse")
                == "prediction: lower (output 4.0000, not a probability; above 0.5 means lower)")
    }

    @Test func bceOutputIsProbability() throws {
        // sigmoid(4) = 1 / (1 + e^-4) = 0.98201.
        #expect(try Self.predict(loss: "bce") == "prediction: lower (p(lower) = 0.9820)")
    }

    @Test func finalSigmoidMakesProbability() throws {
        #expect(
            try Self.predict(loss: "mse", lastLayer: "sigmoid") == "prediction: lower (p(lower) = 0.9820)")
    }
}
