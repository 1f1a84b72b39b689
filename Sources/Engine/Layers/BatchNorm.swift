/// Batch normalization (Ioffe and Szegedy, 2015) with PyTorch's conventions, as
/// `nn.BatchNorm1d` and `nn.BatchNorm2d`.
///
/// ```
/// training:    y = γ · (x − μ_B) / √(σ²_B + ε) + β        μ_B, σ²_B: this batch, biased σ²_B
///              running_mean ← (1 − m) · running_mean + m · μ_B
///              running_var  ← (1 − m) · running_var  + m · σ²_B · n / (n − 1)
///              num_batches_tracked ← num_batches_tracked + 1
/// evaluation:  y = γ · (x − running_mean) / √(running_var + ε) + β
/// ```
/// Statistics are per channel (feature) over the n = batch · spatial values of that channel.
/// The running variance tracks the unbiased batch variance while normalization uses the biased
/// one, as in PyTorch. With `momentum` nil, m = 1 / num_batches_tracked, so the running
/// statistics are the plain average over every batch seen.
///
/// Shapes (per sample, as `outputShape(for:)` takes them):
/// `BatchNorm1d`: `[features]` (a batch `[B, F]`) or `[channels, length]` (`[B, C, L]`);
/// `BatchNorm2d`: `[channels, height, width]` (`[B, C, H, W]`). The output has the input's
/// shape. `weight` (γ, ones), `bias` (β, zeros), `running_mean` (zeros) and `running_var`
/// (ones) are `[features]`, and `num_batches_tracked` is a scalar count.
///
/// - Parameters:
///   - features: C, the number of features or channels, PyTorch's `num_features`.
///   - variant: `.batchNorm1d` or `.batchNorm2d`, which fixes the input ranks accepted.
///   - momentum: m in (0, 1], the weight of each new batch in the running statistics; nil for
///     a cumulative average.
///   - epsilon: ε, added to the variance before the square root.
///   - affine: whether the layer has the trainable γ and β.
public final class BatchNorm: Layer {
    /// The PyTorch class a layer corresponds to, which fixes the input ranks it accepts.
    public enum Variant: String, Sendable, CaseIterable {
        /// Per-sample input `[features]` or `[channels, length]`.
        case batchNorm1d = "BatchNorm1d"
        /// Per-sample input `[channels, height, width]`.
        case batchNorm2d = "BatchNorm2d"

        /// The per-sample ranks this variant accepts.
        public var acceptedRanks: [Int] {
            switch self {
            case .batchNorm1d: [1, 2]
            case .batchNorm2d: [3]
            }
        }
    }

    public let features: Int
    public let variant: Variant
    public let momentum: Float?
    public let epsilon: Float
    /// γ, the per-feature scale, or nil when the layer is not affine.
    public let weight: Variable?
    /// β, the per-feature shift, or nil when the layer is not affine.
    public let bias: Variable?
    public let runningMean: Variable
    public let runningVariance: Variable
    /// The number of training batches seen, PyTorch's `num_batches_tracked`. PyTorch stores it
    /// as an int64 scalar, and here it is a `Float` scalar, exact up to 2²⁴ batches.
    public let batchesTracked: Variable
    /// The statistics of the latest training-mode forward pass, for the teaching views.
    public private(set) var lastStatistics: BatchStatistics?

    public init(
        features: Int, variant: Variant = .batchNorm1d, momentum: Float? = 0.1,
        epsilon: Float = 1e-5, affine: Bool = true
    ) {
        precondition(features > 0, "BatchNorm needs at least one feature, got \(features)")
        precondition(
            momentum.map { $0 > 0 && $0 <= 1 } ?? true,
            "BatchNorm momentum \(momentum!) is outside (0, 1]; the usual value is 0.1")
        precondition(epsilon > 0, "BatchNorm epsilon \(epsilon) must be positive, such as 1e-5")
        self.features = features
        self.variant = variant
        self.momentum = momentum
        self.epsilon = epsilon
        let ones = Tensor(shape: [features], repeating: 1)
        weight = affine ? Variable(ones, requiresGrad: true) : nil
        bias = affine ? Variable(Tensor(shape: [features]), requiresGrad: true) : nil
        runningMean = Variable(Tensor(shape: [features]))
        runningVariance = Variable(Tensor(shape: [features], repeating: 1))
        batchesTracked = Variable(Tensor(scalar: 0))
    }

