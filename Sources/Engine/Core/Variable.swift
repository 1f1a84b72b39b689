/// A value in the recorded computation graph, and the gradient of the loss with respect to it.
///
/// Autodiff is define-by-run reverse mode: each op computes its output at once and records a
/// new `Variable` holding its inputs and its pullback (the vector-Jacobian product that maps
/// ∂L/∂output to ∂L/∂input for each input). `backward()` visits the graph in reverse
/// topological order and adds up the contributions of every path into each input's `grad`.
///
/// Parameters are leaf variables that live across steps; everything else is rebuilt by each
/// forward pass. Variables are not shared between threads: the thread that trains owns them.
public final class Variable {
    /// A pullback: given ∂L/∂output, returns ∂L/∂input for each input, or `nil` for an input
    /// that needs no gradient.
    public typealias Pullback = (_ outputGradient: Tensor) -> [Tensor?]

    public var value: Tensor
    /// ∂L/∂value after `backward()`; `nil` until a gradient reaches this variable.
    public var grad: Tensor?
    /// The op that produced this value (`"linear"`, `"relu"`, …), or `"leaf"`.
    public let op: String
    public let inputs: [Variable]
    /// Whether gradients flow to this variable: true for parameters and for any value computed
    /// from one.
    public let requiresGrad: Bool
    /// A label for the teaching views, such as the layer (`"2.dense"`) that recorded the op.
    public var label: String?
    /// The vector-Jacobian product recorded by the op; `nil` for leaves and constants.
    public let pullback: Pullback?

    /// Creates a leaf: a parameter when `requiresGrad` is true, otherwise a constant input.
    public init(_ value: Tensor, requiresGrad: Bool = false, label: String? = nil) {
        self.value = value
        self.op = "leaf"
        self.inputs = []
        self.requiresGrad = requiresGrad
        self.label = label
        self.pullback = nil
    }

    /// Creates the output of an op. Gradients flow through it when any input needs them.
    public init(value: Tensor, op: String, inputs: [Variable], pullback: @escaping Pullback) {
        self.value = value
        self.op = op
        self.inputs = inputs
        self.requiresGrad = inputs.contains { $0.requiresGrad }
        self.pullback = requiresGrad ? pullback : nil
    }

    public var shape: [Int] { value.shape }

    /// Adds `gradient` to `grad`, so contributions from several paths are summed.
    func accumulate(_ gradient: Tensor) {
        precondition(
            gradient.shape == value.shape,
            "Gradient of shape \(gradient.shape) reached a \(op) value of shape \(value.shape)")
        if grad == nil {
            grad = gradient
        } else {
            grad!.add(gradient)
        }
    }

    /// Returns the variables this one depends on, each before every variable computed from it,
    /// ending with this one.
    public func topologicalOrder() -> [Variable] {
        var order: [Variable] = []
        var visited = Set<ObjectIdentifier>()
        // An explicit stack keeps deep graphs (long recurrences) from overflowing the call stack.
        var stack: [(variable: Variable, inputsPushed: Bool)] = [(self, false)]
        while let (variable, inputsPushed) = stack.popLast() {
            if inputsPushed {
                order.append(variable)
                continue
            }
            guard visited.insert(ObjectIdentifier(variable)).inserted else { continue }
            stack.append((variable, true))
            for input in variable.inputs.reversed() where !visited.contains(ObjectIdentifier(input)) {
                stack.append((input, false))
            }
        }
        return order
    }

    /// Computes ∂self/∂v for every variable `v` this one depends on.
    ///
    /// - Parameter seed: ∂L/∂self; by default ones, which for a scalar loss gives ∂L/∂v.
    public func backward(seed: Tensor? = nil) {
        let order = topologicalOrder()
        for variable in order where variable !== self && variable.op != "leaf" {
            variable.grad = nil
        }
        grad = seed ?? Tensor(shape: value.shape, repeating: 1)
        for variable in order.reversed() {
            guard let pullback = variable.pullback, let outputGradient = variable.grad else {
                continue
            }
            let inputGradients = pullback(outputGradient)
            for (input, gradient) in zip(variable.inputs, inputGradients) {
                if input.requiresGrad, let gradient {
                    input.accumulate(gradient)
                }
            }
        }
    }
}
