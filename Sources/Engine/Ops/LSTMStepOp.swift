/// Records one time step of a long short-term memory, as the op `"lstm_step"`.
///
/// ```
/// [a_i a_f a_g a_o] = P(t) + h(t−1) · W_hhᵀ + b_hh        P(t) = W_ih x(t) + b_ih
/// i = σ(a_i)   f = σ(a_f)   g = tanh(a_g)   o = σ(a_o)
/// c(t) = f ⊙ c(t−1) + i ⊙ g        h(t) = o ⊙ tanh(c(t))        h(0) = c(0) = 0
///
/// dc = ∂L/∂c(t) + ∂L/∂h(t) ⊙ o ⊙ (1 − tanh²(c(t)))
/// δ_i = dc ⊙ g ⊙ i(1 − i)     δ_f = dc ⊙ c(t−1) ⊙ f(1 − f)
/// δ_g = dc ⊙ i ⊙ (1 − g²)     δ_o = ∂L/∂h(t) ⊙ tanh(c(t)) ⊙ o(1 − o)
/// ∂L/∂h(t−1) = δ · W_hh        ∂L/∂c(t−1) = dc ⊙ f
/// ```
/// Shapes: the step's value is the state (h, c) as `[2, batch, hidden]`, and so is `previous`,
/// the step before (nil at the first step). `weightHH [4 · hidden, hidden]` and
/// `biasHH [4 · hidden]` stack the blocks i, f, g, o in PyTorch's order. The gradients with
/// respect to P, W_hh and b_hh are summed over all steps and returned by the first step (see
/// `RecurrentSequence`).
///
/// - Parameters:
///   - sequence: the record made by `recurrentInputProjection`; the step runs at its next
///     time index.
///   - previous: the step op before this one, or nil for the first step.
///
/// Reference: S. Hochreiter and J. Schmidhuber, "Long short-term memory", Neural Computation
/// 9(8), 1997; the forget gate as in F. Gers, J. Schmidhuber and F. Cummins, 2000.
public func lstmStep(
    _ sequence: RecurrentSequence, previous: Variable?, weightHH: Variable, biasHH: Variable
) -> Variable {
    precondition(sequence.cell == .lstm, "lstmStep needs an LSTM sequence, got \(sequence.cell)")
    let t = sequence.beginStep(previous: previous, weightHH: weightHH, biasHH: biasHH)
    let (batch, length, hiddenSize) = (sequence.batchSize, sequence.length, sequence.hiddenSize)
    let width = 4 * hiddenSize
    let stateCount = batch * hiddenSize
    let gates = sequence.gates + t * batch * width
    let cellTanh = sequence.auxiliary + t * stateCount

    // The GEMM writes h(t−1) · W_hhᵀ into the gate rows (zeros at the first step), and the
    // kernel adds P(t) + b_hh as it applies the activations.
    if t > 0 {
        BLAS.gemm(
            transposeA: false, transposeB: false, m: batch, n: width, k: hiddenSize,
            a: sequence.hidden + (t - 1) * stateCount, b: sequence.transposedWeight(weightHH),
            c: gates)
    } else {
        gates.update(repeating: 0, count: batch * width)
    }
    // The state (h, c): h in the first `stateCount` scalars, c in the next.
    let stateBefore = previous?.value.scalars ?? [Float](repeating: 0, count: 2 * stateCount)
    let state = [Float](unsafeUninitializedCapacity: 2 * stateCount) { s, count in
        sequence.projection.value.scalars.withUnsafeBufferPointer { p in
            biasHH.value.scalars.withUnsafeBufferPointer { bias in
                stateBefore.withUnsafeBufferPointer { before in
                    for b in 0..<batch {
                        let offset = b * hiddenSize
                        lstmForwardKernel(
                            gates: gates + b * width,
                            projection: p.baseAddress! + (b * length + t) * width,
                            bias: bias.baseAddress!,
                            cellBefore: before.baseAddress! + stateCount + offset,
                            hidden: s.baseAddress! + offset,
                            cell: s.baseAddress! + stateCount + offset,
                            cellTanh: cellTanh + offset, hiddenSize: hiddenSize)
                    }
                }
            }
        }
        (sequence.hidden + t * stateCount).update(from: s.baseAddress!, count: stateCount)
        count = 2 * stateCount
    }

    let inputs = sequence.stepInputs(previous: previous, weightHH: weightHH, biasHH: biasHH)
    return Variable(
        value: Tensor(shape: [2, batch, hiddenSize], scalars: state), op: "lstm_step",
        inputs: inputs
    ) { dState in
        sequence.beginStepBackward(t)
        let delta = sequence.recurrentGradient! + t * batch * width
        // ∂L/∂(h(t−1), c(t−1)): the kernel writes the c half and the GEMM the h half. The
        // first step writes only the c half, which nothing reads.
        var dPrevious = [Float](unsafeUninitializedCapacity: 2 * stateCount) { _, count in
            count = 2 * stateCount
        }
        dState.scalars.withUnsafeBufferPointer { dS in
            stateBefore.withUnsafeBufferPointer { before in
                dPrevious.withUnsafeMutableBufferPointer { dBefore in
                    for b in 0..<batch {
                        let offset = b * hiddenSize
                        lstmBackwardKernel(
                            hiddenGradient: dS.baseAddress! + offset,
                            cellGradient: dS.baseAddress! + stateCount + offset,
                            gates: gates + b * width, cellTanh: cellTanh + offset,
                            cellBefore: before.baseAddress! + stateCount + offset,
                            delta: delta + b * width,
                            cellBeforeGradient: dBefore.baseAddress! + stateCount + offset,
                            hiddenSize: hiddenSize)
                    }
                }
            }
        }
        sequence.withProjectionGradient(at: t) { rows, stride in
            for b in 0..<batch {
                (rows + b * stride).update(from: delta + b * width, count: width)
            }
        }
        guard t > 0 else {
            return sequence.stepGradients(
                at: t, previousGradient: nil, weightHH: weightHH, biasHH: biasHH)
        }
        weightHH.value.scalars.withUnsafeBufferPointer { w in
            dPrevious.withUnsafeMutableBufferPointer { dBefore in
                BLAS.gemm(
                    transposeA: false, transposeB: false, m: batch, n: hiddenSize, k: width,
                    a: delta, b: w.baseAddress!, c: dBefore.baseAddress!)
            }
        }
        return sequence.stepGradients(
            at: t, previousGradient: Tensor(shape: [2, batch, hiddenSize], scalars: dPrevious),
            weightHH: weightHH, biasHH: biasHH)
    }
}

