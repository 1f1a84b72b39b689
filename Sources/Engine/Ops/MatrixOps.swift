/// Matrix products. Each op's pullback sits right after its forward code.

/// Matrix product `a · b`.
///
/// ```
/// y = a · b        ∂L/∂a = ∂L/∂y · bᵀ        ∂L/∂b = aᵀ · ∂L/∂y
/// ```
/// Shapes: `a [m, k]`, `b [k, n]` → `y [m, n]`.
public func matmul(_ a: Variable, _ b: Variable) -> Variable {
    let y = a.value.matmul(b.value)
    return Variable(value: y, op: "matmul", inputs: [a, b]) { dy in
        [
            a.requiresGrad ? dy.matmul(b.value, transposeOther: true) : nil,
            b.requiresGrad ? a.value.matmul(dy, transposeSelf: true) : nil,
        ]
    }
}

/// Affine map with PyTorch's weight layout, as computed by a dense layer.
///
/// ```
/// a = x · Wᵀ + b
/// ∂L/∂x = ∂L/∂a · W      ∂L/∂W = (∂L/∂a)ᵀ · x      ∂L/∂b = Σ_rows ∂L/∂a
/// ```
/// Shapes: `x [batch, inFeatures]`, `weight [outFeatures, inFeatures]`, `bias [outFeatures]`
/// → `a [batch, outFeatures]`.
public func linear(_ x: Variable, weight: Variable, bias: Variable?) -> Variable {
    let a = affine(x.value, weight: weight.value, bias: bias?.value)
    let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
    return Variable(value: a, op: "linear", inputs: inputs) { da in
        [
            x.requiresGrad ? da.matmul(weight.value) : nil,
            weight.requiresGrad ? da.matmul(x.value, transposeSelf: true) : nil,
            bias?.requiresGrad == true ? da.sumOverRows() : nil,
        ]
    }
}

/// Returns `x · Wᵀ + b` on plain values: the forward computation of `linear`.
///
/// Shapes: `x [batch, inFeatures]`, `weight [outFeatures, inFeatures]`, `bias [outFeatures]`
/// → `[batch, outFeatures]`.
public func affine(_ x: Tensor, weight: Tensor, bias: Tensor?) -> Tensor {
    var a = x.matmul(weight, transposeOther: true)
    guard let bias else { return a }
    let outFeatures = weight.shape[0]
    precondition(
        bias.rank == 1 && bias.shape[0] == outFeatures,
        "Bias \(bias.shape) does not match \(weight.shape)")
    let batch = x.shape[0]
    bias.scalars.withUnsafeBufferPointer { b in
        a.scalars.withUnsafeMutableBufferPointer { y in
            // A pointer per row keeps overflow-checked index arithmetic out of the inner loop,
            // which then vectorizes.
            for row in 0..<batch {
                let yRow = y.baseAddress! + row * outFeatures
                for j in 0..<outFeatures { yRow[j] += b[j] }
            }
        }
    }
    return a
}
