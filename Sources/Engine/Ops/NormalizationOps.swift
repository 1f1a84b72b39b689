/// Batch normalization as two fused ops, one per mode, each with a hand-written pullback.
///
/// Both ops read the input as `[batch, channels, spatial…]`: channel axis 1, any number of
/// trailing spatial axes (none for dense features). The statistics of a channel run over the
/// batch and every spatial position, so `[B, C]` uses B values per channel, `[B, C, L]` uses
/// B·L and `[B, C, H, W]` uses B·H·W, as PyTorch's `BatchNorm1d` and `BatchNorm2d` do.

/// The per-channel statistics of one batch, computed by training-mode batch normalization.
public struct BatchStatistics: Equatable, Sendable {
    /// The mean of each channel, `[channels]`.
    public var mean: Tensor
    /// The biased variance of each channel (the mean squared deviation, divided by `count`),
    /// `[channels]`. Normalization uses this one.
    public var variance: Tensor
    /// The number of values per channel: batch size times spatial positions.
    public var count: Int

    /// The unbiased variance, `variance · count / (count − 1)`, which PyTorch's `running_var`
    /// tracks. Needs `count` > 1.
    public var unbiasedVariance: Tensor {
        let correction = Float(Double(count) / Double(count - 1))
        return variance.map { $0 * correction }
    }
}

/// The sizes of an input read as `[batch, channels, spatial…]`.
struct ChannelLayout {
    let batch: Int
    let channels: Int
    /// The number of positions per sample and channel: 1 for dense features, L or H·W otherwise.
    let spatial: Int

    init(_ shape: [Int]) {
        precondition(
            shape.count >= 2, "Batch normalization needs [batch, channels, …], got \(shape)")
        batch = shape[0]
        channels = shape[1]
        spatial = shape.dropFirst(2).reduce(1, *)
    }

    /// The number of values per channel.
    var count: Int { batch * spatial }
}

/// Batch normalization in training mode: normalizes with the statistics of this batch.
///
/// ```
/// μ_c = (1/n) Σ x        σ²_c = (1/n) Σ (x − μ_c)²        (n = batch · spatial positions)
/// x̂ = (x − μ_c) / √(σ²_c + ε)        y = γ_c · x̂ + β_c
/// ∂L/∂β_c = Σ ∂L/∂y        ∂L/∂γ_c = Σ ∂L/∂y · x̂
/// ∂L/∂x = γ_c / √(σ²_c + ε) · (∂L/∂y − (1/n) Σ ∂L/∂y − x̂ · (1/n) Σ ∂L/∂y · x̂)
/// ```
/// The sums run over the batch and the spatial positions of channel c. The biased variance
/// normalizes, as in Ioffe and Szegedy (2015) and PyTorch.
///
/// Shapes: `x [batch, channels, spatial…] → y` of the same shape; `weight` (γ) and `bias` (β)
/// `[channels]`, each optional (γ = 1, β = 0 when absent).
///
/// - Parameters:
///   - epsilon: ε, added to the variance before the square root.
/// - Returns: the output and the batch statistics, from which the caller updates its running
///   statistics. Needs more than one value per channel.
public func batchNorm(
    _ x: Variable, weight: Variable?, bias: Variable?, epsilon: Float
) -> (output: Variable, statistics: BatchStatistics) {
    let layout = ChannelLayout(x.shape)
    precondition(
        layout.count > 1,
        "Batch normalization in training needs more than one value per channel, got \(x.shape)")
    checkAffineShapes(weight: weight, bias: bias, channels: layout.channels)
    let (mean, variance, inverseStd) = channelStatistics(
        x.value, layout: layout, epsilon: epsilon)
    let y = affineTransform(
        x.value, layout: layout, mean: mean, inverseStd: inverseStd, weight: weight?.value,
        bias: bias?.value)
    let statistics = BatchStatistics(mean: mean, variance: variance, count: layout.count)

    let inputs = [x] + [weight, bias].compactMap { $0 }
    let output = Variable(value: y, op: "batchnorm", inputs: inputs) { dy in
        let sums = channelGradientSums(
            dy, x: x.value, layout: layout, mean: mean, inverseStd: inverseStd)
        let dx = x.requiresGrad
            ? trainingInputGradient(
                dy, x: x.value, layout: layout, mean: mean, inverseStd: inverseStd,
                weight: weight?.value, sums: sums)
            : nil
        return [dx] + affineGradients(sums, weight: weight, bias: bias)
    }
    return (output, statistics)
}

