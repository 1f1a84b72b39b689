/// An Elman recurrent layer with tanh, PyTorch's `nn.RNN` with one layer.
///
/// ```
/// h(t) = tanh(W_ih x(t) + b_ih + W_hh h(t−1) + b_hh),    h(0) = 0,    t = 1…T
/// ```
/// Shapes: `x [batch, T, I] → [batch, H]` (the last hidden state), or `[batch, T, H]` with
/// `returnSequences`; `weight_ih_l0 [H, I]`, `weight_hh_l0 [H, H]`, `bias_ih_l0 [H]`,
/// `bias_hh_l0 [H]`.
///
/// - Parameters:
///   - inputSize: I, the features per time step.
///   - hiddenSize: H, the units of the hidden state.
///   - returnSequences: output every hidden state instead of only the last one.
///   - random: the generator that the weights are drawn from (see `recurrentParameters`).
///
/// Reference: J. L. Elman, "Finding structure in time", Cognitive Science 14(2), 1990. Some
/// texts index the input one step behind the state, h(t) from x(t−1); the layer uses x(t).
public final class RNN: RecurrentLayer {
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
            cell: .rnn, inputSize: inputSize, hiddenSize: hiddenSize, random: &random)
    }

    public var kind: String { "RNN" }
    public var cell: RecurrentCell { .rnn }
}
