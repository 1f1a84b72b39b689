/// The ops that every recurrent layer records: one input projection for all time steps, one
/// step op per time step (RNNStepOp.swift, LSTMStepOp.swift, GRUStepOp.swift) and one output
/// op. They share a `RecurrentSequence`, which holds the per-step buffers.

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

/// The buffers shared by the ops of one recurrent forward pass.
///
/// The projection `P` and its gradient are batch-first, `[batch, length, blocks · hidden]`,
/// like the input. The per-step buffers are time-major, `[length, batch, …]`, so the rows of one
/// step are contiguous for its GEMM.
///
/// How gradients reach the weights: a step op returns ∂L/∂h(t−1) (and ∂L/∂c(t−1)) through the
/// graph as usual, but ∂L/∂P, ∂L/∂W_hh and ∂L/∂b_hh are sums over all steps. Each step's
/// pullback therefore writes its gate gradients into this record, and the pullback of the first
/// step, which backward runs after those of all later steps, returns the sums: ∂L/∂P whole,
/// and ∂L/∂W_hh from one GEMM over all steps.
public final class RecurrentSequence {
    public let cell: RecurrentCell
    public let batchSize: Int
    /// The number of time steps, T.
    public let length: Int
    public let hiddenSize: Int
    /// The input projection op, `P = x · W_ihᵀ + b_ih` for every step.
    public let projection: Variable
    /// The number of step ops recorded so far; the next step is at this time index.
    public private(set) var recordedSteps = 0

    /// Gate activations (LSTM i, f, g, o; GRU r, z, n), `[length, batch, blocks · hidden]`;
    /// unused by the RNN.
    let gates: UnsafeMutablePointer<Float>
    /// h(t) after every step, `[length, batch, hidden]`.
    let hidden: UnsafeMutablePointer<Float>
    /// Per-step values the GRU's backward needs, `[length, batch, hidden]`: W_hn h(t−1) + b_hn
    /// in the PyTorch form, r ⊙ h(t−1) in the chapter form; unused by the RNN and LSTM.
    let auxiliary: UnsafeMutablePointer<Float>
    /// Scratch for one step's h(t−1) · W_hhᵀ, `[batch, blocks · hidden]`.
    let hiddenProjection: UnsafeMutablePointer<Float>

    /// ∂L/∂P, batch-first like `P`; allocated by the first step pullback.
    private(set) var projectionGradient: UnsafeMutablePointer<Float>?
    /// The gradient of each step's pre-activations on the hidden side (the rows that multiply
    /// h(t−1) in W_hh), `[length, batch, recurrentGradientWidth · hidden]`.
    private(set) var recurrentGradient: UnsafeMutablePointer<Float>?
    /// The chapter-form GRU's candidate block of that gradient, `[length, batch, hidden]`.
    private(set) var candidateGradient: UnsafeMutablePointer<Float>?
    /// Which steps wrote their share of the gradients in the backward pass under way.
    private var stepWroteGradient: [Bool]

    init(cell: RecurrentCell, projection: Variable) {
        self.cell = cell
        (batchSize, length) = (projection.shape[0], projection.shape[1])
        hiddenSize = projection.shape[2] / cell.blockCount
        self.projection = projection
        let stateCount = length * batchSize * hiddenSize
        gates = .allocate(capacity: cell == .rnn ? 0 : stateCount * cell.blockCount)
        hidden = .allocate(capacity: stateCount)
        auxiliary = .allocate(capacity: cell.blockCount == 3 ? stateCount : 0)
        hiddenProjection = .allocate(capacity: batchSize * hiddenSize * cell.blockCount)
        stepWroteGradient = Array(repeating: false, count: length)
    }

    deinit {
        gates.deallocate()
        hidden.deallocate()
        auxiliary.deallocate()
        hiddenProjection.deallocate()
        projectionGradient?.deallocate()
        recurrentGradient?.deallocate()
        candidateGradient?.deallocate()
    }

    /// The gate activations at step `t` under their names, each `[batch, hidden]`; empty for
    /// the RNN. Valid once step `t` has run.
    public func gates(at t: Int) -> [String: Tensor] {
        precondition(t >= 0 && t < recordedSteps, "Step \(t) has not run; \(recordedSteps) have")
        let width = cell.blockCount * hiddenSize
        var result: [String: Tensor] = [:]
        for (block, name) in cell.gateNames.enumerated() {
            var values = [Float](repeating: 0, count: batchSize * hiddenSize)
            for b in 0..<batchSize {
                let row = gates + (t * batchSize + b) * width + block * hiddenSize
                for j in 0..<hiddenSize { values[b * hiddenSize + j] = row[j] }
            }
            result[name] = Tensor(shape: [batchSize, hiddenSize], scalars: values)
        }
        return result
    }

