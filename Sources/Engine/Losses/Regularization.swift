import Glibc

/// Regularization terms that are added to the data loss: L1 and L2 weight penalties, and the
/// L1 and KL sparsity penalties on an autoencoder's code. Each term is its own op, so the loss
/// display can show the data loss and every penalty separately. Each op's pullback sits right
/// after its forward code.

/// L1 weight penalty over a list of tensors.
///
/// ```
/// R = λ Σ |w|        ∂R/∂w = λ · sign(w), with sign(0) = 0
/// ```
/// Shapes: any number of tensors of any shape → a rank-0 tensor.
///
/// - Parameters:
///   - coefficient: λ ≥ 0.
public func l1Penalty(_ parameters: [Variable], coefficient: Float) -> Variable {
    precondition(coefficient >= 0, "L1 coefficient \(coefficient) is negative; use 0 or more")
    var total = 0.0
    for parameter in parameters {
        parameter.value.scalars.withUnsafeBufferPointer { w in
            for value in w { total += Double(abs(value)) }
        }
    }
    let penalty = Tensor(scalar: Float(Double(coefficient) * total))
    return Variable(value: penalty, op: "l1penalty", inputs: parameters) { dR in
        let scale = coefficient * dR.scalar
        return parameters.map { parameter in
            parameter.requiresGrad ? parameter.value.map { scale * sign($0) } : nil
        }
    }
}

/// L2 weight penalty over a list of tensors.
///
/// ```
/// R = λ Σ w²        ∂R/∂w = 2λ · w
/// ```
/// PyTorch's `weight_decay=λ′` (and LayerLab's optimizer option of that name) adds λ′ · w to
/// the gradient, so it equals this penalty with λ = λ′/2. Some texts write the penalty as
/// (λ/2) Σ w²; here the coefficient multiplies Σ w² directly.
///
/// Shapes: any number of tensors of any shape → a rank-0 tensor.
///
/// - Parameters:
///   - coefficient: λ ≥ 0.
public func l2Penalty(_ parameters: [Variable], coefficient: Float) -> Variable {
    precondition(coefficient >= 0, "L2 coefficient \(coefficient) is negative; use 0 or more")
    var total = 0.0
    for parameter in parameters {
        parameter.value.scalars.withUnsafeBufferPointer { w in
            for value in w { total += Double(value) * Double(value) }
        }
    }
    let penalty = Tensor(scalar: Float(Double(coefficient) * total))
    return Variable(value: penalty, op: "l2penalty", inputs: parameters) { dR in
        let scale = 2 * coefficient * dR.scalar
        return parameters.map { parameter in
            parameter.requiresGrad ? parameter.value.map { scale * $0 } : nil
        }
    }
}

/// The set of parameters that a weight penalty covers.
public enum PenaltyScope: String, Sendable, CaseIterable {
    /// Connection weights only: every parameter whose PyTorch name starts with `weight`
    /// (`weight`, `weight_ih_l0`, …) except the scale γ of batch normalization. Biases and
    /// batch normalization's γ and β are not penalized.
    case weights
    /// Every trainable parameter, biases included: the parameters that PyTorch's
    /// `weight_decay` acts on.
    case allParameters
}

/// Returns the parameters of `model` that a weight penalty with `scope` covers, under their
/// `"<layer index>.<name>"` names, in layer order.
public func penalizedParameters(of model: Sequential, scope: PenaltyScope)
    -> [(name: String, variable: Variable)]
{
    var selected: [(name: String, variable: Variable)] = []
    for (index, layer) in model.layers.enumerated() {
        for (name, variable) in layer.parameters {
            let isConnectionWeight = name.hasPrefix("weight") && !(layer is BatchNorm)
            if scope == .allParameters || isConnectionWeight {
                selected.append(("\(index).\(name)", variable))
            }
        }
    }
    return selected
}

/// One named regularization term of the objective.
public struct PenaltyTerm {
    /// The label for the loss display: `"l1"`, `"l2"`, `"code_l1"` or `"kl_sparsity"`.
    public let name: String
    /// The rank-0 penalty, recorded so that `backward()` of the total reaches the parameters.
    public let value: Variable

    public init(name: String, value: Variable) {
        self.name = name
        self.value = value
    }
}

