/// Updates parameters from their gradients.
///
/// Each optimizer is a per-parameter step plus state that mirrors the parameters and is keyed by
/// their names (`"0.weight.exp_avg"`), so it can be saved and restored with the weights.
public protocol Optimizer: AnyObject {
    /// The step size; changing it between steps takes effect at the next step.
    var learningRate: Float { get set }

    /// The state tensors under `"<parameter name>.<state name>"`.
    var state: [String: Tensor] { get set }

    /// The number of updates applied so far.
    var stepCount: Int { get set }

    /// Applies one update to every parameter that has a gradient.
    func update(_ parameters: [(name: String, variable: Variable)])
}

extension Optimizer {
    /// Returns the gradient with L2 weight decay added, `g + λ·θ`, as PyTorch's `weight_decay`.
    func decayedGradient(_ gradient: Tensor, parameter: Tensor, weightDecay: Float) -> Tensor {
        weightDecay == 0 ? gradient : gradient.zip(parameter) { g, p in g + weightDecay * p }
    }
}
