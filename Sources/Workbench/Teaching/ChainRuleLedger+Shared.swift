import Engine

extension ChainRuleLedger {
    /// The ledger of a convolution weight or bias: the weight is shared by every output
    /// position, so its gradient sums ∂L/∂a at each position times the input under the kernel.
    ///
    /// ```
    /// ∂L/∂W[o, c, u, v] = Σ_b Σ_(i,j) ∂L/∂a[b, o, i, j] · x[b, c, i·s − p + u, j·s − p + v]
    /// ```
    /// ∂L/∂a comes from autodiff; the sum is formed in 64-bit arithmetic.
    mutating func convolutionLedger(_ reference: Reference, pass: ForwardPass, layer: any Layer) {
        let index = reference.layerIndex
        let output = pass.layerOutputs[index]
        let input = index == 0 ? pass.input : pass.layerOutputs[index - 1]
        guard let g = output.grad else {
            lines.append("    no gradient reached layer \(index)")
            return
        }
        let o = reference.index[0]
        let isWeight = reference.name == "weight"
        var contributions: [(position: String, value: Double)] = []
        let batch = input.shape[0]
        let x = input.value
        if let conv = layer as? Conv2D {
            let (c, u, v) = isWeight ? (reference.index[1], reference.index[2], reference.index[3]) : (0, 0, 0)
            let (height, width) = (x.shape[2], x.shape[3])
            let (outHeight, outWidth) = (g.shape[2], g.shape[3])
            lines.append(
                isWeight
                    ? "    ∂L/∂W = Σ_b Σ_(i,j) ∂L/∂a[b,\(o),i,j] · x[b,\(c),i·\(conv.stride.height)−\(conv.padding.height)+\(u),"
                        + "j·\(conv.stride.width)−\(conv.padding.width)+\(v)], over \(outHeight)×\(outWidth) positions"
                    : "    ∂L/∂b = Σ_b Σ_(i,j) ∂L/∂a[b,\(o),i,j], over \(outHeight)×\(outWidth) positions")
            for b in 0..<batch {
                for i in 0..<outHeight {
                    for j in 0..<outWidth {
                        let delta = Double(g[b, o, i, j])
                        var value = delta
                        if isWeight {
                            let row = i * conv.stride.height - conv.padding.height + u
                            let column = j * conv.stride.width - conv.padding.width + v
                            let inside = row >= 0 && row < height && column >= 0 && column < width
                            value = inside ? delta * Double(x[b, c, row, column]) : 0
                        }
                        contributions.append(("row \(b) position (\(i),\(j))", value))
                    }
                }
            }
        } else if let conv = layer as? Conv1D {
            let (c, u) = isWeight ? (reference.index[1], reference.index[2]) : (0, 0)
            let length = x.shape[2]
            let outLength = g.shape[2]
            lines.append(
                isWeight
                    ? "    ∂L/∂W = Σ_b Σ_i ∂L/∂a[b,\(o),i] · x[b,\(c),i·\(conv.stride)−\(conv.padding)+\(u)],"
                        + " over \(outLength) positions"
                    : "    ∂L/∂b = Σ_b Σ_i ∂L/∂a[b,\(o),i], over \(outLength) positions")
            for b in 0..<batch {
                for i in 0..<outLength {
                    let delta = Double(g[b, o, i])
                    var value = delta
                    if isWeight {
                        let position = i * conv.stride - conv.padding + u
                        value = position >= 0 && position < length ? delta * Double(x[b, c, position]) : 0
                    }
                    contributions.append(("row \(b) position \(i)", value))
                }
            }
        }
        lines.append("    ∂L/∂a comes from autodiff; the largest contributions:")
        listLargest(contributions)
    }

