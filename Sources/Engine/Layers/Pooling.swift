/// Pooling layers: max and average pooling over images (2-D) and sequences (1-D), PyTorch's
/// `nn.MaxPool2d`, `nn.AvgPool2d`, `nn.MaxPool1d` and `nn.AvgPool1d` with `ceil_mode=False`
/// and no dilation. They have no parameters and keep the number of channels.
///
/// Output sizes follow O = ⌊(N − F + 2Q) / s⌋ + 1. The stride defaults to the kernel size and
/// the padding must be at most half the kernel, both as in PyTorch. The ops `maxPool2d` and
/// `avgPool2d` document the tie and padding rules.

/// 2-D max pooling: each output is the maximum of its kh×kw window.
///
/// ```
/// y[c, i, j] = max over u < kh, v < kw of x[c, i·sh − ph + u, j·sw − pw + v]
/// ```
/// Padded positions count as −∞. On ties the gradient goes to the first maximal element in
/// row-major window order, as in PyTorch.
/// Shapes: `x [batch, channels, H, W] → y [batch, channels, oh, ow]`.
///
/// - Parameters:
///   - kernelSize: (kh, kw); an integer gives a square window.
///   - stride: (sh, sw); `nil` means the kernel size.
///   - padding: (ph, pw), at most half the kernel.
public final class MaxPool2D: Layer {
    public let kernelSize: Size2D
    public let stride: Size2D
    public let padding: Size2D

    public init(kernelSize: Size2D, stride: Size2D? = nil, padding: Size2D = 0) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
    }

    public var kind: String { "MaxPool2D" }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] {
        try pooling2DCheck("maxpool2d", kernelSize, stride, padding).outputShape(for: inputShape)
    }

    public func forward(_ input: Variable, context: ForwardContext) -> Variable {
        maxPool2d(input, kernel: kernelSize, stride: stride, padding: padding)
    }
}

/// 2-D average pooling: each output is the mean of its kh×kw window.
///
/// ```
/// y[c, i, j] = (1/d) Σ_u Σ_v x[c, i·sh − ph + u, j·sw − pw + v]
/// ```
/// Padded positions are zeros. The divisor d is kh·kw by default (PyTorch's
/// `count_include_pad=True`), or the number of window positions inside the input.
/// Shapes: `x [batch, channels, H, W] → y [batch, channels, oh, ow]`.
///
/// - Parameters:
///   - kernelSize: (kh, kw); an integer gives a square window.
///   - stride: (sh, sw); `nil` means the kernel size.
///   - padding: (ph, pw), at most half the kernel.
///   - countIncludePadding: whether padded positions count in the divisor.
public final class AvgPool2D: Layer {
    public let kernelSize: Size2D
    public let stride: Size2D
    public let padding: Size2D
    public let countIncludePadding: Bool

    public init(
        kernelSize: Size2D, stride: Size2D? = nil, padding: Size2D = 0,
        countIncludePadding: Bool = true
    ) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        self.countIncludePadding = countIncludePadding
    }

    public var kind: String { "AvgPool2D" }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] {
        try pooling2DCheck("avgpool2d", kernelSize, stride, padding).outputShape(for: inputShape)
    }

    public func forward(_ input: Variable, context: ForwardContext) -> Variable {
        avgPool2d(
            input, kernel: kernelSize, stride: stride, padding: padding,
            countIncludePadding: countIncludePadding)
    }
}

/// 1-D max pooling: each output is the maximum of its window of k positions.
///
/// ```
/// y[c, i] = max over u < k of x[c, i·s − p + u]
/// ```
/// Padding and ties are handled as in `MaxPool2D`.
/// Shapes: `x [batch, channels, L] → y [batch, channels, ol]`.
///
/// - Parameters:
///   - kernelSize: k, the window length.
///   - stride: s; `nil` means the kernel size.
///   - padding: p, at most half the kernel.
public final class MaxPool1D: Layer {
    public let kernelSize: Int
    public let stride: Int
    public let padding: Int

    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
    }

    public var kind: String { "MaxPool1D" }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] {
        try pooling1DCheck("maxpool1d", kernelSize, stride, padding).outputShape(for: inputShape)
    }

    public func forward(_ input: Variable, context: ForwardContext) -> Variable {
        maxPool1d(input, kernel: kernelSize, stride: stride, padding: padding)
    }
}

/// 1-D average pooling: each output is the mean of its window of k positions.
///
/// ```
/// y[c, i] = (1/d) Σ_u x[c, i·s − p + u]
/// ```
/// The divisor d is k by default (PyTorch's `count_include_pad=True`), or the number of
/// window positions inside the input.
/// Shapes: `x [batch, channels, L] → y [batch, channels, ol]`.
///
/// - Parameters:
///   - kernelSize: k, the window length.
///   - stride: s; `nil` means the kernel size.
///   - padding: p, at most half the kernel.
///   - countIncludePadding: whether padded positions count in the divisor.
public final class AvgPool1D: Layer {
    public let kernelSize: Int
    public let stride: Int
    public let padding: Int
    public let countIncludePadding: Bool

    public init(
        kernelSize: Int, stride: Int? = nil, padding: Int = 0, countIncludePadding: Bool = true
    ) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        self.countIncludePadding = countIncludePadding
    }

    public var kind: String { "AvgPool1D" }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] {
        try pooling1DCheck("avgpool1d", kernelSize, stride, padding).outputShape(for: inputShape)
    }

    public func forward(_ input: Variable, context: ForwardContext) -> Variable {
        avgPool1d(
            input, kernel: kernelSize, stride: stride, padding: padding,
            countIncludePadding: countIncludePadding)
    }
}

private func pooling2DCheck(_ name: String, _ kernel: Size2D, _ stride: Size2D, _ padding: Size2D)
    -> WindowLayerCheck
{
    WindowLayerCheck(
        layer: "\(name) kernel=\(kernel) stride=\(stride) padding=\(padding)",
        dimensionNames: ["height", "width"], kernel: [kernel.height, kernel.width],
        stride: [stride.height, stride.width], padding: [padding.height, padding.width],
        inChannels: nil, outChannels: nil, paddingAtMostHalfKernel: true)
}

private func pooling1DCheck(_ name: String, _ kernel: Int, _ stride: Int, _ padding: Int)
    -> WindowLayerCheck
{
    WindowLayerCheck(
        layer: "\(name) kernel=\(kernel) stride=\(stride) padding=\(padding)",
        dimensionNames: ["length"], kernel: [kernel], stride: [stride], padding: [padding],
        inChannels: nil, outChannels: nil, paddingAtMostHalfKernel: true)
}
