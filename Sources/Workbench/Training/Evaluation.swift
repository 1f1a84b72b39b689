import Datasets
import Engine

/// A model's loss and, for classification, its accuracy and confusion matrix on a data set.
public struct Evaluation: Equatable, Sendable {
    public var rowCount: Int
    /// The mean loss over the rows, in evaluation mode.
    public var loss: Double
    /// The fraction of rows whose predicted class is the true class; `nil` for regression.
    public var accuracy: Double?
    /// `confusion[true][predicted]` counts rows; `nil` for regression.
    public var confusion: [[Int]]?
    /// The mean squared error of the outputs; `nil` for classification.
    public var meanSquaredError: Double?

    /// Evaluates `model` on every row of `dataset`, in chunks so memory stays bounded. The loss
    /// is the data loss alone, without penalties; an autoencoder is scored on reconstructing its
    /// input, with MSE and no accuracy.
    ///
    /// - Parameter memoryLimit: returns the memory left to allocate, which shrinks the chunks
    ///   when 1024 rows of layer outputs would not fit in half of it.
    static func evaluate(
        model: Sequential, objective: Objective, dataset: Dataset, context: ForwardContext,
        memoryLimit: () -> MemoryLimit? = MemoryLimit.current
    ) -> Evaluation {
        let loss = objective.loss
        let rows = dataset.rowCount
        let classCount = dataset.classNames.count
        let scoresClasses = dataset.task == .classification && !objective.reconstructsInput
        var confusion = scoresClasses
            ? [[Int]](repeating: [Int](repeating: 0, count: classCount), count: classCount) : nil
        var lossTotal = 0.0
        var squaredErrorTotal = 0.0
        var squaredErrorCount = 0
        let wasTraining = context.isTraining
        context.isTraining = false
        defer { context.isTraining = wasTraining }

        let chunkRows = chunkSize(model: model, memoryLimit: memoryLimit)
        for start in stride(from: 0, to: rows, by: chunkRows) {
            let indices = Array(start..<min(rows, start + chunkRows))
            let inputs = dataset.inputs(rows: indices)
            let target = objective.reconstructsInput
                ? Target.values(inputs) : dataset.targets.gathering(rows: indices).engineTarget
            let pass = model.forward(inputs, context: context)
            let lossInput = loss.lossInput(of: pass, model: model)
            let value = loss.compute(lossInput, target: target).value.scalar
            lossTotal += Double(value) * Double(indices.count)

            switch target {
            case .classes(let classes):
                let predicted = predictedClasses(loss.prediction(of: pass, model: model))
                for (truth, guess) in zip(classes, predicted) where guess < classCount {
                    confusion?[truth][guess] += 1
                }
            case .values(let values):
                let output = pass.output.value
                if output.count == values.count {
                    for (y, t) in zip(output.scalars, values.scalars) {
                        squaredErrorTotal += Double(y - t) * Double(y - t)
                    }
                    squaredErrorCount += values.count
                }
            }
        }

        let correct = confusion.map { matrix in matrix.indices.reduce(0) { $0 + matrix[$1][$1] } }
        return Evaluation(
            rowCount: rows,
            loss: rows > 0 ? lossTotal / Double(rows) : .nan,
            accuracy: correct.map { rows > 0 ? Double($0) / Double(rows) : .nan },
            confusion: confusion,
            meanSquaredError: squaredErrorCount > 0
                ? squaredErrorTotal / Double(squaredErrorCount) : nil)
    }

    /// The class each row is predicted to be: the largest probability, or for a single output
    /// unit (two classes) a probability above 0.5.
    /// Returns the rows evaluated at once: 1024, or fewer when the layers' outputs for 1024
    /// rows would take more than half of the memory left.
    static func chunkSize(model: Sequential, memoryLimit: () -> MemoryLimit?) -> Int {
        let standard = 1024
        guard let memory = ActivationMemory(model: model, batchSize: 1, parameterTensors: 0)
        else { return standard }
        // Evaluation keeps each layer's output but makes no gradients.
        let bytesPerRow = max(1, memory.activationBytes / 2)
        // Chunks of at most 64 MB skip reading /proc, which small models would otherwise do
        // at every epoch's end, up to a thousand times a second.
        guard standard > (64 << 20) / bytesPerRow, let limit = memoryLimit() else {
            return standard
        }
        return max(1, min(standard, limit.availableBytes / 2 / bytesPerRow))
    }

    static func predictedClasses(_ prediction: Tensor) -> [Int] {
        let rows = prediction.shape[0]
        let width = prediction.count / max(1, rows)
        if width == 1 {
            return prediction.scalars.map { $0 > 0.5 ? 1 : 0 }
        }
        return (0..<rows).map { row in
            argmax(prediction.scalars[(row * width)..<((row + 1) * width)])
        }
    }
}
