/// The place of the reset gate r in a gated recurrent unit.
public enum GRUForm: String, Sendable, CaseIterable {
    /// The original form (Cho et al., 2014), as textbooks print it: r scales h(t−1) before the
    /// matrix product, `n = tanh(W_in x + b_in + W_hn (r ⊙ h(t−1)) + b_hn)`.
    case chapter
    /// PyTorch's `nn.GRU` ("reset after"): r scales the product,
    /// `n = tanh(W_in x + b_in + r ⊙ (W_hn h(t−1) + b_hn))`. Weights exported to PyTorch need
    /// this form.
    case pytorch
}

/// Records one time step of a gated recurrent unit, as the op `"gru_step"`.
///
/// ```
/// r = σ(P_r(t) + W_hr h(t−1) + b_hr)        z = σ(P_z(t) + W_hz h(t−1) + b_hz)
/// chapter:  n = tanh(P_n(t) + W_hn (r ⊙ h(t−1)) + b_hn)
/// pytorch:  n = tanh(P_n(t) + r ⊙ (W_hn h(t−1) + b_hn))
/// h(t) = (1 − z) ⊙ n + z ⊙ h(t−1)        P(t) = W_ih x(t) + b_ih,  h(0) = 0
///
/// δ_n = ∂L/∂h(t) ⊙ (1 − z) ⊙ (1 − n²)        δ_z = ∂L/∂h(t) ⊙ (h(t−1) − n) ⊙ z(1 − z)
/// chapter:  δ_r = (δ_n · W_hn) ⊙ h(t−1) ⊙ r(1 − r)
///           ∂L/∂h(t−1) = ∂L/∂h(t) ⊙ z + (δ_n · W_hn) ⊙ r + [δ_r δ_z] · W_h[rz]
/// pytorch:  δ_r = δ_n ⊙ (W_hn h(t−1) + b_hn) ⊙ r(1 − r)
///           ∂L/∂h(t−1) = ∂L/∂h(t) ⊙ z + [δ_r δ_z (δ_n ⊙ r)] · W_hh
/// ```
/// Both forms mix the state as PyTorch does, h(t) = (1 − z) ⊙ n + z ⊙ h(t−1); some texts
/// (Cho et al. among them) swap z and 1 − z, which only relabels the gate.
///
/// Shapes: `previous [batch, hidden]` (nil at the first step), `weightHH [3 · hidden, hidden]`,
/// `biasHH [3 · hidden]` with the blocks r, z, n in PyTorch's order → `h(t) [batch, hidden]`.
/// The gradients with respect to P, W_hh and b_hh are summed over all steps and returned by
/// the first step (see `RecurrentSequence`).
///
/// - Parameters:
///   - sequence: the record made by `recurrentInputProjection`; the step runs at its next
///     time index.
///   - previous: the step op before this one, or nil for the first step.
///
/// Reference: K. Cho et al., "Learning phrase representations using RNN encoder-decoder for
/// statistical machine translation", EMNLP 2014.
public func gruStep(
    _ sequence: RecurrentSequence, previous: Variable?, weightHH: Variable, biasHH: Variable
) -> Variable {
    guard case .gru(let form) = sequence.cell else {
        preconditionFailure("gruStep needs a GRU sequence, got \(sequence.cell)")
    }
    let t = sequence.beginStep(previous: previous, weightHH: weightHH, biasHH: biasHH)
    let (batch, length, hiddenSize) = (sequence.batchSize, sequence.length, sequence.hiddenSize)
    let width = 3 * hiddenSize
    let stateCount = batch * hiddenSize
    let gates = sequence.gates + t * batch * width
    let auxiliary = sequence.auxiliary + t * stateCount
    let hiddenNow = sequence.hidden + t * stateCount
    // h(0) = 0 as a buffer, so the kernels read h(t−1) the same way at every step.
    let zeros = t == 0 ? [Float](repeating: 0, count: stateCount) : []

    let transposedWeight = sequence.transposedWeight(weightHH)
    zeros.withUnsafeBufferPointer { zeroState in
        let hiddenBefore =
            t > 0
            ? UnsafePointer(sequence.hidden + (t - 1) * stateCount) : zeroState.baseAddress!
        sequence.projection.value.scalars.withUnsafeBufferPointer { p in
            biasHH.value.scalars.withUnsafeBufferPointer { bias in
                let rows = GRURows(
                    projection: UnsafeMutablePointer(mutating: p.baseAddress!) + t * width,
                    projectionStride: length * width, gates: gates, auxiliary: auxiliary,
                    hiddenBefore: hiddenBefore, hidden: hiddenNow, hiddenSize: hiddenSize)
                switch form {
                case .pytorch:
                    gruForwardResetAfter(
                        rows, batch: batch, isFirstStep: t == 0,
                        transposedWeight: transposedWeight, biasHH: bias.baseAddress!,
                        scratch: sequence.scratch)
                case .chapter:
                    gruForwardResetBefore(
                        rows, batch: batch, isFirstStep: t == 0,
                        transposedWeight: transposedWeight, biasHH: bias.baseAddress!,
                        scratch: sequence.scratch)
                }
            }
        }
    }
    let h = Tensor(
        shape: [batch, hiddenSize],
        scalars: Array(UnsafeBufferPointer(start: hiddenNow, count: stateCount)))

    let inputs = sequence.stepInputs(previous: previous, weightHH: weightHH, biasHH: biasHH)
    return Variable(value: h, op: "gru_step", inputs: inputs) { dh in
        sequence.beginStepBackward(t)
        var dPrevious = [Float](repeating: 0, count: stateCount)
        zeros.withUnsafeBufferPointer { zeroState in
            let hiddenBefore =
                t > 0
                ? UnsafePointer(sequence.hidden + (t - 1) * stateCount) : zeroState.baseAddress!
            sequence.withProjectionGradient(at: t) { projectionGradient, stride in
                let rows = GRURows(
                    projection: projectionGradient, projectionStride: stride, gates: gates,
                    auxiliary: auxiliary, hiddenBefore: hiddenBefore, hidden: hiddenNow,
                    hiddenSize: hiddenSize)
                dh.scalars.withUnsafeBufferPointer { g in
                    weightHH.value.scalars.withUnsafeBufferPointer { w in
                        dPrevious.withUnsafeMutableBufferPointer { dBefore in
                            switch form {
                            case .pytorch:
                                gruBackwardResetAfter(
                                    rows, batch: batch, isFirstStep: t == 0,
                                    hiddenGradient: g.baseAddress!, weightHH: w.baseAddress!,
                                    delta: sequence.recurrentGradient! + t * batch * width,
                                    previousGradient: dBefore.baseAddress!)
                            case .chapter:
                                gruBackwardResetBefore(
                                    rows, batch: batch, isFirstStep: t == 0,
                                    hiddenGradient: g.baseAddress!, weightHH: w.baseAddress!,
                                    delta: sequence.recurrentGradient! + t * batch * 2 * hiddenSize,
                                    candidateDelta: sequence.candidateGradient! + t * stateCount,
                                    scratch: sequence.scratch,
                                    previousGradient: dBefore.baseAddress!)
                            }
                        }
                    }
                }
            }
        }
        let previousGradient = t > 0 ? Tensor(shape: [batch, hiddenSize], scalars: dPrevious) : nil
        return sequence.stepGradients(
            at: t, previousGradient: previousGradient, weightHH: weightHH, biasHH: biasHH)
    }
}

