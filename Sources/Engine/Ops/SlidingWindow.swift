/// A pair of sizes along height and width: the kernel, stride or padding of a 2-D window.
///
/// An integer literal sets both sizes, so `kernelSize: 3` is a 3×3 kernel.
public struct Size2D: Equatable, Hashable, Sendable, ExpressibleByIntegerLiteral,
    CustomStringConvertible
{
    public var height: Int
    public var width: Int

    public init(height: Int, width: Int) {
        self.height = height
        self.width = width
    }

    /// Creates a square size.
    public init(_ size: Int) {
        self.init(height: size, width: size)
    }

    public init(integerLiteral value: Int) {
        self.init(value)
    }

    /// The sizes as `"3x3"`, height first.
    public var description: String { "\(height)x\(width)" }
}

/// The output-size rule of a sliding window (convolution or pooling) along one dimension.
///
/// ```
/// O = ⌊(N − F + 2Q) / s⌋ + 1
/// ```
/// N is the input size, F the kernel size, Q the zero padding on each side and s the stride.
/// The division floors, as PyTorch does (its `ceil_mode=False`): when N − F + 2Q is not a
/// multiple of s, the last input positions that no full window reaches are dropped. The rule
/// needs F ≤ N + 2Q, so a kernel larger than the padded input is rejected.
public enum SlidingWindow {
    /// Returns O = ⌊(N − F + 2Q) / s⌋ + 1 for a window that fits (F ≤ N + 2Q, s ≥ 1).
    public static func outputSize(inputSize: Int, kernelSize: Int, stride: Int, padding: Int)
        -> Int
    {
        precondition(stride >= 1, "Window stride \(stride) must be at least 1")
        let span = inputSize - kernelSize + 2 * padding
        precondition(
            span >= 0,
            "Kernel \(kernelSize) does not fit input \(inputSize) with padding \(padding)")
        // Truncating division floors here because span ≥ 0.
        return span / stride + 1
    }
}

/// The placement of a 2-D window over a batch of NCHW planes, with its output size.
///
/// One-dimensional layers use it with height 1, kernel height 1, stride 1 and no padding
/// along the height.
struct WindowGeometry {
    let batch: Int
    let channels: Int
    let height: Int
    let width: Int
    let kernel: Size2D
    let stride: Size2D
    let padding: Size2D
    let outHeight: Int
    let outWidth: Int

    init(batch: Int, channels: Int, height: Int, width: Int, kernel: Size2D, stride: Size2D,
        padding: Size2D)
    {
        precondition(
            kernel.height >= 1 && kernel.width >= 1 && padding.height >= 0 && padding.width >= 0,
            "Window kernel \(kernel) must be positive and padding \(padding) non-negative")
        self.batch = batch
        self.channels = channels
        self.height = height
        self.width = width
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        outHeight = SlidingWindow.outputSize(
            inputSize: height, kernelSize: kernel.height, stride: stride.height,
            padding: padding.height)
        outWidth = SlidingWindow.outputSize(
            inputSize: width, kernelSize: kernel.width, stride: stride.width,
            padding: padding.width)
    }

    /// Creates the geometry of a batch `[batch, channels, height, width]`.
    init(nchw shape: [Int], kernel: Size2D, stride: Size2D, padding: Size2D) {
        precondition(shape.count == 4, "Expected an NCHW batch, got shape \(shape)")
        self.init(
            batch: shape[0], channels: shape[1], height: shape[2], width: shape[3],
            kernel: kernel, stride: stride, padding: padding)
    }

    /// Creates the geometry of a batch `[batch, channels, length]`, viewed as height 1.
    init(ncl shape: [Int], kernel: Int, stride: Int, padding: Int) {
        precondition(shape.count == 3, "Expected an NCL batch, got shape \(shape)")
        self.init(
            batch: shape[0], channels: shape[1], height: 1, width: shape[2],
            kernel: Size2D(height: 1, width: kernel), stride: Size2D(height: 1, width: stride),
            padding: Size2D(height: 0, width: padding))
    }

    var inputPlane: Int { height * width }
    var outputPlane: Int { outHeight * outWidth }
    var kernelArea: Int { kernel.height * kernel.width }

    /// Returns the output columns `j` whose input column `j·sw − pw + v`, under kernel column
    /// `v`, lies inside the input. Columns outside the range read padding.
    func validOutputColumns(kernelColumn v: Int) -> Range<Int> {
        validOutputs(
            kernelOffset: v, stride: stride.width, padding: padding.width, inputSize: width,
            outputSize: outWidth)
    }

    /// Returns the output rows `i` whose input row `i·sh − ph + u`, under kernel row `u`, lies
    /// inside the input.
    func validOutputRows(kernelRow u: Int) -> Range<Int> {
        validOutputs(
            kernelOffset: u, stride: stride.height, padding: padding.height, inputSize: height,
            outputSize: outHeight)
    }

    /// Solves 0 ≤ o·s − q + k < n for the output index o, clamped to 0..<outputSize.
    private func validOutputs(
        kernelOffset k: Int, stride s: Int, padding q: Int, inputSize n: Int, outputSize: Int
    ) -> Range<Int> {
        // Lowest o with o·s ≥ q − k, a ceiling division when q − k > 0.
        let lower = q - k > 0 ? (q - k + s - 1) / s : 0
        // Highest o with o·s ≤ n − 1 + q − k, plus one; none when that bound is negative.
        let last = n - 1 + q - k
        let upper = last >= 0 ? min(outputSize, last / s + 1) : 0
        return lower < upper ? lower..<upper : 0..<0
    }
}
