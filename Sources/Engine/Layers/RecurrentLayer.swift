/// The interface of the recurrent layers `RNN`, `LSTM` and `GRU`, with their shared parts:
/// PyTorch's parameter names, the shape rule and the forward pass over time.
///
/// A sample is a sequence `[steps, features]`, so a batch is `[batch, steps, features]`, the
/// layout of PyTorch's `batch_first=True`. The layer outputs the last hidden state
/// `[hiddenSize]`, or with `returnSequences` every hidden state `[steps, hiddenSize]`, which
/// another recurrent layer can take as its input.
///
/// The forward pass records one `"input_projection"` op (one GEMM for all steps), one step op
/// per time step (`"rnn_step"`, `"lstm_step"` or `"gru_step"`) and one output op, and keeps
/// them in `lastTrace` until the next forward pass, for the teaching views.
public protocol RecurrentLayer: Layer {
    /// Features per time step, I.
    var inputSize: Int { get }
    /// Units of the hidden state, H.
    var hiddenSize: Int { get }
    /// Whether the output is every hidden state `[steps, H]` rather than the last one `[H]`.
    var returnSequences: Bool { get }
    var cell: RecurrentCell { get }
    /// `weight_ih_l0`, `[blocks · H, I]`.
    var weightIH: Variable { get }
    /// `weight_hh_l0`, `[blocks · H, H]`.
    var weightHH: Variable { get }
    /// `bias_ih_l0`, `[blocks · H]`.
    var biasIH: Variable { get }
    /// `bias_hh_l0`, `[blocks · H]`.
    var biasHH: Variable { get }
    /// The ops and per-step values of the last forward pass; nil before the first.
    var lastTrace: RecurrentTrace? { get set }
}

/// The ops and per-step values that a recurrent layer's forward pass recorded.
///
/// It keeps that pass's graph alive until the layer runs again.
public struct RecurrentTrace {
    public let sequence: RecurrentSequence
    /// The step ops in time order. After a backward pass, `steps[t].grad` is ∂L/∂h(t), and for
    /// the LSTM ∂L/∂(h(t), c(t)) as `[2, batch, hidden]`.
    public let steps: [Variable]

    /// The gate activations of every step, by gate name (`"i"`, `"f"`, `"g"`, `"o"` or `"r"`,
    /// `"z"`, `"n"`), each `[batch, hidden]`; empty dictionaries for the RNN.
    public var gates: [[String: Tensor]] {
        (0..<steps.count).map { sequence.gates(at: $0) }
    }

    /// The Euclidean norm of the gradient that reached each step in the last backward pass, or
    /// nil for a step that no gradient reached.
    public var gradientNorms: [Double?] {
        steps.map { $0.grad?.norm }
    }
}

extension RecurrentLayer {
    public var parameters: [(name: String, variable: Variable)] {
        [
            ("weight_ih_l0", weightIH), ("weight_hh_l0", weightHH),
            ("bias_ih_l0", biasIH), ("bias_hh_l0", biasHH),
        ]
    }

    /// The gate activations of every step of the last forward pass (see `RecurrentTrace`).
    public var lastGates: [[String: Tensor]] {
        lastTrace?.gates ?? []
    }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] {
        let name = "\(kind.lowercased()) \(hiddenSize)"
        guard inputShape.count == 2, inputShape.allSatisfy({ $0 >= 1 }) else {
            throw ShapeError(
                layer: name, inputShape: inputShape,
                rule: "it needs a sequence of shape [steps, features]",
                fix: "use `window` data or a layer with return sequences before it")
        }
        guard inputShape[1] == inputSize else {
            throw ShapeError(
                layer: name, inputShape: inputShape,
                rule: "it was built for \(inputSize) features per step",
                fix: "add the layer again so it takes \(inputShape[1]) features")
        }
        return returnSequences ? [inputShape[0], hiddenSize] : [hiddenSize]
    }

    public func forward(_ input: Variable, context: ForwardContext) -> Variable {
        precondition(
            input.value.rank == 3 && input.shape[1] >= 1 && input.shape[2] == inputSize,
            "\(kind) needs [batch, steps, \(inputSize)], got \(input.shape)")
        guard input.shape[0] > 0 else {
            // An empty batch has no steps to record, and its output is empty too.
            lastTrace = nil
            let shape = returnSequences ? [0, input.shape[1], hiddenSize] : [0, hiddenSize]
            return Variable(Tensor(shape: shape))
        }
        let sequence = recurrentInputProjection(
            input, weightIH: weightIH, biasIH: biasIH, cell: cell)
        var steps: [Variable] = []
        steps.reserveCapacity(sequence.length)
        for _ in 0..<sequence.length {
            let previous = steps.last
            let step: Variable
            switch cell {
            case .rnn:
                step = rnnStep(sequence, previous: previous, weightHH: weightHH, biasHH: biasHH)
            case .lstm:
                step = lstmStep(sequence, previous: previous, weightHH: weightHH, biasHH: biasHH)
            case .gru:
                step = gruStep(sequence, previous: previous, weightHH: weightHH, biasHH: biasHH)
            }
            steps.append(step)
        }
        lastTrace = RecurrentTrace(sequence: sequence, steps: steps)
        return recurrentOutput(sequence, steps: steps, returnSequences: returnSequences)
    }
}

/// Draws the four parameters of a recurrent layer as PyTorch does for `nn.RNN`, `nn.LSTM` and
/// `nn.GRU`: every weight and bias from U(−1/√H, 1/√H), in the order weight_ih, weight_hh,
/// bias_ih, bias_hh.
func recurrentParameters(
    cell: RecurrentCell, inputSize: Int, hiddenSize: Int, random: inout RandomGenerator
) -> (weightIH: Variable, weightHH: Variable, biasIH: Variable, biasHH: Variable) {
    precondition(inputSize >= 1 && hiddenSize >= 1, "Sizes must be at least 1")
    let bound = 1 / Float(hiddenSize).squareRoot()
    let rows = cell.blockCount * hiddenSize
    func draw(_ shape: [Int]) -> Variable {
        Variable(
            Tensor(shape: shape) { _ in random.nextUniform(in: -bound, bound) }, requiresGrad: true)
    }
    let weightIH = draw([rows, inputSize])
    let weightHH = draw([rows, hiddenSize])
    let biasIH = draw([rows])
    let biasHH = draw([rows])
    return (weightIH, weightHH, biasIH, biasHH)
}
