import Datasets
import Engine

extension Executor {
    /// Sets the loss; `reconstruction` also makes the model's input its target.
    func setLoss(_ kind: LossKind) {
        lab.chosenLoss = kind.engineLoss
        lab.reconstructsInput = kind == .reconstruction
        if kind == .reconstruction {
            output.message("loss reconstruction (mse between the output and the input)")
        } else {
            output.message("loss \(kind.rawValue)")
        }
    }

    /// Sets the coefficients that the line gives, keeps the others, and shows the setting.
    func regularize(l1: Float?, l2: Float?) {
        if let l1 { lab.weightL1 = l1 }
        if let l2 { lab.weightL2 = l2 }
        var text = "regularize l1=\(lab.weightL1) l2=\(lab.weightL2)"
        if lab.weightL1 == 0 && lab.weightL2 == 0 {
            text += " (no weight penalty)"
        } else {
            text += " (on weights only; biases and batchnorm's gamma and beta are not penalized)"
        }
        output.message(text)
    }

    /// Marks the last layer as the autoencoder's code, with the penalty `choice`.
    func markCodeLayer(_ choice: CodePenaltyChoice) throws(WorkbenchError) {
        let model = try existingModel()
        guard let index = model.layers.indices.last else {
            throw .missing(
                what: "the model has no layer to mark as the code",
                fix: "add the encoder first, for example `dense 16 sigmoid`, then type `code`")
        }
        let layer = model.layers[index]
        let penalty: CodePenalty?
        var description: String
        switch choice {
        case .none:
            penalty = nil
            description = "no penalty"
        case .l1(let coefficient):
            penalty = CodePenalty(layerIndex: index, kind: .l1(coefficient: coefficient))
            description = "L1 penalty \(coefficient)"
        case .sparsity(let target, let beta):
            do {
                try validateSparsityCodeLayer(of: model, at: index)
            } catch {
                throw .invalid(
                    "code sparsity= needs a sigmoid code layer, whose outputs lie in (0, 1),"
                        + " but the last layer, \(index) (\(layer.kind)), is not one; add"
                        + " `sigmoid` (or end the encoder with `dense \(model.outputShape.reduce(1, *))"
                        + " sigmoid`), then type `code sparsity=\(target)` again")
            }
            penalty = CodePenalty(
                layerIndex: index, kind: .sparsity(target: target, coefficient: beta))
            description = "KL sparsity penalty rho=\(target) beta=\(beta)"
        }
        lab.codeLayer = index
        lab.codePenalty = penalty
        output.message(
            "code: layer \(index) (\(layer.kind)) \(formatShape(model.outputShape, batch: true)),"
                + " \(description)")
    }

    /// Drops the code mark when its layer is gone because the model has `layerCount` layers
    /// left.
    func forgetCodeLayer(keeping layerCount: Int) {
        guard let index = lab.codeLayer, index >= layerCount else { return }
        lab.codeLayer = nil
        lab.codePenalty = nil
        output.message("code mark on layer \(index) removed with the layer")
    }
}

extension Executor {
    /// Shows the reconstruction error beside the mean-sample baseline and the code layer's
    /// mean activation on `dataset`, after `eval` has shown `evaluation`.
    func reportAutoencoder(
        model: Sequential, data: LoadedData, dataset: Dataset, evaluation: Evaluation
    ) {
        let result = AutoencoderEvaluation.evaluate(
            model: model, training: data.train, dataset: dataset,
            reconstructs: lab.reconstructsInput, codeLayer: lab.codeLayer,
            context: ForwardContext(isTraining: false, random: lab.random))
        var target: Float?
        if case .sparsity(let rho, _)? = lab.codePenalty?.kind { target = rho }
        let text = Report.autoencoder(
            result, meanSquaredError: evaluation.meanSquaredError, codeLayer: lab.codeLayer,
            sparsityTarget: target)
        if !text.isEmpty { output.message(text) }
    }
}