/// Applies the gate activations to one sample's pre-activations (i, f, g, o) and computes its
/// new state.
///
/// ```
/// a = gates + (P(t) + b_hh)        gates = [σ(a_i) σ(a_f) tanh(a_g) σ(a_o)]
/// ```
/// On entry `gates` contains h(t−1) · W_hhᵀ, and on return the activations.
@inline(__always)
private func lstmForwardKernel(
    gates: UnsafeMutablePointer<Float>, projection: UnsafePointer<Float>,
    bias: UnsafePointer<Float>, cellBefore: UnsafePointer<Float>,
    hidden: UnsafeMutablePointer<Float>, cell: UnsafeMutablePointer<Float>,
    cellTanh: UnsafeMutablePointer<Float>, hiddenSize: Int
) {
    let width = 4 * hiddenSize
    // P(t) + b_hh is summed first, so the result rounds exactly as when the GEMM added
    // h(t−1) · W_hhᵀ to a row that held P(t) + b_hh.
    for j in 0..<(2 * hiddenSize) {
        gates[j] = vectorizableSigmoid(gates[j] + (projection[j] + bias[j]))
    }
    for j in (2 * hiddenSize)..<(3 * hiddenSize) {
        gates[j] = vectorizableTanh(gates[j] + (projection[j] + bias[j]))
    }
    for j in (3 * hiddenSize)..<width {
        gates[j] = vectorizableSigmoid(gates[j] + (projection[j] + bias[j]))
    }
    let (i, f, g, o) = (gates, gates + hiddenSize, gates + 2 * hiddenSize, gates + 3 * hiddenSize)
    for j in 0..<hiddenSize {
        cell[j] = f[j] * cellBefore[j] + i[j] * g[j]
        cellTanh[j] = vectorizableTanh(cell[j])
        hidden[j] = o[j] * cellTanh[j]
    }
}

/// Computes the pre-activation gradients δ of one sample and ∂L/∂c(t−1).
@inline(__always)
private func lstmBackwardKernel(
    hiddenGradient: UnsafePointer<Float>, cellGradient: UnsafePointer<Float>,
    gates: UnsafePointer<Float>, cellTanh: UnsafePointer<Float>, cellBefore: UnsafePointer<Float>,
    delta: UnsafeMutablePointer<Float>, cellBeforeGradient: UnsafeMutablePointer<Float>,
    hiddenSize: Int
) {
    let (i, f, g, o) = (gates, gates + hiddenSize, gates + 2 * hiddenSize, gates + 3 * hiddenSize)
    let (deltaI, deltaF) = (delta, delta + hiddenSize)
    let (deltaG, deltaO) = (delta + 2 * hiddenSize, delta + 3 * hiddenSize)
    // Short loops instead of one: each writes one buffer, so the compiler's overlap checks
    // stay within its limit and every loop is vectorized.
    let cellTotalGradient = cellBeforeGradient  // dc until the last loop scales it by f
    for j in 0..<hiddenSize {
        let derivative = 1 - cellTanh[j] * cellTanh[j]
        cellTotalGradient[j] = cellGradient[j] + hiddenGradient[j] * o[j] * derivative
    }
    for j in 0..<hiddenSize {
        deltaO[j] = hiddenGradient[j] * cellTanh[j] * o[j] * (1 - o[j])
    }
    for j in 0..<hiddenSize {
        deltaI[j] = cellTotalGradient[j] * g[j] * i[j] * (1 - i[j])
    }
    for j in 0..<hiddenSize {
        deltaG[j] = cellTotalGradient[j] * i[j] * (1 - g[j] * g[j])
    }
    for j in 0..<hiddenSize {
        deltaF[j] = cellTotalGradient[j] * cellBefore[j] * f[j] * (1 - f[j])
    }
    for j in 0..<hiddenSize {
        cellBeforeGradient[j] = cellTotalGradient[j] * f[j]
    }
}
