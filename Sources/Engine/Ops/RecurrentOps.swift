/// The ops that every recurrent layer records: one input projection for all time steps, one
/// step op per time step (RNNStepOp.swift, LSTMStepOp.swift, GRUStepOp.swift) and one output
/// op. They share a `RecurrentSequence` (RecurrentSequence.swift), which contains the per-step
/// buffers.

/// The cell that a recurrent layer applies at every time step.
public enum RecurrentCell: Equatable, Sendable {
    /// Elman RNN with tanh. It has one block and no gates.
    case rnn
    /// Long short-term memory, with gate blocks i, f, g, o.
    case lstm
    /// Gated recurrent unit in the given form, with gate blocks r, z, n.
    case gru(GRUForm)

    /// The number of `hiddenSize`-row blocks stacked in `weight_ih_l0` and `weight_hh_l0`.
    public var blockCount: Int {
        switch self {
        case .rnn: 1
        case .lstm: 4
        case .gru: 3
        }
    }

    /// The gate names in the order of their blocks in the weights; empty for the RNN.
    public var gateNames: [String] {
        switch self {
        case .rnn: []
        case .lstm: ["i", "f", "g", "o"]
        case .gru: ["r", "z", "n"]
        }
    }

    /// The width of a step's hidden-side gradient buffer per sample. The chapter-form GRU
    /// keeps its candidate block (n) in a separate buffer, because that block multiplies
    /// r ⊙ h(t−1) instead of h(t−1).
    var recurrentGradientWidth: Int {
        self == .gru(.chapter) ? 2 : blockCount
    }
}

/// Records the input projection of a recurrent layer for all time steps at once, in one GEMM.
///
/// ```
/// P = x · W_ihᵀ + b_ih        (each row of x is one sample at one step)
/// ∂L/∂x = ∂L/∂P · W_ih        ∂L/∂W_ih = (∂L/∂P)ᵀ · x        ∂L/∂b_ih = Σ_rows ∂L/∂P
/// ```
/// Shapes: `x [batch, length, inputSize]`, `weightIH [blocks · hidden, inputSize]`,
/// `biasIH [blocks · hidden]` → `P [batch, length, blocks · hidden]`.
///
/// Returns the record that the step ops of this sequence share; its `projection` is the op.
public func recurrentInputProjection(
    _ x: Variable, weightIH: Variable, biasIH: Variable, cell: RecurrentCell
) -> RecurrentSequence {
    precondition(
        x.value.rank == 3, "A recurrent layer needs [batch, steps, features], got \(x.shape)")
    let (batch, length, inputSize) = (x.shape[0], x.shape[1], x.shape[2])
    precondition(
        batch > 0 && length > 0 && inputSize > 0,
        "A recurrent sequence needs a sample, a step and a feature, got \(x.shape)")
    let width = weightIH.shape[0]
    precondition(
        weightIH.shape == [width, inputSize] && biasIH.shape == [width]
            && width % cell.blockCount == 0,
        "weight_ih \(weightIH.shape) and bias_ih \(biasIH.shape) do not fit input \(x.shape)")
    let rows = batch * length
    // Each row starts as b_ih, and the GEMM adds x · W_ihᵀ to it.
    var p = [Float](unsafeUninitializedCapacity: rows * width) { buffer, count in
        biasIH.value.scalars.withUnsafeBufferPointer { b in
            for row in 0..<rows {
                (buffer.baseAddress! + row * width).initialize(from: b.baseAddress!, count: width)
            }
        }
        count = rows * width
    }
    x.value.scalars.withUnsafeBufferPointer { input in
        weightIH.value.scalars.withUnsafeBufferPointer { w in
            p.withUnsafeMutableBufferPointer { y in
                BLAS.gemm(
                    transposeA: false, transposeB: true, m: rows, n: width, k: inputSize,
                    a: input.baseAddress!, b: w.baseAddress!, beta: 1, c: y.baseAddress!)
            }
        }
    }
    let projection = Variable(
        value: Tensor(shape: [batch, length, width], scalars: p), op: "input_projection",
        inputs: [x, weightIH, biasIH]
    ) { dP in
        let g = dP.reshaped([rows, width])
        var biasGradient = Tensor(shape: [width])
        dP.scalars.withUnsafeBufferPointer { d in
            biasGradient.scalars.withUnsafeMutableBufferPointer { db in
                addColumnSums(of: d.baseAddress!, rows: rows, width: width, into: db.baseAddress!)
            }
        }
        return [
            x.requiresGrad ? g.matmul(weightIH.value).reshaped(x.shape) : nil,
            weightIH.requiresGrad
                ? g.matmul(x.value.reshaped([rows, inputSize]), transposeSelf: true) : nil,
            biasIH.requiresGrad ? biasGradient : nil,
        ]
    }
    return RecurrentSequence(cell: cell, projection: projection)
}

/// Records the output of a recurrent layer: every hidden state, or only the last one.
///
/// ```
/// returnSequences: y[b, t] = h(t)[b]   for t = 1…T        otherwise: y = h(T)
/// ```
/// Shapes: `[batch, length, hidden]` with `returnSequences`, else `[batch, hidden]`.
/// `steps` are the step ops of `sequence` in time order. An LSTM step's value is the pair
/// (h, c) as `[2, batch, hidden]`; the output keeps only h, and c receives no gradient here.
public func recurrentOutput(
    _ sequence: RecurrentSequence, steps: [Variable], returnSequences: Bool
) -> Variable {
    precondition(
        steps.count == sequence.length && sequence.recordedSteps == sequence.length,
        "The output needs all \(sequence.length) steps, got \(steps.count)")
    let (batch, length, hiddenSize) = (sequence.batchSize, sequence.length, sequence.hiddenSize)
    let stateCount = batch * hiddenSize
    /// Returns ∂L/∂(step value) for a gradient with respect to its h.
    func stepGradient(_ dh: [Float]) -> Tensor {
        if sequence.cell == .lstm {
            return Tensor(
                shape: [2, batch, hiddenSize],
                scalars: dh + [Float](repeating: 0, count: stateCount))
        }
        return Tensor(shape: [batch, hiddenSize], scalars: dh)
    }

    guard returnSequences else {
        let last = sequence.hiddenState(at: length - 1)
        return Variable(value: last, op: "last_hidden", inputs: [steps[length - 1]]) { dy in
            [stepGradient(dy.scalars)]
        }
    }
    var y = [Float](repeating: 0, count: batch * length * hiddenSize)
    for t in 0..<length {
        for b in 0..<batch {
            let source = sequence.hidden + (t * batch + b) * hiddenSize
            for j in 0..<hiddenSize { y[(b * length + t) * hiddenSize + j] = source[j] }
        }
    }
    return Variable(
        value: Tensor(shape: [batch, length, hiddenSize], scalars: y), op: "sequence_output",
        inputs: steps
    ) { dy in
        (0..<length).map { t in
            var dh = [Float](repeating: 0, count: stateCount)
            for b in 0..<batch {
                for j in 0..<hiddenSize {
                    dh[b * hiddenSize + j] = dy.scalars[(b * length + t) * hiddenSize + j]
                }
            }
            return stepGradient(dh)
        }
    }
}