/// Batch normalization in evaluation mode: normalizes with given (running) statistics, so
/// each channel undergoes a fixed affine map.
///
/// ```
/// y = γ_c · (x − μ_c) / √(σ²_c + ε) + β_c
/// ∂L/∂x = ∂L/∂y · γ_c / √(σ²_c + ε)
/// ∂L/∂γ_c = Σ ∂L/∂y · (x − μ_c) / √(σ²_c + ε)        ∂L/∂β_c = Σ ∂L/∂y
/// ```
/// The statistics are constants: no gradient reaches them.
///
/// Shapes: `x [batch, channels, spatial…] → y` of the same shape; `mean`, `variance`,
/// `weight` (γ) and `bias` (β) `[channels]`, the last two optional.
///
/// - Parameters:
///   - mean: μ, usually the layer's `running_mean`.
///   - variance: σ², usually the layer's `running_var`.
///   - epsilon: ε, added to the variance before the square root.
public func batchNorm(
    _ x: Variable, mean: Tensor, variance: Tensor, weight: Variable?, bias: Variable?,
    epsilon: Float
) -> Variable {
    let layout = ChannelLayout(x.shape)
    precondition(
        mean.shape == [layout.channels] && variance.shape == [layout.channels],
        "Batch normalization statistics \(mean.shape), \(variance.shape) do not match \(x.shape)")
    checkAffineShapes(weight: weight, bias: bias, channels: layout.channels)
    let inverseStd = variance.map { 1 / ($0 + epsilon).squareRoot() }
    let y = affineTransform(
        x.value, layout: layout, mean: mean, inverseStd: inverseStd, weight: weight?.value,
        bias: bias?.value)

    let inputs = [x] + [weight, bias].compactMap { $0 }
    return Variable(value: y, op: "batchnorm", inputs: inputs) { dy in
        var dx: Tensor?
        if x.requiresGrad {
            let scale = Tensor(shape: [layout.channels]) { c in
                (weight?.value.scalars[c] ?? 1) * inverseStd.scalars[c]
            }
            dx = scaleChannels(dy, layout: layout, by: scale)
        }
        let needsSums = weight?.requiresGrad == true || bias?.requiresGrad == true
        let sums = needsSums
            ? channelGradientSums(
                dy, x: x.value, layout: layout, mean: mean, inverseStd: inverseStd)
            : nil
        return [dx] + (sums.map { affineGradients($0, weight: weight, bias: bias) } ?? [])
    }
}

private func checkAffineShapes(weight: Variable?, bias: Variable?, channels: Int) {
    precondition(
        weight == nil || weight!.shape == [channels],
        "Batch normalization weight \(weight!.shape) does not match \(channels) channels")
    precondition(
        bias == nil || bias!.shape == [channels],
        "Batch normalization bias \(bias!.shape) does not match \(channels) channels")
}

// The helpers below visit the values in memory order: sample b, then channel c, then the
// spatial positions of (b, c), which are contiguous. Dense input has one position per
// (b, c), so its loops run over the channels of a sample instead, with per-channel
// coefficients in arrays. Either way the innermost loop reads contiguous memory and
// vectorizes. Sums over a contiguous run are taken in `Float` and the runs added in `Double`
// (for dense input every value is its own run).

/// Returns the mean, the biased variance and 1/√(variance + ε) of each channel in two passes
/// (the second sums squared deviations, which avoids cancellation).
private func channelStatistics(_ x: Tensor, layout: ChannelLayout, epsilon: Float)
    -> (mean: Tensor, variance: Tensor, inverseStd: Tensor)
{
    let n = Double(layout.count)
    let totals = channelSums(x, layout: layout) { value, _ in value }
    let mean = Tensor(shape: [layout.channels]) { c in Float(totals[c] / n) }
    let squares = channelSums(x, layout: layout) { value, c in
        let deviation = value - mean.scalars[c]
        return deviation * deviation
    }
    let variance = Tensor(shape: [layout.channels]) { c in Float(squares[c] / n) }
    let inverseStd = Tensor(shape: [layout.channels]) { c in
        Float(1 / (squares[c] / n + Double(epsilon)).squareRoot())
    }
    return (mean, variance, inverseStd)
}

