/// Adagrad (Duchi et al., 2011) in PyTorch's form, with ε added after the square root.
///
/// ```
/// g ← ∂L/∂θ + λθ
/// s ← s + g²
/// θ ← θ − (η / (1 + (t − 1) · δ)) · g / (√s + ε)
/// ```
/// t counts the updates, starting at 1. The state `s` is stored as `"<parameter>.sum"`,
/// PyTorch's state name, and starts at `initialAccumulatorValue`.
///
/// - Parameters:
///   - learningRate: η, the step size.
///   - learningRateDecay: δ, which shrinks the step size as 1 / (1 + (t − 1) · δ).
///   - weightDecay: λ, an L2 penalty added to the gradient, applied to every parameter
///     including biases.
///   - initialAccumulatorValue: the starting value of every entry of `s`.
///   - epsilon: ε, added to the denominator after the square root.
public final class Adagrad: Optimizer {
    public var learningRate: Float
    public var learningRateDecay: Float
    public var weightDecay: Float
    public var initialAccumulatorValue: Float
    public var epsilon: Float
    public var state: [String: Tensor] = [:]
    public var stepCount = 0

    public init(
        learningRate: Float = 0.01, learningRateDecay: Float = 0, weightDecay: Float = 0,
        initialAccumulatorValue: Float = 0, epsilon: Float = 1e-10
    ) {
        self.learningRate = learningRate
        self.learningRateDecay = learningRateDecay
        self.weightDecay = weightDecay
        self.initialAccumulatorValue = initialAccumulatorValue
        self.epsilon = epsilon
    }

    public func update(_ parameters: [(name: String, variable: Variable)]) {
        stepCount += 1
        let stepSize = learningRate / (1 + Float(stepCount - 1) * learningRateDecay)
        let epsilon = self.epsilon
        for (name, parameter) in parameters {
            guard let gradient = parameter.grad else { continue }
            let g = decayedGradient(gradient, parameter: parameter.value, weightDecay: weightDecay)
            let key = name + ".sum"
            var sum = state[key] ?? Tensor(shape: g.shape, repeating: initialAccumulatorValue)
            g.scalars.withUnsafeBufferPointer { g in
                sum.scalars.withUnsafeMutableBufferPointer { s in
                    parameter.value.scalars.withUnsafeMutableBufferPointer { theta in
                        for i in 0..<theta.count {
                            s[i] += g[i] * g[i]
                            theta[i] -= stepSize * (g[i] / (s[i].squareRoot() + epsilon))
                        }
                    }
                }
            }
            state[key] = sum
        }
    }
}
