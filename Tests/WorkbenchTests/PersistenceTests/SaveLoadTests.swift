import Engine
import Foundation
import Testing

@testable import Workbench

/// `save` and `load`: the two files, the script generated from the lab, and training that goes
/// on bit for bit after a load in a fresh executor.
@Suite struct SaveLoadTests {
    static let setUp = [
        "seed 11", "data spiral 240 noise=0.15 classes=3 test=0.25", "input 2",
        "dense 12 relu", "dense 8 tanh", "dense 3 softmax", "loss crossentropy",
        "optimizer adam lr=0.02", "batch 16",
    ]

    @Test func trainingAfterLoadMatchesTrainingStraightThrough() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }

        let straight = Executor(output: SilentOutput())
        try run(Self.setUp + ["train 2", "step", "step", "step", "train 3"], on: straight)

        let first = Executor(output: SilentOutput())
        try run(Self.setUp + ["train 2", "step", "step", "step"], on: first)
        try first.execute(line: "save \(folder.file("run"))")
        let second = Executor(output: SilentOutput())
        try second.execute(line: "load \(folder.file("run"))")
        #expect(LabFingerprint(second.lab) == LabFingerprint(first.lab))
        try second.execute(line: "train 3")

        let expected = LabFingerprint(straight.lab)
        let resumed = LabFingerprint(second.lab)
        #expect(resumed.tensors == expected.tensors)
        #expect(resumed.optimizerState == expected.optimizerState)
        #expect(resumed.stepLosses == expected.stepLosses)
        #expect(resumed.epochLosses == expected.epochLosses)
        #expect(resumed.random == expected.random)
        #expect(resumed == expected)
        // 180 training rows in batches of 16 give 12 steps per epoch: 5 epochs in all.
        #expect(second.lab.stepsTrained == 60)
    }

    @Test func sgdWithMomentumAndPenaltyContinuesBitForBit() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let setUp = [
            "seed 5", "data circle 160 noise=0.1 test=0.2 standardize=yes", "input 2",
            "dense 6 leakyrelu slope=0.1", "dense 1 sigmoid", "loss bce",
            "optimizer sgd lr=0.1 momentum=0.9 nesterov=yes weight_decay=0.001", "batch 32",
        ]
        let straight = Executor(output: SilentOutput())
        try run(setUp + ["train 2", "set lr 0.05", "train 2"], on: straight)

        let first = Executor(output: SilentOutput())
        try run(setUp + ["train 2", "set lr 0.05"], on: first)
        try first.execute(line: "save \(folder.file("sgd.lab"))")
        let second = Executor(output: SilentOutput())
        try second.execute(line: "load \(folder.file("sgd"))")
        try second.execute(line: "train 2")
        #expect(LabFingerprint(second.lab) == LabFingerprint(straight.lab))
    }

    @Test func scriptListsTheSetUpFromState() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let executor = Executor(output: SilentOutput())
        try run(Self.setUp + ["set lr 0.005", "train 1"], on: executor)
        try executor.execute(line: "save \(folder.file("model"))")
        let text = try String(contentsOfFile: folder.file("model.lab"), encoding: .utf8)
        let commands = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(
            commands == [
                "seed 11", "data spiral 240 noise=0.15 classes=3 test=0.25 standardize=no",
                "input 2", "dense 12 init=he", "relu", "dense 8 init=xavier", "tanh",
                "dense 3 init=xavier", "softmax", "loss crossentropy",
                "optimizer adam lr=0.005 beta1=0.9 beta2=0.999 eps=1e-08", "batch 16",
            ])
        for line in text.split(separator: "\n") {
            #expect(throws: Never.self) { try Parser.parse(line: String(line)) }
        }
    }

    @Test func weightsFileHoldsTensorsOptimizerStateAndMetadata() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let executor = Executor(output: SilentOutput())
        try run(Self.setUp + ["train 1", "step"], on: executor)
        try executor.execute(line: "save \(folder.file("m"))")
        let file = try SafeTensorsFile(contentsOf: folder.file("m.safetensors"))
        for name in ["0.weight", "0.bias", "2.weight", "4.bias"] {
            #expect(file[name] != nil, "missing \(name)")
            #expect(file["optimizer.\(name).exp_avg"] != nil, "missing state of \(name)")
            #expect(file["optimizer.\(name).exp_avg_sq"] != nil, "missing state of \(name)")
        }
        #expect(file["metrics.step_loss"]?.shape == [executor.lab.stepsTrained])
        let metadata = file.metadata
        #expect(metadata["format"] == "layerlab-session/1")
        #expect(metadata["layerlab_version"] == layerLabVersion)
        #expect(metadata["step"] == "\(executor.lab.stepsTrained)")
        #expect(metadata["epoch"] == "1")
        #expect(metadata["seed"] == "11")
        #expect(metadata["optimizer_step_count"] == "\(executor.lab.stepsTrained)")
        #expect(metadata["learning_rate"] == "0.02")
        #expect(metadata["architecture"]?.hasPrefix("input [2]; 0 Dense [12]; 1 ReLU [12]") == true)
        #expect(metadata["random_state"]?.split(separator: ",").count == 4)
        #expect(metadata["epoch_cursor"]?.hasPrefix("position=16;steps=1;") == true)
        #expect(metadata["loss"] == "\(executor.lab.metrics.stepLosses.last!)")
    }

    @Test func dataDrawnAfterOtherDrawsIsRestored() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let executor = Executor(output: SilentOutput())
        // The model's weights are drawn before the data, so `seed 4` alone does not give the
        // same split again. The weights file stores the generator state for the data.
        try run(
            ["seed 4", "input 2", "dense 4 tanh", "dense 2 softmax", "data xor 80 test=0.25",
             "train 1"], on: executor)
        try executor.execute(line: "save \(folder.file("xor"))")
        let text = try String(contentsOfFile: folder.file("xor.lab"), encoding: .utf8)
        #expect(text.contains("data_random_state"))
        let loaded = Executor(output: SilentOutput())
        try loaded.execute(line: "load \(folder.file("xor"))")
        #expect(loaded.lab.data?.split.trainRows == executor.lab.data?.split.trainRows)
        #expect(loaded.lab.data?.raw.features == executor.lab.data?.raw.features)
        #expect(LabFingerprint(loaded.lab) == LabFingerprint(executor.lab))
    }

    @Test func csvDataPathIsWrittenForTheSavedFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let iris = LayerLabPaths.samples.appendingPathComponent("iris.csv").path
        let executor = Executor(output: SilentOutput())
        try run(
            ["seed 2", "data load \(iris) test=0.3", "dense 3 softmax", "train 1"], on: executor)
        try executor.execute(line: "save \(folder.file("iris"))")
        let text = try String(contentsOfFile: folder.file("iris.lab"), encoding: .utf8)
        // The path is written relative to the saved file's folder when that climbs at most two
        // folders, else absolute. Either way it leads to the same file.
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("data load ") })
        let words = line.split(separator: " ")
        #expect(words.dropFirst(3) == ["test=0.3", "standardize=yes"])
        #expect(LabScript.absolutePath(String(words[2]), base: folder.path) == iris)
        let loaded = Executor(output: SilentOutput())
        try loaded.execute(line: "load \(folder.file("iris"))")
        #expect(LabFingerprint(loaded.lab) == LabFingerprint(executor.lab))
        #expect(loaded.lab.data?.standardizer == executor.lab.data?.standardizer)
    }

    @Test func sessionRelativeSeriesPathIsRewritten() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let executor = Executor(output: SilentOutput())
        // As in a session file in sessions/, the path is relative to the session's folder.
        executor.sessionDirectory = LayerLabPaths.root.appendingPathComponent("sessions").path
        try run(
            ["seed 3",
             "data window ../samples/nile.csv column=volume_1e8_m3 length=10 test=0.2 scale=minmax",
             "rnn 4", "dense 1", "train 1"], on: executor)
        try executor.execute(line: "save \(folder.file("nile"))")
        let text = try String(contentsOfFile: folder.file("nile.lab"), encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("data window ") })
        let path = String(line.split(separator: " ")[2])
        let nile = LayerLabPaths.samples.appendingPathComponent("nile.csv").path
        #expect(LabScript.absolutePath(path, base: folder.path) == nile)
        #expect(line.hasSuffix("column=volume_1e8_m3 length=10 test=0.2 scale=minmax"))
        let loaded = Executor(output: SilentOutput())
        try loaded.execute(line: "load \(folder.file("nile"))")
        #expect(LabFingerprint(loaded.lab) == LabFingerprint(executor.lab))
    }

    @Test func saveWithoutModelIsAnError() {
        let executor = Executor(output: SilentOutput())
        #expect(throws: WorkbenchError.self) { try executor.execute(line: "save nothing") }
    }

    @Test func randomGeneratorStateRoundTrips() {
        var original = RandomGenerator(seed: 99)
        _ = original.next()
        var copy = RandomGenerator(stateWords: original.stateWords)!
        #expect((0..<10).map { _ in copy.next() } == (0..<10).map { _ in original.next() })
        #expect(RandomGenerator(stateWords: [1, 2, 3]) == nil)
        #expect(RandomGenerator(stateWords: [0, 0, 0, 0]) == nil)
    }
}
