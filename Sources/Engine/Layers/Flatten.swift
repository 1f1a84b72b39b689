/// A layer that flattens each sample into a vector, PyTorch's `nn.Flatten()`.
///
/// ```
/// y[n, (c·H + h)·W + w] = x[n, c, h, w]
/// ```
/// The order is row-major, so a flattened image can feed a dense layer exported to PyTorch.
/// Shapes: `x [batch, d₁, …, d_k] → y [batch, d₁·…·d_k]` for any per-sample rank. A
/// per-sample scalar becomes `[1]`.
public final class Flatten: Layer {
    public init() {}

    public var kind: String { "Flatten" }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] {
        [Tensor.count(of: inputShape)]
    }

    public func forward(_ input: Variable, context: ForwardContext) -> Variable {
        let batch = input.shape.first ?? 1
        return reshape(input, [batch, Tensor.count(of: Array(input.shape.dropFirst()))])
    }
}
