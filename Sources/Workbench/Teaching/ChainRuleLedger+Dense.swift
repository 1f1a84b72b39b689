import Foundation
import Engine

/// A matrix of `Double` values, row-major, for the ledger's 64-bit arithmetic.
struct LedgerMatrix {
    var rows: Int
    var columns: Int
    var values: [Double]

    init(rows: Int, columns: Int, values: [Double]) {
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    init(_ tensor: Tensor) {
        rows = tensor.shape.first ?? 1
        columns = tensor.count / max(1, rows)
        values = tensor.scalars.map(Double.init)
    }

    subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }
}

extension ChainRuleLedger {
    /// One dense layer k of the chain above the explained weight: W(k), its activation, and the
    /// recorded h(k−1), a(k) and h(k).
    struct DenseUnit {
        let number: Int
        let weight: LedgerMatrix
        let activation: Activation?
        let previous: LedgerMatrix
        let preActivation: LedgerMatrix
        let output: LedgerMatrix
    }

    /// The ledger of a dense weight or bias, with Δ computed recursively from the output.
    mutating func denseLedger(
        _ reference: Reference, problem: Problem, terms: ObjectiveTerms, pass: ForwardPass
    ) {
        let model = problem.model
        let units = StepUnit.chapterLayers(of: model, pass: pass)
        guard let start = units.firstIndex(where: { $0.layerIndices.contains(reference.layerIndex) })
        else { return }
        // The chain is the run of dense units from layer k up to the output.
        var chain: [DenseUnit] = []
        for unit in units[start...] {
            guard let dense = model.layers[unit.layerIndices[0]] as? Dense else { break }
            let activation = unit.layerIndices.count == 2
                ? (model.layers[unit.layerIndices[1]] as? ActivationLayer)?.activation : nil
            chain.append(
                DenseUnit(
                    number: unit.number, weight: LedgerMatrix(dense.weight.value), activation: activation,
                    previous: LedgerMatrix(flatten(unit.input.value)),
                    preActivation: LedgerMatrix(unit.outputs[0].value),
                    output: LedgerMatrix(unit.outputs[unit.outputs.count - 1].value)))
        }
        let reachesOutput = start + chain.count == units.count && problem.objective.codePenalty == nil
        var g = reachesOutput
            ? outputGradient(chain.last!, problem: problem, terms: terms, pass: pass)
            : LedgerMatrix(
                units[start + chain.count - 1].outputs.last!.grad ?? Tensor(shape: [1, 1]))
        if !reachesOutput {
            lines.append(
                "    Δ at the top of the dense chain (layer \(chain.last!.number)) is taken from"
                    + " autodiff, because the layers above it are not dense or carry a code penalty")
        }

        // Walk down from the top: g(r) = ∂L/∂a(r), Δ(h(r−1)) = g(r) · W(r).
        var gradients: [LedgerMatrix] = Array(repeating: g, count: chain.count)
        var deltas: [LedgerMatrix?] = Array(repeating: nil, count: chain.count)
        for r in stride(from: chain.count - 1, through: 0, by: -1) {
            gradients[r] = g
            guard r > 0 else { break }
            let delta = multiply(g, chain[r].weight)
            deltas[r - 1] = delta
            g = applyDerivative(chain[r - 1], delta: delta)
        }
        if reachesOutput, let top = chain.last, top.activation != nil, !foldsActivation(problem, model) {
            deltas[chain.count - 1] = lossGradient(problem: problem, terms: terms, pass: pass)
        }
        itemize(reference, chain: chain, gradients: gradients, deltas: deltas)
    }

    /// ∂L/∂a of the top unit from the loss's formula, in 64-bit arithmetic.
    private func outputGradient(
        _ top: DenseUnit, problem: Problem, terms: ObjectiveTerms, pass: ForwardPass
    ) -> LedgerMatrix {
        if foldsActivation(problem, problem.model) || top.activation == nil {
            return lossGradient(problem: problem, terms: terms, pass: pass)
        }
        return applyDerivative(top, delta: lossGradient(problem: problem, terms: terms, pass: pass))
    }

    private func foldsActivation(_ problem: Problem, _ model: Sequential) -> Bool {
        guard let folded = problem.objective.loss.foldedActivation,
            let last = model.layers.last as? ActivationLayer
        else { return false }
        return last.activation == folded
    }