    /// The hidden state h(t) after step `t`, `[batch, hidden]`.
    public func hiddenState(at t: Int) -> Tensor {
        precondition(t >= 0 && t < recordedSteps, "Step \(t) has not run; \(recordedSteps) have")
        let count = batchSize * hiddenSize
        return Tensor(
            shape: [batchSize, hiddenSize],
            scalars: Array(UnsafeBufferPointer(start: hidden + t * count, count: count)))
    }

    // MARK: Helpers for the step ops

    /// Checks a new step's arguments and returns its time index.
    func beginStep(previous: Variable?, weightHH: Variable, biasHH: Variable) -> Int {
        let t = recordedSteps
        precondition(t < length, "All \(length) steps of this sequence have run")
        precondition(
            (previous == nil) == (t == 0), "Step \(t) needs the previous step, and step 0 none")
        let width = cell.blockCount * hiddenSize
        precondition(
            weightHH.shape == [width, hiddenSize] && biasHH.shape == [width],
            "weight_hh \(weightHH.shape) and bias_hh \(biasHH.shape) do not fit hidden size "
                + "\(hiddenSize) with \(cell.blockCount) blocks")
        recordedSteps += 1
        return t
    }

    /// The inputs a step op records: the projection, the previous step unless `t` is 0, and
    /// the hidden-side weight and bias.
    func stepInputs(previous: Variable?, weightHH: Variable, biasHH: Variable) -> [Variable] {
        [projection] + (previous.map { [$0] } ?? []) + [weightHH, biasHH]
    }

    /// Allocates the gradient buffers on the first step pullback of a backward pass and marks
    /// step `t` as having written its slices.
    func beginStepBackward(_ t: Int) {
        let stateCount = length * batchSize * hiddenSize
        if projectionGradient == nil {
            projectionGradient = .allocate(capacity: stateCount * cell.blockCount)
            recurrentGradient = .allocate(capacity: stateCount * cell.recurrentGradientWidth)
            if cell == .gru(.chapter) {
                candidateGradient = .allocate(capacity: stateCount)
            }
        }
        stepWroteGradient[t] = true
    }

    /// The gradients that the step op at `t` returns for its inputs.
    ///
    /// Later steps return only ∂L/∂(previous state). Step 0 also returns the sums over all
    /// steps for P, W_hh and b_hh, and clears the record for the next backward pass.
    func stepGradients(
        at t: Int, previousGradient: Tensor?, weightHH: Variable, biasHH: Variable
    ) -> [Tensor?] {
        if t > 0 { return [nil, previousGradient, nil, nil] }
        zeroSlicesOfStepsWithoutGradient()
        let width = cell.blockCount * hiddenSize
        let projectionCount = length * batchSize * width
        let projectionTensor = Tensor(
            shape: projection.shape,
            scalars: Array(UnsafeBufferPointer(start: projectionGradient!, count: projectionCount)))
        let (weightGradient, biasGradient) = hiddenWeightGradients()
        stepWroteGradient = Array(repeating: false, count: length)
        return [
            projectionTensor,
            weightHH.requiresGrad ? weightGradient : nil,
            biasHH.requiresGrad ? biasGradient : nil,
        ]
    }

    /// Zeroes the gradient slices of steps that backward did not reach (a pass that started
    /// from an earlier step than the last), so stale values from an earlier pass do not count.
    private func zeroSlicesOfStepsWithoutGradient() {
        let width = cell.blockCount * hiddenSize
        let recurrentWidth = cell.recurrentGradientWidth * hiddenSize
        for t in 0..<length where !stepWroteGradient[t] {
            for b in 0..<batchSize {
                (projectionGradient! + (b * length + t) * width).update(repeating: 0, count: width)
            }
            (recurrentGradient! + t * batchSize * recurrentWidth)
                .update(repeating: 0, count: batchSize * recurrentWidth)
            candidateGradient.map {
                ($0 + t * batchSize * hiddenSize).update(repeating: 0, count: batchSize * hiddenSize)
            }
        }
    }

