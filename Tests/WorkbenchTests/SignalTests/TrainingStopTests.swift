import Engine
import Foundation
import Testing

@testable import Workbench

/// `train` and `step` commands ended by `Executor.trainingStopCheck`, as Ctrl-C ends them in
/// line mode: at a step boundary, with the epoch left open, and with training going on from
/// there exactly as if it had never stopped.
@Suite struct TrainingStopTests {
    static let setup = [
        "seed 3", "data spiral 200 classes=2 test=0.2", "input 2", "dense 16 tanh",
        "dense 2 softmax", "optimizer adam lr=0.01", "batch 16",
    ]

    /// Returns a check that lets `steps` steps run and then requests a stop.
    static func stopCheck(after steps: Int) -> () -> Bool {
        var calls = 0
        return {
            calls += 1
            return calls > steps
        }
    }

    static func weights(_ executor: Executor) throws -> [[Float]] {
        let model = try #require(executor.lab.model)
        return model.namedParameters.map(\.variable.value.scalars)
    }

    @Test func trainStopsAtStepBoundary() throws {
        let (executor, output) = try OutputRecorder.executor(Self.setup)
        executor.trainingStopCheck = Self.stopCheck(after: 7)
        try executor.execute(line: "train 3")
        #expect(executor.lab.stepsTrained == 7)
        #expect(executor.lab.epochsTrained == 0)
        #expect(executor.lab.epochCursor?.steps == 7)
        #expect(output.trainings.last?.epochs == 0)
        #expect(output.trainings.last?.steps == 7)
        #expect(
            output.messages.last
                == "stopped after step 7 (7 steps into epoch 1); the model keeps its training so"
                + " far, and `train` goes on from there")
    }

    /// 160 training rows in batches of 16 make 10 steps an epoch. A run stopped after 7 steps
    /// and then trained again for 2 epochs ends with the same weights, bit for bit, as an
    /// uninterrupted `train 2`.
    @Test func stoppedRunContinuesIdentically() throws {
        let (whole, _) = try OutputRecorder.executor(Self.setup + ["train 2"])
        #expect(whole.lab.stepsTrained == 20)

        let (parts, _) = try OutputRecorder.executor(Self.setup)
        parts.trainingStopCheck = Self.stopCheck(after: 7)
        try parts.execute(line: "train 2")
        parts.trainingStopCheck = nil
        try parts.execute(line: "train 2")
        #expect(parts.lab.stepsTrained == 20)
        #expect(parts.lab.epochsTrained == 2)
        #expect(try Self.weights(parts) == Self.weights(whole))
    }

    @Test func stepsStopEarly() throws {
        let (executor, output) = try OutputRecorder.executor(Self.setup)
        executor.trainingStopCheck = Self.stopCheck(after: 3)
        try executor.execute(line: "train 12 steps")
        #expect(executor.lab.stepsTrained == 3)
        #expect(output.messages.contains { $0.hasPrefix("step 3: loss ") })
        #expect(output.messages.last?.hasPrefix("stopped after step 3 (3 steps into epoch 1)") == true)
    }

    /// A stop asked before the first step trains nothing and prints no step loss.
    @Test func stopBeforeFirstStep() throws {
        let (executor, output) = try OutputRecorder.executor(Self.setup)
        executor.trainingStopCheck = { true }
        try executor.execute(line: "step")
        #expect(executor.lab.stepsTrained == 0)
        #expect(!output.messages.contains { $0.hasPrefix("step 0") })
        #expect(output.messages.last?.hasPrefix("stopped after step 0;") == true)
    }
}