    /// The ledger of a recurrent weight or bias: the weight is shared by every time step, so its
    /// gradient sums, over steps and rows, ∂L/∂P(t) for the gate's pre-activation times the
    /// step's input (x(t) for weight_ih, h(t−1) for weight_hh, 1 for biases).
    ///
    /// ```
    /// ∂L/∂W_ih[g, j] = Σ_b Σ_t ∂L/∂P(t)[b, g] · x(t)[b, j]
    /// ∂L/∂W_hh[g, k] = Σ_b Σ_t ∂L/∂P(t)[b, g] · h(t−1)[b, k],   h(0) = 0
    /// ```
    /// Each gate's pre-activation is P(t) + W_hh h(t−1) + b_hh, so ∂L/∂P(t) is also the gradient of
    /// the whole pre-activation. The PyTorch GRU's candidate n multiplies its hidden part by r, and
    /// the chapter GRU applies r before W_hn, so for those rows of weight_hh and bias_hh the
    /// ledger gives autodiff only.
    mutating func recurrentLedger(_ reference: Reference, pass: ForwardPass, layer: any RecurrentLayer) {
        guard let trace = layer.lastTrace, let gP = trace.sequence.projection.grad else {
            lines.append("    no gradient reached the recurrent layer")
            return
        }
        let sequence = trace.sequence
        let hidden = sequence.hiddenSize
        let gate = reference.index[0]
        let isHiddenSide = reference.name.hasPrefix("weight_hh") || reference.name.hasPrefix("bias_hh")
        if case .gru = sequence.cell, isHiddenSide, gate >= 2 * hidden {
            lines.append("    the candidate row of a GRU's hidden weights is not itemized here")
            ledgerValue = autodiffValue
            return
        }
        let input = reference.layerIndex == 0 ? pass.input : pass.layerOutputs[reference.layerIndex - 1]
        let x = input.value
        let names = sequence.cell.gateNames
        let gateName = names.isEmpty ? "h" : names[gate / hidden]
        lines.append(
            "    row \(gate) belongs to gate \(gateName), unit \(gate % hidden); summing over"
                + " \(sequence.length) steps and \(sequence.batchSize) rows")
        var perStep: [(position: String, value: Double)] = []
        let width = gP.shape[2]
        for t in 0..<sequence.length {
            let previous = t > 0 ? sequence.hiddenState(at: t - 1) : nil
            var stepTotal = 0.0
            for b in 0..<sequence.batchSize {
                let delta = Double(gP.scalars[(b * sequence.length + t) * width + gate])
                let factor: Double
                switch reference.name {
                case let name where name.hasPrefix("weight_ih"):
                    factor = Double(x[b, t, reference.index[1]])
                case let name where name.hasPrefix("weight_hh"):
                    factor = previous.map { Double($0[b, reference.index[1]]) } ?? 0
                default:
                    factor = 1
                }
                stepTotal += delta * factor
            }
            perStep.append(("step \(t + 1)", stepTotal))
        }
        lines.append("    ∂L/∂P(t) comes from autodiff; each step's share (vanishing gradients show as shrinking shares):")
        for (position, value) in perStep.prefix(12) {
            lines.append("      \(position): \(TensorText.number(value, digits: 8))")
        }
        if perStep.count > 12 { lines.append("      … \(perStep.count - 12) more steps") }
        ledgerValue = perStep.reduce(0) { $0 + $1.value }
        lines.append("    Σ over steps = \(TensorText.number(ledgerValue, digits: 8))")
    }

    private mutating func listLargest(_ contributions: [(position: String, value: Double)]) {
        let sorted = contributions.sorted { abs($0.value) > abs($1.value) }
        for (position, value) in sorted.prefix(8) {
            lines.append("      \(position): \(TensorText.number(value, digits: 8))")
        }
        if sorted.count > 8 { lines.append("      … \(sorted.count - 8) more terms") }
        ledgerValue = contributions.reduce(0) { $0 + $1.value }
        lines.append("    Σ over rows and positions = \(TensorText.number(ledgerValue, digits: 8))")
    }
}