/// The rows that one GRU step reads and writes, per sample b:
/// `projection + b · projectionStride` is P(t) (∂L/∂P(t) in backward, the only one written),
/// `[3 · hidden]`;
/// the other pointers start rows of `[batch, hidden]` or `[batch, 3 · hidden]` buffers.
private struct GRURows {
    var projection: UnsafeMutablePointer<Float>
    var projectionStride: Int
    var gates: UnsafeMutablePointer<Float>
    var auxiliary: UnsafeMutablePointer<Float>
    var hiddenBefore: UnsafePointer<Float>
    var hidden: UnsafeMutablePointer<Float>
    var hiddenSize: Int
}

/// Runs the PyTorch form's forward pass. Each row starts as [P_r + b_hr, P_z + b_hz, b_hn],
/// one GEMM adds h(t−1) · W_hhᵀ to all three blocks, and then r, z, a = W_hn h(t−1) + b_hn
/// (kept in `auxiliary`), n and h(t) follow.
private func gruForwardResetAfter(
    _ rows: GRURows, batch: Int, isFirstStep: Bool, transposedWeight: UnsafePointer<Float>,
    biasHH: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>
) {
    let hiddenSize = rows.hiddenSize
    let width = 3 * hiddenSize
    for b in 0..<batch {
        let p = rows.projection + b * rows.projectionStride
        let gates = rows.gates + b * width
        for j in 0..<(2 * hiddenSize) { gates[j] = p[j] + biasHH[j] }
        for j in (2 * hiddenSize)..<width { gates[j] = biasHH[j] }
    }
    if !isFirstStep {
        BLAS.gemm(
            transposeA: false, transposeB: false, m: batch, n: width, k: hiddenSize,
            a: rows.hiddenBefore, b: transposedWeight, beta: 1, c: rows.gates)
    }
    for b in 0..<batch {
        let p = rows.projection + b * rows.projectionStride
        let gates = rows.gates + b * width
        let (r, z, n) = (gates, gates + hiddenSize, gates + 2 * hiddenSize)
        let a = rows.auxiliary + b * hiddenSize
        let hBefore = rows.hiddenBefore + b * hiddenSize
        let h = rows.hidden + b * hiddenSize
        for j in 0..<(2 * hiddenSize) {
            gates[j] = vectorizableSigmoid(gates[j])
        }
        a.update(from: n, count: hiddenSize)
        // The pre-activation goes through scratch because a loop that reads r and writes n,
        // two blocks of one row, is not vectorized.
        for j in 0..<hiddenSize {
            scratch[j] = p[2 * hiddenSize + j] + r[j] * a[j]
        }
        for j in 0..<hiddenSize {
            n[j] = vectorizableTanh(scratch[j])
        }
        mixHiddenState(z: z, n: n, hiddenBefore: hBefore, hidden: h, hiddenSize: hiddenSize)
    }
}

