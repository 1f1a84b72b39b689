/// Weight initialization schemes. Biases start at zero.
public enum Initializer: String, Sendable, CaseIterable {
    /// Xavier (Glorot) uniform: U(−a, a) with a = √(6 / (fanIn + fanOut)). Keeps the variance of
    /// activations steady through tanh and sigmoid layers (Glorot and Bengio, 2010).
    case xavier
    /// He (Kaiming) uniform: U(−a, a) with a = √(6 / fanIn), the variance 2 / fanIn suited to
    /// ReLU layers (He et al., 2015); PyTorch's `kaiming_uniform_` with `nonlinearity="relu"`.
    case he

    /// Returns a tensor of `shape` drawn from this scheme.
    public func sample(
        shape: [Int], fanIn: Int, fanOut: Int, using random: inout RandomGenerator
    ) -> Tensor {
        let bound: Float
        switch self {
        case .xavier: bound = (6 / Float(max(1, fanIn + fanOut))).squareRoot()
        case .he: bound = (6 / Float(max(1, fanIn))).squareRoot()
        }
        return Tensor(shape: shape) { _ in random.nextUniform(in: -bound, bound) }
    }
}
