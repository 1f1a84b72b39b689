/// Where a gated recurrent unit applies its reset gate r.
public enum GRUForm: String, Sendable, CaseIterable {
    /// The original form (Cho et al., 2014), as textbooks print it: r scales h(t−1) before the
    /// matrix product, `n = tanh(W_in x + b_in + W_hn (r ⊙ h(t−1)) + b_hn)`.
    case chapter
    /// PyTorch's `nn.GRU` ("reset after"): r scales the product,
    /// `n = tanh(W_in x + b_in + r ⊙ (W_hn h(t−1) + b_hn))`. Weights exported to PyTorch need
    /// this form.
    case pytorch
}

/// One time step of a gated recurrent unit, as the op `"gru_step"`.
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
    let zeros = t == 0 ? [Float](repeating: 0, count: stateCount) : []

    zeros.withUnsafeBufferPointer { zeroState in
        let hiddenBefore = t > 0
            ? UnsafePointer(sequence.hidden + (t - 1) * stateCount) : zeroState.baseAddress!
        sequence.projection.value.scalars.withUnsafeBufferPointer { p in
            weightHH.value.scalars.withUnsafeBufferPointer { w in
                biasHH.value.scalars.withUnsafeBufferPointer { bias in
                    let rows = GRURows(
                        projection: p.baseAddress! + t * width, projectionStride: length * width,
                        gates: gates, auxiliary: auxiliary, hiddenBefore: hiddenBefore,
                        hidden: hiddenNow, hiddenSize: hiddenSize)
                    switch form {
                    case .pytorch:
                        gruForwardResetAfter(
                            rows, batch: batch, isFirstStep: t == 0, weightHH: w.baseAddress!,
                            biasHH: bias.baseAddress!, scratch: sequence.hiddenProjection)
                    case .chapter:
                        gruForwardResetBefore(
                            rows, batch: batch, isFirstStep: t == 0, weightHH: w.baseAddress!,
                            biasHH: bias.baseAddress!, scratch: sequence.hiddenProjection)
                    }
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
            let hiddenBefore = t > 0
                ? UnsafePointer(sequence.hidden + (t - 1) * stateCount) : zeroState.baseAddress!
            let rows = GRURows(
                projection: sequence.projectionGradient! + t * width,
                projectionStride: length * width, gates: gates, auxiliary: auxiliary,
                hiddenBefore: hiddenBefore, hidden: hiddenNow, hiddenSize: hiddenSize)
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
                                scratch: sequence.hiddenProjection,
                                previousGradient: dBefore.baseAddress!)
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

/// Where one GRU step reads and writes, per sample b:
/// `projection + b · projectionStride` is P(t) (or ∂L/∂P(t) in backward), `[3 · hidden]`;
/// the other pointers start rows of `[batch, hidden]` or `[batch, 3 · hidden]` buffers.
private struct GRURows {
    var projection: UnsafeMutablePointer<Float>
    var projectionStride: Int
    var gates: UnsafeMutablePointer<Float>
    var auxiliary: UnsafeMutablePointer<Float>
    var hiddenBefore: UnsafePointer<Float>
    var hidden: UnsafeMutablePointer<Float>
    var hiddenSize: Int

    init(
        projection: UnsafePointer<Float>, projectionStride: Int,
        gates: UnsafeMutablePointer<Float>, auxiliary: UnsafeMutablePointer<Float>,
        hiddenBefore: UnsafePointer<Float>, hidden: UnsafeMutablePointer<Float>, hiddenSize: Int
    ) {
        self.projection = UnsafeMutablePointer(mutating: projection)
        self.projectionStride = projectionStride
        self.gates = gates
        self.auxiliary = auxiliary
        self.hiddenBefore = hiddenBefore
        self.hidden = hidden
        self.hiddenSize = hiddenSize
    }
}

/// The PyTorch form's forward: one GEMM for all three blocks of h(t−1) · W_hhᵀ, then r, z,
/// a = W_hn h(t−1) + b_hn (kept in `auxiliary`), n and h(t).
private func gruForwardResetAfter(
    _ rows: GRURows, batch: Int, isFirstStep: Bool, weightHH: UnsafePointer<Float>,
    biasHH: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>
) {
    let hiddenSize = rows.hiddenSize
    let width = 3 * hiddenSize
    if isFirstStep {
        scratch.update(repeating: 0, count: batch * width)
    } else {
        BLAS.gemm(
            transposeA: false, transposeB: true, m: batch, n: width, k: hiddenSize,
            a: rows.hiddenBefore, b: weightHH, c: scratch)
    }
    for b in 0..<batch {
        let p = rows.projection + b * rows.projectionStride
        let hp = scratch + b * width
        let gates = rows.gates + b * width
        let (r, z, n) = (gates, gates + hiddenSize, gates + 2 * hiddenSize)
        let a = rows.auxiliary + b * hiddenSize
        let hBefore = rows.hiddenBefore + b * hiddenSize
        let h = rows.hidden + b * hiddenSize
        for j in 0..<(2 * hiddenSize) {
            gates[j] = vectorizableSigmoid(p[j] + hp[j] + biasHH[j])
        }
        for j in 0..<hiddenSize {
            a[j] = hp[2 * hiddenSize + j] + biasHH[2 * hiddenSize + j]
            n[j] = vectorizableTanh(p[2 * hiddenSize + j] + r[j] * a[j])
            h[j] = (1 - z[j]) * n[j] + z[j] * hBefore[j]
        }
    }
}

/// The chapter form's forward: h(t−1) · W_h[rz]ᵀ for r and z, then s = r ⊙ h(t−1) (kept in
/// `auxiliary`), a second GEMM s · W_hnᵀ, then n and h(t).
private func gruForwardResetBefore(
    _ rows: GRURows, batch: Int, isFirstStep: Bool, weightHH: UnsafePointer<Float>,
    biasHH: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>
) {
    let hiddenSize = rows.hiddenSize
    let width = 3 * hiddenSize
    let gateProjection = scratch  // [batch, 2 · hidden]
    let candidateProjection = scratch + batch * 2 * hiddenSize  // [batch, hidden]
    if isFirstStep {
        scratch.update(repeating: 0, count: batch * width)
    } else {
        BLAS.gemm(
            transposeA: false, transposeB: true, m: batch, n: 2 * hiddenSize, k: hiddenSize,
            a: rows.hiddenBefore, b: weightHH, c: gateProjection)
    }
    for b in 0..<batch {
        let p = rows.projection + b * rows.projectionStride
        let hp = gateProjection + b * 2 * hiddenSize
        let gates = rows.gates + b * width
        let s = rows.auxiliary + b * hiddenSize
        let hBefore = rows.hiddenBefore + b * hiddenSize
        for j in 0..<(2 * hiddenSize) {
            gates[j] = vectorizableSigmoid(p[j] + hp[j] + biasHH[j])
        }
        for j in 0..<hiddenSize {
            s[j] = gates[j] * hBefore[j]
        }
    }
    if !isFirstStep {
        BLAS.gemm(
            transposeA: false, transposeB: true, m: batch, n: hiddenSize, k: hiddenSize,
            a: rows.auxiliary, b: weightHH + 2 * hiddenSize * hiddenSize, c: candidateProjection)
    }
    for b in 0..<batch {
        let p = rows.projection + b * rows.projectionStride
        let hp = candidateProjection + b * hiddenSize
        let gates = rows.gates + b * width
        let (z, n) = (gates + hiddenSize, gates + 2 * hiddenSize)
        let hBefore = rows.hiddenBefore + b * hiddenSize
        let h = rows.hidden + b * hiddenSize
        for j in 0..<hiddenSize {
            n[j] = vectorizableTanh(p[2 * hiddenSize + j] + hp[j] + biasHH[2 * hiddenSize + j])
            h[j] = (1 - z[j]) * n[j] + z[j] * hBefore[j]
        }
    }
}

/// The PyTorch form's backward. `rows.projection` points into ∂L/∂P; `delta` receives the
/// hidden-side pre-activation gradients [δ_r δ_z (δ_n ⊙ r)], `[batch, 3 · hidden]`.
private func gruBackwardResetAfter(
    _ rows: GRURows, batch: Int, isFirstStep: Bool, hiddenGradient: UnsafePointer<Float>,
    weightHH: UnsafePointer<Float>, delta: UnsafeMutablePointer<Float>,
    previousGradient: UnsafeMutablePointer<Float>
) {
    let hiddenSize = rows.hiddenSize
    let width = 3 * hiddenSize
    for b in 0..<batch {
        let dP = rows.projection + b * rows.projectionStride
        let gates = rows.gates + b * width
        let (r, z, n) = (gates, gates + hiddenSize, gates + 2 * hiddenSize)
        let a = rows.auxiliary + b * hiddenSize
        let hBefore = rows.hiddenBefore + b * hiddenSize
        let dh = hiddenGradient + b * hiddenSize
        let d = delta + b * width
        let dBefore = previousGradient + b * hiddenSize
        for j in 0..<hiddenSize {
            let deltaN = dh[j] * (1 - z[j]) * (1 - n[j] * n[j])
            let deltaZ = dh[j] * (hBefore[j] - n[j]) * z[j] * (1 - z[j])
            let deltaR = deltaN * a[j] * r[j] * (1 - r[j])
            dP[j] = deltaR
            dP[hiddenSize + j] = deltaZ
            dP[2 * hiddenSize + j] = deltaN
            d[j] = deltaR
            d[hiddenSize + j] = deltaZ
            d[2 * hiddenSize + j] = deltaN * r[j]
            dBefore[j] = dh[j] * z[j]
        }
    }
    if !isFirstStep {
        BLAS.gemm(
            transposeA: false, transposeB: false, m: batch, n: hiddenSize, k: width,
            a: delta, b: weightHH, beta: 1, c: previousGradient)
    }
}

/// The chapter form's backward. `delta` receives [δ_r δ_z], `[batch, 2 · hidden]`, and
/// `candidateDelta` receives δ_n, `[batch, hidden]`.
private func gruBackwardResetBefore(
    _ rows: GRURows, batch: Int, isFirstStep: Bool, hiddenGradient: UnsafePointer<Float>,
    weightHH: UnsafePointer<Float>, delta: UnsafeMutablePointer<Float>,
    candidateDelta: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>,
    previousGradient: UnsafeMutablePointer<Float>
) {
    let hiddenSize = rows.hiddenSize
    let width = 3 * hiddenSize
    for b in 0..<batch {
        let dP = rows.projection + b * rows.projectionStride
        let gates = rows.gates + b * width
        let (z, n) = (gates + hiddenSize, gates + 2 * hiddenSize)
        let hBefore = rows.hiddenBefore + b * hiddenSize
        let dh = hiddenGradient + b * hiddenSize
        let d = delta + b * 2 * hiddenSize
        let dN = candidateDelta + b * hiddenSize
        let dBefore = previousGradient + b * hiddenSize
        for j in 0..<hiddenSize {
            let deltaN = dh[j] * (1 - z[j]) * (1 - n[j] * n[j])
            let deltaZ = dh[j] * (hBefore[j] - n[j]) * z[j] * (1 - z[j])
            dP[hiddenSize + j] = deltaZ
            dP[2 * hiddenSize + j] = deltaN
            d[hiddenSize + j] = deltaZ
            dN[j] = deltaN
            dBefore[j] = dh[j] * z[j]
        }
    }
    if isFirstStep {
        // h(0) = 0, so r has no effect on the first step and receives no gradient.
        for b in 0..<batch {
            (rows.projection + b * rows.projectionStride).update(repeating: 0, count: hiddenSize)
            (delta + b * 2 * hiddenSize).update(repeating: 0, count: hiddenSize)
        }
        return
    }
    // ∂L/∂s for s = r ⊙ h(t−1): δ_n · W_hn.
    let sGradient = scratch
    BLAS.gemm(
        transposeA: false, transposeB: false, m: batch, n: hiddenSize, k: hiddenSize,
        a: candidateDelta, b: weightHH + 2 * hiddenSize * hiddenSize, c: sGradient)
    for b in 0..<batch {
        let dP = rows.projection + b * rows.projectionStride
        let r = rows.gates + b * width
        let hBefore = rows.hiddenBefore + b * hiddenSize
        let ds = sGradient + b * hiddenSize
        let d = delta + b * 2 * hiddenSize
        let dBefore = previousGradient + b * hiddenSize
        for j in 0..<hiddenSize {
            let deltaR = ds[j] * hBefore[j] * r[j] * (1 - r[j])
            dP[j] = deltaR
            d[j] = deltaR
            dBefore[j] += ds[j] * r[j]
        }
    }
    BLAS.gemm(
        transposeA: false, transposeB: false, m: batch, n: hiddenSize, k: 2 * hiddenSize,
        a: delta, b: weightHH, beta: 1, c: previousGradient)
}