/// Computes h(t) = (1 − z) ⊙ n + z ⊙ h(t−1) for one sample.
@inline(__always)
private func mixHiddenState(
    z: UnsafePointer<Float>, n: UnsafePointer<Float>, hiddenBefore: UnsafePointer<Float>,
    hidden: UnsafeMutablePointer<Float>, hiddenSize: Int
) {
    for j in 0..<hiddenSize {
        hidden[j] = (1 - z[j]) * n[j] + z[j] * hiddenBefore[j]
    }
}

/// Runs the chapter form's forward pass: r and z from P + b_h[rz] + h(t−1) · W_h[rz]ᵀ, then
/// s = r ⊙ h(t−1) (kept in `auxiliary`), a second GEMM s · W_hnᵀ, then n and h(t).
private func gruForwardResetBefore(
    _ rows: GRURows, batch: Int, isFirstStep: Bool, transposedWeight: UnsafePointer<Float>,
    biasHH: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>
) {
    let hiddenSize = rows.hiddenSize
    let width = 3 * hiddenSize
    let gatePreactivations = scratch  // [batch, 2 · hidden]
    let candidatePreactivations = scratch + batch * 2 * hiddenSize  // [batch, hidden]
    for b in 0..<batch {
        let p = rows.projection + b * rows.projectionStride
        let gateRow = gatePreactivations + b * 2 * hiddenSize
        let candidateRow = candidatePreactivations + b * hiddenSize
        for j in 0..<(2 * hiddenSize) { gateRow[j] = p[j] + biasHH[j] }
        for j in 0..<hiddenSize {
            candidateRow[j] = p[2 * hiddenSize + j] + biasHH[2 * hiddenSize + j]
        }
    }
    if !isFirstStep {
        BLAS.gemm(
            transposeA: false, transposeB: false, m: batch, n: 2 * hiddenSize, k: hiddenSize,
            a: rows.hiddenBefore, b: transposedWeight, beta: 1, c: gatePreactivations)
    }
    for b in 0..<batch {
        let gateRow = gatePreactivations + b * 2 * hiddenSize
        let gates = rows.gates + b * width
        let s = rows.auxiliary + b * hiddenSize
        let hBefore = rows.hiddenBefore + b * hiddenSize
        for j in 0..<(2 * hiddenSize) {
            gates[j] = vectorizableSigmoid(gateRow[j])
        }
        for j in 0..<hiddenSize {
            s[j] = gates[j] * hBefore[j]
        }
    }
    if !isFirstStep {
        BLAS.gemm(
            transposeA: false, transposeB: false, m: batch, n: hiddenSize, k: hiddenSize,
            a: rows.auxiliary, b: transposedWeight + 2 * hiddenSize * hiddenSize, beta: 1,
            c: candidatePreactivations)
    }
    for b in 0..<batch {
        let candidateRow = candidatePreactivations + b * hiddenSize
        let gates = rows.gates + b * width
        let (z, n) = (gates + hiddenSize, gates + 2 * hiddenSize)
        let hBefore = rows.hiddenBefore + b * hiddenSize
        let h = rows.hidden + b * hiddenSize
        for j in 0..<hiddenSize {
            n[j] = vectorizableTanh(candidateRow[j])
        }
        mixHiddenState(z: z, n: n, hiddenBefore: hBefore, hidden: h, hiddenSize: hiddenSize)
    }
}

