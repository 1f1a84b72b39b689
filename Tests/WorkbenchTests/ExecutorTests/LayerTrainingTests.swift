import Datasets
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

/// Training and evaluating models built from the layer commands: penalties as separate loss
/// terms, autoencoder reports, and finite-difference checks of the whole objective.
@Suite struct LayerTrainingTests {
    @Test func weightPenaltiesAreSeparateTerms() throws {
        let (_, output) = try OutputRecorder.executor([
            "seed 2", "data xor 40", "input 2", "dense 8 tanh", "dense 2 softmax",
            "regularize l1=0.001 l2=0.01", "loss crossentropy", "train 2 epochs",
        ])
        let epoch = try #require(output.epochs.last)
        #expect(epoch.lossTerms.map(\.name) == ["data", "l1", "l2"])
        #expect(epoch.lossTerms.allSatisfy { $0.value > 0 })
        let total = epoch.lossTerms.reduce(0) { $0 + $1.value }
        #expect(abs(total - epoch.loss) < 1e-5)

        let line = Report.epochLine(epoch)
        #expect(line.contains("(data "))
        #expect(line.contains(" + l1 "))
        #expect(line.contains(" + l2 "))
        let json = JSONLine.epoch(epoch, kind: "epoch")
        #expect(json.contains("\"loss_terms\": {\"data\": "))
        #expect(json.contains("\"l2\": "))
    }

    @Test func reconstructionTermIsNamed() throws {
        let (_, output) = try OutputRecorder.executor([
            "seed 2", "data xor 40", "input 2", "dense 3 sigmoid", "code sparsity=0.2 beta=1",
            "dense 2", "loss reconstruction", "train 1 epochs",
        ])
        let epoch = try #require(output.epochs.last)
        #expect(epoch.lossTerms.map(\.name) == ["reconstruction", "kl_sparsity"])
        #expect(epoch.trainAccuracy == nil)
        #expect(epoch.testAccuracy == nil)
        #expect(epoch.testLoss != nil)
    }

    @Test func autoencoderEvalReportsBaselineAndCode() throws {
        let (executor, output) = try OutputRecorder.executor([
            "seed 4", "data load \(samplePath("iris.csv")) label=label standardize=no",
            "input 4", "dense 2 sigmoid", "code", "dense 4", "loss reconstruction",
            "train 3 epochs", "eval test",
        ])
        let data = try #require(executor.lab.data)
        let model = try #require(executor.lab.model)

        // The baseline predicts the mean training row for every test row.
        let width = 4
        var mean = [Double](repeating: 0, count: width)
        for i in 0..<data.train.rowCount {
            for j in 0..<width { mean[j] += Double(data.train.features[i, j]) }
        }
        mean = mean.map { $0 / Double(data.train.rowCount) }
        var squared = 0.0
        for i in 0..<data.test.rowCount {
            for j in 0..<width {
                let difference = Double(data.test.features[i, j]) - mean[j]
                squared += difference * difference
            }
        }
        let baseline = squared / Double(data.test.rowCount * width)

        // The model's error and the code's mean activation, from one forward pass.
        let context = ForwardContext(isTraining: false)
        let rows = Array(0..<data.test.rowCount)
        let pass = model.forward(data.test.inputs(rows: rows), context: context)
        let error = zip(pass.output.value.scalars, data.test.features.scalars).reduce(0.0) {
            $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1)
        } / Double(data.test.features.count)
        let code = pass.layerOutputs[1].value.scalars
        let codeMean = code.reduce(0.0) { $0 + Double($1) } / Double(code.count)

