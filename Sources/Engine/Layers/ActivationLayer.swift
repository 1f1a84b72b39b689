import Glibc

/// An elementwise activation function (softmax: over the last dimension).
public enum Activation: Equatable, Sendable {
    case relu
    case leakyReLU(slope: Float)
    case elu(alpha: Float)
    case sigmoid
    case tanh
    case softmax

    /// The name shown in summaries and used in PyTorch exports.
    public var name: String {
        switch self {
        case .relu: "ReLU"
        case .leakyReLU: "LeakyReLU"
        case .elu: "ELU"
        case .sigmoid: "Sigmoid"
        case .tanh: "Tanh"
        case .softmax: "Softmax"
        }
    }

    /// Applies the activation as a recorded op.
    public func apply(_ a: Variable) -> Variable {
        switch self {
        case .relu: Engine.relu(a)
        case .leakyReLU(let slope): Engine.leakyReLU(a, slope: slope)
        case .elu(let alpha): Engine.elu(a, alpha: alpha)
        case .sigmoid: Engine.sigmoid(a)
        case .tanh: Engine.tanh(a)
        case .softmax: Engine.softmax(a)
        }
    }

    /// Applies the activation to plain values, with the same arithmetic as `apply`.
    public func apply(_ a: Tensor) -> Tensor {
        switch self {
        case .relu: Engine.relu(a)
        case .leakyReLU(let slope): Engine.leakyReLU(a, slope: slope)
        case .elu(let alpha): Engine.elu(a, alpha: alpha)
        case .sigmoid: Engine.sigmoid(a)
        case .tanh: Engine.tanh(a)
        case .softmax: Engine.softmaxRows(a)
        }
    }

    /// Applies the activation to plain values in place, with the same arithmetic as `apply`.
    /// The scalars are copied first only when another tensor shares them; softmax always
    /// writes a new tensor.
    public func apply(inPlace a: inout Tensor) {
        switch self {
        case .relu: a.updateEach(rectified)
        case .leakyReLU(let slope): a.updateEach { leakyRectified($0, slope: slope) }
        case .elu(let alpha): a.updateEach { exponentialLinear($0, alpha: alpha) }
        case .sigmoid: a.updateEach(vectorizableSigmoid)
        case .tanh: a.updateEach { tanhf($0) }
        case .softmax: a = Engine.softmaxRows(a)
        }
    }
}

/// A layer that applies an activation function and keeps the shape.
public final class ActivationLayer: Layer {
    public let activation: Activation

    public init(_ activation: Activation) {
        self.activation = activation
    }

    public var kind: String { activation.name }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] {
        inputShape
    }

    public func forward(_ input: Variable, context: ForwardContext) -> Variable {
        activation.apply(input)
    }

    /// Overwrites `input` when the caller hands over the only reference, as
    /// `Sequential.evaluate` does between layers, so inference allocates nothing here.
    public func evaluate(_ input: consuming Tensor, context: ForwardContext) -> Tensor {
        activation.apply(inPlace: &input)
        return input
    }
}
