import Workbench

/// Step views for the step pane tests, built by hand.
///
/// The dense views are lesson 4's 2-2-1 network (tanh, then a sigmoid folded into binary
/// cross-entropy) on the four XOR points, with the values a float64 NumPy computation of that
/// network gives from its seed-3 weights, rounded to four decimals.
enum StepPaneFixtures {
    static func tensor(_ symbol: String, _ name: String, _ shape: [Int], _ values: [Float])
        -> StepTensor
    {
        StepTensor(symbol: symbol, name: name, shape: shape, scalars: values)
    }

    static let denseForward = StepView(
        phase: .forward, title: "forward · layer 1 of 2", detail: "batch of 4 rows",
        formulas: ["a(1) = W(1) h(0) + b(1)", "h(1) = α(a(1)), α = tanh"],
        tensors: [
            tensor("h(0)", "input", [4, 2], [1, 0, 0, 0, 0, 1, 1, 1]),
            tensor("W(1)", "0.weight", [2, 2], [0.0832, -0.1847, -0.2462, -0.7099]),
            tensor("b(1)", "0.bias", [2], [0, 0]),
            tensor(
                "a(1)", "pre-activation", [4, 2],
                [0.0832, -0.2462, 0, 0, -0.1847, -0.7099, -0.1015, -0.9561]),
            tensor(
                "h(1)", "output", [4, 2],
                [0.0830, -0.2413, 0, 0, -0.1826, -0.6106, -0.1012, -0.7425]),
        ])

    static let denseBackward = StepView(
        phase: .backward, title: "backward · layer 1 of 2",
        formulas: [
            "Δ(h(1), o) = ∂L/∂h(1)", "∂L/∂a(1) = Δ(h(1), o) ⊙ α′(a(1))",
            "∂L/∂W(1) = (∂L/∂a(1))ᵀ h(0)", "∂L/∂b(1) = Σ_rows ∂L/∂a(1)",
        ],
        tensors: [
            tensor(
                "∂L/∂h(1)", "", [4, 2],
                [-0.0857, -0.1759, 0.0762, 0.1564, -0.1076, -0.2207, 0.0413, 0.0847]),
            tensor(
                "α′(a(1))", "tanh′", [4, 2],
                [0.9931, 0.9418, 1, 1, 0.9666, 0.6271, 0.9898, 0.4486]),
            tensor(
                "∂L/∂a(1)", "", [4, 2],
                [-0.0852, -0.1657, 0.0762, 0.1564, -0.1040, -0.1384, 0.0409, 0.0380]),
            tensor("∂L/∂W(1)", "0.weight", [2, 2], [-0.0443, -0.0631, -0.1277, -0.1004]),
            tensor("∂L/∂b(1)", "0.bias", [2], [-0.0721, -0.1097]),
        ],
        notes: ["h(0) is the input, which needs no gradient"])

    /// A 32-row batch through a 128-unit ReLU layer, each row (i / 127)² for i = 0 … 127: the
    /// minimum is 0, the maximum 1, the mean Σ i² / (127² · 128) = 0.3346 and the norm
    /// √(32 Σ i⁴ / 127⁴) = 28.7903. Of the 16 bins of width 1/16, the first contains the 32 values
    /// of each row with i ≤ 31, the last the 5 with i ≥ 123.
    static let largeForward: StepView = {
        let row = (0..<128).map { Float($0 * $0) / Float(127 * 127) }
        let values = Array((0..<32).map { _ in row }.joined())
        return StepView(
            phase: .forward, title: "forward · layer 2 of 3", detail: "batch of 32 rows",
            formulas: ["a(2) = W(2) h(1) + b(2)", "h(2) = α(a(2)), α = relu"],
            tensors: [tensor("h(2)", "output", [32, 128], values)])
    }()

    /// A GRU with one hidden unit over three steps of a one-row batch.
    static var recurrent: StepView {
        let hidden: [Float] = [0.25, 0.5, 0.625]
        let steps = hidden.enumerated().map { index, value in
            StepTimeStep(
                t: index + 1, hidden: tensor("h(t)", "hidden state", [1, 1], [value]),
                gates: [
                    tensor("r", "gate", [1, 1], [0.5]), tensor("z", "gate", [1, 1], [0.75]),
                    tensor("n", "gate", [1, 1], [-0.125]),
                ])
        }
        return StepView(
            phase: .forward, title: "forward · layer 1 of 2",
            formulas: ["a(1) = GRU(h(0))"], timeSteps: steps)
    }

    /// The same GRU going backward: the gradient reaching t = 1, 2, 3 halves at each step back.
    static var recurrentBackward: StepView {
        var view = recurrent
        view.phase = .backward
        view.title = "backward · layer 1 of 2"
        view.detail = ""
        view.formulas = []
        for (index, norm) in [0.125, 0.25, 0.5].enumerated() {
            view.timeSteps[index].gradientNorm = norm
        }
        return view
    }
}
