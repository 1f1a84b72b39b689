import Engine

/// The text of one stage of a stepped training step, in the chapter's notation: h(k) is layer
/// k's output, a(k) its pre-activation, W(k) and b(k) its parameters, and Δ(h(k), o) = ∂L/∂h(k).
enum StepRenderer {
    static func render(_ stepper: StepThrough, stage: StepThrough.Stage, optimizerSummary: String)
        -> [String]
    {
        let count = stepper.units.count
        let rows = stepper.prepared.rows.count
        switch stage {
        case .forward(let index):
            let unit = stepper.units[index]
            if let op = unit.op {
                return forwardOp(op, number: unit.number, of: count)
            }
            return ["forward · layer \(unit.number) of \(count) · batch of \(rows) rows"]
                + forwardLayer(unit, model: stepper.runner.model)
        case .loss:
            return loss(stepper)
        case .backward(let index):
            let unit = stepper.units[index]
            if let op = unit.op {
                return backwardOp(op, number: unit.number)
            }
            return ["backward · layer \(unit.number) of \(count)"]
                + backwardLayer(unit, model: stepper.runner.model)
        case .update:
            return ["update · \(optimizerSummary)", "    θ ← θ − η · (update from ∂L/∂θ)"]
                + stepper.runner.model.namedParameters.map { name, variable in
                    "    \(name)  ∂L/∂θ \(TensorText.describe(variable.grad ?? Tensor(shape: [0])))"
                }
        }
    }

    // MARK: Layers

    static func forwardLayer(_ unit: StepUnit, model: Sequential) -> [String] {
        let k = unit.number
        let first = model.layers[unit.layerIndices[0]]
        var lines = formulas(unit, model: model).map { "    " + $0 }
        lines.append("    h(\(k - 1))  input  \(TensorText.describe(unit.input.value))")
        for (name, variable) in first.parameters {
            lines.append(
                "    \(symbol(name, k))  \(unit.layerIndices[0]).\(name)  "
                    + TensorText.describe(variable.value))
        }
        if unit.outputs.count == 2 {
            lines.append("    a(\(k))  pre-activation  \(TensorText.describe(unit.outputs[0].value))")
        }
        let output = unit.outputs[unit.outputs.count - 1]
        lines.append("    h(\(k))  output  \(TensorText.describe(output.value))")
        lines += forwardDetails(first, input: unit.input)
        return lines
    }

    static func backwardLayer(_ unit: StepUnit, model: Sequential) -> [String] {
        let k = unit.number
        let output = unit.outputs[unit.outputs.count - 1]
        var lines: [String] = []
        if let grad = output.grad {
            lines.append("    Δ(h(\(k)), o) = ∂L/∂h(\(k))  \(TensorText.describe(grad))")
        } else {
            lines.append("    h(\(k)) is folded into the loss, which starts from a(\(k)) directly")
        }
        if unit.outputs.count == 2, let activation = model.layers[unit.layerIndices[1]] as? ActivationLayer {
            let a = unit.outputs[0]
            if let derivative = derivative(activation.activation, a: a.value, h: output.value),
                output.grad != nil
            {
                lines.append("    α′(a(\(k)))  \(activation.kind.lowercased())′  \(TensorText.describe(derivative))")
                lines.append("    ∂L/∂a(\(k)) = Δ(h(\(k)), o) ⊙ α′(a(\(k)))  \(describe(a.grad))")
            } else {
                lines.append("    ∂L/∂a(\(k))  \(describe(a.grad))")
            }
        }
        let weighted = model.layers[unit.layerIndices[0]]
        for (name, variable) in weighted.parameters {
            let rule = name == "weight" && weighted is Dense ? " = (∂L/∂a(\(k)))ᵀ h(\(k - 1))" : ""
            let biasRule = name == "bias" && weighted is Dense ? " = Σ_rows ∂L/∂a(\(k))" : ""
            lines.append("    ∂L/∂\(symbol(name, k))\(rule)\(biasRule)  \(describe(variable.grad))")
        }
        lines += backwardDetails(weighted)
        if let grad = unit.input.grad {
            let rule = weighted is Dense ? " = ∂L/∂a(\(k)) W(\(k))" : ""
            lines.append("    Δ(h(\(k - 1)), o) = ∂L/∂h(\(k - 1))\(rule)  \(TensorText.describe(grad))")
        } else {
            lines.append("    h(\(k - 1)) is the input, which needs no gradient")
        }
        return lines
    }

