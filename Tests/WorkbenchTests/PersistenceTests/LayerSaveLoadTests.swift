import Engine
import Foundation
import Testing

@testable import Workbench

/// Returns the path of a sample data set, from the repository root.
private func samplePath(_ name: String) -> String {
    URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("samples/\(name)").path
}

/// `save` and `load` of models built from the convolution, pooling, dropout and batch
/// normalization commands, with penalties, a code layer and the adaptive optimizers.
@Suite struct LayerSaveLoadTests {
    static let convolutionSetUp = [
        "seed 3", "data load \(samplePath("digits.csv")) label=label test=0.2", "input 1x8x8",
        "conv2d 4 kernel=3x2 stride=1 pad=1x0 relu", "batchnorm momentum=0.2 eps=0.001",
        "maxpool 2 stride=2", "avgpool 2 stride=1 pad=1 count_include_pad=no", "flatten",
        "dropout 0.25", "dense 10 softmax init=xavier bias=no", "regularize l1=0.0001 l2=0.001",
        "loss crossentropy", "optimizer adagrad lr=0.05 eps=1e-8", "batch 50",
    ]

    static let sequenceSetUp = [
        "seed 6", "data load \(samplePath("digits.csv")) label=label test=0.2", "input 2x32",
        "conv1d 3 kernel=5 stride=2 pad=2 tanh bias=no", "maxpool 2", "avgpool 3 stride=1",
        "flatten", "dense 10 softmax", "optimizer adadelta rho=0.95", "batch 100",
    ]

    static let autoencoderSetUp = [
        "seed 4", "data load \(samplePath("digits.csv")) label=label standardize=no",
        "input 64", "dense 16 relu", "batchnorm", "dense 8 sigmoid", "code sparsity=0.1 beta=2",
        "dense 64", "loss reconstruction", "optimizer adam lr=0.01", "batch 64",
    ]

    @Test(arguments: [convolutionSetUp, sequenceSetUp, autoencoderSetUp])
    func trainingContinuesBitForBit(setUp: [String]) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }

        let straight = Executor(output: SilentOutput())
        try run(setUp + ["train 1", "step", "step", "train 1"], on: straight)

        let first = Executor(output: SilentOutput())
        try run(setUp + ["train 1", "step", "step"], on: first)
        try first.execute(line: "save \(folder.file("layers"))")
        let second = Executor(output: SilentOutput())
        try second.execute(line: "load \(folder.file("layers"))")
        #expect(second.lab.layerSpecs == first.lab.layerSpecs)
        #expect(second.lab.optimizerSpec == first.lab.optimizerSpec)
        #expect(second.lab.codeLayer == first.lab.codeLayer)
        #expect(second.lab.codePenalty == first.lab.codePenalty)
        #expect(second.lab.reconstructsInput == first.lab.reconstructsInput)
        #expect(second.lab.weightL1 == first.lab.weightL1)
        #expect(second.lab.weightL2 == first.lab.weightL2)
        #expect(second.lab.data?.featureShape == first.lab.data?.featureShape)
        #expect(LabFingerprint(second.lab) == LabFingerprint(first.lab))

        try second.execute(line: "train 1")
        #expect(LabFingerprint(second.lab) == LabFingerprint(straight.lab))
    }

    @Test func scriptWritesEveryLayerSetting() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let executor = Executor(output: SilentOutput())
        try run(Self.convolutionSetUp, on: executor)
        try executor.execute(line: "save \(folder.file("script"))")
        let script = try String(contentsOfFile: folder.file("script.lab"), encoding: .utf8)
        let lines = script.split(separator: "\n").map(String.init)
        for expected in [
            "input 1 8 8", "conv2d 4 kernel=3x2 stride=1 pad=1x0 init=he", "relu",
            "batchnorm momentum=0.2 eps=0.001", "maxpool 2 pad=0 stride=2",
            "avgpool 2 pad=1 stride=1 count_include_pad=no", "flatten", "dropout 0.25",
            "dense 10 init=xavier bias=no", "softmax",
            "optimizer adagrad lr=0.05 eps=1e-08", "regularize l1=0.0001 l2=0.001",
        ] {
            #expect(lines.contains(expected), "missing line '\(expected)' in:\n\(script)")
        }
    }

    @Test func codeWithoutPenaltyIsWritten() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let executor = Executor(output: SilentOutput())
        try run(["input 4", "dense 2", "code", "dense 4", "loss reconstruction"], on: executor)
        try executor.execute(line: "save \(folder.file("plain"))")
        let script = try String(contentsOfFile: folder.file("plain.lab"), encoding: .utf8)
        let lines = script.split(separator: "\n").map(String.init)
        let code = try #require(lines.firstIndex(of: "code"))
        #expect(lines[code - 1] == "dense 2 init=xavier")
        #expect(lines.contains("loss reconstruction"))
    }
}
