/// A 1-D convolutional layer on sequences, PyTorch's `nn.Conv1d` without dilation or groups.
///
/// ```
/// y[o, i] = b[o] + Σ_c Σ_u w[o, c, u] · x[c, i·s − p + u]
/// ol = ⌊(L − k + 2·p) / s⌋ + 1
/// ```
/// The division floors, as in PyTorch. A kernel larger than the padded input is rejected when
/// the layer is added.
/// Shapes: `x [batch, inChannels, L] → y [batch, outChannels, ol]`;
/// `weight [outChannels, inChannels, k]` and `bias [outChannels]`.
///
/// - Parameters:
///   - kernelSize: k, the window length.
///   - stride: s, the step between windows.
///   - padding: p, zeros added at each end of the input.
///   - initializer: how the weights are drawn, with fanIn = inChannels·k and
///     fanOut = outChannels·k; biases start at zero.
public final class Conv1D: Layer {
    public let inChannels: Int
    public let outChannels: Int
    public let kernelSize: Int
    public let stride: Int
    public let padding: Int
    public let weight: Variable
    public let bias: Variable?
    public let initializer: Initializer

    /// Creates the layer and draws its weights. Sizes are checked when the layer is added to
    /// a model, by `outputShape(for:)`.
    public init(
        inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
        bias: Bool = true, initializer: Initializer, random: inout RandomGenerator
    ) {
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        self.initializer = initializer
        // Invalid sizes give an empty weight here and a ShapeError when the layer is added.
        let shape = [outChannels, inChannels, kernelSize].map { max(0, $0) }
        let w = initializer.sample(
            shape: shape, fanIn: inChannels * kernelSize, fanOut: outChannels * kernelSize,
            using: &random)
        self.weight = Variable(w, requiresGrad: true)
        self.bias = bias ? Variable(Tensor(shape: [max(0, outChannels)]), requiresGrad: true) : nil
    }

    public var kind: String { "Conv1D" }

    public var parameters: [(name: String, variable: Variable)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] {
        let check = WindowLayerCheck(
            layer: "conv1d \(outChannels) kernel=\(kernelSize) stride=\(stride) padding=\(padding)",
            dimensionNames: ["length"], kernel: [kernelSize], stride: [stride],
            padding: [padding], inChannels: inChannels, outChannels: outChannels,
            paddingAtMostHalfKernel: false)
        return try check.outputShape(for: inputShape)
    }

    public func forward(_ input: Variable, context: ForwardContext) -> Variable {
        conv1d(input, weight: weight, bias: bias, stride: stride, padding: padding)
    }
}
