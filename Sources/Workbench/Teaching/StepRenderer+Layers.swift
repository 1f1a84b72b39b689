import Engine

/// What the step pane adds for layers whose inner values matter: a recurrent layer's unrolled
/// sequence and the gradient reaching each step, dropout's mask, batch normalization's
/// statistics, and the difference between training and evaluation mode.
extension StepRenderer {
    /// The most time steps listed one per line.
    static let stepLimit = 12

    static func forwardDetails(_ layer: any Layer, input: Variable) -> [String] {
        switch layer {
        case let recurrent as any RecurrentLayer:
            return recurrentForward(recurrent)
        case let dropout as Dropout:
            var lines = ["    dropout p = \(dropout.probability): each unit kept with probability"
                + " \(1 - dropout.probability), survivors scaled by 1/(1−p); off in evaluation"]
            if let mask = dropout.lastMask {
                let kept = mask.scalars.filter { $0 != 0 }.count
                lines.append("    mask  \(TensorText.describe(mask))  (\(kept) of \(mask.count) kept)")
            }
            lines.append("    in evaluation the output equals the input")
            return lines
        case let norm as BatchNorm:
            return batchNormForward(norm, input: input)
        default:
            return []
        }
    }

    static func backwardDetails(_ layer: any Layer) -> [String] {
        guard let recurrent = layer as? any RecurrentLayer, let trace = recurrent.lastTrace else {
            return []
        }
        var lines = ["    gradient norm reaching each step (a vanishing gradient shrinks towards step 1):"]
        for (t, norm) in trace.gradientNorms.enumerated().prefix(stepLimit) {
            lines.append("      t=\(t + 1)  ‖∂L/∂h(t)‖ = \(norm.map { TensorText.number($0, digits: 6) } ?? "none")")
        }
        if trace.gradientNorms.count > stepLimit {
            lines.append("      … \(trace.gradientNorms.count - stepLimit) more steps")
        }
        return lines
    }

    private static func recurrentForward(_ layer: any RecurrentLayer) -> [String] {
        guard let trace = layer.lastTrace else { return [] }
        let sequence = trace.sequence
        var lines = ["    unrolled over \(sequence.length) steps, h(0) = 0:"]
        for t in 0..<min(sequence.length, stepLimit) {
            var line = "      t=\(t + 1)  h(t) \(TensorText.describe(sequence.hiddenState(at: t), digits: 3))"
            let gates = sequence.gates(at: t)
            for name in sequence.cell.gateNames {
                if let gate = gates[name] {
                    line += "  \(name) \(TensorText.describe(gate, digits: 3))"
                }
            }
            lines.append(line)
        }
        if sequence.length > stepLimit {
            lines.append("      … \(sequence.length - stepLimit) more steps")
        }
        return lines
    }

    private static func batchNormForward(_ norm: BatchNorm, input: Variable) -> [String] {
        var lines = ["    training mode normalizes with the batch's statistics and updates the running"
            + " ones (momentum \(norm.momentum.map { "\($0)" } ?? "cumulative")); evaluation uses the running ones"]
        if let statistics = norm.lastStatistics {
            lines.append("    batch mean  \(TensorText.describe(statistics.mean))")
            lines.append("    batch variance  \(TensorText.describe(statistics.variance))")
        }
        lines.append("    running_mean  \(TensorText.describe(norm.runningMean.value))")
        lines.append("    running_var  \(TensorText.describe(norm.runningVariance.value))")
        let evaluation = norm.forward(Variable(input.value), context: ForwardContext(isTraining: false))
        lines.append("    output in evaluation mode  \(TensorText.describe(evaluation.value))")
        return lines
    }
}
