import Glibc

/// Adam (Kingma and Ba, 2015) in PyTorch's form, with ε added after the square root.
///
/// ```
/// g ← ∂L/∂θ + λθ
/// m ← β₁ m + (1 − β₁) g          v ← β₂ v + (1 − β₂) g²
/// θ ← θ − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
/// ```
/// - Parameters:
///   - learningRate: η, the step size.
///   - beta1: β₁, the decay of the running mean of gradients.
///   - beta2: β₂, the decay of the running mean of squared gradients.
///   - epsilon: ε, added to the denominator after the square root.
///   - weightDecay: λ, an L2 penalty added to the gradient (not AdamW's decoupled decay).
public final class Adam: Optimizer {
    public var learningRate: Float
    public var beta1: Float
    public var beta2: Float
    public var epsilon: Float
    public var weightDecay: Float
    public var state: [String: Tensor] = [:]
    public var stepCount = 0

    public init(
        learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999,
        epsilon: Float = 1e-8, weightDecay: Float = 0
    ) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public func update(_ parameters: [(name: String, variable: Variable)]) {
        stepCount += 1
        let t = Float(stepCount)
        let biasCorrection1 = 1 - powf(beta1, t)
        let biasCorrection2Root = (1 - powf(beta2, t)).squareRoot()
        let stepSize = learningRate / biasCorrection1
        let (beta1, beta2, epsilon) = (self.beta1, self.beta2, self.epsilon)
        for (name, parameter) in parameters {
            guard let gradient = parameter.grad else { continue }
            let g = decayedGradient(gradient, parameter: parameter.value, weightDecay: weightDecay)
            var m = state[name + ".exp_avg"] ?? Tensor(shape: g.shape)
            var v = state[name + ".exp_avg_sq"] ?? Tensor(shape: g.shape)
            m = m.zip(g) { m, g in beta1 * m + (1 - beta1) * g }
            v = v.zip(g) { v, g in beta2 * v + (1 - beta2) * g * g }
            let denominator = v.map { $0.squareRoot() / biasCorrection2Root + epsilon }
            parameter.value = parameter.value.zip(m.zip(denominator, /)) { p, r in p - stepSize * r }
            state[name + ".exp_avg"] = m
            state[name + ".exp_avg_sq"] = v
        }
    }
}
