import Foundation
import Testing

@testable import Workbench

/// Every layer command, the penalties, the code layer and the adaptive optimizers survive
/// `save` and `load`, and dropout and batch normalization continue bit for bit.
@Suite struct LayerRoundTripTests {
    static func roundTrip(_ lines: [String]) throws -> (saved: Executor, loaded: Executor) {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let saved = Executor(output: SilentOutput())
        try run(lines, on: saved)
        try saved.execute(line: "save \(folder.file("model"))")
        let loaded = Executor(output: SilentOutput())
        try loaded.execute(line: "load \(folder.file("model"))")
        return (saved, loaded)
    }

    @Test(arguments: [
        [
            "seed 1", "input 1x8x8", "conv2d 4 kernel=3 pad=1 relu", "batchnorm momentum=0.2",
            "maxpool 2", "avgpool 2 stride=1", "dropout 0.25", "flatten", "dense 10 softmax",
            "optimizer adagrad lr=0.05",
        ],
        [
            "seed 2", "input 3 12", "conv1d 5 kernel=3 stride=2 pad=1 init=xavier", "maxpool 2",
            "flatten", "dense 2", "optimizer adadelta rho=0.8",
        ],
        [
            "seed 3", "input 6 3", "lstm 8 sequences=yes", "gru 8 form=pytorch sequences=yes",
            "rnn 4 sequences=yes", "gru 5 form=chapter", "dense 1", "loss mse",
            "optimizer sgd lr=0.05 momentum=0.5",
        ],
        [
            "seed 4", "input 6", "dense 3 sigmoid", "code sparsity=0.1 beta=2", "dense 6",
            "loss reconstruction", "regularize l1=0.001 l2=0.01", "batch all",
        ],
    ])
    func setUpSurvivesSaveAndLoad(lines: [String]) throws {
        let (saved, loaded) = try Self.roundTrip(lines)
        #expect(loaded.lab.layerSpecs == saved.lab.layerSpecs)
        #expect(Report.summary(of: loaded.lab.model!) == Report.summary(of: saved.lab.model!))
        #expect(LabFingerprint(loaded.lab) == LabFingerprint(saved.lab))
        #expect(loaded.lab.optimizerSpec == saved.lab.optimizerSpec)
        #expect(loaded.lab.batchSize == saved.lab.batchSize)
        #expect(loaded.lab.chosenLoss == saved.lab.chosenLoss)
        #expect(loaded.lab.reconstructsInput == saved.lab.reconstructsInput)
        #expect(loaded.lab.weightL1 == saved.lab.weightL1)
        #expect(loaded.lab.weightL2 == saved.lab.weightL2)
        #expect(loaded.lab.codeLayer == saved.lab.codeLayer)
        #expect(loaded.lab.codePenalty == saved.lab.codePenalty)
    }

    @Test func dropoutAndBatchNormContinueBitForBit() throws {
        let setUp = [
            "seed 6", "data spiral 200 noise=0.1 classes=3 test=0.2", "input 2", "dense 16 relu",
            "dropout 0.3", "batchnorm", "dense 3 softmax", "optimizer adam lr=0.01", "batch 20",
            "regularize l2=0.001",
        ]
        let straight = Executor(output: SilentOutput())
        try run(setUp + ["train 2", "step", "step", "train 2"], on: straight)
        let (_, loaded) = try Self.roundTrip(setUp + ["train 2", "step", "step"])
        try loaded.execute(line: "train 2")
        #expect(LabFingerprint(loaded.lab) == LabFingerprint(straight.lab))
        #expect(loaded.lab.metrics.epochs.map(\.lossTerms) == straight.lab.metrics.epochs.map(\.lossTerms))
    }
}