/// Returns the L1 and L2 weight penalties of `model` as separate terms, leaving out a penalty
/// whose coefficient is 0.
///
/// ```
/// l1 = λ₁ Σ |w|        l2 = λ₂ Σ w²        over the parameters selected by `scope`
/// ```
/// - Parameters:
///   - l1: λ₁ ≥ 0.
///   - l2: λ₂ ≥ 0. PyTorch's `weight_decay=λ′` corresponds to λ₂ = λ′/2 with `.allParameters`.
///   - scope: which parameters are penalized; connection weights only by default, so biases
///     are left alone.
public func weightPenalties(
    of model: Sequential, l1: Float = 0, l2: Float = 0, scope: PenaltyScope = .weights
) -> [PenaltyTerm] {
    let parameters = penalizedParameters(of: model, scope: scope).map(\.variable)
    var terms: [PenaltyTerm] = []
    if l1 != 0 {
        terms.append(PenaltyTerm(name: "l1", value: l1Penalty(parameters, coefficient: l1)))
    }
    if l2 != 0 {
        terms.append(PenaltyTerm(name: "l2", value: l2Penalty(parameters, coefficient: l2)))
    }
    return terms
}

/// Returns the objective to minimize: the data loss plus every penalty term.
public func totalLoss(data: Variable, penalties: [PenaltyTerm]) -> Variable {
    penalties.reduce(data) { total, term in total + term.value }
}

/// L1 sparsity penalty on an autoencoder's code, averaged over the batch (Olshausen and
/// Field, 1997).
///
/// ```
/// R = λ · (1/B) Σ_b Σ_j |h_bj|        ∂R/∂h_bj = (λ/B) · sign(h_bj), with sign(0) = 0
/// ```
/// Shapes: `code [batch, units…]` → a rank-0 tensor; B is the batch size.
///
/// - Parameters:
///   - coefficient: λ ≥ 0.
public func codeL1Penalty(_ code: Variable, coefficient: Float) -> Variable {
    precondition(coefficient >= 0, "Code L1 coefficient \(coefficient) is negative; use 0 or more")
    precondition(
        code.value.rank >= 1 && code.shape[0] > 0, "Code needs [batch, units], got \(code.shape)")
    let batch = Float(code.shape[0])
    var total = 0.0
    code.value.scalars.withUnsafeBufferPointer { h in
        for value in h { total += Double(abs(value)) }
    }
    let penalty = Tensor(scalar: Float(Double(coefficient) * total / Double(batch)))
    return Variable(value: penalty, op: "code_l1", inputs: [code]) { dR in
        let scale = coefficient * dR.scalar / batch
        return [code.value.map { scale * sign($0) }]
    }
}

/// KL-divergence sparsity penalty on an autoencoder's code (Ng's sparse autoencoder).
///
/// ```
/// ρ̂_j = clamp((1/B) Σ_b h_bj, ε, 1 − ε)
/// R = β Σ_j [ρ log(ρ / ρ̂_j) + (1 − ρ) log((1 − ρ) / (1 − ρ̂_j))]
/// ∂R/∂h_bj = (β/B) · (−ρ / ρ̂_j + (1 − ρ) / (1 − ρ̂_j)), and 0 where the clamp is active
/// ```
/// ρ̂_j is the mean activation of code unit j over the batch. Some texts print it as a sum
/// over the samples; it is a mean, because it is compared with the probability ρ. Each h_bj is
/// read as the probability that unit j fires, so the code must lie in [0, 1]: the code layer
/// must be a sigmoid. The clamp keeps both logarithms finite when a unit is always off or
/// always on.
///
/// Shapes: `code [batch, units…]` → a rank-0 tensor; the units are every axis after the batch.
///
/// - Parameters:
///   - target: ρ in (0, 1), the desired mean activation, such as 0.05.
///   - coefficient: β ≥ 0, the weight of the penalty.
///   - epsilon: ε in (0, 0.5), the clamp margin.
/// - Throws: `RegularizationError.codeOutOfRange` for a code value outside [0, 1] or NaN.
public func klSparsityPenalty(
    _ code: Variable, target: Float, coefficient: Float, epsilon: Float = 1e-6
) throws(RegularizationError) -> Variable {
    precondition(target > 0 && target < 1, "Sparsity target \(target) is outside (0, 1); try 0.05")
    precondition(coefficient >= 0, "KL coefficient \(coefficient) is negative; use 0 or more")
    precondition(epsilon > 0 && epsilon < 0.5, "KL clamp margin \(epsilon) is outside (0, 0.5)")
    try validateSparsityCode(code.value)
    let batch = code.shape[0]
    let units = code.value.count / batch
    let meanActivation = code.value.reshaped([batch, units]).sumOverRows().map { $0 / Float(batch) }
    let clamped = meanActivation.map { min(max($0, epsilon), 1 - epsilon) }

    let rho = Double(target)
    var total = 0.0
    for rhoHat in clamped.scalars.map(Double.init) {
        total += rho * log(rho / rhoHat) + (1 - rho) * log((1 - rho) / (1 - rhoHat))
    }
    let penalty = Tensor(scalar: Float(Double(coefficient) * total))
    return Variable(value: penalty, op: "kl_sparsity", inputs: [code]) { dR in
        let scale = coefficient * dR.scalar / Float(batch)
        let unitGradient = Tensor(shape: [units]) { j in
            let raw = meanActivation.scalars[j]
            guard raw >= epsilon && raw <= 1 - epsilon else { return 0 }
            let rhoHat = clamped.scalars[j]
            return scale * (-target / rhoHat + (1 - target) / (1 - rhoHat))
        }
        var dh = Tensor(shape: code.shape)
        dh.scalars.withUnsafeMutableBufferPointer { d in
            for b in 0..<batch {
                for j in 0..<units { d[b * units + j] = unitGradient.scalars[j] }
            }
        }
        return [dh]
    }
}

