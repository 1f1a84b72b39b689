/// Max and average pooling as ops, per channel over NCHW or NCL batches. Each op's pullback
/// sits right after its forward code. Windows follow the convolution's rule
/// O = ⌊(N − F + 2Q) / s⌋ + 1, and the padding must be at most half the kernel, as in
/// PyTorch, so every window covers at least one input value.

/// 2-D max pooling.
///
/// ```
/// y[n, c, i, j] = max over u < kh, v < kw of x[n, c, i·sh − ph + u, j·sw − pw + v]
/// ∂L/∂x[n, c, r, s] = Σ of ∂L/∂y[n, c, i, j] over the windows whose maximum is at (r, s)
/// ```
/// Padded positions count as −∞, so they are never the maximum. On ties the gradient goes
/// to the first maximal element in row-major window order, as PyTorch's CPU kernel does. A
/// window with a NaN outputs NaN and sends its gradient to its last NaN, also as PyTorch does.
/// Shapes: `x [batch, channels, H, W]` → `y [batch, channels, oh, ow]`.
///
/// - Parameters:
///   - kernel: (kh, kw), the window size.
///   - stride: (sh, sw), the step between windows; by default the kernel size, as in PyTorch.
///   - padding: (ph, pw), at most half the kernel along each dimension.
public func maxPool2d(_ x: Variable, kernel: Size2D, stride: Size2D? = nil, padding: Size2D = 0)
    -> Variable
{
    let geometry = WindowGeometry(
        nchw: x.shape, kernel: kernel, stride: stride ?? kernel, padding: padding)
    return maxPool("maxpool2d", x, geometry: geometry, outputShape: nchwOutputShape(geometry))
}

/// 1-D max pooling, computed as `maxPool2d` on a height of 1.
///
/// ```
/// y[n, c, i] = max over u < k of x[n, c, i·s − p + u]
/// ```
/// Padding, ties and NaN are handled as in `maxPool2d`.
/// Shapes: `x [batch, channels, L]` → `y [batch, channels, ol]`.
///
/// - Parameters:
///   - kernel: k, the window size.
///   - stride: s, the step between windows; by default the kernel size, as in PyTorch.
///   - padding: p, at most half the kernel.
public func maxPool1d(_ x: Variable, kernel: Int, stride: Int? = nil, padding: Int = 0)
    -> Variable
{
    let geometry = WindowGeometry(
        ncl: x.shape, kernel: kernel, stride: stride ?? kernel, padding: padding)
    return maxPool("maxpool1d", x, geometry: geometry, outputShape: nclOutputShape(geometry))
}

/// 2-D average pooling.
///
/// ```
/// y[n, c, i, j] = (1/d) Σ_u Σ_v x[n, c, i·sh − ph + u, j·sw − pw + v]
/// ∂L/∂x[n, c, r, s] = Σ of ∂L/∂y[n, c, i, j] / d over the windows that contain (r, s)
/// ```
/// Padded positions are zeros. The divisor d is kh·kw when `countIncludePadding` is true,
/// PyTorch's default `count_include_pad=True`, and otherwise the number of window positions
/// inside the input.
/// Shapes: `x [batch, channels, H, W]` → `y [batch, channels, oh, ow]`.
///
/// - Parameters:
///   - kernel: (kh, kw), the window size.
///   - stride: (sh, sw), the step between windows; by default the kernel size, as in PyTorch.
///   - padding: (ph, pw), at most half the kernel along each dimension.
///   - countIncludePadding: whether padded positions count in the divisor.
public func avgPool2d(
    _ x: Variable, kernel: Size2D, stride: Size2D? = nil, padding: Size2D = 0,
    countIncludePadding: Bool = true
) -> Variable {
    let geometry = WindowGeometry(
        nchw: x.shape, kernel: kernel, stride: stride ?? kernel, padding: padding)
    return avgPool(
        "avgpool2d", x, geometry: geometry, outputShape: nchwOutputShape(geometry),
        countIncludePadding: countIncludePadding)
}

/// 1-D average pooling, computed as `avgPool2d` on a height of 1.
///
/// ```
/// y[n, c, i] = (1/d) Σ_u x[n, c, i·s − p + u]
/// ```
/// The divisor d is k when `countIncludePadding` is true (PyTorch's default), and otherwise
/// the number of window positions inside the input.
/// Shapes: `x [batch, channels, L]` → `y [batch, channels, ol]`.
///
/// - Parameters:
///   - kernel: k, the window size.
///   - stride: s, the step between windows; by default the kernel size, as in PyTorch.
///   - padding: p, at most half the kernel.
///   - countIncludePadding: whether padded positions count in the divisor.
public func avgPool1d(
    _ x: Variable, kernel: Int, stride: Int? = nil, padding: Int = 0,
    countIncludePadding: Bool = true
) -> Variable {
    let geometry = WindowGeometry(
        ncl: x.shape, kernel: kernel, stride: stride ?? kernel, padding: padding)
    return avgPool(
        "avgpool1d", x, geometry: geometry, outputShape: nclOutputShape(geometry),
        countIncludePadding: countIncludePadding)
}

private func nchwOutputShape(_ g: WindowGeometry) -> [Int] {
    [g.batch, g.channels, g.outHeight, g.outWidth]
}

private func nclOutputShape(_ g: WindowGeometry) -> [Int] {
    [g.batch, g.channels, g.outWidth]
}

/// Stops on padding above half the kernel, which layers reject earlier with a `ShapeError`.
func checkPoolingPadding(_ g: WindowGeometry) {
    precondition(
        g.padding.height <= g.kernel.height / 2 && g.padding.width <= g.kernel.width / 2,
        "Pooling padding \(g.padding) must be at most half the kernel \(g.kernel)")
}

/// Returns the input rows (or columns) under window `o`, `o·s − q ..< o·s − q + k`, clipped to
/// the input `0..<n`.
@inline(__always)
func windowRange(_ o: Int, kernel k: Int, stride s: Int, padding q: Int, size n: Int)
    -> Range<Int>
{
    let start = o * s - q
    return max(0, start)..<min(n, start + k)
}
