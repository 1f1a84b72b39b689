/// A stack of layers applied in order, each checked against its input shape when it is added.
///
/// Parameters are named `"<index>.<name>"` after the layer's position, as in PyTorch's
/// `nn.Sequential`, so `0.weight` is the weight of the first layer. Activations count as layers.
public final class Sequential {
    /// The per-sample input shape, e.g. `[4]` for four features.
    public let inputShape: [Int]
    public private(set) var layers: [any Layer] = []
    /// The per-sample output shape of each layer.
    public private(set) var outputShapes: [[Int]] = []

    public init(inputShape: [Int]) {
        self.inputShape = inputShape
    }

    /// The shape the next layer receives.
    public var outputShape: [Int] { outputShapes.last ?? inputShape }

    /// Appends `layer` after checking that it accepts the current output shape.
    public func append(_ layer: any Layer) throws(ShapeError) {
        let shape = try layer.outputShape(for: outputShape)
        layers.append(layer)
        outputShapes.append(shape)
    }

    /// Removes the last layer and returns it, or returns `nil` when there is none.
    @discardableResult
    public func removeLast() -> (any Layer)? {
        guard !layers.isEmpty else { return nil }
        outputShapes.removeLast()
        return layers.removeLast()
    }

    /// Every parameter under its PyTorch name, `"<layer index>.<name>"`, in layer order.
    public var namedParameters: [(name: String, variable: Variable)] {
        layers.enumerated().flatMap { index, layer in
            layer.parameters.map { ("\(index).\($0.name)", $0.variable) }
        }
    }

    /// Every buffer (running statistics and counters, saved but not trained) under its PyTorch
    /// name, in layer order.
    public var namedBuffers: [(name: String, variable: Variable)] {
        layers.enumerated().flatMap { index, layer in
            layer.buffers.map { ("\(index).\($0.name)", $0.variable) }
        }
    }

    /// The number of trainable scalars.
    public var parameterCount: Int {
        layers.reduce(0) { $0 + $1.parameterCount }
    }

    /// Runs the layers on a batch `[batch] + inputShape` and records the graph.
    ///
    /// - Parameter layerCount: how many layers to run, from the first; all by default.
    public func forward(_ input: Tensor, context: ForwardContext, layerCount: Int? = nil)
        -> ForwardPass
    {
        precondition(
            Array(input.shape.dropFirst()) == inputShape,
            "Input batch \(input.shape) does not match the model's input \(inputShape)")
        let x = Variable(input, label: "input")
        var outputs: [Variable] = []
        var h = x
        for (index, layer) in layers.prefix(layerCount ?? layers.count).enumerated() {
            h = layer.forward(h, context: context)
            h.label = "\(index).\(layer.kind)"
            outputs.append(h)
        }
        return ForwardPass(input: x, layerOutputs: outputs)
    }

    /// Runs the layers on a batch `[batch] + inputShape` without recording a graph and returns
    /// the last layer's output, the value that `forward` computes for the same input.
    ///
    /// Prediction and evaluation need no gradients, so this path skips the variables, pullbacks
    /// and labels of a recorded pass.
    public func evaluate(_ input: Tensor, context: ForwardContext) -> Tensor {
        precondition(
            input.shape.dropFirst().elementsEqual(inputShape),
            "Input batch \(input.shape) does not match the model's input \(inputShape)")
        var h = input
        for layer in layers {
            // Handing over h lets a layer reuse its storage; the caller's input stays shared,
            // so it is never overwritten.
            h = layer.evaluate(consume h, context: context)
        }
        return h
    }
}

/// The values recorded by one forward pass.
public struct ForwardPass {
    public let input: Variable
    /// The output of each layer that ran, in order.
    public let layerOutputs: [Variable]

    /// The output of the last layer that ran, or the input when no layer ran.
    public var output: Variable { layerOutputs.last ?? input }
}