/// Returns Σ term(x, c) over the values of each channel c.
@inline(__always)
private func channelSums(
    _ x: Tensor, layout: ChannelLayout, _ term: (_ value: Float, _ channel: Int) -> Float
) -> [Double] {
    var totals = [Double](repeating: 0, count: layout.channels)
    x.scalars.withUnsafeBufferPointer { xs in
        totals.withUnsafeMutableBufferPointer { t in
            for b in 0..<layout.batch {
                let sampleBase = b * layout.channels
                if layout.spatial == 1 {
                    let row = xs.baseAddress! + sampleBase
                    for c in 0..<layout.channels { t[c] += Double(term(row[c], c)) }
                    continue
                }
                for c in 0..<layout.channels {
                    let base = (sampleBase + c) * layout.spatial
                    var runTotal: Float = 0
                    for i in base..<(base + layout.spatial) { runTotal += term(xs[i], c) }
                    t[c] += Double(runTotal)
                }
            }
        }
    }
    return totals
}

/// Returns `x · scale_c + shift_c` for every value of channel c.
private func channelAffine(_ x: Tensor, layout: ChannelLayout, scale: [Float], shift: [Float])
    -> Tensor
{
    var y = Tensor(shape: x.shape)
    x.scalars.withUnsafeBufferPointer { xs in
        y.scalars.withUnsafeMutableBufferPointer { ys in
            scale.withUnsafeBufferPointer { k in
                shift.withUnsafeBufferPointer { t in
                    for b in 0..<layout.batch {
                        let sampleBase = b * layout.channels
                        if layout.spatial == 1 {
                            let input = xs.baseAddress! + sampleBase
                            let output = ys.baseAddress! + sampleBase
                            for c in 0..<layout.channels { output[c] = input[c] * k[c] + t[c] }
                            continue
                        }
                        for c in 0..<layout.channels {
                            let base = (sampleBase + c) * layout.spatial
                            let (kc, tc) = (k[c], t[c])
                            for i in base..<(base + layout.spatial) { ys[i] = xs[i] * kc + tc }
                        }
                    }
                }
            }
        }
    }
    return y
}

/// Returns `γ_c · (x − μ_c) · s_c + β_c`, computed as `x · α_c + (β_c − μ_c · α_c)` with
/// `α_c = γ_c · s_c`, one multiply and one add per value.
private func affineTransform(
    _ x: Tensor, layout: ChannelLayout, mean: Tensor, inverseStd: Tensor, weight: Tensor?,
    bias: Tensor?
) -> Tensor {
    let alpha = (0..<layout.channels).map { c in
        (weight?.scalars[c] ?? 1) * inverseStd.scalars[c]
    }
    let shift = (0..<layout.channels).map { c in
        (bias?.scalars[c] ?? 0) - mean.scalars[c] * alpha[c]
    }
    return channelAffine(x, layout: layout, scale: alpha, shift: shift)
}

/// Returns `dy` with every value of channel c multiplied by `scale[c]`.
private func scaleChannels(_ dy: Tensor, layout: ChannelLayout, by scale: Tensor) -> Tensor {
    channelAffine(
        dy, layout: layout, scale: scale.scalars,
        shift: [Float](repeating: 0, count: layout.channels))
}

