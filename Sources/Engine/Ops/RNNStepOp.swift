/// Records one time step of the Elman RNN with tanh, as the op `"rnn_step"`.
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

    // Each row starts as P(t) + b_hh, the GEMM adds h(t−1) · W_hhᵀ, and tanh applies in place.
    sequence.projection.value.scalars.withUnsafeBufferPointer { p in
        biasHH.value.scalars.withUnsafeBufferPointer { bias in
            for b in 0..<batch {
                let pRow = p.baseAddress! + (b * length + t) * hiddenSize
                let hRow = hiddenNow + b * hiddenSize
                for j in 0..<hiddenSize { hRow[j] = pRow[j] + bias[j] }
            }
        }
    }
    if t > 0 {
        BLAS.gemm(
            transposeA: false, transposeB: false, m: batch, n: hiddenSize, k: hiddenSize,
            a: hiddenNow - stateCount, b: sequence.transposedWeight(weightHH), beta: 1,
            c: hiddenNow)
    }
    for i in 0..<stateCount { hiddenNow[i] = vectorizableTanh(hiddenNow[i]) }
    let h = Tensor(
        shape: [batch, hiddenSize],
        scalars: Array(UnsafeBufferPointer(start: hiddenNow, count: stateCount)))

    let inputs = sequence.stepInputs(previous: previous, weightHH: weightHH, biasHH: biasHH)
    return Variable(value: h, op: "rnn_step", inputs: inputs) { dh in
        sequence.beginStepBackward(t)
        let delta = sequence.recurrentGradient! + t * stateCount
        dh.scalars.withUnsafeBufferPointer { g in
            for i in 0..<stateCount {
                delta[i] = g[i] * (1 - hiddenNow[i] * hiddenNow[i])
            }
        }
        sequence.withProjectionGradient(at: t) { rows, stride in
            for b in 0..<batch {
                (rows + b * stride).update(from: delta + b * hiddenSize, count: hiddenSize)
            }
        }
        var previousGradient: Tensor?
        if t > 0 {
            let dPrevious = [Float](unsafeUninitializedCapacity: stateCount) { buffer, count in
                weightHH.value.scalars.withUnsafeBufferPointer { w in
                    BLAS.gemm(
                        transposeA: false, transposeB: false, m: batch, n: hiddenSize,
                        k: hiddenSize, a: delta, b: w.baseAddress!, c: buffer.baseAddress!)
                }
                count = stateCount
            }
            previousGradient = Tensor(shape: [batch, hiddenSize], scalars: dPrevious)
        }
        return sequence.stepGradients(
            at: t, previousGradient: previousGradient, weightHH: weightHH, biasHH: biasHH)
    }
}
