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

/// Returns the mean, the biased variance and 1/√(variance + ε) of each channel in two passes
/// (the second sums squared deviations, which avoids cancellation). Each contiguous run of
/// values is summed in `Float` and the runs in `Double`.
private func channelStatistics(_ x: Tensor, layout: ChannelLayout, epsilon: Float)
    -> (mean: Tensor, variance: Tensor, inverseStd: Tensor)
{
    var mean = Tensor(shape: [layout.channels])
    var variance = Tensor(shape: [layout.channels])
    var inverseStd = Tensor(shape: [layout.channels])
    let n = Double(layout.count)
    x.scalars.withUnsafeBufferPointer { xs in
        for c in 0..<layout.channels {
            var total = 0.0
            for b in 0..<layout.batch {
                let base = (b * layout.channels + c) * layout.spatial
                var rowTotal: Float = 0
                for i in base..<(base + layout.spatial) { rowTotal += xs[i] }
                total += Double(rowTotal)
            }
            let m = total / n
            let meanValue = Float(m)
            var squares = 0.0
            for b in 0..<layout.batch {
                let base = (b * layout.channels + c) * layout.spatial
                var rowSquares: Float = 0
                for i in base..<(base + layout.spatial) {
                    let deviation = xs[i] - meanValue
                    rowSquares += deviation * deviation
                }
                squares += Double(rowSquares)
            }
            mean.scalars[c] = meanValue
            variance.scalars[c] = Float(squares / n)
            inverseStd.scalars[c] = Float(1 / (squares / n + Double(epsilon)).squareRoot())
        }
    }
    return (mean, variance, inverseStd)
}

/// Returns ∂L/∂x of training-mode batch normalization, the last line of its formula.
private func trainingInputGradient(
    _ dy: Tensor, x: Tensor, layout: ChannelLayout, mean: Tensor, inverseStd: Tensor,
    weight: Tensor?, sums: ChannelGradientSums
) -> Tensor {
    var dx = Tensor(shape: x.shape)
    let n = Float(layout.count)
    x.scalars.withUnsafeBufferPointer { xs in
        dy.scalars.withUnsafeBufferPointer { g in
            dx.scalars.withUnsafeMutableBufferPointer { d in
                for c in 0..<layout.channels {
                    let m = mean.scalars[c]
                    let s = inverseStd.scalars[c]
                    let k = (weight?.scalars[c] ?? 1) * s
                    let meanDy = sums.dy.scalars[c] / n
                    let meanDyXhat = sums.dyXhat.scalars[c] / n
                    for b in 0..<layout.batch {
                        let base = (b * layout.channels + c) * layout.spatial
                        for i in base..<(base + layout.spatial) {
                            let xhat = (xs[i] - m) * s
                            d[i] = k * (g[i] - meanDy - xhat * meanDyXhat)
                        }
                    }
                }
            }
        }
    }
    return dx
}

/// Returns `γ_c · (x − μ_c) · s_c + β_c`, computed as `x · α_c + (β_c − μ_c · α_c)` with
/// `α_c = γ_c · s_c`, one multiply and one add per value.
private func affineTransform(
    _ x: Tensor, layout: ChannelLayout, mean: Tensor, inverseStd: Tensor, weight: Tensor?,
    bias: Tensor?
) -> Tensor {
    var y = Tensor(shape: x.shape)
    x.scalars.withUnsafeBufferPointer { xs in
        y.scalars.withUnsafeMutableBufferPointer { ys in
            for c in 0..<layout.channels {
                let alpha = (weight?.scalars[c] ?? 1) * inverseStd.scalars[c]
                let shift = (bias?.scalars[c] ?? 0) - mean.scalars[c] * alpha
                for b in 0..<layout.batch {
                    let base = (b * layout.channels + c) * layout.spatial
                    for i in base..<(base + layout.spatial) { ys[i] = xs[i] * alpha + shift }
                }
            }
        }
    }
    return y
}

/// Returns `dy` with every value of channel c multiplied by `scale[c]`.
private func scaleChannels(_ dy: Tensor, layout: ChannelLayout, by scale: Tensor) -> Tensor {
    var result = Tensor(shape: dy.shape)
    dy.scalars.withUnsafeBufferPointer { g in
        result.scalars.withUnsafeMutableBufferPointer { d in
            for c in 0..<layout.channels {
                let k = scale.scalars[c]
                for b in 0..<layout.batch {
                    let base = (b * layout.channels + c) * layout.spatial
                    for i in base..<(base + layout.spatial) { d[i] = g[i] * k }
                }
            }
        }
    }
    return result
}

/// The per-channel sums Σ ∂L/∂y and Σ ∂L/∂y · x̂ that both pullbacks need.
private struct ChannelGradientSums {
    var dy: Tensor
    var dyXhat: Tensor
}

private func channelGradientSums(
    _ dy: Tensor, x: Tensor, layout: ChannelLayout, mean: Tensor, inverseStd: Tensor
) -> ChannelGradientSums {
    var sums = ChannelGradientSums(
        dy: Tensor(shape: [layout.channels]), dyXhat: Tensor(shape: [layout.channels]))
    x.scalars.withUnsafeBufferPointer { xs in
        dy.scalars.withUnsafeBufferPointer { g in
            for c in 0..<layout.channels {
                let m = mean.scalars[c]
                var totalDy = 0.0
                var totalDyCentered = 0.0
                for b in 0..<layout.batch {
                    let base = (b * layout.channels + c) * layout.spatial
                    var rowDy: Float = 0
                    var rowDyCentered: Float = 0
                    for i in base..<(base + layout.spatial) {
                        rowDy += g[i]
                        rowDyCentered += g[i] * (xs[i] - m)
                    }
                    totalDy += Double(rowDy)
                    totalDyCentered += Double(rowDyCentered)
                }
                sums.dy.scalars[c] = Float(totalDy)
                sums.dyXhat.scalars[c] = Float(totalDyCentered) * inverseStd.scalars[c]
            }
        }
    }
    return sums
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