    /// ∂L/∂o for the loss input o (the logits, or the output for MSE).
    private func lossGradient(problem: Problem, terms: ObjectiveTerms, pass: ForwardPass) -> LedgerMatrix {
        let objective = problem.objective
        let o = LedgerMatrix(objective.loss.lossInput(of: pass, model: problem.model).value)
        let goal = objective.reconstructsInput ? Target.values(problem.inputs) : problem.target
        var g = LedgerMatrix(rows: o.rows, columns: o.columns, values: Array(repeating: 0, count: o.values.count))
        let count = Double(o.values.count)
        switch objective.loss {
        case .crossEntropy:
            let classes: [Int]
            switch goal {
            case .classes(let c): classes = c
            case .values(let v): classes = (0..<o.rows).map { r in argmax(v.scalars[(r * o.columns)..<((r + 1) * o.columns)]) }
            }
            for r in 0..<o.rows {
                let row = (0..<o.columns).map { o[r, $0] }
                let maximum = row.max() ?? 0
                let exponentials = row.map { exp($0 - maximum) }
                let total = exponentials.reduce(0, +)
                for c in 0..<o.columns {
                    g[r, c] = (exponentials[c] / total - (c == classes[r] ? 1 : 0)) / Double(o.rows)
                }
            }
        case .binaryCrossEntropy:
            let t = goal.values(like: [o.rows, o.columns]).scalars.map(Double.init)
            for i in 0..<o.values.count {
                let s = 1 / (1 + exp(-o.values[i]))
                g.values[i] = (s - t[i]) / count
            }
        case .meanSquaredError:
            let t = goal.values(like: [o.rows, o.columns]).scalars.map(Double.init)
            for i in 0..<o.values.count { g.values[i] = 2 * (o.values[i] - t[i]) / count }
        }
        return g
    }

    /// ∂L/∂a(r) from Δ(h(r)) = ∂L/∂h(r): Δ ⊙ α′(a), or softmax's Jacobian-vector product.
    private func applyDerivative(_ unit: DenseUnit, delta: LedgerMatrix) -> LedgerMatrix {
        guard let activation = unit.activation else { return delta }
        var g = delta
        for r in 0..<delta.rows {
            if activation == .softmax {
                var dot = 0.0
                for c in 0..<delta.columns { dot += delta[r, c] * unit.output[r, c] }
                for c in 0..<delta.columns { g[r, c] = unit.output[r, c] * (delta[r, c] - dot) }
                continue
            }
            for c in 0..<delta.columns {
                g[r, c] = delta[r, c] * derivative(activation, a: unit.preActivation[r, c], h: unit.output[r, c])
            }
        }
        return g
    }

    func derivative(_ activation: Activation, a: Double, h: Double) -> Double {
        switch activation {
        case .relu: a > 0 ? 1 : 0
        case .leakyReLU(let slope): a > 0 ? 1 : Double(slope)
        case .elu(let alpha): a > 0 ? 1 : h + Double(alpha)
        case .sigmoid: h * (1 - h)
        case .tanh: 1 - h * h
        case .softmax: 1
        }
    }

    /// `g · W` for g `[rows, out]` and W `[out, in]`.
    private func multiply(_ g: LedgerMatrix, _ w: LedgerMatrix) -> LedgerMatrix {
        var result = LedgerMatrix(rows: g.rows, columns: w.columns, values: Array(repeating: 0, count: g.rows * w.columns))
        for r in 0..<g.rows {
            for u in 0..<g.columns where g[r, u] != 0 {
                for j in 0..<w.columns { result[r, j] += g[r, u] * w[u, j] }
            }
        }
        return result
    }

    private func flatten(_ tensor: Tensor) -> Tensor {
        tensor.reshaped([tensor.shape[0], tensor.count / max(1, tensor.shape[0])])
    }

