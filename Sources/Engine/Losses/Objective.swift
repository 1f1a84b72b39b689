/// What training minimizes: a data loss, plus weight penalties and an autoencoder's code
/// penalty when they are set, each kept as a separate term for the loss display.
///
/// ```
/// J = L(prediction, target) + λ₁ Σ|w| + λ₂ Σw² + R(code)
/// ```
/// For an autoencoder (`reconstructsInput`) the target is the input itself.
public struct Objective: Sendable {
    public var loss: Loss
    /// λ₁ and λ₂ of the weight penalties, applied to weights but not to biases.
    public var weightL1: Float
    public var weightL2: Float
    public var codePenalty: CodePenalty?
    /// Whether the model learns to reproduce its input, as an autoencoder does.
    public var reconstructsInput: Bool

    public init(
        loss: Loss, weightL1: Float = 0, weightL2: Float = 0, codePenalty: CodePenalty? = nil,
        reconstructsInput: Bool = false
    ) {
        self.loss = loss
        self.weightL1 = weightL1
        self.weightL2 = weightL2
        self.codePenalty = codePenalty
        self.reconstructsInput = reconstructsInput
    }

    /// Records every term of the objective for one forward pass.
    ///
    /// - Throws: `RegularizationError` when the KL sparsity penalty reads a code outside [0, 1].
    public func terms(of pass: ForwardPass, model: Sequential, target: Target)
        throws(RegularizationError) -> ObjectiveTerms
    {
        let goal = reconstructsInput ? Target.values(pass.input.value) : target
        let data = loss.compute(loss.lossInput(of: pass, model: model), target: goal)
        var penalties = weightPenalties(of: model, l1: weightL1, l2: weightL2)
        if let codePenalty, codePenalty.layerIndex < pass.layerOutputs.count {
            let code = pass.layerOutputs[codePenalty.layerIndex]
            switch codePenalty.kind {
            case .l1(let coefficient):
                penalties.append(
                    PenaltyTerm(name: "code_l1", value: codeL1Penalty(code, coefficient: coefficient)))
            case .sparsity(let rho, let coefficient):
                let value = try klSparsityPenalty(code, target: rho, coefficient: coefficient)
                penalties.append(PenaltyTerm(name: "kl_sparsity", value: value))
            }
        }
        return ObjectiveTerms(data: data, penalties: penalties)
    }
}

/// A penalty on the output of an autoencoder's code layer.
public struct CodePenalty: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// λ · (1/B) Σ|h|.
        case l1(coefficient: Float)
        /// β · Σ_j KL(ρ ‖ ρ̂_j), with ρ̂_j the mean activation of unit j over the batch.
        case sparsity(target: Float, coefficient: Float)
    }

    /// The index of the layer whose output is the code.
    public var layerIndex: Int
    public var kind: Kind

    public init(layerIndex: Int, kind: Kind) {
        self.layerIndex = layerIndex
        self.kind = kind
    }
}

/// The recorded terms of an objective for one batch.
public struct ObjectiveTerms {
    /// The data loss: prediction against target, or reconstruction against input.
    public let data: Variable
    public let penalties: [PenaltyTerm]

    /// The sum of every term, the value that backpropagation differentiates.
    public var total: Variable { totalLoss(data: data, penalties: penalties) }
}