/// Returns ∂L/∂x of training-mode batch normalization, the last line of its formula:
/// `k_c · (∂L/∂y − a_c − (x − μ_c) · q_c)` with `k_c = γ_c · s_c`, `a_c` the channel's mean
/// of ∂L/∂y and `q_c = s_c` times its mean of ∂L/∂y · x̂.
private func trainingInputGradient(
    _ dy: Tensor, x: Tensor, layout: ChannelLayout, mean: Tensor, inverseStd: Tensor,
    weight: Tensor?, sums: ChannelGradientSums
) -> Tensor {
    let n = Float(layout.count)
    let s = inverseStd.scalars
    let k = (0..<layout.channels).map { c in (weight?.scalars[c] ?? 1) * s[c] }
    let a = sums.dy.scalars.map { $0 / n }
    let q = (0..<layout.channels).map { c in s[c] * sums.dyXhat.scalars[c] / n }
    let m = mean.scalars
    var dx = Tensor(shape: x.shape)
    x.scalars.withUnsafeBufferPointer { xs in
        dy.scalars.withUnsafeBufferPointer { g in
            dx.scalars.withUnsafeMutableBufferPointer { d in
                for b in 0..<layout.batch {
                    let sampleBase = b * layout.channels
                    if layout.spatial == 1 {
                        let input = xs.baseAddress! + sampleBase
                        let upstream = g.baseAddress! + sampleBase
                        let output = d.baseAddress! + sampleBase
                        for c in 0..<layout.channels {
                            output[c] = k[c] * (upstream[c] - a[c] - (input[c] - m[c]) * q[c])
                        }
                        continue
                    }
                    for c in 0..<layout.channels {
                        let base = (sampleBase + c) * layout.spatial
                        let (kc, ac, mc, qc) = (k[c], a[c], m[c], q[c])
                        for i in base..<(base + layout.spatial) {
                            d[i] = kc * (g[i] - ac - (xs[i] - mc) * qc)
                        }
                    }
                }
            }
        }
    }
    return dx
}

/// The per-channel sums Σ ∂L/∂y and Σ ∂L/∂y · x̂ that both pullbacks need.
private struct ChannelGradientSums {
    var dy: Tensor
    var dyXhat: Tensor
}

/// Returns Σ ∂L/∂y and Σ ∂L/∂y · x̂ per channel in one pass. Because x̂ = (x − μ) · s, the
/// second sum is s · Σ ∂L/∂y · (x − μ), scaled once per channel.
private func channelGradientSums(
    _ dy: Tensor, x: Tensor, layout: ChannelLayout, mean: Tensor, inverseStd: Tensor
) -> ChannelGradientSums {
    var totalDy = [Double](repeating: 0, count: layout.channels)
    var totalDyCentered = [Double](repeating: 0, count: layout.channels)
    dy.scalars.withUnsafeBufferPointer { g in
        x.scalars.withUnsafeBufferPointer { xs in
            mean.scalars.withUnsafeBufferPointer { m in
                for b in 0..<layout.batch {
                    let sampleBase = b * layout.channels
                    if layout.spatial == 1 {
                        let upstream = g.baseAddress! + sampleBase
                        let input = xs.baseAddress! + sampleBase
                        for c in 0..<layout.channels {
                            totalDy[c] += Double(upstream[c])
                            totalDyCentered[c] += Double(upstream[c] * (input[c] - m[c]))
                        }
                        continue
                    }
                    for c in 0..<layout.channels {
                        let base = (sampleBase + c) * layout.spatial
                        let mc = m[c]
                        var runDy: Float = 0
                        var runDyCentered: Float = 0
                        for i in base..<(base + layout.spatial) {
                            runDy += g[i]
                            runDyCentered += g[i] * (xs[i] - mc)
                        }
                        totalDy[c] += Double(runDy)
                        totalDyCentered[c] += Double(runDyCentered)
                    }
                }
            }
        }
    }
    return ChannelGradientSums(
        dy: Tensor(shape: [layout.channels]) { c in Float(totalDy[c]) },
        dyXhat: Tensor(shape: [layout.channels]) { c in
            Float(totalDyCentered[c]) * inverseStd.scalars[c]
        })
}

/// Returns ∂L/∂γ and ∂L/∂β, each `nil` when that parameter is absent or needs no gradient,
/// in the order the op lists them among its inputs.
private func affineGradients(_ sums: ChannelGradientSums, weight: Variable?, bias: Variable?)
    -> [Tensor?]
{
    var gradients: [Tensor?] = []
    if let weight { gradients.append(weight.requiresGrad ? sums.dyXhat : nil) }
    if let bias { gradients.append(bias.requiresGrad ? sums.dy : nil) }
    return gradients
}
