import Engine
import Testing
@testable import Workbench

/// Stepping through a training step must compute and apply exactly what an ordinary step does,
/// and `undo` must rewind a step bit for bit.
struct StepThroughTests {
    static let iris = LayerLabPaths.samples.appendingPathComponent("iris.csv").path

    static func setUp(optimizer: String = "adam lr=0.01") -> [String] {
        [
            "seed 4", "data load \(iris) test=0.2", "input 4", "dense 5 tanh", "dense 3 softmax",
            "loss crossentropy", "optimizer \(optimizer)", "batch 8",
        ]
    }

    static func parameters(_ executor: Executor) -> [Tensor] {
        executor.lab.model!.namedParameters.map(\.variable.value)
    }

    @Test func steppingAppliesTheSameUpdateAsStep() throws {
        let (stepped, steppedOutput) = try OutputRecorder.executor(Self.setUp())
        let (plain, _) = try OutputRecorder.executor(Self.setUp())
        // Train a little first so the optimizer has state.
        try stepped.execute(line: "train 2")
        try plain.execute(line: "train 2")

        // Two layers forward, then the loss, two layers back, then the update.
        for _ in 0..<3 { try stepped.execute(line: "forward") }
        for _ in 0..<3 { try stepped.execute(line: "backward") }
        try plain.execute(line: "step")

        #expect(Self.parameters(stepped) == Self.parameters(plain))
        #expect(stepped.lab.optimizer?.state == plain.lab.optimizer?.state)
        #expect(stepped.lab.stepsTrained == plain.lab.stepsTrained)
        #expect(stepped.lab.random == plain.lab.random)
        #expect(steppedOutput.messages.contains { $0.hasPrefix("applied: step \(plain.lab.stepsTrained)") })

        // The next training continues identically.
        try stepped.execute(line: "train 1")
        try plain.execute(line: "train 1")
        #expect(Self.parameters(stepped) == Self.parameters(plain))
    }

    @Test func steppedValuesAreTheStepsValues() throws {
        let (executor, output) = try OutputRecorder.executor(Self.setUp(optimizer: "sgd lr=0.1"))
        try executor.execute(line: "forward")
        try executor.execute(line: "forward")
        try executor.execute(line: "forward")
        let lossText = try #require(output.messages.last { $0.hasPrefix("loss ·") })
        let lossLine = try #require(lossText.split(separator: "\n").first { $0.contains("L = ") })
        let shown = try #require(Double(lossLine.split(separator: "=").last!.trimmingCharacters(in: .whitespaces)))

        let (plain, plainOutput) = try OutputRecorder.executor(Self.setUp(optimizer: "sgd lr=0.1"))
        try plain.execute(line: "step")
        let stepLine = try #require(plainOutput.messages.last { $0.hasPrefix("step 1: loss") })
        let stepped = try #require(Double(stepLine.split(separator: " ").last!))
        #expect(abs(shown - stepped) < 1e-4)
    }

    @Test func abandoningLeavesTheModelUnchanged() throws {
        let (executor, _) = try OutputRecorder.executor(Self.setUp())
        let before = Self.parameters(executor)
        let randomBefore = executor.lab.random
        try executor.execute(line: "forward")
        try executor.execute(line: "backward")
        try executor.execute(line: "batch 16")
        #expect(executor.lab.stepThrough == nil)
        #expect(Self.parameters(executor) == before)
        #expect(executor.lab.random == randomBefore)
        #expect(executor.lab.stepsTrained == 0)
    }

    @Test func undoRestoresParametersAndOptimizerBitForBit() throws {
        let (executor, _) = try OutputRecorder.executor(Self.setUp())
        try executor.execute(line: "train 3")
        let parameters = Self.parameters(executor)
        let state = executor.lab.optimizer?.state
        let stepCount = executor.lab.optimizer?.stepCount
        let random = executor.lab.random
        let steps = executor.lab.stepsTrained

        try executor.execute(line: "step")
        #expect(Self.parameters(executor) != parameters)
        try executor.execute(line: "undo")
        #expect(Self.parameters(executor) == parameters)
        #expect(executor.lab.optimizer?.state == state)
        #expect(executor.lab.optimizer?.stepCount == stepCount)
        #expect(executor.lab.random == random)
        #expect(executor.lab.stepsTrained == steps)

        // A whole train command rewinds too, and replaying it gives the same weights.
        try executor.execute(line: "train 2")
        let afterTrain = Self.parameters(executor)
        try executor.execute(line: "undo")
        #expect(Self.parameters(executor) == parameters)
        try executor.execute(line: "train 2")
        #expect(Self.parameters(executor) == afterTrain)
    }

    @Test func undoWhileSteppingOnlyAbandonsTheStep() throws {
        let (executor, output) = try OutputRecorder.executor(Self.setUp())
        let initial = Self.parameters(executor)
        try executor.execute(line: "train 3")
        let trained = Self.parameters(executor)
        let steps = executor.lab.stepsTrained
        for line in ["forward", "next", "prev"] { try executor.execute(line: line) }

        try executor.execute(line: "undo")
        #expect(executor.lab.stepThrough == nil)
        #expect(Self.parameters(executor) == trained)
        #expect(executor.lab.stepsTrained == steps)
        #expect(!output.messages.contains { $0.hasPrefix("undid") })

        // A second `undo` rewinds the train command.
        try executor.execute(line: "undo")
        #expect(Self.parameters(executor) == initial)
        #expect(executor.lab.stepsTrained == 0)
        #expect(output.messages.contains { $0.hasPrefix("undid train") })
    }

    @Test func undoWithoutATrainingStepIsAnError() throws {
        let (executor, _) = try OutputRecorder.executor(Self.setUp())
        #expect(throws: WorkbenchError.self) { try executor.execute(line: "undo") }
    }
}
