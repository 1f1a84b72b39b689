/// A 2-D convolutional layer on images, PyTorch's `nn.Conv2d` without dilation or groups.
///
/// ```
/// y[o, i, j] = b[o] + Σ_c Σ_u Σ_v w[o, c, u, v] · x[c, i·sh − ph + u, j·sw − pw + v]
/// oh = ⌊(H − kh + 2·ph) / sh⌋ + 1        ow = ⌊(W − kw + 2·pw) / sw⌋ + 1
/// ```
/// The division floors, as in PyTorch. A kernel larger than the padded input is rejected when
/// the layer is added.
/// Shapes: `x [batch, inChannels, H, W] → y [batch, outChannels, oh, ow]`;
/// `weight [outChannels, inChannels, kh, kw]` and `bias [outChannels]`.
///
/// - Parameters:
///   - kernelSize: (kh, kw); an integer gives a square kernel.
///   - stride: (sh, sw), the step between windows.
///   - padding: (ph, pw), zeros added on each side of the input.
///   - initializer: how the weights are drawn, with fanIn = inChannels·kh·kw and
///     fanOut = outChannels·kh·kw; biases start at zero.
public final class Conv2D: Layer {
    public let inChannels: Int
    public let outChannels: Int
    public let kernelSize: Size2D
    public let stride: Size2D
    public let padding: Size2D
    public let weight: Variable
    public let bias: Variable?
    public let initializer: Initializer

    /// Creates the layer and draws its weights. Sizes are checked when the layer is added to
    /// a model, by `outputShape(for:)`.
    public init(
        inChannels: Int, outChannels: Int, kernelSize: Size2D, stride: Size2D = 1,
        padding: Size2D = 0, bias: Bool = true, initializer: Initializer,
        random: inout RandomGenerator
    ) {
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        self.initializer = initializer
        let area = kernelSize.height * kernelSize.width
        // Invalid sizes give an empty weight here and a ShapeError when the layer is added.
        let shape = [outChannels, inChannels, kernelSize.height, kernelSize.width]
            .map { max(0, $0) }
        let w = initializer.sample(
            shape: shape, fanIn: inChannels * area, fanOut: outChannels * area, using: &random)
        self.weight = Variable(w, requiresGrad: true)
        self.bias = bias ? Variable(Tensor(shape: [max(0, outChannels)]), requiresGrad: true) : nil
    }

    public var kind: String { "Conv2D" }

    public var parameters: [(name: String, variable: Variable)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] {
        let check = WindowLayerCheck(
            layer: "conv2d \(outChannels) kernel=\(kernelSize) stride=\(stride) padding=\(padding)",
            dimensionNames: ["height", "width"],
            kernel: [kernelSize.height, kernelSize.width], stride: [stride.height, stride.width],
            padding: [padding.height, padding.width], inChannels: inChannels,
            outChannels: outChannels, paddingAtMostHalfKernel: false)
        return try check.outputShape(for: inputShape)
    }

    public func forward(_ input: Variable, context: ForwardContext) -> Variable {
        conv2d(input, weight: weight, bias: bias, stride: stride, padding: padding)
    }
}
