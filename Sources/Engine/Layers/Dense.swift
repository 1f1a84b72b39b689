/// A fully connected layer.
///
/// ```
/// a = x · Wᵀ + b
/// ```
/// Shapes: `x [batch, inFeatures] → a [batch, outFeatures]`; `weight [outFeatures, inFeatures]`
/// and `bias [outFeatures]`, PyTorch's `nn.Linear` layout.
public final class Dense: Layer {
    public let inFeatures: Int
    public let outFeatures: Int
    public let weight: Variable
    public let bias: Variable?
    public let initializer: Initializer

    /// - Parameters:
    ///   - initializer: how the weights are drawn; biases start at zero.
    public init(
        inFeatures: Int, outFeatures: Int, bias: Bool = true, initializer: Initializer,
        random: inout RandomGenerator
    ) {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        self.initializer = initializer
        let w = initializer.sample(
            shape: [outFeatures, inFeatures], fanIn: inFeatures, fanOut: outFeatures,
            using: &random)
        self.weight = Variable(w, requiresGrad: true)
        self.bias = bias ? Variable(Tensor(shape: [outFeatures]), requiresGrad: true) : nil
    }

    public var kind: String { "Dense" }

    public var parameters: [(name: String, variable: Variable)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] {
        guard inputShape == [inFeatures] else {
            let fix = inputShape.count > 1
                ? "add `flatten` before it"
                : "this dense layer was built for \(inFeatures) inputs; add it again"
            throw ShapeError(
                layer: "dense \(outFeatures)", inputShape: inputShape,
                rule: "it needs a flat input of shape [\(inFeatures)]", fix: fix)
        }
        return [outFeatures]
    }

    public func forward(_ input: Variable, context: ForwardContext) -> Variable {
        linear(input, weight: weight, bias: bias)
    }

    public func evaluate(_ input: consuming Tensor, context: ForwardContext) -> Tensor {
        affine(input, weight: weight.value, bias: bias?.value)
    }
}