    /// The formulas of a chapter layer in the chapter's notation.
    static func formulas(_ unit: StepUnit, model: Sequential) -> [String] {
        let k = unit.number
        let first = model.layers[unit.layerIndices[0]]
        var lines: [String]
        switch first {
        case is Dense:
            lines = ["a(\(k)) = W(\(k)) h(\(k - 1)) + b(\(k))"]
        case let activation as ActivationLayer:
            return ["h(\(k)) = \(activation.kind.lowercased())(h(\(k - 1)))"]
        default:
            lines = ["a(\(k)) = \(first.kind)(h(\(k - 1)))"]
        }
        if unit.layerIndices.count == 2 {
            lines.append("h(\(k)) = α(a(\(k))), α = \(model.layers[unit.layerIndices[1]].kind.lowercased())")
        } else {
            lines[0] = lines[0].replacingOccurrences(of: "a(\(k)) =", with: "h(\(k)) =")
        }
        return lines
    }

    /// α′(a) for an elementwise activation, from its input `a` and output `h`; `nil` for softmax,
    /// whose Jacobian is not diagonal.
    static func derivative(_ activation: Activation, a: Tensor, h: Tensor) -> Tensor? {
        switch activation {
        case .relu: a.map { $0 > 0 ? 1 : 0 }
        case .leakyReLU(let slope): a.map { $0 > 0 ? 1 : slope }
        case .elu(let alpha): a.zip(h) { x, y in x > 0 ? 1 : y + alpha }
        case .sigmoid: h.map { $0 * (1 - $0) }
        case .tanh: h.map { 1 - $0 * $0 }
        case .softmax: nil
        }
    }

    static func symbol(_ name: String, _ k: Int) -> String {
        switch name {
        case "weight": "W(\(k))"
        case "bias": "b(\(k))"
        default: "\(name)(\(k))"
        }
    }

    static func describe(_ tensor: Tensor?) -> String {
        tensor.map { TensorText.describe($0) } ?? "(no gradient)"
    }

    // MARK: Loss

    static func loss(_ stepper: StepThrough) -> [String] {
        let terms = stepper.prepared.terms
        let objective = stepper.runner.objective
        var lines = ["loss · \(objective.loss.rawValue), the mean over the batch"]
        lines.append("    L = \(TensorText.describe(terms.total.value))")
        if !terms.penalties.isEmpty {
            lines.append("    data \(TensorText.describe(terms.data.value))")
            for penalty in terms.penalties {
                lines.append("    \(penalty.name) \(TensorText.describe(penalty.value.value))")
            }
        }
        let input = objective.loss.lossInput(of: stepper.prepared.pass, model: stepper.runner.model)
        switch objective.loss {
        case .crossEntropy:
            lines.append("    from the logits o: L = mean(logsumexp(o) − o[class])")
            lines.append("    ∂L/∂o = (softmax(o) − onehot(class)) / B  \(describe(input.grad))")
        case .binaryCrossEntropy:
            lines.append("    from the logits o: L = mean(max(o, 0) − o·t + log(1 + e^−|o|))")
            lines.append("    ∂L/∂o = (σ(o) − t) / n  \(describe(input.grad))")
        case .meanSquaredError:
            lines.append("    L = mean((o − t)²)")
            lines.append("    ∂L/∂o = 2 (o − t) / n  \(describe(input.grad))")
        }
        return lines
    }

    // MARK: Ops

    static func forwardOp(_ op: Variable, number: Int, of count: Int) -> [String] {
        [
            "forward · op \(number) of \(count): \(op.op)" + (op.label.map { " [\($0)]" } ?? ""),
            "    inputs " + op.inputs.map { "\($0.op) \(formatShape($0.shape))" }.joined(separator: ", "),
            "    value \(TensorText.describe(op.value))",
        ]
    }

    static func backwardOp(_ op: Variable, number: Int) -> [String] {
        [
            "backward · op \(number): \(op.op)" + (op.label.map { " [\($0)]" } ?? ""),
            "    ∂L/∂value \(describe(op.grad))",
        ] + op.inputs.enumerated().map { index, input in
            "    ∂L/∂input\(index) (\(input.op)) \(describe(input.grad))"
        }
    }
}