        let lines = try #require(output.messages.last).split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(
            lines.first
                == "reconstruction MSE \(format(error, digits: 4)) against"
                + " \(format(baseline, digits: 4)) for the mean training sample (ratio"
                + " \(format(error / baseline, digits: 4)))")
        #expect(
            lines.last?.hasPrefix(
                "mean code activation \(format(codeMean, digits: 4)) over 2 units of layer 1;"
                    + " unit means from ")
                == true)
    }

    @Test func sparsityTargetIsShownWithTheCode() throws {
        let (_, output) = try OutputRecorder.executor([
            "seed 4", "data load \(samplePath("iris.csv")) label=label", "input 4",
            "dense 3 sigmoid", "code sparsity=0.1", "dense 3 softmax", "loss crossentropy",
            "train 1 epochs", "eval",
        ])
        let line = try #require(output.messages.last)
        #expect(line.hasPrefix("mean code activation "))
        #expect(line.contains("over 3 units of layer 1 (target 0.1); unit means from "))
    }

    @Test func smallCNNLearnsDigits() throws {
        let (_, output) = try OutputRecorder.executor([
            "seed 5", "data load \(samplePath("digits.csv")) label=label test=0.2",
            "input 1x8x8", "conv2d 4 kernel=3 pad=1 relu", "maxpool 2", "batchnorm",
            "flatten", "dropout 0.1", "dense 10 softmax", "optimizer adam lr=0.01",
            "batch 64", "train 3 epochs",
        ])
        let accuracy = try #require(output.epochs.last?.testAccuracy)
        #expect(accuracy > 0.85, "test accuracy \(accuracy)")
    }

    /// `predict` takes raw pixel values and standardizes them with the training statistics
    /// before the image model sees them, as `eval` does for the test rows.
    @Test func predictStandardizesImageInput() throws {
        let (executor, output) = try OutputRecorder.executor([
            "seed 5", "data load \(samplePath("digits.csv")) label=label test=0.2",
            "input 1x8x8", "conv2d 4 kernel=3 pad=1 relu", "maxpool 2", "flatten",
            "dense 10 softmax", "optimizer adam lr=0.01", "train 2 epochs",
        ])
        let data = try #require(executor.lab.data)
        let model = try #require(executor.lab.model)
        for testRow in 0..<5 {
            let rawRow = data.split.testRows[testRow]
            let values = (0..<64).map { Double(data.raw.features[rawRow, $0]) }
            try executor.execute(
                line: "predict " + values.map { String(Int($0)) }.joined(separator: " "))

            let pass = model.forward(
                data.test.inputs(rows: [testRow]), context: ForwardContext(isTraining: false))
            let expected = Evaluation.predictedClasses(pass.output.value)[0]
            let line = try #require(output.messages.last)
            #expect(line.hasPrefix("prediction: \(expected) ("), "row \(testRow): \(line)")
        }
    }

    @Test(arguments: ["optimizer adagrad lr=0.1", "optimizer adadelta"])
    func adaptiveOptimizerLowersTheLoss(optimizer: String) throws {
        let (_, output) = try OutputRecorder.executor([
            "seed 3", "data load \(samplePath("iris.csv")) label=label", "input 4",
            "dense 16 tanh", "dense 3 softmax", optimizer, "batch 10", "train 15 epochs",
        ])
        let first = try #require(output.epochs.first?.loss)
        let last = try #require(output.epochs.last?.loss)
        #expect(last < 0.5 * first, "loss went from \(first) to \(last)")
        #expect(try #require(output.epochs.last?.testAccuracy) >= 0.9)
    }

    @Test func trainingLineShowsTheGap() throws {
        let (_, output) = try OutputRecorder.executor([
            "seed 3", "data circle 100", "input 2", "dense 8 tanh", "dense 2 softmax",
            "train 2 epochs",
        ])
        let report = try #require(output.trainings.last)
        let last = try #require(report.last)
        let train = try #require(last.trainAccuracy)
        let test = try #require(last.testAccuracy)
        #expect(
            Report.trainingLine(report).contains(
                "; test accuracy \(format(test, digits: 4)) (train \(format(train, digits: 4)),"
                    + " gap \(format(train - test, digits: 4))), test loss "))
    }

    @Test func predictRejectsValueBeyondFloat32() throws {
        let (executor, _) = try OutputRecorder.executor([
            "seed 3", "data circle 10 test=0.2", "input 2", "dense 2 softmax",
        ])
        let error = #expect(throws: WorkbenchError.self) {
            try executor.execute(line: "predict 1e39 0.5")
        }
        let message = error?.description ?? ""
        #expect(message.contains("predict value 1, 1e+39"), "\(message)")
        #expect(message.contains("Float32 range"), "\(message)")
    }

    @Test func trainingLineCountsOneStep() throws {
        // 8 rows in one batch: one epoch is one step.
        let (_, output) = try OutputRecorder.executor([
            "seed 3", "data circle 10 test=0.2", "input 2", "dense 2 softmax", "batch all",
            "train 1 epochs",
        ])
        let report = try #require(output.trainings.last)
        #expect(report.steps == 1)
        #expect(Report.trainingLine(report).hasPrefix("trained 1 epoch (1 step) in "))
    }

    /// The gradient of the whole objective of a model built from commands, with an L2
    /// penalty, a KL sparsity penalty on a sigmoid code and batch normalization in training
    /// mode, against central finite differences. Smooth activations and average pooling keep
    /// the loss differentiable at every point the check visits.
    @Test func objectiveGradientMatchesFiniteDifferences() throws {
        let (executor, _) = try OutputRecorder.executor([
            "seed 8", "input 1x6x6", "conv2d 2 kernel=3 pad=1 tanh", "avgpool 2", "batchnorm",
            "flatten", "dense 4 sigmoid", "code sparsity=0.3 beta=0.5", "dense 3",
            "regularize l2=0.05", "loss crossentropy",
        ])
        let model = try #require(executor.lab.model)
        let objective = try executor.lab.objective()
        var random = RandomGenerator(seed: 21)
        let inputs = Tensor(shape: [5, 1, 6, 6]) { _ in random.nextNormal() }
        let target = Target.classes([0, 2, 1, 1, 0])

        let results = GradientCheck.check(model.namedParameters) {
            let pass = model.forward(inputs, context: ForwardContext(isTraining: true))
            return try! objective.terms(of: pass, model: model, target: target).total
        }
        #expect(results.count == 8)
        for result in results {
            #expect(result.passed, "\(result.name): max abs error \(result.maxAbsoluteError)")
        }
    }

    /// Dropout with a fixed mask is linear in its input, so the objective's gradient through
    /// it matches finite differences when every evaluation redraws the same mask.
    @Test func dropoutGradientMatchesFiniteDifferences() throws {
        let (executor, _) = try OutputRecorder.executor([
            "seed 9", "input 5", "dense 6 tanh", "dropout 0.5", "dense 2", "loss mse",
        ])
        let model = try #require(executor.lab.model)
        let objective = try executor.lab.objective()
        var random = RandomGenerator(seed: 4)
        let inputs = Tensor(shape: [4, 5]) { _ in random.nextNormal() }
        let target = Target.values(Tensor(shape: [4, 2]) { _ in random.nextNormal() })

        let results = GradientCheck.check(model.namedParameters) {
            let context = ForwardContext(isTraining: true, random: RandomGenerator(seed: 17))
            let pass = model.forward(inputs, context: context)
            return try! objective.terms(of: pass, model: model, target: target).total
        }
        for result in results {
            #expect(result.passed, "\(result.name): max abs error \(result.maxAbsoluteError)")
        }
        let mask = try #require((model.layers[2] as? Dropout)?.lastMask)
        #expect(mask.scalars.contains(0))
        #expect(mask.scalars.contains(1))
    }
}
