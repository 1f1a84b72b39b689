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

    /// Gate activations (LSTM i, f, g, o; GRU r, z, n), `[length, batch, blocks · hidden]`.
    /// The RNN keeps none.
    let gates: UnsafeMutablePointer<Float>
    /// h(t) after every step, `[length, batch, hidden]`.
    let hidden: UnsafeMutablePointer<Float>
    /// Per-step values that backward needs, `[length, batch, hidden]`: tanh(c(t)) for the
    /// LSTM, W_hn h(t−1) + b_hn for the PyTorch-form GRU and r ⊙ h(t−1) for the chapter-form
    /// GRU. The RNN keeps none.
    let auxiliary: UnsafeMutablePointer<Float>
    /// Scratch rows for one step, `[batch, (blocks + 1) · hidden]`.
    let scratch: UnsafeMutablePointer<Float>
    /// W_hhᵀ for the forward GEMMs, made by the first step that needs it. OpenBLAS 0.3.21
    /// (Debian 12) multiplies by a stored `[hidden, blocks · hidden]` matrix faster than by a
    /// transposed one: 9.6 µs instead of 13.6 µs for `[32, 64] · [64, 256]` on the 2-core
    /// AMD EPYC development machine. The chapter-form GRU stores W_h[rz]ᵀ `[hidden, 2 · hidden]`
    /// and then W_hnᵀ `[hidden, hidden]`, one per GEMM.
    private var transposedHiddenWeight: UnsafeMutablePointer<Float>?
    private var transposedWeightSource: ObjectIdentifier?

    /// ∂L/∂P, batch-first like `P`; allocated by the first step pullback of a backward pass
    /// and handed to the projection op by the last.
    var projectionGradient: [Float] = []
    /// The gradient of each step's pre-activations on the hidden side (the rows that multiply
    /// h(t−1) in W_hh), `[length, batch, recurrentGradientWidth · hidden]`.
    private(set) var recurrentGradient: UnsafeMutablePointer<Float>?
    /// The chapter-form GRU's candidate block of that gradient, `[length, batch, hidden]`.
    private(set) var candidateGradient: UnsafeMutablePointer<Float>?
    /// One flag per step, set when its pullback has written its gradient slices in the
    /// backward pass under way.
    private var stepWroteGradient: [Bool]

    init(cell: RecurrentCell, projection: Variable) {
        self.cell = cell
        (batchSize, length) = (projection.shape[0], projection.shape[1])
        hiddenSize = projection.shape[2] / cell.blockCount
        self.projection = projection
        let stateCount = length * batchSize * hiddenSize
        gates = .allocate(capacity: cell == .rnn ? 0 : stateCount * cell.blockCount)
        hidden = .allocate(capacity: stateCount)
        auxiliary = .allocate(capacity: cell == .rnn ? 0 : stateCount)
        scratch = .allocate(capacity: batchSize * hiddenSize * (cell.blockCount + 1))
        stepWroteGradient = Array(repeating: false, count: length)
    }

    deinit {
        gates.deallocate()
        hidden.deallocate()
        auxiliary.deallocate()
        scratch.deallocate()
        transposedHiddenWeight?.deallocate()
        recurrentGradient?.deallocate()
        candidateGradient?.deallocate()
    }

    /// Returns the gate activations at step `t` under their names, each `[batch, hidden]`, or
    /// an empty dictionary for the RNN. Step `t` must have run.
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

    /// Returns the hidden state h(t) after step `t`, `[batch, hidden]`.
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

    /// Returns W_hhᵀ as the forward GEMMs read it (see `transposedHiddenWeight`).
    func transposedWeight(_ weightHH: Variable) -> UnsafePointer<Float> {
        if let transposedHiddenWeight {
            precondition(
                transposedWeightSource == ObjectIdentifier(weightHH),
                "The steps of one sequence must share one weight_hh")
            return UnsafePointer(transposedHiddenWeight)
        }
        let rows = cell.blockCount * hiddenSize
        // The first GEMM multiplies by rows 0..<split of W_hh, a second one (chapter-form GRU
        // only) by the rest.
        let split = cell.recurrentGradientWidth * hiddenSize
        let transposed = UnsafeMutablePointer<Float>.allocate(capacity: rows * hiddenSize)
        weightHH.value.scalars.withUnsafeBufferPointer { w in
            for (start, end) in [(0, split), (split, rows)] where start < end {
                let block = transposed + start * hiddenSize
                for row in start..<end {
                    for column in 0..<hiddenSize {
                        block[column * (end - start) + row - start] = w[row * hiddenSize + column]
                    }
                }
            }
        }
        transposedHiddenWeight = transposed
        transposedWeightSource = ObjectIdentifier(weightHH)
        return UnsafePointer(transposed)
    }

    /// Returns the inputs a step op records: the projection, the previous step unless `t` is 0, and
    /// the hidden-side weight and bias.
    func stepInputs(previous: Variable?, weightHH: Variable, biasHH: Variable) -> [Variable] {
        [projection] + (previous.map { [$0] } ?? []) + [weightHH, biasHH]
    }

    /// Allocates the gradient buffers on the first step pullback of a backward pass and marks
    /// step `t` as having written its slices.
    func beginStepBackward(_ t: Int) {
        let stateCount = length * batchSize * hiddenSize
        if projectionGradient.isEmpty {
            // Uninitialized: every step writes its slices or has them zeroed by step 0.
            projectionGradient = [Float](
                unsafeUninitializedCapacity: stateCount * cell.blockCount
            ) { _, count in count = stateCount * cell.blockCount }
        }
        if recurrentGradient == nil {
            recurrentGradient = .allocate(capacity: stateCount * cell.recurrentGradientWidth)
            if cell == .gru(.chapter) {
                candidateGradient = .allocate(capacity: stateCount)
            }
        }
        stepWroteGradient[t] = true
    }

    /// Runs `body` on the rows of ∂L/∂P at step `t`: the row of sample b starts at
    /// `b · stride`.
    func withProjectionGradient(
        at t: Int, _ body: (_ rows: UnsafeMutablePointer<Float>, _ stride: Int) -> Void
    ) {
        let width = cell.blockCount * hiddenSize
        projectionGradient.withUnsafeMutableBufferPointer { dP in
            body(dP.baseAddress! + t * width, length * width)
        }
    }

    /// Returns the gradients that the step op at `t` passes to its inputs.
    ///
    /// Later steps return only ∂L/∂(previous state). Step 0 also returns the sums over all
    /// steps for P, W_hh and b_hh, and clears the record for the next backward pass.
    func stepGradients(
        at t: Int, previousGradient: Tensor?, weightHH: Variable, biasHH: Variable
    ) -> [Tensor?] {
        if t > 0 { return [nil, previousGradient, nil, nil] }
        zeroSlicesOfStepsWithoutGradient()
        let (weightGradient, biasGradient) = hiddenWeightGradients()
        // Hands the buffer over without a copy; the next backward pass allocates a new one.
        let projectionTensor = Tensor(shape: projection.shape, scalars: projectionGradient)
        projectionGradient = []
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
            withProjectionGradient(at: t) { rows, stride in
                for b in 0..<batchSize {
                    (rows + b * stride).update(repeating: 0, count: width)
                }
            }
            (recurrentGradient! + t * batchSize * recurrentWidth)
                .update(repeating: 0, count: batchSize * recurrentWidth)
            candidateGradient.map {
                ($0 + t * batchSize * hiddenSize).update(
                    repeating: 0, count: batchSize * hiddenSize)
            }
        }
    }

    /// Computes ∂L/∂W_hh and ∂L/∂b_hh summed over all steps.
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
            addColumnSums(
                of: recurrentGradient!, rows: length * batchSize, width: recurrentWidth,
                into: db.baseAddress!)
            if let candidateGradient {
                addColumnSums(
                    of: candidateGradient, rows: length * batchSize, width: hiddenSize,
                    into: db.baseAddress! + recurrentWidth)
            }
        }
        return (weight, bias)
    }
}

/// Adds the sum of each column of a row-major `[rows, width]` matrix to `sums`.
func addColumnSums(
    of matrix: UnsafePointer<Float>, rows: Int, width: Int, into sums: UnsafeMutablePointer<Float>
) {
    for row in 0..<rows {
        let values = matrix + row * width
        for j in 0..<width { sums[j] += values[j] }
    }
}
