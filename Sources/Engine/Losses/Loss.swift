/// The training objectives, each the mean over the batch.
public enum Loss: String, Sendable, CaseIterable {
    /// Mean squared error on the model's output: regression.
    case meanSquaredError = "mse"
    /// Binary cross-entropy on logits: a final sigmoid layer is folded into the loss.
    case binaryCrossEntropy = "bce"
    /// Categorical cross-entropy on logits: a final softmax layer is folded into the loss.
    case crossEntropy = "crossentropy"

    /// The final activation that this loss computes itself from the logits, stably.
    public var foldedActivation: Activation? {
        switch self {
        case .meanSquaredError: nil
        case .binaryCrossEntropy: .sigmoid
        case .crossEntropy: .softmax
        }
    }

    /// Returns the value the loss takes as input from a forward pass: the output, or the
    /// logits before a final activation that the loss folds in.
    public func lossInput(of pass: ForwardPass, model: Sequential) -> Variable {
        let ran = pass.layerOutputs.count
        if let folded = foldedActivation, ran > 0,
            let last = model.layers[ran - 1] as? ActivationLayer, last.activation == folded
        {
            return ran >= 2 ? pass.layerOutputs[ran - 2] : pass.input
        }
        return pass.output
    }

    /// The prediction as this loss reads it: class probabilities for the cross-entropies (the
    /// folded activation applied to the logits, whether or not the model ends with it), and the
    /// output itself for MSE.
    public func prediction(of pass: ForwardPass, model: Sequential) -> Tensor {
        let logits = lossInput(of: pass, model: model).value
        switch self {
        case .meanSquaredError: return pass.output.value
        case .crossEntropy: return softmaxRows(logits)
        case .binaryCrossEntropy: return logits.map(stableSigmoid)
        }
    }

    /// Records the loss of `prediction` against `target`.
    ///
    /// For cross-entropy the targets are class indices; for binary cross-entropy they are
    /// 0/1 values (class indices are converted) of the prediction's shape; for MSE they are values
    /// of the prediction's shape.
    public func compute(_ prediction: Variable, target: Target) -> Variable {
        switch (self, target) {
        case (.crossEntropy, .classes(let classes)):
            return Engine.crossEntropyWithLogits(prediction, classes: classes)
        case (.crossEntropy, .values(let values)):
            let classes = (0..<values.shape[0]).map { row in
                argmax(values.scalars[(row * values.shape[1])..<((row + 1) * values.shape[1])])
            }
            return Engine.crossEntropyWithLogits(prediction, classes: classes)
        case (.binaryCrossEntropy, _):
            return Engine.binaryCrossEntropyWithLogits(prediction, target: target.values(like: prediction.shape))
        case (.meanSquaredError, _):
            return Engine.meanSquaredError(prediction, target: target.values(like: prediction.shape))
        }
    }
}

/// What a batch should produce: class indices for classification, values for regression.
public enum Target: Equatable, Sendable {
    case classes([Int])
    case values(Tensor)

    public var count: Int {
        switch self {
        case .classes(let classes): classes.count
        case .values(let values): values.shape.first ?? 0
        }
    }

    /// The targets as values of `shape`: class indices become one-hot rows, or a single 0/1
    /// column when `shape` has one column.
    public func values(like shape: [Int]) -> Tensor {
        switch self {
        case .values(let values):
            return values.reshaped(shape)
        case .classes(let classes):
            let width = shape.count > 1 ? shape[1] : 1
            if width == 1 {
                return Tensor(shape: shape, scalars: classes.map { Float($0) })
            }
            var oneHot = Tensor(shape: [classes.count, width])
            for (row, label) in classes.enumerated() { oneHot.scalars[row * width + label] = 1 }
            return oneHot.reshaped(shape)
        }
    }

    /// The targets of the rows at `indices`, in order.
    public func gathering(_ indices: [Int]) -> Target {
        switch self {
        case .classes(let classes): .classes(indices.map { classes[$0] })
        case .values(let values): .values(values.gathering(rows: indices))
        }
    }
}

/// The index of the largest value (the first one on ties).
public func argmax<C: Collection>(_ values: C) -> Int where C.Element == Float {
    var best = 0
    var bestValue = -Float.infinity
    for (offset, value) in values.enumerated() where value > bestValue {
        best = offset
        bestValue = value
    }
    return best
}
