import Engine

/// How one layer of the model was asked for, kept so `reset` can rebuild the model with fresh
/// weights and a session can be written back as commands.
public enum LayerSpec: Equatable, Sendable {
    case dense(units: Int, initializer: Initializer, bias: Bool)
    case activation(ActivationKind)

    /// Builds the layer for a per-sample input shape, drawing weights from `random`.
    func makeLayer(inputShape: [Int], random: inout RandomGenerator) -> any Layer {
        switch self {
        case .dense(let units, let initializer, let bias):
            // A non-flat input gives a layer whose shape check fails with the fix in its message.
            let inFeatures = inputShape.count == 1 ? inputShape[0] : inputShape.reduce(1, *)
            return Dense(
                inFeatures: inFeatures, outFeatures: units, bias: bias, initializer: initializer,
                random: &random)
        case .activation(let kind):
            return ActivationLayer(kind.engineActivation)
        }
    }
}