/// Runs the PyTorch form's backward pass. `rows.projection` points into ∂L/∂P; `delta` receives the
/// hidden-side pre-activation gradients [δ_r δ_z (δ_n ⊙ r)], `[batch, 3 · hidden]`.
private func gruBackwardResetAfter(
    _ rows: GRURows, batch: Int, isFirstStep: Bool, hiddenGradient: UnsafePointer<Float>,
    weightHH: UnsafePointer<Float>, delta: UnsafeMutablePointer<Float>,
    previousGradient: UnsafeMutablePointer<Float>
) {
    let hiddenSize = rows.hiddenSize
    let width = 3 * hiddenSize
    for b in 0..<batch {
        let r = rows.gates + b * width
        let a = rows.auxiliary + b * hiddenSize
        let d = delta + b * width
        let deltaN = d + 2 * hiddenSize
        let dP = rows.projection + b * rows.projectionStride
        gruUpdateAndCandidateGradients(
            rows, sample: b, hiddenGradient: hiddenGradient + b * hiddenSize, delta: d,
            previousGradient: previousGradient + b * hiddenSize)
        // δ_r goes to ∂L/∂P first: a loop that reads δ_n and writes δ_r in one row is not
        // vectorized.
        for j in 0..<hiddenSize {
            dP[j] = deltaN[j] * a[j] * r[j] * (1 - r[j])
        }
        d.update(from: dP, count: hiddenSize)
        // ∂L/∂P takes δ_n itself, while b_hn and W_hn h(t−1) sit behind r.
        (dP + hiddenSize).update(from: d + hiddenSize, count: 2 * hiddenSize)
        for j in 0..<hiddenSize {
            deltaN[j] *= r[j]
        }
    }
    if !isFirstStep {
        BLAS.gemm(
            transposeA: false, transposeB: false, m: batch, n: hiddenSize, k: width,
            a: delta, b: weightHH, beta: 1, c: previousGradient)
    }
}

