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
        let (eta, momentum, nesterov) = (learningRate, self.momentum, self.nesterov)
        for (name, parameter) in parameters {
            guard let gradient = parameter.grad else { continue }
            let g = decayedGradient(gradient, parameter: parameter.value, weightDecay: weightDecay)
            guard momentum != 0 else {
                descend(parameter, along: g) { p, g in p - eta * g }
                continue
            }
            let key = name + ".momentum_buffer"
            // The buffer leaves the dictionary while it is updated, so its storage is not shared
            // and the loop below writes into it without a copy.
            guard var v = state.removeValue(forKey: key) else {
                // The first step starts the buffer at g, so v = g.
                state[key] = g
                descend(parameter, along: g) { p, g in
                    p - eta * (nesterov ? g + momentum * g : g)
                }
                continue
            }
            precondition(
                v.shape == g.shape,
                "SGD momentum buffer of \(name) has shape \(v.shape), its gradient \(g.shape)")
            g.scalars.withUnsafeBufferPointer { g in
                v.scalars.withUnsafeMutableBufferPointer { v in
                    parameter.value.scalars.withUnsafeMutableBufferPointer { p in
                        for i in 0..<g.count {
                            let velocity = momentum * v[i] + g[i]
                            v[i] = velocity
                            p[i] = p[i] - eta * (nesterov ? g[i] + momentum * velocity : velocity)
                        }
                    }
                }
            }
            state[key] = v
        }
    }

    /// Replaces each scalar p of the parameter with `step(p, g)` in place.
    private func descend(
        _ parameter: Variable, along gradient: Tensor, _ step: (Float, Float) -> Float
    ) {
        precondition(
            parameter.value.shape == gradient.shape,
            "Gradient \(gradient.shape) does not match parameter \(parameter.value.shape)")
        gradient.scalars.withUnsafeBufferPointer { g in
            parameter.value.scalars.withUnsafeMutableBufferPointer { p in
                for i in 0..<g.count { p[i] = step(p[i], g[i]) }
            }
        }
    }
}
