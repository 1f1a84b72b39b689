import Plot

@testable import Workbench

/// Hand-built snapshots for the pane tests: a 2-16-3 classifier three epochs into training on
/// two-feature data.
enum PaneFixtures {
    static let model = ModelDescription(
        inputShape: [2],
        rows: [
            .init(index: 0, kind: "Dense", outputShape: [16], parameterCount: 48),
            .init(index: 1, kind: "ReLU", outputShape: [16], parameterCount: 0),
            .init(index: 2, kind: "Dense", outputShape: [3], parameterCount: 51),
        ])

    /// 120 step losses falling from 1.2 like 1.2 / (1 + k / 20), with a small sawtooth.
    static let stepLosses: [Double] = (0..<120).map { k in
        let noise = Double((k * 37) % 11 - 5) * 0.004
        return 1.2 / (1 + Double(k) / 20) + noise
    }

    static let epochs: [EpochReport] = [
        EpochReport(
            epoch: 1, epochInRun: 1, epochsInRun: 5, loss: 0.62, trainAccuracy: 0.71,
            testAccuracy: 0.68, testLoss: 0.66, samplesPerSecond: 15_200, steps: 40),
        EpochReport(
            epoch: 2, epochInRun: 2, epochsInRun: 5, loss: 0.38, trainAccuracy: 0.84,
            testAccuracy: 0.8, testLoss: 0.41, samplesPerSecond: 15_800, steps: 40),
        EpochReport(
            epoch: 3, epochInRun: 3, epochsInRun: 5, loss: 0.29, trainAccuracy: 0.9,
            testAccuracy: 0.875, testLoss: 0.33, samplesPerSecond: 16_100, steps: 40),
    ]

    /// Eight bins from -1 to 1.
    static let weightBins = HistogramBins(
        edges: [-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1],
        counts: [1, 3, 6, 10, 12, 8, 5, 3])

    /// Six bins from 0 to 3, most of them near zero as after a ReLU.
    static let activationBins = HistogramBins(
        edges: [0, 0.5, 1, 1.5, 2, 2.5, 3], counts: [40, 12, 6, 3, 2, 1])

    static let gradientBins = HistogramBins(
        edges: [-0.02, -0.01, 0, 0.01, 0.02], counts: [2, 9, 11, 3])

    static var layers: [LayerStatistics] {
        var dense = LayerStatistics(index: 0, kind: "Dense")
        dense.activations = weightBins
        dense.weights = weightBins
        dense.gradients = gradientBins
        dense.gradientNorm = 0.21
        dense.updateRatio = 0.0031

        var relu = LayerStatistics(index: 1, kind: "ReLU")
        relu.activations = activationBins
        relu.deadFraction = 0.625

        var output = LayerStatistics(index: 2, kind: "Dense")
        output.activations = weightBins
        output.weights = weightBins
        output.gradients = gradientBins
        output.gradientNorm = 0.084
        output.updateRatio = 0.02
        return [dense, relu, output]
    }

    /// Three classes on a 12 by 6 grid over [-1, 1]²: class 0 left of x = 0, class 1 at the
    /// upper right, class 2 at the lower right, less sure next to the borders.
    static var boundary: DecisionBoundary {
        let columns = 12
        let rows = 6
        var values: [Double] = []
        var confidence: [Double] = []
        for row in 0..<rows {
            let y = 1 - (Double(row) + 0.5) / Double(rows) * 2
            for column in 0..<columns {
                let x = -1 + (Double(column) + 0.5) / Double(columns) * 2
                values.append(x < 0 ? 0 : (y > 0 ? 1 : 2))
                let distance = min(abs(x), x < 0 ? 1 : abs(y))
                confidence.append(distance < 0.2 ? 0.4 : (distance < 0.5 ? 0.7 : 0.95))
            }
        }
        let points: [(x: Double, y: Double, label: Double)] = [
            (-0.6, 0.5, 0), (-0.3, -0.7, 0), (0.5, 0.6, 1), (0.8, 0.2, 1), (0.4, -0.5, 2),
            (0.9, -0.9, 2),
        ]
        return DecisionBoundary(
            xRange: -1...1, yRange: -1...1, columns: columns, rows: rows, values: values,
            confidence: confidence, points: points, classCount: 3)
    }

    /// A snapshot in the middle of epoch 4 of a five-epoch run.
    static var training: TrainingSnapshot {
        var snapshot = TrainingSnapshot()
        snapshot.run = .training
        snapshot.epoch = 3
        snapshot.step = 132
        snapshot.epochsRequested = 5
        snapshot.epochsDoneInRun = 3
        snapshot.stepInEpoch = 12
        snapshot.stepsPerEpoch = 40
        snapshot.learningRate = 0.01
        snapshot.batchSize = 32
        snapshot.samplesPerSecond = 16_100
        snapshot.stepLosses = StepLossBins(stepLosses, firstStep: 12)
        snapshot.epochs = epochs
        snapshot.model = model
        snapshot.layers = layers
        snapshot.data = .plane(boundary)
        return snapshot
    }

    static let log: [LogLine] = [
        LogLine(kind: .command, text: "input 2"),
        LogLine(kind: .command, text: "dense 16 relu"),
        LogLine(kind: .command, text: "dense 3"),
        LogLine(kind: .command, text: "train 5 epochs"),
        LogLine(kind: .message, text: "epoch 1  loss 0.62  test loss 0.66  accuracy 68%"),
        LogLine(kind: .message, text: "epoch 2  loss 0.38  test loss 0.41  accuracy 80%"),
        LogLine(kind: .command, text: "optimizer adamw"),
        LogLine(kind: .error, text: "error: unknown optimizer 'adamw'; did you mean 'adam'?"),
        LogLine(kind: .message, text: "epoch 3  loss 0.29  test loss 0.33  accuracy 88%"),
    ]
}
