/// A building block of a sequential model.
///
/// Shapes here are per sample: the batch dimension is left out, so a dense layer on 4 features
/// has input shape `[4]` and its forward pass receives `[batch, 4]`.
public protocol Layer: AnyObject {
    /// The layer's type as shown in summaries, e.g. `"Dense"`.
    var kind: String { get }

    /// The trainable parameters, under PyTorch's names (`"weight"`, `"bias"`).
    var parameters: [(name: String, variable: Variable)] { get }

    /// State that the forward pass updates but no optimizer trains, under PyTorch's buffer
    /// names (`"running_mean"`). Buffers are saved with the parameters; most layers have none.
    var buffers: [(name: String, variable: Variable)] { get }

    /// Returns the per-sample output shape for a per-sample input shape, or throws a
    /// `ShapeError` that gives both shapes, the rule and the fix.
    func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int]

    /// Computes the layer's output for a batch, recording the ops for autodiff.
    func forward(_ input: Variable, context: ForwardContext) -> Variable

    /// Computes the layer's output for a batch without recording a graph. The result equals
    /// the value of `forward(_:context:)`, which the default implementation runs. The input is
    /// consumed, so a layer may write its output into the input's storage when nothing else
    /// shares it.
    func evaluate(_ input: consuming Tensor, context: ForwardContext) -> Tensor
}

extension Layer {
    public var parameters: [(name: String, variable: Variable)] { [] }

    public var buffers: [(name: String, variable: Variable)] { [] }

    public func evaluate(_ input: consuming Tensor, context: ForwardContext) -> Tensor {
        forward(Variable(input), context: context).value
    }

    /// The number of trainable scalars.
    public var parameterCount: Int {
        parameters.reduce(0) { $0 + $1.variable.value.count }
    }
}

/// What a forward pass needs beyond its input: the mode and the session's random generator.
public final class ForwardContext {
    /// True while training; false in evaluation, where dropout is off and batch normalization
    /// uses its running statistics.
    public var isTraining: Bool
    public var random: RandomGenerator

    public init(isTraining: Bool, random: RandomGenerator = RandomGenerator(seed: 0)) {
        self.isTraining = isTraining
        self.random = random
    }
}

/// A layer that does not fit the shape it would receive.
public struct ShapeError: Error, Equatable, CustomStringConvertible, Sendable {
    public var layer: String
    public var inputShape: [Int]
    /// What the layer requires, e.g. "a flat input of shape [features]".
    public var rule: String
    /// What the user can do about it, e.g. "add `flatten` before this layer".
    public var fix: String

    public init(layer: String, inputShape: [Int], rule: String, fix: String) {
        self.layer = layer
        self.inputShape = inputShape
        self.rule = rule
        self.fix = fix
    }

    public var description: String {
        "\(layer) cannot take input of shape \(formatShape(inputShape)): \(rule); \(fix)"
    }
}

/// Formats a per-sample shape the way summaries show it, with the batch dimension as `N`.
public func formatShape(_ shape: [Int], batch: Bool = false) -> String {
    let dimensions = (batch ? ["N"] : []) + shape.map(String.init)
    return "[" + dimensions.joined(separator: ", ") + "]"
}