    /// Writes the rows of the ledger: each sample's factors and product, the recursion for Δ of
    /// the first sample, and the paths behind it.
    private mutating func itemize(
        _ reference: Reference, chain: [DenseUnit], gradients: [LedgerMatrix], deltas: [LedgerMatrix?]
    ) {
        let unit = chain[0]
        let k = unit.number
        let i = reference.index[0]
        let isWeight = reference.name == "weight"
        let j = isWeight ? reference.index[1] : 0
        let rows = unit.previous.rows
        // Without an activation, or with one folded into the loss, the factor is ∂L/∂a itself.
        let direct = deltas[0] == nil
        let alpha = direct ? "1" : "α′(a(\(k))_\(i))"
        let delta = direct ? "∂L/∂a(\(k))_\(i)" : "Δ(h(\(k))_\(i), o)"
        lines.append("    equation numbers refer to the chapter Foundations of Deep Learning")
        if isWeight {
            lines.append(
                "    the weight from h(\(k - 1))_\(j) to unit \(i) of layer \(k):"
                    + " ∂L/∂w = Σ_b \(delta) · \(alpha) · h(\(k - 1))_\(j)   (Eq. 3.16, 3.21)")
        } else {
            lines.append("    the bias of unit \(i) of layer \(k): ∂L/∂b = Σ_b \(delta) · \(alpha)")
        }
        lines.append("    row  h(\(k - 1))_\(j)      \(alpha)      \(delta)      product")
        var total = 0.0
        for b in 0..<rows {
            let h = isWeight ? unit.previous[b, j] : 1
            let g = gradients[0][b, i]
            let d = deltas[0]?[b, i]
            let slope = d == nil ? 1 : unit.activation.map {
                derivative($0, a: unit.preActivation[b, i], h: unit.output[b, i])
            } ?? 1
            let product = g * h
            total += product
            if b < 8 {
                lines.append("    \(pad(b, 3))  \(n(h))  \(n(slope))  \(n(d ?? g))  \(n(product))")
            }
        }
        if rows > 8 { lines.append("    … \(rows - 8) more rows") }
        lines.append("    Σ over the batch = \(TensorText.number(total, digits: 8))")
        ledgerValue = total

        // Δ of row 0, one level down the recursion (Eq. 3.20).
        if chain.count > 1, let d = deltas[0] {
            let next = chain[1]
            lines.append(
                "    Δ(h(\(k))_\(i), o) for row 0 = Σ_u ∂L/∂a(\(k + 1))_u · w(h(\(k))_\(i) → h(\(k + 1))_u)"
                    + "   (Eq. 3.20, ∂L/∂a = α′ · Δ)")
            for u in 0..<min(next.weight.rows, 8) {
                let g = gradients[1][0, u]
                let w = next.weight[u, i]
                lines.append("      u=\(u): \(n(g)) × \(n(w)) = \(n(g * w))")
            }
            if next.weight.rows > 8 { lines.append("      … \(next.weight.rows - 8) more units") }
            lines.append("      sum = \(n(d[0, i]))")
            pathLines(chain: chain, gradients: gradients, unit: i)
        }
    }

    /// The paths from unit `i` of the first layer to the output for row 0 (Eq. 3.15), when few.
    private mutating func pathLines(chain: [DenseUnit], gradients: [LedgerMatrix], unit i: Int) {
        let widths = chain.dropFirst().map(\.weight.rows)
        let pathCount = widths.reduce(1, *)
        guard pathCount <= 16 else {
            lines.append("    \(pathCount) paths lead from this unit to the output; Δ sums them all")
            return
        }
        let noun = pathCount == 1 ? "path" : "paths"
        lines.append(
            "    the \(pathCount) \(noun) from h(\(chain[0].number))_\(i) to the output, row 0 (Eq. 3.15):")
        var total = 0.0
        func walk(level: Int, unit: Int, product: Double, route: [Int]) {
            if level == chain.count - 1 {
                let value = product * gradients[level][0, unit]
                total += value
                let names = route.enumerated().map { "h(\(chain[$0.offset].number))_\($0.element)" }
                lines.append("      \(names.joined(separator: " → ")) → o: \(n(value))")
                return
            }
            let next = chain[level + 1]
            for u in 0..<next.weight.rows {
                let w = next.weight[u, unit]
                let a = next.activation.map {
                    derivative($0, a: next.preActivation[0, u], h: next.output[0, u])
                } ?? 1
                let factor = level + 1 == chain.count - 1 ? w : w * a
                walk(level: level + 1, unit: u, product: product * factor, route: route + [u])
            }
        }
        walk(level: 0, unit: i, product: 1, route: [i])
        lines.append("      sum of the paths = Δ(h(\(chain[0].number))_\(i), o) = \(n(total))")
    }

    private func n(_ value: Double) -> String {
        let text = TensorText.number(value, digits: 6)
        return String(repeating: " ", count: max(0, 11 - text.count)) + text
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
