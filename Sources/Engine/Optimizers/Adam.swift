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
            // The state leaves the dictionary while it is updated, so its storage is not shared
            // and the loop below writes into it without a copy.
            var m = state.removeValue(forKey: name + ".exp_avg") ?? Tensor(shape: g.shape)
            var v = state.removeValue(forKey: name + ".exp_avg_sq") ?? Tensor(shape: g.shape)
            precondition(
                m.shape == g.shape && v.shape == g.shape,
                "Adam state of \(name) has shape \(m.shape), its gradient \(g.shape)")
            g.scalars.withUnsafeBufferPointer { g in
                m.scalars.withUnsafeMutableBufferPointer { m in
                    v.scalars.withUnsafeMutableBufferPointer { v in
                        parameter.value.scalars.withUnsafeMutableBufferPointer { p in
                            // Locals keep each value in a register, because reading m[i] back
                            // after a store to v could alias and stop the loop vectorizing.
                            for i in 0..<g.count {
                                let gradient = g[i]
                                let mean = beta1 * m[i] + (1 - beta1) * gradient
                                let square = beta2 * v[i] + (1 - beta2) * gradient * gradient
                                let denominator = square.squareRoot() / biasCorrection2Root + epsilon
                                m[i] = mean
                                v[i] = square
                                p[i] = p[i] - stepSize * (mean / denominator)
                            }
                        }
                    }
                }
            }
            state[name + ".exp_avg"] = m
            state[name + ".exp_avg_sq"] = v
        }
    }
}