    /// ∂L/∂W_hh and ∂L/∂b_hh summed over all steps.
    ///
    /// ```
    /// ∂L/∂W_hh = Σ_t δ(t)ᵀ · s(t−1)        ∂L/∂b_hh = Σ_t Σ_rows δ(t)
    /// ```
    /// δ(t) is the hidden-side pre-activation gradient of step t and s(t−1) is what W_hh
    /// multiplies: h(t−1), and for the chapter-form GRU's candidate rows r ⊙ h(t−1). Step 0
    /// adds nothing to the weight because h(0) = 0, so one GEMM over steps 1…T−1 gives the sum.
    private func hiddenWeightGradients() -> (weight: Tensor, bias: Tensor) {
        let width = cell.blockCount * hiddenSize
        var weight = Tensor(shape: [width, hiddenSize])
        var bias = Tensor(shape: [width])
        let rowsAfterFirstStep = (length - 1) * batchSize
        let stateCount = batchSize * hiddenSize
        let recurrentWidth = cell.recurrentGradientWidth * hiddenSize
        weight.scalars.withUnsafeMutableBufferPointer { w in
            if rowsAfterFirstStep > 0 {
                BLAS.gemm(
                    transposeA: true, transposeB: false, m: recurrentWidth, n: hiddenSize,
                    k: rowsAfterFirstStep, a: recurrentGradient! + batchSize * recurrentWidth,
                    b: hidden, c: w.baseAddress!)
                if let candidateGradient {
                    BLAS.gemm(
                        transposeA: true, transposeB: false, m: hiddenSize, n: hiddenSize,
                        k: rowsAfterFirstStep, a: candidateGradient + stateCount,
                        b: auxiliary + stateCount, c: w.baseAddress! + recurrentWidth * hiddenSize)
                }
            }
        }
        bias.scalars.withUnsafeMutableBufferPointer { db in
            addColumnSums(of: recurrentGradient!, rows: length * batchSize, width: recurrentWidth,
                          into: db.baseAddress!)
            if let candidateGradient {
                addColumnSums(of: candidateGradient, rows: length * batchSize, width: hiddenSize,
                              into: db.baseAddress! + recurrentWidth)
            }
        }
        return (weight, bias)
    }
}

/// Adds the sum of each column of a row-major `[rows, width]` matrix to `sums`.
private func addColumnSums(
    of matrix: UnsafePointer<Float>, rows: Int, width: Int, into sums: UnsafeMutablePointer<Float>
) {
    for row in 0..<rows {
        let values = matrix + row * width
        for j in 0..<width { sums[j] += values[j] }
    }
}

/// The input projection of a recurrent layer for all time steps at once, in one GEMM.
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
    precondition(x.value.rank == 3, "A recurrent layer needs [batch, steps, features], got \(x.shape)")
    let (batch, length, inputSize) = (x.shape[0], x.shape[1], x.shape[2])
    let width = weightIH.shape[0]
    precondition(
        weightIH.shape == [width, inputSize] && biasIH.shape == [width]
            && width % cell.blockCount == 0,
        "weight_ih \(weightIH.shape) and bias_ih \(biasIH.shape) do not fit input \(x.shape)")
    let rows = batch * length
    let flatInput = x.value.reshaped([rows, inputSize])
    var p = flatInput.matmul(weightIH.value, transposeOther: true)
    biasIH.value.scalars.withUnsafeBufferPointer { b in
        p.scalars.withUnsafeMutableBufferPointer { y in
            for row in 0..<rows {
                for j in 0..<width { y[row * width + j] += b[j] }
            }
        }
    }
    let projection = Variable(
        value: p.reshaped([batch, length, width]), op: "input_projection",
        inputs: [x, weightIH, biasIH]
    ) { dP in
        let g = dP.reshaped([rows, width])
        return [
            x.requiresGrad ? g.matmul(weightIH.value).reshaped(x.shape) : nil,
            weightIH.requiresGrad ? g.matmul(flatInput, transposeSelf: true) : nil,
            biasIH.requiresGrad ? g.sumOverRows() : nil,
        ]
    }
    return RecurrentSequence(cell: cell, projection: projection)
}

/// The output of a recurrent layer: every hidden state, or only the last one.
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
            return Tensor(shape: [2, batch, hiddenSize], scalars: dh + [Float](repeating: 0, count: stateCount))
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
