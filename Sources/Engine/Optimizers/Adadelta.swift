/// Adadelta (Zeiler, 2012) in PyTorch's form, with a learning rate that scales the step.
///
/// ```
/// g ← ∂L/∂θ + λθ
/// v ← ρ v + (1 − ρ) g²
/// Δ ← √(u + ε) / √(v + ε) · g
/// u ← ρ u + (1 − ρ) Δ²
/// θ ← θ − η Δ
/// ```
/// v (the running mean of squared gradients) and u (the running mean of squared updates) start
/// at zero and are stored as `"<parameter>.square_avg"` and `"<parameter>.acc_delta"`,
/// PyTorch's state names. Zeiler's original has no η; η = 1 reproduces it.
///
/// - Parameters:
///   - learningRate: η, which scales each update.
///   - rho: ρ in [0, 1], the decay of both running means.
///   - epsilon: ε, added inside both square roots.
///   - weightDecay: λ, an L2 penalty added to the gradient, applied to every parameter
///     including biases.
public final class Adadelta: Optimizer {
    public var learningRate: Float
    public var rho: Float
    public var epsilon: Float
    public var weightDecay: Float
    public var state: [String: Tensor] = [:]
    public var stepCount = 0

    public init(
        learningRate: Float = 1.0, rho: Float = 0.9, epsilon: Float = 1e-6, weightDecay: Float = 0
    ) {
        self.learningRate = learningRate
        self.rho = rho
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public func update(_ parameters: [(name: String, variable: Variable)]) {
        stepCount += 1
        let (eta, rho, epsilon) = (learningRate, self.rho, self.epsilon)
        for (name, parameter) in parameters {
            guard let gradient = parameter.grad else { continue }
            let g = decayedGradient(gradient, parameter: parameter.value, weightDecay: weightDecay)
            var squareAverage = state[name + ".square_avg"] ?? Tensor(shape: g.shape)
            var accumulatedDelta = state[name + ".acc_delta"] ?? Tensor(shape: g.shape)
            g.scalars.withUnsafeBufferPointer { g in
                squareAverage.scalars.withUnsafeMutableBufferPointer { v in
                    accumulatedDelta.scalars.withUnsafeMutableBufferPointer { u in
                        parameter.value.scalars.withUnsafeMutableBufferPointer { theta in
                            for i in 0..<theta.count {
                                v[i] = v[i] * rho + (1 - rho) * g[i] * g[i]
                                let std = (v[i] + epsilon).squareRoot()
                                let delta = (u[i] + epsilon).squareRoot() / std * g[i]
                                u[i] = u[i] * rho + (1 - rho) * delta * delta
                                theta[i] -= eta * delta
                            }
                        }
                    }
                }
            }
            state[name + ".square_avg"] = squareAverage
            state[name + ".acc_delta"] = accumulatedDelta
        }
    }
}