/// Throws unless every value of `code` lies in [0, 1], as the KL sparsity penalty needs.
///
/// - Parameter code: `[batch, units…]` with a batch of at least one sample.
public func validateSparsityCode(_ code: Tensor) throws(RegularizationError) {
    precondition(
        code.rank >= 1 && code.shape[0] > 0, "Code needs [batch, units], got \(code.shape)")
    let units = code.count / code.shape[0]
    for (index, value) in code.scalars.enumerated() where !(value >= 0 && value <= 1) {
        throw .codeOutOfRange(value: value, sample: index / units, unit: index % units)
    }
}

/// Throws unless layer `index` of `model` is a sigmoid activation, whose output the KL
/// sparsity penalty can read as the code.
public func validateSparsityCodeLayer(of model: Sequential, at index: Int)
    throws(RegularizationError)
{
    guard model.layers.indices.contains(index) else {
        throw .codeLayerMissing(index: index, layerCount: model.layers.count)
    }
    let layer = model.layers[index]
    guard let activation = layer as? ActivationLayer, activation.activation == .sigmoid else {
        throw .codeLayerNotSigmoid(index: index, kind: layer.kind)
    }
}

/// A code that the KL sparsity penalty cannot take.
public enum RegularizationError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A code value outside [0, 1], or NaN.
    case codeOutOfRange(value: Float, sample: Int, unit: Int)
    /// The layer chosen as the code is not a sigmoid activation.
    case codeLayerNotSigmoid(index: Int, kind: String)
    /// The layer chosen as the code does not exist.
    case codeLayerMissing(index: Int, layerCount: Int)

    public var description: String {
        switch self {
        case .codeOutOfRange(let value, let sample, let unit):
            "the KL sparsity penalty needs code values in [0, 1], but unit \(unit) of sample "
                + "\(sample) is \(value); end the encoder with a sigmoid activation"
        case .codeLayerNotSigmoid(let index, let kind):
            "the KL sparsity penalty needs a sigmoid code layer, but layer \(index) is \(kind); "
                + "add a sigmoid activation after the encoder and use its index"
        case .codeLayerMissing(let index, 0):
            "the KL sparsity penalty reads layer \(index), but the model has no layers; "
                + "add the encoder, ending with a sigmoid activation, first"
        case .codeLayerMissing(let index, let layerCount):
            "the KL sparsity penalty reads layer \(index), but the model has \(layerCount) "
                + "layers; choose an index from 0 to \(layerCount - 1)"
        }
    }
}

/// Returns 1 for a positive value, −1 for a negative one and 0 for zero.
private func sign(_ x: Float) -> Float {
    x > 0 ? 1 : (x < 0 ? -1 : 0)
}
