import Engine

/// How one layer of the model was asked for, kept so `reset` can rebuild the model with fresh
/// weights and a session can be written back as commands.
public enum LayerSpec: Equatable, Sendable {
    case dense(units: Int, initializer: Initializer, bias: Bool)
    case activation(ActivationKind)
    case rnn(units: Int, returnSequences: Bool)
    case lstm(units: Int, returnSequences: Bool)
    case gru(units: Int, form: GRUForm, returnSequences: Bool)
    case conv2d(
        filters: Int, kernel: WindowExtent, stride: WindowExtent, padding: WindowExtent,
        initializer: Initializer, bias: Bool)
    case conv1d(
        filters: Int, kernel: Int, stride: Int, padding: Int, initializer: Initializer, bias: Bool)
    case pool(PoolOptions)
    case flatten
    case dropout(rate: Float)
    case batchNorm(momentum: Float, epsilon: Float)

    /// Builds the layer for a per-sample input shape, drawing weights from `random`.
    ///
    /// - Throws: `ShapeError` when the input's rank leaves no layer to build, as for a 2-D
    ///   pooling window on a sequence. Other mismatches give a layer whose
    ///   `outputShape(for:)` throws.
    func makeLayer(inputShape: [Int], random: inout RandomGenerator) throws(ShapeError)
        -> any Layer
    {
        switch self {
        case .dense(let units, let initializer, let bias):
            // A non-flat input gives a layer whose shape check fails with the fix in its message.
            let inFeatures = inputShape.count == 1 ? inputShape[0] : inputShape.reduce(1, *)
            return Dense(
                inFeatures: inFeatures, outFeatures: units, bias: bias, initializer: initializer,
                random: &random)
        case .activation(let kind):
            return ActivationLayer(kind.engineActivation)
        case .rnn, .lstm, .gru:
            return makeRecurrentLayer(inputShape: inputShape, random: &random)
        case .conv2d, .conv1d, .pool:
            return try makeWindowLayer(inputShape: inputShape, random: &random)
        case .flatten:
            return Flatten()
        case .dropout(let rate):
            return Dropout(probability: rate)
        case .batchNorm(let momentum, let epsilon):
            return try BatchNorm(inputShape: inputShape, momentum: momentum, epsilon: epsilon)
        }
    }
}
