import Engine

/// Builds the step pane's view of one stage of a stepped training step, with the formulas and
/// tensors that `StepRenderer` prints as text.
enum StepViewBuilder {
    static func view(of stepper: StepThrough, stage: StepThrough.Stage) -> StepView {
        let count = stepper.units.count
        let model = stepper.runner.model
        switch stage {
        case .forward(let index):
            let unit = stepper.units[index]
            if let op = unit.op {
                return forwardOp(op, number: unit.number, of: count)
            }
            var view = forwardLayer(unit, model: model)
            view.title = "forward · layer \(unit.number) of \(count)"
            view.detail = "batch of \(stepper.prepared.rows.count) rows"
            return view
        case .loss:
            return loss(stepper)
        case .backward(let index):
            let unit = stepper.units[index]
            if let op = unit.op {
                return backwardOp(op, number: unit.number)
            }
            var view = backwardLayer(unit, model: model)
            view.title = "backward · layer \(unit.number) of \(count)"
            return view
        case .update:
            return StepView(
                phase: .update, title: "update",
                formulas: ["θ ← θ − η · (update from ∂L/∂θ)"],
                tensors: model.namedParameters.map { name, variable in
                    tensor("∂L/∂θ", name, variable.grad ?? Tensor(shape: [0]))
                })
        }
    }

    static func tensor(_ symbol: String, _ name: String, _ value: Tensor) -> StepTensor {
        StepTensor(symbol: symbol, name: name, shape: value.shape, scalars: value.scalars)
    }

    // MARK: Layers

    static func forwardLayer(_ unit: StepUnit, model: Sequential) -> StepView {
        let k = unit.number
        let first = model.layers[unit.layerIndices[0]]
        var tensors = [tensor("h(\(k - 1))", "input", unit.input.value)]
        for (name, variable) in first.parameters {
            tensors.append(
                tensor(StepRenderer.symbol(name, k), "\(unit.layerIndices[0]).\(name)", variable.value))
        }
        if unit.outputs.count == 2 {
            tensors.append(tensor("a(\(k))", "pre-activation", unit.outputs[0].value))
        }
        tensors.append(tensor("h(\(k))", "output", unit.outputs[unit.outputs.count - 1].value))

        var view = StepView(
            phase: .forward, title: "", formulas: StepRenderer.formulas(unit, model: model),
            tensors: tensors)
        if let recurrent = first as? any RecurrentLayer {
            view.timeSteps = timeSteps(recurrent, withGradients: false)
        } else {
            // Dropout's mask and batch normalization's statistics, as the log prints them.
            view.notes = StepRenderer.forwardDetails(first, input: unit.input)
                .map { $0.trimmingPrefix(while: \.isWhitespace) }.map(String.init)
        }
        return view
    }

    static func backwardLayer(_ unit: StepUnit, model: Sequential) -> StepView {
        let k = unit.number
        let output = unit.outputs[unit.outputs.count - 1]
        let weighted = model.layers[unit.layerIndices[0]]
        let isDense = weighted is Dense
        var formulas: [String] = []
        var tensors: [StepTensor] = []
        var notes: [String] = []

        if let grad = output.grad {
            formulas.append("Δ(h(\(k)), o) = ∂L/∂h(\(k))")
            tensors.append(tensor("∂L/∂h(\(k))", "", grad))
        } else {
            notes.append("h(\(k)) is folded into the loss, which starts from a(\(k)) directly")
        }
        if unit.outputs.count == 2,
            let activation = model.layers[unit.layerIndices[1]] as? ActivationLayer
        {
            let a = unit.outputs[0]
            if output.grad != nil,
                let derivative = StepRenderer.derivative(
                    activation.activation, a: a.value, h: output.value)
            {
                formulas.append("∂L/∂a(\(k)) = Δ(h(\(k)), o) ⊙ α′(a(\(k)))")
                tensors.append(
                    tensor("α′(a(\(k)))", "\(activation.kind.lowercased())′", derivative))
            }
            if let grad = a.grad {
                tensors.append(tensor("∂L/∂a(\(k))", "", grad))
            }
        }
        for (name, variable) in weighted.parameters {
            let symbol = StepRenderer.symbol(name, k)
            if isDense {
                formulas.append(
                    name == "weight"
                        ? "∂L/∂W(\(k)) = (∂L/∂a(\(k)))ᵀ h(\(k - 1))"
                        : "∂L/∂b(\(k)) = Σ_rows ∂L/∂a(\(k))")
            }
            if let grad = variable.grad {
                tensors.append(tensor("∂L/∂\(symbol)", "\(unit.layerIndices[0]).\(name)", grad))
            }
        }
        if let grad = unit.input.grad {
            if isDense {
                formulas.append("Δ(h(\(k - 1)), o) = ∂L/∂a(\(k)) W(\(k))")
            }
            tensors.append(tensor("∂L/∂h(\(k - 1))", "", grad))
        } else {
            notes.append("h(\(k - 1)) is the input, which needs no gradient")
        }

        var view = StepView(
            phase: .backward, title: "", formulas: formulas, tensors: tensors, notes: notes)
        if let recurrent = weighted as? any RecurrentLayer {
            view.timeSteps = timeSteps(recurrent, withGradients: true)
        }
        return view
    }

