import Glibc

/// Loss functions as ops. Each returns a rank-0 tensor: the mean over the batch, as PyTorch's
/// default `reduction="mean"` does (a sum over the batch would scale every gradient by the batch
/// size). Each op's pullback sits right after its forward code.

/// Mean squared error over all entries.
///
/// ```
/// L = (1/n) Σ (y − t)²        ∂L/∂y = 2 (y − t) / n
/// ```
/// Shapes: `prediction` and `target` equal, n = their number of entries.
public func meanSquaredError(_ prediction: Variable, target: Tensor) -> Variable {
    precondition(prediction.shape == target.shape, "MSE shapes \(prediction.shape) and \(target.shape)")
    let difference = prediction.value - target
    let n = Double(max(1, difference.count))
    let total = sumOfSquares(difference)
    let loss = Tensor(scalar: Float(total / n))
    return Variable(value: loss, op: "mse", inputs: [prediction]) { dL in
        let scale = 2 * dL.scalar / Float(n)
        return [difference.map { scale * $0 }]
    }
}

/// Returns Σ x² over all scalars, accumulated in `Double`.
///
/// Four lanes accumulate every fourth square, so the additions do not wait on one another. The
/// order differs from a running sum only by rounding in `Double`.
func sumOfSquares(_ x: Tensor) -> Double {
    x.scalars.withUnsafeBufferPointer { x in
        var partial = SIMD4<Double>()
        let whole = x.count - x.count % 4
        for i in stride(from: 0, to: whole, by: 4) {
            let lanes = SIMD4<Double>(
                Double(x[i]), Double(x[i + 1]), Double(x[i + 2]), Double(x[i + 3]))
            partial += lanes * lanes
        }
        var total = partial.sum()
        for i in whole..<x.count { total += Double(x[i]) * Double(x[i]) }
        return total
    }
}

/// Binary cross-entropy computed from logits z (the input of a final sigmoid).
///
/// ```
/// L = (1/n) Σ [max(z, 0) − z·t + log(1 + exp(−|z|))]        ∂L/∂z = (σ(z) − t) / n
/// ```
/// The rearranged form never exponentiates a positive number, so every finite logit gives a
/// finite loss and gradient. Shapes: `logits` and `target` equal; targets in [0, 1].
public func binaryCrossEntropyWithLogits(_ logits: Variable, target: Tensor) -> Variable {
    precondition(logits.shape == target.shape, "BCE shapes \(logits.shape) and \(target.shape)")
    let z = logits.value
    let n = Double(max(1, z.count))
    var total = 0.0
    for (x, t) in Swift.zip(z.scalars, target.scalars) {
        let xd = Double(x)
        total += max(xd, 0) - xd * Double(t) + log1p(exp(-abs(xd)))
    }
    let loss = Tensor(scalar: Float(total / n))
    return Variable(value: loss, op: "bce", inputs: [logits]) { dL in
        let scale = dL.scalar / Float(n)
        return [z.zip(target) { x, t in scale * (stableSigmoid(x) - t) }]
    }
}

/// Categorical cross-entropy computed from logits z (the input of a final softmax).
///
/// ```
/// L = (1/n) Σ_rows [logsumexp(z_row) − z_row[class]]        ∂L/∂z = (softmax(z) − onehot) / n
/// ```
/// The log-sum-exp subtracts each row's maximum first, so every finite logit gives a finite
/// loss (unless the loss itself exceeds `Float.greatestFiniteMagnitude`) and gradient.
/// Shapes: `logits [batch, classes]`, `classes` has `batch` indices in `0..<classes`.
public func crossEntropyWithLogits(_ logits: Variable, classes: [Int]) -> Variable {
    precondition(logits.value.rank == 2, "Cross-entropy needs [batch, classes], got \(logits.shape)")
    let (batch, width) = (logits.shape[0], logits.shape[1])
    precondition(classes.count == batch, "\(classes.count) targets for a batch of \(batch)")
    let probabilities = softmaxRows(logits.value)
    var total = 0.0
    logits.value.scalars.withUnsafeBufferPointer { z in
        for row in 0..<batch {
            let start = row * width
            var maximum = -Float.infinity
            for j in start..<(start + width) { maximum = max(maximum, z[j]) }
            var sumOfExponentials = 0.0
            for j in start..<(start + width) { sumOfExponentials += exp(Double(z[j] - maximum)) }
            let target = classes[row]
            precondition(target >= 0 && target < width, "Class \(target) is not in 0..<\(width)")
            total += Double(maximum) + log(sumOfExponentials) - Double(z[start + target])
        }
    }
    let loss = Tensor(scalar: Float(total / Double(max(1, batch))))
    return Variable(value: loss, op: "crossentropy", inputs: [logits]) { dL in
        let scale = dL.scalar / Float(max(1, batch))
        var dz = probabilities
        dz.scalars.withUnsafeMutableBufferPointer { d in
            for row in 0..<batch { d[row * width + classes[row]] -= 1 }
            for i in 0..<d.count { d[i] *= scale }
        }
        return [dz]
    }
}
