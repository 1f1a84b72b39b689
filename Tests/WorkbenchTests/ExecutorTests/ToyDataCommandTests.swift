import Datasets
import Engine
import Foundation
import Testing

@testable import Workbench

/// Records what the executor reports, for checks on messages and training results.
private final class RecordingOutput: WorkbenchOutput {
    var messages: [String] = []
    var epochs: [EpochReport] = []
    var trainings: [TrainingReport] = []

    func message(_ text: String) { messages.append(text) }
    func epochFinished(_ report: EpochReport) { epochs.append(report) }
    func trainingFinished(_ report: TrainingReport) { trainings.append(report) }
}

/// `data spiral N` and the other generated sets, run through the executor: the stored data,
/// its split, and networks that learn it.
@Suite struct ToyDataCommandTests {
    private static func run(
        _ lines: [String]
    ) throws(WorkbenchError) -> (Executor, RecordingOutput) {
        let output = RecordingOutput()
        let executor = Executor(output: output)
        for line in lines {
            try executor.execute(line: line)
        }
        return (executor, output)
    }

    /// The points come first from the session's generator and the split second, exactly as
    /// `ToyData` and `Dataset.split` make them.
    @Test func storesGeneratedPointsAndSeededSplit() throws {
        let (executor, output) = try Self.run(["seed 5", "data spiral 200 noise=0.1 test=0.2"])
        let data = try #require(executor.lab.data)

        var generator = RandomGenerator(seed: 5)
        let expected = ToyData.spiral(count: 200, noise: 0.1, using: &generator)
        let split = try expected.split(testFraction: 0.2, using: &generator)
        #expect(data.raw == expected)
        #expect(data.split == split)
        #expect(data.train == split.train)
        #expect(data.test == split.test)
        #expect(data.standardizer == nil)
        #expect(data.featureShape == [2])
        #expect(data.path == "data spiral 200 noise=0.1")
        #expect(executor.lab.random == generator)
        #expect(output.messages.last?.hasPrefix("spiral: 200 rows, 2 features") == true)
    }

    @Test func splitIsStratified() throws {
        let (executor, _) = try Self.run(["seed 2", "data spiral 300 classes=3 test=0.2"])
        let data = try #require(executor.lab.data)
        #expect(data.train.classCounts == [80, 80, 80])
        #expect(data.test.classCounts == [20, 20, 20])
    }

    @Test func sameSeedReplaysSameData() throws {
        let lines = ["seed 9", "data moons 100 noise=0.2"]
        let (first, _) = try Self.run(lines)
        let (second, _) = try Self.run(lines)
        let firstData = try #require(first.lab.data)
        let secondData = try #require(second.lab.data)
        #expect(firstData.raw == secondData.raw)
        #expect(firstData.split == secondData.split)
    }

    @Test func standardizeYesFitsTrainingRows() throws {
        let (executor, _) = try Self.run(["seed 3", "data circle 200 standardize=yes"])
        let data = try #require(executor.lab.data)
        let standardizer = try #require(data.standardizer)
        #expect(standardizer == Standardizer(fitting: data.split.train.features))
        #expect(data.train.features != data.split.train.features)
    }

    @Test func planeIsRegression() throws {
        let (executor, _) = try Self.run(["data plane 50 noise=0"])
        let data = try #require(executor.lab.data)
        #expect(data.task == .regression)
        #expect(data.classNames.isEmpty)
        #expect(data.train.rowCount == 40)
    }

    @Test func testFractionLeavingNoTrainingRowsFails() throws {
        #expect(throws: WorkbenchError.self) { try Self.run(["data xor 4 test=0.9"]) }
        do {
            _ = try Self.run(["data xor 4 test=0.9"])
        } catch {
            #expect(
                error.description
                    == "a test fraction of 0.9 leaves none of the 4 rows for training; lower test="
                    + " or add rows")
        }
    }

    /// The acceptance check of the spiral: one hidden layer of 16 tanh units separates two
    /// arms in 100 epochs.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func smallNetworkLearnsSpiral(seed: UInt64) throws {
        let accuracy = try Self.trainAccuracy([
            "seed \(seed)", "data spiral 200", "input 2", "dense 16 tanh", "dense 2 softmax",
            "optimizer adam lr=0.03", "batch 16", "train 100",
        ])
        #expect(accuracy >= 0.9, "seed \(seed): train accuracy \(accuracy)")
    }

    /// Circle, xor and moons need a hidden layer, and a small one separates them.
    @Test(arguments: ["circle", "xor", "moons"])
    func smallNetworkSeparatesSet(name: String) throws {
        let accuracy = try Self.trainAccuracy([
            "seed 4", "data \(name) 200 noise=0.05", "input 2", "dense 8 tanh",
            "dense 2 softmax", "optimizer adam lr=0.03", "batch 16", "train 60",
        ])
        #expect(accuracy >= 0.97, "\(name): train accuracy \(accuracy)")
    }

    /// The default session of the screen sets up the spiral and a network without training,
    /// and its suggested `train 50` learns the arms.
    @Test func startSessionSetsUpSpiral() throws {
        let path = LayerLabPaths.root.appendingPathComponent("sessions/start.lab").path
        let lines = try String(contentsOfFile: path, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let (executor, output) = try Self.run(lines)
        let data = try #require(executor.lab.data)
        #expect(data.raw.name == "spiral")
        #expect(data.raw.rowCount == 400)
        #expect(data.test.rowCount == 80)
        #expect(executor.lab.model?.inputShape == [2])
        #expect(executor.lab.epochsTrained == 0)
        #expect(output.trainings.isEmpty)

        try executor.execute(line: "train 50")
        let report = try #require(output.trainings.last?.last)
        let accuracy = try #require(report.trainAccuracy)
        #expect(accuracy >= 0.9, "train accuracy \(accuracy)")
    }

    private static func trainAccuracy(_ lines: [String]) throws -> Double {
        let (_, output) = try run(lines)
        let report = try #require(output.trainings.last?.last)
        return try #require(report.trainAccuracy)
    }
}