/// Computes, for one sample, δ_z into `delta[hidden…]`, δ_n into `delta[2 · hidden…]` and
/// the direct part of ∂L/∂h(t−1), ∂L/∂h(t) ⊙ z, into `previousGradient`.
@inline(__always)
private func gruUpdateAndCandidateGradients(
    _ rows: GRURows, sample b: Int, hiddenGradient dh: UnsafePointer<Float>,
    delta: UnsafeMutablePointer<Float>, previousGradient: UnsafeMutablePointer<Float>
) {
    let hiddenSize = rows.hiddenSize
    let gates = rows.gates + b * 3 * hiddenSize
    let (z, n) = (gates + hiddenSize, gates + 2 * hiddenSize)
    let hBefore = rows.hiddenBefore + b * hiddenSize
    let (deltaZ, deltaN) = (delta + hiddenSize, delta + 2 * hiddenSize)
    for j in 0..<hiddenSize {
        deltaN[j] = dh[j] * (1 - z[j]) * (1 - n[j] * n[j])
    }
    for j in 0..<hiddenSize {
        deltaZ[j] = dh[j] * (hBefore[j] - n[j]) * z[j] * (1 - z[j])
    }
    for j in 0..<hiddenSize {
        previousGradient[j] = dh[j] * z[j]
    }
}

/// Runs the chapter form's backward pass. `delta` receives [δ_r δ_z], `[batch, 2 · hidden]`, and
/// `candidateDelta` receives δ_n, `[batch, hidden]`.
private func gruBackwardResetBefore(
    _ rows: GRURows, batch: Int, isFirstStep: Bool, hiddenGradient: UnsafePointer<Float>,
    weightHH: UnsafePointer<Float>, delta: UnsafeMutablePointer<Float>,
    candidateDelta: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>,
    previousGradient: UnsafeMutablePointer<Float>
) {
    let hiddenSize = rows.hiddenSize
    let width = 3 * hiddenSize
    // Per sample: [δ_r δ_z δ_n] in scratch rows of 3 · hidden, then copied out by block.
    let fullDelta = scratch
    for b in 0..<batch {
        let d = fullDelta + b * width
        gruUpdateAndCandidateGradients(
            rows, sample: b, hiddenGradient: hiddenGradient + b * hiddenSize, delta: d,
            previousGradient: previousGradient + b * hiddenSize)
        (candidateDelta + b * hiddenSize).update(from: d + 2 * hiddenSize, count: hiddenSize)
    }
    if isFirstStep {
        // h(0) = 0, so r has no effect on the first step and receives no gradient.
        for b in 0..<batch {
            let d = fullDelta + b * width
            d.update(repeating: 0, count: hiddenSize)
            (rows.projection + b * rows.projectionStride).update(from: d, count: width)
            (delta + b * 2 * hiddenSize).update(from: d, count: 2 * hiddenSize)
        }
        return
    }
    // ∂L/∂s for s = r ⊙ h(t−1): δ_n · W_hn, in the rows after the deltas.
    let sGradient = scratch + batch * width
    BLAS.gemm(
        transposeA: false, transposeB: false, m: batch, n: hiddenSize, k: hiddenSize,
        a: candidateDelta, b: weightHH + 2 * hiddenSize * hiddenSize, c: sGradient)
    for b in 0..<batch {
        let r = rows.gates + b * width
        let hBefore = rows.hiddenBefore + b * hiddenSize
        let ds = sGradient + b * hiddenSize
        let d = fullDelta + b * width
        let dP = rows.projection + b * rows.projectionStride
        let dBefore = previousGradient + b * hiddenSize
        // δ_r goes straight to ∂L/∂P, a separate buffer from the scratch that contains ∂L/∂s,
        // so the loop is vectorized.
        for j in 0..<hiddenSize {
            dP[j] = ds[j] * hBefore[j] * r[j] * (1 - r[j])
        }
        for j in 0..<hiddenSize {
            dBefore[j] += ds[j] * r[j]
        }
        (dP + hiddenSize).update(from: d + hiddenSize, count: 2 * hiddenSize)
        (delta + b * 2 * hiddenSize).update(from: dP, count: 2 * hiddenSize)
    }
    BLAS.gemm(
        transposeA: false, transposeB: false, m: batch, n: hiddenSize, k: 2 * hiddenSize,
        a: delta, b: weightHH, beta: 1, c: previousGradient)
}
