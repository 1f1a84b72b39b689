/// A long short-term memory layer, PyTorch's `nn.LSTM` with one layer.
///
/// ```
/// i = σ(W_ii x(t) + b_ii + W_hi h(t−1) + b_hi)        f = σ(W_if x(t) + b_if + W_hf h(t−1) + b_hf)
/// g = tanh(W_ig x(t) + b_ig + W_hg h(t−1) + b_hg)     o = σ(W_io x(t) + b_io + W_ho h(t−1) + b_ho)
/// c(t) = f ⊙ c(t−1) + i ⊙ g        h(t) = o ⊙ tanh(c(t))        h(0) = c(0) = 0
/// ```
/// The chapter writes the candidate g as C̃ and the blocks W_i·, W_h· as W and U.
///
/// Shapes: `x [batch, T, I] → [batch, H]` (the last hidden state), or `[batch, T, H]` with
/// `returnSequences`; `weight_ih_l0 [4H, I]`, `weight_hh_l0 [4H, H]`, `bias_ih_l0 [4H]`,
/// `bias_hh_l0 [4H]`, each stacking the blocks i, f, g, o in that order.
///
/// - Parameters:
///   - inputSize: I, the features per time step.
///   - hiddenSize: H, the units of the hidden and cell state.
///   - returnSequences: output every hidden state instead of only the last one.
///   - random: the generator that the weights are drawn from (see `recurrentParameters`).
///
/// Reference: S. Hochreiter and J. Schmidhuber, "Long short-term memory", Neural Computation
/// 9(8), 1997.
public final class LSTM: RecurrentLayer {
    public let inputSize: Int
    public let hiddenSize: Int
    public let returnSequences: Bool
    public let weightIH: Variable
    public let weightHH: Variable
    public let biasIH: Variable
    public let biasHH: Variable
    public var lastTrace: RecurrentTrace?

    public init(
        inputSize: Int, hiddenSize: Int, returnSequences: Bool = false,
        random: inout RandomGenerator
    ) {
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.returnSequences = returnSequences
        (weightIH, weightHH, biasIH, biasHH) = recurrentParameters(
            cell: .lstm, inputSize: inputSize, hiddenSize: hiddenSize, random: &random)
    }

    public var kind: String { "LSTM" }
    public var cell: RecurrentCell { .lstm }
}
