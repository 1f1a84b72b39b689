/// Elementwise arithmetic and reductions. Each op's pullback sits right after its forward code.

/// `y = a + b` for equal shapes; ∂L/∂a = ∂L/∂b = ∂L/∂y.
public func + (a: Variable, b: Variable) -> Variable {
    Variable(value: a.value + b.value, op: "add", inputs: [a, b]) { dy in [dy, dy] }
}

/// `y = a − b` for equal shapes; ∂L/∂a = ∂L/∂y, ∂L/∂b = −∂L/∂y.
public func - (a: Variable, b: Variable) -> Variable {
    Variable(value: a.value - b.value, op: "subtract", inputs: [a, b]) { dy in
        [dy, b.requiresGrad ? dy.map { -$0 } : nil]
    }
}

/// `y = a ⊙ b` for equal shapes; ∂L/∂a = ∂L/∂y ⊙ b, ∂L/∂b = ∂L/∂y ⊙ a.
public func * (a: Variable, b: Variable) -> Variable {
    Variable(value: a.value * b.value, op: "multiply", inputs: [a, b]) { dy in
        [a.requiresGrad ? dy * b.value : nil, b.requiresGrad ? dy * a.value : nil]
    }
}

/// `y = c · x` for a constant `c`; ∂L/∂x = c · ∂L/∂y.
public func * (c: Float, x: Variable) -> Variable {
    Variable(value: c * x.value, op: "scale", inputs: [x]) { dy in [c * dy] }
}

/// Sum of all entries, `y = Σ x` as a rank-0 tensor; ∂L/∂x = ∂L/∂y everywhere.
public func sum(_ x: Variable) -> Variable {
    Variable(value: Tensor(scalar: Float(x.value.sum)), op: "sum", inputs: [x]) { dy in
        [Tensor(shape: x.shape, repeating: dy.scalar)]
    }
}

/// Mean of all entries, `y = (1/n) Σ x` as a rank-0 tensor; ∂L/∂x = ∂L/∂y / n.
public func mean(_ x: Variable) -> Variable {
    let n = Float(max(1, x.value.count))
    return Variable(value: Tensor(scalar: Float(x.value.sum / Double(n))), op: "mean", inputs: [x]) {
        dy in [Tensor(shape: x.shape, repeating: dy.scalar / n)]
    }
}

/// The same values viewed with another shape of equal size; ∂L/∂x is ∂L/∂y reshaped back.
public func reshape(_ x: Variable, _ shape: [Int]) -> Variable {
    Variable(value: x.value.reshaped(shape), op: "reshape", inputs: [x]) { dy in
        [dy.reshaped(x.shape)]
    }
}
