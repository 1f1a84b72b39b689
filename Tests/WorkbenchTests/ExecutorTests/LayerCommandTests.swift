import Datasets
import Engine
import Foundation
import Testing

@testable import Workbench

/// Runs `lines` on a fresh executor and returns the error of the last one, which must fail,
/// after every line before it succeeded.
private func failure(_ lines: [String]) throws -> WorkbenchError? {
    let output = OutputRecorder()
    let executor = Executor(output: output)
    for line in lines.dropLast() {
        try executor.execute(line: line)
    }
    do {
        try executor.execute(line: lines.last!)
        return nil
    } catch {
        return error
    }
}

/// Returns the path of a sample data set, from the repository root.
private func samplePath(_ name: String) -> String {
    URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("samples/\(name)").path
}

/// The layer commands run through the executor: shapes checked when a layer is added, the
/// layers built, the summary, and the settings of `regularize`, `code` and the optimizers.
@Suite struct LayerCommandTests {
    @Test func convolutionStackHasExpectedShapes() throws {
        let (executor, output) = try OutputRecorder.executor([
            "input 1x8x8", "conv2d 4 kernel=3 pad=1 relu", "maxpool 2", "conv2d 6 kernel=2",
            "avgpool 3 stride=1 pad=1", "flatten", "dropout 0.25", "dense 10",
        ])
        let model = try #require(executor.lab.model)
        #expect(model.outputShapes == [
            [4, 8, 8], [4, 8, 8], [4, 4, 4], [6, 3, 3], [6, 3, 3], [54], [54], [10],
        ])
        #expect(model.layers.map(\.kind) == [
            "Conv2D", "ReLU", "MaxPool2D", "Conv2D", "AvgPool2D", "Flatten", "Dropout", "Dense",
        ])
        let conv = try #require(model.layers[0] as? Conv2D)
        #expect(conv.weight.shape == [4, 1, 3, 3])
        #expect(conv.initializer == .he)
        #expect((model.layers[3] as? Conv2D)?.initializer == .xavier)
        #expect((model.layers[6] as? Dropout)?.probability == 0.25)
        #expect(output.messages.contains("0 Conv2D → [N, 4, 8, 8], 40 parameters"))
        #expect(executor.lab.layerSpecs.count == 8)
    }

    @Test func poolingFollowsTheInputRank() throws {
        let (executor, _) = try OutputRecorder.executor([
            "input 2x20", "conv1d 3 kernel=5 stride=1 pad=2 tanh", "maxpool 2", "avgpool 3 stride=2",
            "batchnorm",
        ])
        let model = try #require(executor.lab.model)
        #expect(model.layers.map(\.kind) == [
            "Conv1D", "Tanh", "MaxPool1D", "AvgPool1D", "BatchNorm1d",
        ])
        #expect(model.outputShape == [3, 4])
        #expect((model.layers[0] as? Conv1D)?.weight.shape == [3, 2, 5])
    }

    @Test func batchNormPicksItsVariantAndSettings() throws {
        let (executor, _) = try OutputRecorder.executor([
            "input 1x8x8", "conv2d 3 kernel=3", "batchnorm momentum=0.2 eps=0.001", "flatten",
            "dense 5", "batchnorm",
        ])
        let model = try #require(executor.lab.model)
        let norm2d = try #require(model.layers[1] as? BatchNorm)
        #expect(norm2d.variant == .batchNorm2d)
        #expect(norm2d.features == 3)
        #expect(norm2d.momentum == 0.2)
        #expect(norm2d.epsilon == 0.001)
        let norm1d = try #require(model.layers[4] as? BatchNorm)
        #expect(norm1d.variant == .batchNorm1d)
        #expect(norm1d.features == 5)
    }

    @Test(arguments: [
        (
            ["input 64", "conv2d 8 kernel=3"],
            "conv2d 8 kernel=3 cannot take input of shape [64]: it"
                + " needs a per-sample input of shape [channels, height, width]; give the model"
                + " an image input of shape [channels, height, width], such as [1, 28, 28]"
        ),
        (
            ["input 1x4x4", "conv2d 8 kernel=5"],
            "conv2d 8 kernel=5 cannot take input of shape [1, 4, 4]:"
                + " the kernel [5, 5] must fit in the padded input (F ≤ N + 2Q in"
                + " O = ⌊(N − F + 2Q)/s⌋ + 1), but along height F = 5 > N + 2Q = 4 + 2·0; use a"
                + " kernel of at most 4 along height or a padding of at least 1"
        ),
        (
            ["input 3x10", "maxpool 2x2"],
            "maxpool 2x2 cannot take input of shape [3, 10]: maxpool 2x2 gives height and"
                + " width, but a sequence [channels, length] has one dimension; give one number,"
                + " as in `maxpool 2`"
        ),
        (
            ["input 3x10", "avgpool 2 stride=1x2"],
            "avgpool 2 stride=1x2 cannot take input of shape [3, 10]: stride=1x2 gives height"
                + " and width, but a sequence [channels, length] has one dimension; give one"
                + " number, as in `stride=2`"
        ),
        (
            ["input 64", "maxpool 2"],
            "maxpool 2 cannot take input of shape [64]: pooling needs a per-sample input of"
                + " shape [channels, length] or [channels, height, width]; start the model with"
                + " an image shape such as `input 1x8x8`, or a sequence shape such as"
                + " `input 1x100`, or leave pooling out after `flatten`"
        ),
        (
            ["input 1x8x8", "maxpool 2 pad=2"],
            "maxpool 2 pad=2 cannot take input of shape [1, 8, 8]:"
                + " its padding 2 along height exceeds half its kernel 2 (pooling needs padding"
                + " ≤ kernel/2, as in PyTorch, so that every window covers an input value); add"
                + " the layer again with a padding of at most 1"
        ),
        (
            ["input 1x8x8", "conv2d 2 kernel=3", "dense 10"],
            "dense 10 cannot take input of shape [2, 6, 6]: it needs a flat input of shape"
                + " [72]; add `flatten` before it"
        ),
        (
            ["input 1x2x2x2", "batchnorm"],
            "batchnorm cannot take input of shape [1, 2, 2, 2]: it needs [features], [channels,"
                + " length] or [channels, height, width]; flatten or reshape the input to one of"
                + " these shapes first"
        ),
    ])
    func shapeErrorAtAdd(lines: [String], message: String) throws {
        let error = try #require(try failure(lines))
        guard case .shape = error else {
            Issue.record("expected a shape error, got \(error)")
            return
        }
        #expect(error.description == message)
    }

    @Test func rejectedLayerLeavesModelUnchanged() throws {
        let (executor, _) = try OutputRecorder.executor(["input 1x8x8", "conv2d 4 kernel=3"])
        let randomBefore = executor.lab.random
        #expect(throws: WorkbenchError.self) { try executor.execute(line: "dense 3") }
        #expect(executor.lab.model?.layers.count == 1)
        #expect(executor.lab.layerSpecs.count == 1)
        #expect(executor.lab.random == randomBefore)
    }

    @Test func resetRebuildsEveryLayerKind() throws {
        let (executor, _) = try OutputRecorder.executor([
            "seed 3", "input 1x6x6", "conv2d 2 kernel=3 relu", "maxpool 2", "batchnorm",
            "flatten", "dropout 0.5", "dense 3",
        ])
        let before = try #require(executor.lab.model?.layers[0] as? Conv2D)
        try executor.execute(line: "reset")
        let model = try #require(executor.lab.model)
        let after = try #require(model.layers[0] as? Conv2D)
        #expect(model.layers.map(\.kind) == [
            "Conv2D", "ReLU", "MaxPool2D", "BatchNorm2d", "Flatten", "Dropout", "Dense",
        ])
        #expect(after.weight.value != before.weight.value)
    }

    @Test func summaryShowsParametersAndBuffers() throws {
        let (executor, output) = try OutputRecorder.executor([
            "input 1x8x8", "conv2d 4 kernel=3", "batchnorm", "flatten", "dense 10", "summary",
        ])
        let text = try #require(output.messages.last)
        #expect(text.contains("0 (Conv2D)      │ [N, 4, 6, 6] │      40"))
        #expect(text.contains("1 (BatchNorm2d) │ [N, 4, 6, 6] │       8"))
        #expect(text.contains("Total params: 1,498 (5,992 bytes as float32)"))
        #expect(
            text.hasSuffix(
                "Non-trainable: 9 buffer values (batchnorm running statistics and batch counts),"
                    + " saved with the weights but not counted above"))
        #expect(executor.lab.model?.parameterCount == 40 + 8 + 1450)
    }

    @Test func summaryWithoutBuffersHasNoNonTrainableLine() throws {
        let (_, output) = try OutputRecorder.executor(["input 4", "dense 2", "summary"])
        #expect(output.messages.last?.contains("Non-trainable") == false)
    }

    @Test func inputReadsFlatDataAsImages() throws {
        let (executor, output) = try OutputRecorder.executor([
            "seed 1", "data load \(samplePath("digits.csv")) label=label", "input 1x8x8",
        ])
        let data = try #require(executor.lab.data)
        #expect(data.featureShape == [1, 8, 8])
        #expect(data.train.sampleShape == [1, 8, 8])
        #expect(data.test.sampleShape == [1, 8, 8])
        #expect(data.train.inputs(rows: [0]).shape == [1, 1, 8, 8])
        #expect(
            output.messages.last
                == "the data's samples [64] are read as [1, 8, 8], in row-major order")

        // Pixel (r, c) of an image is feature r * 8 + c.
        let image = data.train.inputs(rows: [3])
        #expect(image[0, 0, 2, 5] == data.train.features[3, 21])
    }

    @Test func dataLoadedAfterInputIsReadAsImages() throws {
        let (executor, _) = try OutputRecorder.executor([
            "input 1x8x8", "data load \(samplePath("digits.csv")) label=label",
        ])
        #expect(executor.lab.data?.featureShape == [1, 8, 8])
    }

    @Test func inputOfAnotherSizeLeavesDataAlone() throws {
        let (executor, output) = try OutputRecorder.executor([
            "data load \(samplePath("digits.csv")) label=label", "input 1x4x4",
        ])
        #expect(executor.lab.data?.featureShape == [64])
        #expect(output.messages.last == "input [N, 1, 4, 4]")
    }

    @Test func regularizeKeepsAbsentCoefficients() throws {
        let (executor, output) = try OutputRecorder.executor([
            "regularize l1=0.001", "regularize l2=0.01",
        ])
        #expect(executor.lab.weightL1 == 0.001)
        #expect(executor.lab.weightL2 == 0.01)
        #expect(
            output.messages.last
                == "regularize l1=0.001 l2=0.01 (on weights only; biases and batchnorm's gamma"
                + " and beta are not penalized)")

        try executor.execute(line: "regularize")
        #expect(output.messages.last == output.messages[output.messages.count - 2])

        try executor.execute(line: "regularize l1=0 l2=0")
        #expect(executor.lab.weightL1 == 0)
        #expect(executor.lab.weightL2 == 0)
        #expect(output.messages.last == "regularize l1=0.0 l2=0.0 (no weight penalty)")
    }

    @Test func penaltiesReachTheObjective() throws {
        let (executor, _) = try OutputRecorder.executor([
            "input 4", "dense 3", "regularize l1=0.5 l2=0.25", "loss mse",
        ])
        let objective = try executor.lab.objective()
        #expect(objective.weightL1 == 0.5)
        #expect(objective.weightL2 == 0.25)
        #expect(objective.reconstructsInput == false)
    }

    @Test func codeMarksLastLayerWithPenalty() throws {
        let (executor, output) = try OutputRecorder.executor([
            "input 64", "dense 16", "sigmoid", "code sparsity=0.05 beta=2", "dense 64",
        ])
        #expect(executor.lab.codeLayer == 1)
        #expect(
            executor.lab.codePenalty
                == CodePenalty(layerIndex: 1, kind: .sparsity(target: 0.05, coefficient: 2)))
        #expect(
            output.messages.contains(
                "code: layer 1 (Sigmoid) [N, 16], KL sparsity penalty rho=0.05 beta=2.0"))

        try executor.execute(line: "code l1=0.1")
        #expect(executor.lab.codeLayer == 2)
        #expect(executor.lab.codePenalty == CodePenalty(layerIndex: 2, kind: .l1(coefficient: 0.1)))

        try executor.execute(line: "code")
        #expect(executor.lab.codeLayer == 2)
        #expect(executor.lab.codePenalty == nil)
    }

    @Test func sparsityNeedsSigmoidCodeLayer() throws {
        let error = try #require(try failure(["input 64", "dense 16 relu", "code sparsity=0.05"]))
        #expect(
            error.description
                == "code sparsity= needs a sigmoid code layer, whose outputs lie in (0, 1), but"
                + " the last layer, 1 (ReLU), is not one; add `sigmoid` (or end the encoder with"
                + " `dense 16 sigmoid`), then type `code sparsity=0.05` again")
    }

    @Test func codeNeedsALayer() throws {
        let error = try #require(try failure(["input 64", "code"]))
        #expect(
            error.description
                == "the model has no layer to mark as the code; add the encoder first, for"
                + " example `dense 16 sigmoid`, then type `code`")
    }

    @Test func popAndClearRemoveTheCodeMark() throws {
        let (executor, output) = try OutputRecorder.executor([
            "input 8", "dense 4 sigmoid", "code sparsity=0.1", "dense 8", "pop",
        ])
        #expect(executor.lab.codeLayer == 1)
        try executor.execute(line: "pop")
        #expect(executor.lab.codeLayer == nil)
        #expect(executor.lab.codePenalty == nil)
        #expect(output.messages.last == "code mark on layer 1 removed with the layer")

        try executor.execute(line: "dense 4")
        try executor.execute(line: "code l1=0.1")
        try executor.execute(line: "clear")
        #expect(executor.lab.codeLayer == nil)
        #expect(executor.lab.codePenalty == nil)
    }

    @Test func lossReconstructionSetsTheObjective() throws {
        let (executor, output) = try OutputRecorder.executor(["loss reconstruction"])
        #expect(executor.lab.reconstructsInput)
        #expect(try executor.lab.objective().loss == .meanSquaredError)
        #expect(output.messages.last == "loss reconstruction (mse between the output and the input)")

        try executor.execute(line: "loss crossentropy")
        #expect(executor.lab.reconstructsInput == false)
    }

    @Test func adaptiveOptimizersAreBuiltWithTheirSettings() throws {
        let (executor, output) = try OutputRecorder.executor([
            "optimizer adagrad lr=0.05 eps=1e-8 weight_decay=0.01",
        ])
        #expect(output.messages.last == "optimizer adagrad lr=0.05 eps=1e-08 weight_decay=0.01")
        let adagrad = try #require(executor.lab.optimizerSpec.makeOptimizer() as? Adagrad)
        #expect(adagrad.learningRate == 0.05)
        #expect(adagrad.epsilon == 1e-8)
        #expect(adagrad.weightDecay == 0.01)

        try executor.execute(line: "optimizer adadelta rho=0.95")
        #expect(output.messages.last == "optimizer adadelta lr=1.0 rho=0.95 eps=1e-06")
        let adadelta = try #require(executor.lab.optimizerSpec.makeOptimizer() as? Adadelta)
        #expect(adadelta.learningRate == 1)
        #expect(adadelta.rho == 0.95)
        #expect(adadelta.epsilon == 1e-6)

        try executor.execute(line: "set lr 0.5")
        #expect(executor.lab.optimizerSpec.learningRate == 0.5)
        #expect(
            executor.lab.optimizerSpec
                == .adadelta(learningRate: 0.5, rho: 0.95, epsilon: 1e-6, weightDecay: 0))
    }

    @Test func batchOfOneRowIsRejectedBeforeBatchNorm() throws {
        // 20 points with test=0.2 leave 16 training rows, and batches of 5 leave a last one of 1.
        let error = try #require(
            try failure([
                "seed 1", "data xor 20 test=0.2", "input 2", "dense 4", "batchnorm", "dense 2",
                "batch 5", "train 1 epochs",
            ]))
        #expect(
            error.description
                == "layer 1 (BatchNorm1d) needs more than one value per feature in every training"
                + " batch, but 16 training rows in batches of 5 leave a last batch of 1; choose"
                + " another batch size, such as `batch 6`")
    }
}
