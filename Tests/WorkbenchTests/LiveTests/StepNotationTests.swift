import Testing

@testable import Workbench

/// The ASCII form of the step pane's notation, for terminals whose locale is not UTF-8.
struct StepNotationTests {
    @Test(arguments: [
        ("∂L/∂W(2) = (∂L/∂a(2))ᵀ h(1)", "dL/dW(2) = (dL/da(2))^T h(1)"),
        ("∂L/∂b(2) = Σ_rows ∂L/∂a(2)", "dL/db(2) = sum_rows dL/da(2)"),
        ("∂L/∂a(1) = Δ(h(1), o) ⊙ α′(a(1))", "dL/da(1) = Delta(h(1), o) * alpha'(a(1))"),
        ("h(1) = α(a(1)), α = tanh", "h(1) = alpha(a(1)), alpha = tanh"),
        ("∂L/∂o = (σ(o) − t) / n", "dL/do = (sigma(o) - t) / n"),
        ("L = mean((o − t)²)", "L = mean((o - t)^2)"),
        (
            "L = mean(max(o, 0) − o·t + log(1 + e^−|o|))",
            "L = mean(max(o, 0) - o*t + log(1 + e^-|o|))"
        ),
        ("θ ← θ − η · (update from ∂L/∂θ)", "theta <- theta - eta * (update from dL/dtheta)"),
        ("‖∂L/∂h(t)‖ = 0.5", "||dL/dh(t)|| = 0.5"),
        ("λ₁ Σᵢ |wᵢ|", "lambda_1 sum_i |w_i|"),
        ("a(1) = W(1) h(0) + b(1)", "a(1) = W(1) h(0) + b(1)"),
    ])
    func asciiFormOfFormula(unicode: String, ascii: String) {
        #expect(StepNotation.ascii(unicode) == ascii)
    }

    @Test func unknownCharacterBecomesQuestionMark() {
        #expect(StepNotation.ascii("⌊x⌋ 日") == "?x? ?")
    }

    @Test func titleSeparatorBecomesHyphen() {
        #expect(StepNotation.asciiTitle("forward · layer 1 of 2") == "forward - layer 1 of 2")
        #expect(StepNotation.asciiTitle("loss · bce") == "loss - bce")
    }

    /// Every stage of a step through dense, activation, batch normalization and dropout layers
    /// and the three losses, by layer and by op: the ASCII view must contain no other
    /// character, and keep its numbers.
    @Test(arguments: [
        [
            "seed 3", "data xor 64", "input 2", "dense 2 tanh", "dense 1 sigmoid", "loss bce",
            "optimizer sgd lr=0.5", "batch 4",
        ],
        [
            "seed 1", "data gaussian 60 classes=3", "input 2", "dense 8", "batchnorm", "relu",
            "dropout 0.5", "dense 3 softmax", "regularize l1=0.001 l2=0.01",
            "optimizer adam lr=0.01", "batch 6",
        ],
        [
            "seed 2", "data plane 40", "input 2", "dense 4 elu", "dense 4 leakyrelu",
            "dense 1", "loss mse", "batch 5",
        ],
    ])
    func everyStageIsASCII(setUp: [String]) throws {
        for granularity in ["forward", "forward op"] {
            let live = LiveSession()
            for line in setUp {
                live.submit(line)
            }
            let views = try Self.stages(live, forward: granularity)
            #expect(views.count > 4)
            for view in views {
                Self.expectASCII(view.inASCII(), of: view)
            }
        }
    }

    @Test(arguments: ["rnn 4", "lstm 4", "gru 4", "gru 4 form=pytorch"])
    func recurrentStagesAreASCII(layer: String) throws {
        let sunspots = LayerLabPaths.samples.appendingPathComponent("sunspots.csv").path
        let live = LiveSession()
        for line in [
            "seed 6", "data window \(sunspots) column=sunspot_number length=5 test=0.2",
            "input 5 1", layer, "dense 1", "loss mse", "batch 8",
        ] {
            live.submit(line)
        }
        let views = try Self.stages(live, forward: "forward")
        #expect(views.contains { !$0.timeSteps.isEmpty })
        for view in views {
            Self.expectASCII(view.inASCII(), of: view)
        }
    }

    /// Steps forward to the loss and backward to the update, and returns the view of each stage
    /// that the snapshot showed.
    static func stages(_ live: LiveSession, forward command: String) throws -> [StepView] {
        var views: [StepView] = []
        let startStep = live.snapshot().step
        live.submit(command)
        while let view = live.snapshot().stepView, views.count < 1000 {
            views.append(view)
            if view.phase == .forward {
                live.submit(command)
            } else {
                live.submit("backward")
            }
        }
        try #require(live.snapshot().step == startStep + 1, "the step was never applied")
        #expect(views.contains { $0.phase == .loss })
        #expect(views.contains { $0.phase == .backward })
        return views
    }

    static func expectASCII(_ ascii: StepView, of view: StepView) {
        let texts = [ascii.title, ascii.detail] + ascii.formulas + ascii.notes
            + (ascii.tensors + ascii.timeSteps.flatMap { [$0.hidden] + $0.gates }).flatMap {
                [$0.symbol, $0.name]
            }
        for text in texts {
            let isASCII = text.unicodeScalars.allSatisfy { $0.isASCII }
            #expect(isASCII, "\(view.title): \(text)")
            #expect(!text.contains("?"), "\(view.title): \(text)")
        }
        #expect(ascii.tensors.map(\.values) == view.tensors.map(\.values))
        #expect(ascii.tensors.map(\.shape) == view.tensors.map(\.shape))
        #expect(ascii.phase == view.phase)
    }
}