    /// Creates the layer that fits a per-sample input shape: `BatchNorm1d` for `[features]`
    /// and `[channels, length]`, `BatchNorm2d` for `[channels, height, width]`.
    public convenience init(
        inputShape: [Int], momentum: Float? = 0.1, epsilon: Float = 1e-5, affine: Bool = true
    ) throws(ShapeError) {
        let rank = inputShape.count
        guard let variant = Variant.allCases.first(where: { $0.acceptedRanks.contains(rank) }),
            inputShape[0] > 0
        else {
            throw ShapeError(
                layer: "batchnorm", inputShape: inputShape,
                rule: "it needs [features], [channels, length] or [channels, height, width]",
                fix: "flatten or reshape the input to one of these shapes first")
        }
        self.init(
            features: inputShape[0], variant: variant, momentum: momentum, epsilon: epsilon,
            affine: affine)
    }

    public var kind: String { variant.rawValue }

    public var parameters: [(name: String, variable: Variable)] {
        [weight.map { ("weight", $0) }, bias.map { ("bias", $0) }].compactMap { $0 }
    }

    public var buffers: [(name: String, variable: Variable)] {
        [
            ("running_mean", runningMean), ("running_var", runningVariance),
            ("num_batches_tracked", batchesTracked),
        ]
    }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] {
        let layer = "\(variant.rawValue.lowercased()) \(features)"
        guard variant.acceptedRanks.contains(inputShape.count) else {
            let expected = variant == .batchNorm1d
                ? "[\(features)] or [\(features), length]" : "[\(features), height, width]"
            throw ShapeError(
                layer: layer, inputShape: inputShape,
                rule: "it needs an input of shape \(expected)",
                fix: "use BatchNorm1d for [features] or [channels, length] and BatchNorm2d for "
                    + "[channels, height, width]")
        }
        guard inputShape[0] == features else {
            throw ShapeError(
                layer: layer, inputShape: inputShape,
                rule: "it normalizes \(features) features or channels along the first axis",
                fix: "build it with \(inputShape[0]) features to match the layer before")
        }
        return inputShape
    }

    /// Throws unless a training batch of `batchSize` samples gives each feature more than one
    /// value, which the variance needs (PyTorch raises in the same case).
    ///
    /// - Parameter inputShape: the per-sample input shape, as `outputShape(for:)` takes it.
    public func validateTrainingBatch(size batchSize: Int, inputShape: [Int]) throws(ShapeError) {
        let valuesPerFeature = batchSize * inputShape.dropFirst().reduce(1, *)
        guard valuesPerFeature > 1 else {
            throw ShapeError(
                layer: "\(variant.rawValue.lowercased()) \(features)", inputShape: inputShape,
                rule: "training needs more than one value per feature, and a batch of "
                    + "\(batchSize) gives \(valuesPerFeature)",
                fix: "use a batch size of at least 2, or drop a last batch of one sample")
        }
    }

    /// Normalizes a batch. In training mode the batch must give every feature more than one
    /// value (see `validateTrainingBatch`), and every call updates the running statistics, so a
    /// forward pass that only feeds a display should run in evaluation mode.
    public func forward(_ input: Variable, context: ForwardContext) -> Variable {
        guard context.isTraining else {
            return batchNorm(
                input, mean: runningMean.value, variance: runningVariance.value, weight: weight,
                bias: bias, epsilon: epsilon)
        }
        let (output, statistics) = batchNorm(
            input, weight: weight, bias: bias, epsilon: epsilon)
        updateRunningStatistics(with: statistics)
        lastStatistics = statistics
        return output
    }

    /// Blends one batch's statistics into the running statistics and counts the batch.
    private func updateRunningStatistics(with statistics: BatchStatistics) {
        batchesTracked.value.scalars[0] += 1
        let m = momentum ?? 1 / batchesTracked.value.scalar
        runningMean.value = runningMean.value.zip(statistics.mean) { running, batch in
            m * batch + (1 - m) * running
        }
        runningVariance.value = runningVariance.value.zip(statistics.unbiasedVariance) {
            running, batch in m * batch + (1 - m) * running
        }
    }
}
