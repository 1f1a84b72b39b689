import Glibc

/// Activation functions as ops. Each op's pullback sits right after its forward code; `a` is the
/// pre-activation and `h` the activation, as in the chapter's notation.

/// Rectified linear unit.
///
/// ```
/// h = max(0, a)        ∂h/∂a = 1 if a > 0, else 0 (also at a = 0, as in PyTorch)
/// ```
public func relu(_ a: Variable) -> Variable {
    let h = relu(a.value)
    return Variable(value: h, op: "relu", inputs: [a]) { dh in
        [dh.zip(a.value) { g, x in x > 0 ? g : 0 }]
    }
}

/// Leaky rectified linear unit.
///
/// ```
/// h = a if a > 0, else slope · a        ∂h/∂a = 1 if a > 0, else slope
/// ```
public func leakyReLU(_ a: Variable, slope: Float) -> Variable {
    let h = leakyReLU(a.value, slope: slope)
    return Variable(value: h, op: "leakyrelu", inputs: [a]) { dh in
        [dh.zip(a.value) { g, x in x > 0 ? g : slope * g }]
    }
}

/// Exponential linear unit (Clevert et al., 2015).
///
/// ```
/// h = a if a > 0, else α · (exp(a) − 1)        ∂h/∂a = 1 if a > 0, else α · exp(a)
/// ```
/// Some texts print the negative branch as α · exp(a − 1); that form is wrong.
public func elu(_ a: Variable, alpha: Float) -> Variable {
    let h = elu(a.value, alpha: alpha)
    return Variable(value: h, op: "elu", inputs: [a]) { dh in
        [dh.zip(a.value) { g, x in x > 0 ? g : g * alpha * expf(x) }]
    }
}

/// Logistic sigmoid, computed without overflow for any finite input.
///
/// ```
/// h = 1 / (1 + exp(−a))        ∂h/∂a = h · (1 − h)
/// ```
/// The forward pass uses `vectorizableSigmoid`, which a loop computes in SIMD lanes. Its
/// relative error is below 3·10⁻⁷ on [−80, 80], and FastPathTests checks that bound.
public func sigmoid(_ a: Variable) -> Variable {
    let h = sigmoid(a.value)
    return Variable(value: h, op: "sigmoid", inputs: [a]) { dh in
        [dh.zip(h) { g, s in g * s * (1 - s) }]
    }
}

/// Hyperbolic tangent.
///
/// ```
/// h = tanh(a)        ∂h/∂a = 1 − h²
/// ```
public func tanh(_ a: Variable) -> Variable {
    let h = tanh(a.value)
    return Variable(value: h, op: "tanh", inputs: [a]) { dh in
        [dh.zip(h) { g, t in g * (1 - t * t) }]
    }
}

/// Softmax over the last dimension, computed after subtracting each row's maximum.
///
/// ```
/// h_i = exp(a_i) / Σ_j exp(a_j)        ∂L/∂a_i = h_i · (∂L/∂h_i − Σ_j ∂L/∂h_j · h_j)
/// ```
/// Shapes: `[batch, classes] → [batch, classes]` (any rank; rows are the last dimension).
public func softmax(_ a: Variable) -> Variable {
    let h = softmaxRows(a.value)
    let width = a.shape.last ?? 1
    return Variable(value: h, op: "softmax", inputs: [a]) { dh in
        var da = Tensor(shape: dh.shape)
        dh.scalars.withUnsafeBufferPointer { g in
            h.scalars.withUnsafeBufferPointer { s in
                da.scalars.withUnsafeMutableBufferPointer { d in
                    for start in stride(from: 0, to: g.count, by: width) {
                        var dot: Float = 0
                        for j in start..<(start + width) { dot += g[j] * s[j] }
                        for j in start..<(start + width) { d[j] = s[j] * (g[j] - dot) }
                    }
                }
            }
        }
        return [da]
    }
}

/// The forward computations of the activation ops on plain tensors, shared with the
/// evaluation path that records no graph.

/// Returns max(0, a) for every scalar.
public func relu(_ a: Tensor) -> Tensor {
    a.map(rectified)
}

/// Returns a where a > 0, else slope · a, for every scalar.
public func leakyReLU(_ a: Tensor, slope: Float) -> Tensor {
    a.map { leakyRectified($0, slope: slope) }
}

/// Returns a where a > 0, else α · (exp(a) − 1), for every scalar.
public func elu(_ a: Tensor, alpha: Float) -> Tensor {
    a.map { exponentialLinear($0, alpha: alpha) }
}

/// max(0, x): the rectified linear unit of one value.
@inlinable
public func rectified(_ x: Float) -> Float {
    x > 0 ? x : 0
}

/// x where x > 0, else slope · x: the leaky ReLU of one value.
@inlinable
public func leakyRectified(_ x: Float, slope: Float) -> Float {
    x > 0 ? x : slope * x
}

/// x where x > 0, else α · (exp(x) − 1): the ELU of one value.
@inlinable
public func exponentialLinear(_ x: Float, alpha: Float) -> Float {
    x > 0 ? x : alpha * expm1f(x)
}

/// Returns the logistic sigmoid of every scalar, computed by `vectorizableSigmoid`.
public func sigmoid(_ a: Tensor) -> Tensor {
    a.map(vectorizableSigmoid)
}

/// Returns tanh(a) for every scalar.
public func tanh(_ a: Tensor) -> Tensor {
    a.map { tanhf($0) }
}

/// The logistic sigmoid of one value, exact in both tails: `exp` only ever sees a value ≤ 0.
@inlinable
public func stableSigmoid(_ x: Float) -> Float {
    if x >= 0 {
        return 1 / (1 + expf(-x))
    }
    let e = expf(x)
    return e / (1 + e)
}

/// Returns the softmax of each row (the last dimension) of `logits`.
public func softmaxRows(_ logits: Tensor) -> Tensor {
    let width = logits.shape.last ?? 1
    var result = Tensor(shape: logits.shape)
    logits.scalars.withUnsafeBufferPointer { x in
        result.scalars.withUnsafeMutableBufferPointer { y in
            for start in stride(from: 0, to: x.count, by: width) {
                var maximum = -Float.infinity
                for j in start..<(start + width) { maximum = max(maximum, x[j]) }
                var total: Float = 0
                for j in start..<(start + width) {
                    y[j] = expf(x[j] - maximum)
                    total += y[j]
                }
                for j in start..<(start + width) { y[j] /= total }
            }
        }
    }
    return result
}
