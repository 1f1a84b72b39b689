/// Stochastic gradient descent with optional momentum, in PyTorch's form.
///
/// ```
/// g ← ∂L/∂θ + λθ
/// v ← μ v + g            (v starts as the first g)
/// θ ← θ − η (g + μ v)    with Nesterov momentum, else   θ ← θ − η v
/// ```
/// With μ = 0 this is plain gradient descent; on one batch holding every training sample it
/// is full-batch gradient descent.
///
/// - Parameters:
///   - learningRate: η, the step size.
///   - momentum: μ in [0, 1); 0 turns momentum off.
///   - nesterov: evaluate the momentum step ahead (Sutskever et al., 2013).
///   - weightDecay: λ, the L2 penalty coefficient, applied to every parameter including biases.
public final class SGD: Optimizer {
    public var learningRate: Float
    public var momentum: Float
    public var nesterov: Bool
    public var weightDecay: Float
    public var state: [String: Tensor] = [:]
    public var stepCount = 0

    public init(learningRate: Float, momentum: Float = 0, nesterov: Bool = false, weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
    }

    public func update(_ parameters: [(name: String, variable: Variable)]) {
        stepCount += 1
        for (name, parameter) in parameters {
            guard let gradient = parameter.grad else { continue }
            var g = decayedGradient(gradient, parameter: parameter.value, weightDecay: weightDecay)
            if momentum != 0 {
                let key = name + ".momentum_buffer"
                var v = state[key] ?? g
                if state[key] != nil {
                    v = v.zip(g) { [momentum] v, g in momentum * v + g }
                }
                state[key] = v
                g = nesterov ? g.zip(v) { [momentum] g, v in g + momentum * v } : v
            }
            let eta = learningRate
            parameter.value = parameter.value.zip(g) { p, g in p - eta * g }
        }
    }
}