    /// Returns the unrolled sequence of the last forward pass, with the gradient norm that
    /// reached each step when `withGradients` is set.
    static func timeSteps(_ layer: any RecurrentLayer, withGradients: Bool) -> [StepTimeStep] {
        guard let trace = layer.lastTrace else { return [] }
        let sequence = trace.sequence
        let norms = trace.gradientNorms
        return (0..<sequence.length).map { t in
            let gates = sequence.gates(at: t)
            return StepTimeStep(
                t: t + 1, hidden: tensor("h(t)", "hidden state", sequence.hiddenState(at: t)),
                gates: sequence.cell.gateNames.compactMap { name in
                    gates[name].map { tensor(name, "gate", $0) }
                },
                gradientNorm: withGradients && t < norms.count ? norms[t] : nil)
        }
    }

    // MARK: Loss

    static func loss(_ stepper: StepThrough) -> StepView {
        let terms = stepper.prepared.terms
        let objective = stepper.runner.objective
        var tensors = [tensor("L", "loss", terms.total.value)]
        if !terms.penalties.isEmpty {
            tensors.append(tensor("L_data", "data loss", terms.data.value))
            for penalty in terms.penalties {
                tensors.append(tensor(penalty.name, "penalty", penalty.value.value))
            }
        }
        let input = objective.loss.lossInput(of: stepper.prepared.pass, model: stepper.runner.model)
        let formulas: [String]
        switch objective.loss {
        case .crossEntropy:
            formulas = ["L = mean(logsumexp(o) − o[class])", "∂L/∂o = (softmax(o) − onehot(class)) / B"]
        case .binaryCrossEntropy:
            formulas = ["L = mean(max(o, 0) − o·t + log(1 + e^−|o|))", "∂L/∂o = (σ(o) − t) / n"]
        case .meanSquaredError:
            formulas = ["L = mean((o − t)²)", "∂L/∂o = 2 (o − t) / n"]
        }
        if let grad = input.grad {
            tensors.append(tensor("∂L/∂o", "logit gradient", grad))
        }
        return StepView(
            phase: .loss, title: "loss · \(objective.loss.rawValue)",
            detail: "the mean over the batch", formulas: formulas, tensors: tensors,
            notes: ["o is the network's output before the loss (the logits)"])
    }

    // MARK: Ops

    static func forwardOp(_ op: Variable, number: Int, of count: Int) -> StepView {
        StepView(
            phase: .forward,
            title: "forward · op \(number) of \(count): \(op.op)" + (op.label.map { " [\($0)]" } ?? ""),
            tensors: [tensor("value", op.op, op.value)],
            notes: ["inputs " + op.inputs.map { "\($0.op) \(formatShape($0.shape))" }.joined(separator: ", ")])
    }

    static func backwardOp(_ op: Variable, number: Int) -> StepView {
        var tensors: [StepTensor] = []
        if let grad = op.grad {
            tensors.append(tensor("∂L/∂value", op.op, grad))
        }
        for (index, input) in op.inputs.enumerated() {
            if let grad = input.grad {
                tensors.append(tensor("∂L/∂input\(index)", input.op, grad))
            }
        }
        return StepView(
            phase: .backward,
            title: "backward · op \(number): \(op.op)" + (op.label.map { " [\($0)]" } ?? ""),
            tensors: tensors)
    }
}
