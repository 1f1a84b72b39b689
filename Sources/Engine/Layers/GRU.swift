/// A gated recurrent unit layer in the chapter's form or in PyTorch's `nn.GRU` form.
///
/// ```
/// r = σ(W_ir x(t) + b_ir + W_hr h(t−1) + b_hr)        z = σ(W_iz x(t) + b_iz + W_hz h(t−1) + b_hz)
/// chapter:  n = tanh(W_in x(t) + b_in + W_hn (r ⊙ h(t−1)) + b_hn)
/// pytorch:  n = tanh(W_in x(t) + b_in + r ⊙ (W_hn h(t−1) + b_hn))
/// h(t) = (1 − z) ⊙ n + z ⊙ h(t−1)        h(0) = 0
/// ```
/// The chapter writes the candidate n as h̃ and mixes with z and 1 − z swapped,
/// h(t) = (1 − z) ⊙ h(t−1) + z ⊙ h̃; both forms here follow PyTorch, so z here is 1 − z there.
/// The forms differ in where r acts, so weights trained in one form give other outputs in the
/// other; export to PyTorch needs `.pytorch`.
///
/// Shapes: `x [batch, T, I] → [batch, H]` (the last hidden state), or `[batch, T, H]` with
/// `returnSequences`; `weight_ih_l0 [3H, I]`, `weight_hh_l0 [3H, H]`, `bias_ih_l0 [3H]`,
/// `bias_hh_l0 [3H]`, each stacking the blocks r, z, n in that order.
///
/// - Parameters:
///   - inputSize: I, the features per time step.
///   - hiddenSize: H, the units of the hidden state.
///   - returnSequences: output every hidden state instead of only the last one.
///   - form: where the reset gate acts; `.chapter` (Cho et al.'s original form) by default.
///   - random: the generator that the weights are drawn from (see `recurrentParameters`).
///
/// Reference: K. Cho et al., "Learning phrase representations using RNN encoder-decoder for
/// statistical machine translation", EMNLP 2014.
public final class GRU: RecurrentLayer {
    public let inputSize: Int
    public let hiddenSize: Int
    public let returnSequences: Bool
    public let form: GRUForm
    public let weightIH: Variable
    public let weightHH: Variable
    public let biasIH: Variable
    public let biasHH: Variable
    public var lastTrace: RecurrentTrace?

    public init(
        inputSize: Int, hiddenSize: Int, returnSequences: Bool = false,
        form: GRUForm = .chapter, random: inout RandomGenerator
    ) {
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.returnSequences = returnSequences
        self.form = form
        (weightIH, weightHH, biasIH, biasHH) = recurrentParameters(
            cell: .gru(form), inputSize: inputSize, hiddenSize: hiddenSize, random: &random)
    }

    public var kind: String { "GRU" }
    public var cell: RecurrentCell { .gru(form) }
}
