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
    guard let bias else { return x.matmul(weight, transposeOther: true) }
    let outFeatures = weight.shape[0]
    precondition(
        bias.rank == 1 && bias.shape[0] == outFeatures,
        "Bias \(bias.shape) does not match \(weight.shape)")
    let batch = x.shape[0]
    if batch == 1 {
        // For one sample the product is added onto a copy of the bias (beta 1), which rounds
        // as adding the bias after the product does.
        return productOntoBias(x, weight: weight, bias: bias)
    }
    var a = x.matmul(weight, transposeOther: true)
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

/// Returns `x · Wᵀ + b` for one row `x [1, inFeatures]`, starting from a copy of the bias.
private func productOntoBias(_ x: Tensor, weight: Tensor, bias: Tensor) -> Tensor {
    let (outFeatures, inFeatures) = (weight.shape[0], weight.shape[1])
    precondition(
        x.rank == 2 && x.shape[1] == inFeatures,
        "matmul inner dimensions differ: \(x.shape) and \(weight.shape)")
    var y = bias.reshaped([1, outFeatures])
    guard inFeatures > 0 else { return y }
    x.scalars.withUnsafeBufferPointer { a in
        weight.scalars.withUnsafeBufferPointer { w in
            y.scalars.withUnsafeMutableBufferPointer { c in
                BLAS.gemm(
                    transposeA: false, transposeB: true, m: 1, n: outFeatures, k: inFeatures,
                    a: a.baseAddress!, b: w.baseAddress!, beta: 1, c: c.baseAddress!)
            }
        }
    }
    return y
}
