/// One time step of the Elman RNN with tanh, as the op `"rnn_step"`.
///
/// ```
/// h(t) = tanh(P(t) + h(t−1) · W_hhᵀ + b_hh)        P(t) = W_ih x(t) + b_ih, h(0) = 0
/// δ(t) = ∂L/∂h(t) ⊙ (1 − h(t)²)        ∂L/∂h(t−1) = δ(t) · W_hh
/// ```
/// Shapes: `previous [batch, hidden]` (nil at the first step), `weightHH [hidden, hidden]`,
/// `biasHH [hidden]` → `h(t) [batch, hidden]`. The gradients with respect to P, W_hh and b_hh
/// are summed over all steps and returned by the first step (see `RecurrentSequence`).
///
/// - Parameters:
///   - sequence: the record made by `recurrentInputProjection`; the step runs at its next
///     time index.
///   - previous: the step op before this one, or nil for the first step.
public func rnnStep(
    _ sequence: RecurrentSequence, previous: Variable?, weightHH: Variable, biasHH: Variable
) -> Variable {
    precondition(sequence.cell == .rnn, "rnnStep needs an RNN sequence, got \(sequence.cell)")
    let t = sequence.beginStep(previous: previous, weightHH: weightHH, biasHH: biasHH)
    let (batch, length, hiddenSize) = (sequence.batchSize, sequence.length, sequence.hiddenSize)
    let stateCount = batch * hiddenSize
    let hiddenNow = sequence.hidden + t * stateCount
    let hiddenBefore = sequence.hidden + (t - 1) * stateCount  // read only when t > 0

    if t > 0 {
        weightHH.value.scalars.withUnsafeBufferPointer { w in
            BLAS.gemm(
                transposeA: false, transposeB: true, m: batch, n: hiddenSize, k: hiddenSize,
                a: hiddenBefore, b: w.baseAddress!, c: sequence.hiddenProjection)
        }
    } else {
        sequence.hiddenProjection.update(repeating: 0, count: stateCount)
    }
    sequence.projection.value.scalars.withUnsafeBufferPointer { p in
        biasHH.value.scalars.withUnsafeBufferPointer { bias in
            for b in 0..<batch {
                let pRow = p.baseAddress! + (b * length + t) * hiddenSize
                let hpRow = sequence.hiddenProjection + b * hiddenSize
                let hRow = hiddenNow + b * hiddenSize
                for j in 0..<hiddenSize {
                    hRow[j] = vectorizableTanh(pRow[j] + hpRow[j] + bias[j])
                }
            }
        }
    }
    let h = Tensor(
        shape: [batch, hiddenSize],
        scalars: Array(UnsafeBufferPointer(start: hiddenNow, count: stateCount)))

    let inputs = sequence.stepInputs(previous: previous, weightHH: weightHH, biasHH: biasHH)
    return Variable(value: h, op: "rnn_step", inputs: inputs) { dh in
        sequence.beginStepBackward(t)
        let delta = sequence.recurrentGradient! + t * stateCount
        let projectionGradient = sequence.projectionGradient!
        dh.scalars.withUnsafeBufferPointer { g in
            for b in 0..<batch {
                let dP = projectionGradient + (b * length + t) * hiddenSize
                for j in 0..<hiddenSize {
                    let i = b * hiddenSize + j
                    let value = hiddenNow[i]
                    delta[i] = g[i] * (1 - value * value)
                    dP[j] = delta[i]
                }
            }
        }
        var previousGradient: Tensor?
        if t > 0 {
            var dPrevious = Tensor(shape: [batch, hiddenSize])
            weightHH.value.scalars.withUnsafeBufferPointer { w in
                dPrevious.scalars.withUnsafeMutableBufferPointer { d in
                    BLAS.gemm(
                        transposeA: false, transposeB: false, m: batch, n: hiddenSize,
                        k: hiddenSize, a: delta, b: w.baseAddress!, c: d.baseAddress!)
                }
            }
            previousGradient = dPrevious
        }
        return sequence.stepGradients(
            at: t, previousGradient: previousGradient, weightHH: weightHH, biasHH: biasHH)
    }
}
