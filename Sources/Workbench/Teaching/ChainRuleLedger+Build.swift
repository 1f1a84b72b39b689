import Engine
import Foundation

extension ChainRuleLedger {
    /// The batch and objective a ledger explains, and how to recompute its loss.
    struct Problem {
        let model: Sequential
        let objective: Objective
        let inputs: Tensor
        let target: Target
        /// The generator state every evaluation starts from, so dropout masks repeat.
        let random: RandomGenerator

        /// Runs the forward pass, the objective and backpropagation in training mode, leaving the
        /// model's buffers as they were.
        func gradients() throws(WorkbenchError) -> (terms: ObjectiveTerms, pass: ForwardPass) {
            let buffers = model.namedBuffers.map(\.variable.value)
            defer { restore(buffers) }
            do {
                return try computeGradients(
                    model: model, objective: objective, inputs: inputs, target: target,
                    context: ForwardContext(isTraining: true, random: random))
            } catch {
                throw .invalid(error.description)
            }
        }

        func loss() -> Double {
            let buffers = model.namedBuffers.map(\.variable.value)
            defer { restore(buffers) }
            let pass = model.forward(inputs, context: ForwardContext(isTraining: true, random: random))
            guard let terms = try? objective.terms(of: pass, model: model, target: target) else {
                return .nan
            }
            return Double(terms.total.value.scalar)
        }

        private func restore(_ buffers: [Tensor]) {
            for ((_, variable), value) in zip(model.namedBuffers, buffers) { variable.value = value }
        }
    }

    /// Builds the ledger of one parameter entry for the batch of `problem`.
    static func build(_ reference: Reference, problem: Problem) throws(WorkbenchError) -> ChainRuleLedger {
        let model = problem.model
        let (terms, pass) = try problem.gradients()
        let name = "\(reference.layerIndex).\(reference.name)"
        let parameter = model.namedParameters.first { $0.name == name }!.variable
        let flat = parameter.value.flatIndex(reference.index)
        var ledger = ChainRuleLedger()
        ledger.autodiffValue = Double(parameter.grad?.scalars[flat] ?? 0)

        let layer = model.layers[reference.layerIndex]
        let rows = problem.inputs.shape[0]
        let entry = "\(name)[\(reference.index.map(String.init).joined(separator: ","))]"
        ledger.lines.append(
            "explain \(entry) = \(TensorText.number(Double(parameter.value.scalars[flat]), digits: 5))"
                + " · layer \(reference.layerIndex) (\(layer.kind)), a batch of \(rows) rows")

        switch layer {
        case is Dense:
            ledger.denseLedger(reference, problem: problem, terms: terms, pass: pass)
        case let conv as Conv2D:
            ledger.convolutionLedger(reference, pass: pass, layer: conv)
        case let conv as Conv1D:
            ledger.convolutionLedger(reference, pass: pass, layer: conv)
        case let recurrent as any RecurrentLayer:
            ledger.recurrentLedger(reference, pass: pass, layer: recurrent)
        default:
            ledger.lines.append(
                "    \(layer.kind) has no itemized ledger; compare autodiff with the finite difference")
            ledger.ledgerValue = ledger.autodiffValue
        }
        ledger.addPenaltyShare(reference, problem: problem, value: Double(parameter.value.scalars[flat]))

        // Central finite difference on this one entry.
        let epsilon: Float = 1e-3
        let original = parameter.value.scalars[flat]
        parameter.value.scalars[flat] = original + epsilon
        let plus = problem.loss()
        parameter.value.scalars[flat] = original - epsilon
        let minus = problem.loss()
        parameter.value.scalars[flat] = original
        ledger.finiteDifference = (plus - minus) / (2 * Double(epsilon))
        ledger.summarize(epsilon: epsilon)
        return ledger
    }

    /// Adds the weight penalty's share of the gradient, when a penalty covers this parameter.
    mutating func addPenaltyShare(_ reference: Reference, problem: Problem, value: Double) {
        let covered = penalizedParameters(of: problem.model, scope: .weights)
            .contains { $0.name == "\(reference.layerIndex).\(reference.name)" }
        guard covered else { return }
        let l1 = Double(problem.objective.weightL1)
        let l2 = Double(problem.objective.weightL2)
        if l1 != 0 {
            let share = l1 * (value > 0 ? 1 : value < 0 ? -1 : 0)
            lines.append("    + L1 penalty λ₁·sign(w) = \(TensorText.number(share, digits: 6))")
            ledgerValue += share
        }
        if l2 != 0 {
            let share = 2 * l2 * value
            lines.append("    + L2 penalty 2λ₂·w = \(TensorText.number(share, digits: 6))")
            ledgerValue += share
        }
    }

    mutating func summarize(epsilon: Float) {
        let difference = abs(ledgerValue - autodiffValue)
        let scale = max(abs(ledgerValue), abs(autodiffValue), 1e-12)
        lines.append("    ledger (64-bit)       \(TensorText.number(ledgerValue, digits: 8))")
        lines.append("    autodiff (32-bit)     \(TensorText.number(autodiffValue, digits: 8))")
        lines.append(
            "    finite difference     \(TensorText.number(finiteDifference, digits: 8))"
                + "  (central, ε = \(epsilon))")
        let fdDifference = abs(finiteDifference - autodiffValue) / max(abs(autodiffValue), 1e-12)
        lines.append(
            "    ledger vs autodiff: relative difference "
                + String(format: "%.1e", difference / scale)
                + (agrees ? " (agree within \(Self.tolerance))" : " (DISAGREE beyond \(Self.tolerance))"))
        lines.append(
            "    finite difference vs autodiff: relative difference "
                + String(format: "%.1e", fdDifference))
    }
}
