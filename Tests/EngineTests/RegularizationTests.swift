import Engine
import Testing

/// Dropout, the L1 and L2 weight penalties and the autoencoder code penalties: finite-difference
/// checks, PyTorch's values, dropout statistics and the errors for an invalid code.
struct RegularizationTests {
    /// Makes a leaf of `shape` with values in [lower, upper], at least `awayFromZero` from 0.
    static func leaf(
        _ shape: [Int], seed: UInt64, in lower: Float = -2, _ upper: Float = 2,
        awayFromZero: Float = 0
    ) -> Variable {
        var random = RandomGenerator(seed: seed)
        let value = Tensor(shape: shape) { _ in
            let x = random.nextUniform(in: lower, upper)
            return abs(x) < awayFromZero ? x + 2 * awayFromZero : x
        }
        return Variable(value, requiresGrad: true)
    }

    static func expectClose(_ ours: [Float], _ theirs: [Float], _ what: String) {
        #expect(ours.count == theirs.count, "\(what): \(ours.count) vs \(theirs.count) entries")
        for (i, (a, b)) in zip(ours, theirs).enumerated() {
            #expect(
                ReferenceValueTests.close(a, b, relative: 1e-5, absolute: 1e-6),
                "\(what) entry \(i): \(a) vs \(b)")
        }
    }

    // MARK: - Dropout

    @Test func dropoutGradientWithFixedMask() {
        let x = Self.leaf([3, 4], seed: 1)
        var random = RandomGenerator(seed: 2)
        let mask = Dropout.drawMask(shape: [3, 4], probability: 0.4, random: &random)
        #expect(mask.scalars.contains(0))
        #expect(mask.scalars.contains(1))
        let results = GradientCheck.check([("input", x)]) {
            OpGradientTests.probe(dropout(x, mask: mask, probability: 0.4))
        }
        #expect(results[0].passed, "dropout: \(results[0].maxAbsoluteError)")
    }

    @Test func dropoutMaskHasOnlyZerosAndOnes() {
        var random = RandomGenerator(seed: 3)
        let mask = Dropout.drawMask(shape: [50, 40], probability: 0.3, random: &random)
        #expect(mask.scalars.allSatisfy { $0 == 0 || $0 == 1 })
    }

    @Test(arguments: [Float(0.1), 0.3, 0.5, 0.8])
    func dropoutKeepsOneMinusPOfUnits(_ p: Float) {
        // 200 000 draws: the kept fraction has standard deviation √(p(1 − p)/n) ≤ 0.0012, so
        // 0.006 is five standard deviations.
        var random = RandomGenerator(seed: 4)
        let mask = Dropout.drawMask(shape: [200, 1000], probability: p, random: &random)
        let keptFraction = Float(mask.sum) / Float(mask.count)
        #expect(abs(keptFraction - (1 - p)) < 0.006, "p = \(p): kept \(keptFraction)")
    }

    @Test(arguments: [Float(0.2), 0.5, 0.75])
    func dropoutScalingKeepsExpectedValue(_ p: Float) {
        // Each output is x/(1 − p) with probability 1 − p, else 0, so its mean is x. For x = 1
        // the variance of one output is p/(1 − p) ≤ 3, so the mean of 200 000 outputs has a
        // standard deviation of at most 0.004 and 0.02 is five of them.
        let layer = Dropout(probability: p)
        let context = ForwardContext(isTraining: true, random: RandomGenerator(seed: 5))
        let x = Variable(Tensor(shape: [200, 1000], repeating: 1))
        let y = layer.forward(x, context: context).value
        let mean = Float(y.sum) / Float(y.count)
        #expect(abs(mean - 1) < 0.02, "p = \(p): mean \(mean)")
        let survivors = Set(y.scalars)
        #expect(survivors == [0, 1 / (1 - p)])
    }

    @Test func dropoutIsIdentityInEvaluation() {
        let layer = Dropout(probability: 0.5)
        let x = Self.leaf([4, 6], seed: 6)
        let context = ForwardContext(isTraining: false, random: RandomGenerator(seed: 7))
        let y = layer.forward(x, context: context)
        #expect(y.value == x.value)
        #expect(layer.lastMask == nil)
        // Evaluation draws nothing, so the generator is where it started.
        #expect(context.random == RandomGenerator(seed: 7))
        sum(y).backward()
        #expect(x.grad == Tensor(shape: [4, 6], repeating: 1))
    }

    @Test func dropoutSameSeedSameMask() throws {
        let x = Self.leaf([8, 16], seed: 8)
        func masks(seed: UInt64) throws -> [Tensor] {
            let layer = Dropout(probability: 0.5)
            let context = ForwardContext(isTraining: true, random: RandomGenerator(seed: seed))
            return try (0..<2).map { _ in
                _ = layer.forward(x, context: context)
                return try #require(layer.lastMask)
            }
        }
        let first = try masks(seed: 9)
        let second = try masks(seed: 9)
        #expect(first == second)
        // The generator advances, so the second pass of a session draws a new mask.
        #expect(first[0] != first[1])
        #expect(try masks(seed: 10) != first)
    }

    @Test func dropoutOutputFollowsLastMask() throws {
        let layer = Dropout(probability: 0.25)
        let x = Self.leaf([5, 7], seed: 11)
        let context = ForwardContext(isTraining: true, random: RandomGenerator(seed: 12))
        let y = layer.forward(x, context: context)
        let mask = try #require(layer.lastMask)
        #expect(mask.shape == x.shape)
        for i in 0..<x.value.count {
            #expect(y.value.scalars[i] == x.value.scalars[i] * mask.scalars[i] * (1 / 0.75))
        }
        sum(y).backward()
        #expect(x.grad == mask.map { $0 * (1 / 0.75) })
    }

    @Test func dropoutWithZeroProbabilityKeepsEverything() {
        let layer = Dropout(probability: 0)
        let x = Self.leaf([3, 3], seed: 13)
        let context = ForwardContext(isTraining: true, random: RandomGenerator(seed: 14))
        let y = layer.forward(x, context: context)
        #expect(y.value == x.value)
        #expect(layer.lastMask == Tensor(shape: [3, 3], repeating: 1))
        #expect(context.random == RandomGenerator(seed: 14))
    }

    @Test func dropoutLayerKeepsShapeAndHasNoParameters() throws {
        let layer = Dropout(probability: 0.5)
        #expect(try layer.outputShape(for: [3, 8, 8]) == [3, 8, 8])
        #expect(layer.parameters.isEmpty)
        #expect(layer.buffers.isEmpty)
        #expect(layer.kind == "Dropout")
    }

    // MARK: - Gradient checks of the penalties

    @Test func l1PenaltyGradient() {
        let first = Self.leaf([3, 4], seed: 20, awayFromZero: 0.05)
        let second = Self.leaf([5], seed: 21, awayFromZero: 0.05)
        let results = GradientCheck.check([("first", first), ("second", second)]) {
            l1Penalty([first, second], coefficient: 0.3)
        }
        for result in results {
            #expect(result.passed, "\(result.name): \(result.maxAbsoluteError)")
        }
    }

    @Test func l2PenaltyGradient() {
        let first = Self.leaf([3, 4], seed: 22)
        let second = Self.leaf([5], seed: 23)
        let results = GradientCheck.check([("first", first), ("second", second)]) {
            l2Penalty([first, second], coefficient: 0.3)
        }
        for result in results {
            #expect(result.passed, "\(result.name): \(result.maxAbsoluteError)")
        }
    }

    @Test func codeL1PenaltyGradient() {
        let code = Self.leaf([4, 6], seed: 24, awayFromZero: 0.05)
        let results = GradientCheck.check([("code", code)]) {
            codeL1Penalty(code, coefficient: 0.7)
        }
        #expect(results[0].passed, "code_l1: \(results[0].maxAbsoluteError)")
    }

    @Test func klSparsityGradientOnCode() throws {
        // Values in [0.1, 0.9] stay inside [0, 1] when the check moves them by ±0.01.
        let code = Self.leaf([5, 4], seed: 25, in: 0.1, 0.9)
        let results = GradientCheck.check([("code", code)]) {
            try! klSparsityPenalty(code, target: 0.2, coefficient: 1.5)
        }
        #expect(results[0].passed, "kl: \(results[0].maxAbsoluteError)")
    }

    @Test func klSparsityGradientThroughSigmoid() {
        let logits = Self.leaf([6, 3], seed: 26)
        let results = GradientCheck.check([("logits", logits)]) {
            try! klSparsityPenalty(sigmoid(logits), target: 0.05, coefficient: 2)
        }
        #expect(results[0].passed, "kl: \(results[0].maxAbsoluteError)")
    }

    @Test func klSparsityCheckCatchesOnePercentError() throws {
        let code = Self.leaf([5, 4], seed: 25, in: 0.1, 0.9)
        try klSparsityPenalty(code, target: 0.2, coefficient: 1.5).backward()
        let target = argmax(try #require(code.grad).scalars.map(abs))
        let results = GradientCheck.check([("code", code)]) {
            let correct = try! klSparsityPenalty(code, target: 0.2, coefficient: 1.5)
            return Variable(value: correct.value, op: "corrupted", inputs: correct.inputs) { dy in
                var gradients = correct.pullback!(dy)
                gradients[0]!.scalars[target] *= 1.01
                return gradients
            }
        }
        #expect(!results[0].passed, "a 1% error in the KL gradient went unnoticed")
        #expect(results[0].worstIndex == target)
    }

    // MARK: - PyTorch reference values

    struct References: Decodable {
        struct DropoutCase: Decodable {
            let name: String
            let p: Float
            let shape: [Int]
            let input: [Float]
            let mask: [Float]
            let upstream: [Float]
            let output: [Float]
            let grad_input: [Float]
        }

        struct WeightPenaltyCase: Decodable {
            let name: String
            let coefficient: Float
            let shapes: [[Int]]
            let tensors: [[Float]]
            let value: Float
            let grads: [[Float]]
        }

        struct CodeCase: Decodable {
            let name: String
            let coefficient: Float?
            let rho: Float?
            let beta: Float?
            let eps: Float?
            let shape: [Int]
            let code: [Float]
            let value: Float
            let grad: [Float]
        }

        let dropout: [DropoutCase]
        let weight_penalties: [WeightPenaltyCase]
        let code_l1: CodeCase
        let kl_sparsity: [CodeCase]
    }

    static let references = ReferenceValueTests.fixture(
        "regularization_reference.json", as: References.self)

    @Test func dropoutMatchesPyTorchForItsMask() {
        for reference in Self.references.dropout {
            let x = Variable(
                Tensor(shape: reference.shape, scalars: reference.input), requiresGrad: true)
            let mask = Tensor(shape: reference.shape, scalars: reference.mask)
            let y = dropout(x, mask: mask, probability: reference.p)
            y.backward(seed: Tensor(shape: reference.shape, scalars: reference.upstream))
            Self.expectClose(y.value.scalars, reference.output, "\(reference.name) output")
            Self.expectClose(
                x.grad?.scalars ?? [], reference.grad_input, "\(reference.name) gradient")
        }
    }

    @Test func weightPenaltiesMatchPyTorch() {
        for reference in Self.references.weight_penalties {
            let tensors = zip(reference.shapes, reference.tensors).map { shape, scalars in
                Variable(Tensor(shape: shape, scalars: scalars), requiresGrad: true)
            }
            let penalty = reference.name == "l1"
                ? l1Penalty(tensors, coefficient: reference.coefficient)
                : l2Penalty(tensors, coefficient: reference.coefficient)
            penalty.backward()
            Self.expectClose([penalty.value.scalar], [reference.value], "\(reference.name) value")
            for (index, (tensor, expected)) in zip(tensors, reference.grads).enumerated() {
                Self.expectClose(
                    tensor.grad?.scalars ?? [], expected, "\(reference.name) tensor \(index)")
            }
        }
    }

    @Test func codeL1MatchesPyTorch() throws {
        let reference = Self.references.code_l1
        let code = Variable(
            Tensor(shape: reference.shape, scalars: reference.code), requiresGrad: true)
        let penalty = codeL1Penalty(code, coefficient: try #require(reference.coefficient))
        penalty.backward()
        Self.expectClose([penalty.value.scalar], [reference.value], "code_l1 value")
        Self.expectClose(code.grad?.scalars ?? [], reference.grad, "code_l1 gradient")
    }

    @Test func klSparsityMatchesPyTorch() throws {
        for reference in Self.references.kl_sparsity {
            let code = Variable(
                Tensor(shape: reference.shape, scalars: reference.code), requiresGrad: true)
            let penalty = try klSparsityPenalty(
                code, target: try #require(reference.rho),
                coefficient: try #require(reference.beta), epsilon: try #require(reference.eps))
            penalty.backward()
            Self.expectClose([penalty.value.scalar], [reference.value], "\(reference.name) value")
            Self.expectClose(code.grad?.scalars ?? [], reference.grad, "\(reference.name) gradient")
        }
    }

    @Test func klSparsityUsesTheBatchMean() throws {
        // Two samples of one unit with mean 0.25: ρ̂ is the mean, not the sum 0.5.
        let code = Variable(Tensor(rows: [[0.1], [0.4]]))
        let penalty = try klSparsityPenalty(code, target: 0.25, coefficient: 1)
        #expect(abs(penalty.value.scalar) < 1e-7)
    }

    // MARK: - Invalid codes

    @Test func klSparsityRejectsCodeOutsideUnitInterval() {
        let cases: [(Float, Int, Int)] = [(1.5, 1, 2), (-0.25, 0, 1), (.nan, 2, 0)]
        for (bad, sample, unit) in cases {
            var values = Tensor(shape: [3, 4], repeating: 0.5)
            values[sample, unit] = bad
            do {
                _ = try klSparsityPenalty(Variable(values), target: 0.05, coefficient: 1)
                Issue.record("code value \(bad) was accepted")
            } catch {
                guard case .codeOutOfRange(let value, let s, let u) = error else {
                    Issue.record("unexpected error \(error)")
                    continue
                }
                #expect(value.isNaN == bad.isNaN)
                #expect(bad.isNaN || value == bad)
                #expect(s == sample)
                #expect(u == unit)
                #expect(error.description.contains("unit \(unit) of sample \(sample)"))
                #expect(error.description.contains("sigmoid"))
            }
        }
    }

    @Test func klSparsityAcceptsTheUnitIntervalEnds() throws {
        let code = Variable(Tensor(rows: [[0, 1], [0, 1]]))
        let penalty = try klSparsityPenalty(code, target: 0.05, coefficient: 1)
        #expect(penalty.value.scalar.isFinite)
    }

    @Test func sparsityCodeLayerMustBeSigmoid() throws {
        var random = RandomGenerator(seed: 30)
        let model = Sequential(inputShape: [6])
        try model.append(Dense(inFeatures: 6, outFeatures: 3, initializer: .he, random: &random))
        try model.append(ActivationLayer(.sigmoid))
        try model.append(Dense(inFeatures: 3, outFeatures: 6, initializer: .he, random: &random))
        try validateSparsityCodeLayer(of: model, at: 1)
        #expect(throws: RegularizationError.codeLayerNotSigmoid(index: 0, kind: "Dense")) {
            try validateSparsityCodeLayer(of: model, at: 0)
        }
        #expect(throws: RegularizationError.codeLayerMissing(index: 5, layerCount: 3)) {
            try validateSparsityCodeLayer(of: model, at: 5)
        }
        #expect(
            RegularizationError.codeLayerMissing(index: 5, layerCount: 3).description
                .contains("from 0 to 2"))
    }

    // MARK: - Penalty terms of a model

    static func autoencoder() -> Sequential {
        var random = RandomGenerator(seed: 40)
        let model = Sequential(inputShape: [4])
        try! model.append(Dense(inFeatures: 4, outFeatures: 3, initializer: .he, random: &random))
        try! model.append(BatchNorm(features: 3))
        try! model.append(ActivationLayer(.sigmoid))
        try! model.append(Dense(inFeatures: 3, outFeatures: 4, initializer: .he, random: &random))
        for (_, parameter) in model.namedParameters where parameter.shape.count == 1 {
            // Non-zero biases and batch-normalization parameters, so leaving them out shows.
            parameter.value = parameter.value.map { $0 + 0.5 }
        }
        return model
    }

    @Test func penaltyScopeSelectsWeights() {
        let model = Self.autoencoder()
        let weights = penalizedParameters(of: model, scope: .weights).map(\.name)
        #expect(weights == ["0.weight", "3.weight"])
        let all = penalizedParameters(of: model, scope: .allParameters).map(\.name)
        #expect(all == model.namedParameters.map(\.name))
    }

    @Test func weightPenaltiesAreSeparateNamedTerms() {
        let model = Self.autoencoder()
        let weights = penalizedParameters(of: model, scope: .weights).map(\.variable)
        let terms = weightPenalties(of: model, l1: 0.01, l2: 0.02)
        #expect(terms.map(\.name) == ["l1", "l2"])
        #expect(terms[0].value.value == l1Penalty(weights, coefficient: 0.01).value)
        #expect(terms[1].value.value == l2Penalty(weights, coefficient: 0.02).value)
        #expect(weightPenalties(of: model, l1: 0, l2: 0.02).map(\.name) == ["l2"])
        #expect(weightPenalties(of: model).isEmpty)
    }

    @Test func totalLossAddsEveryTerm() throws {
        let model = Self.autoencoder()
        let inputs = Tensor(rows: [[0.1, 0.9, 0.2, 0.4], [0.7, 0.3, 0.8, 0.1]])
        let pass = model.forward(inputs, context: ForwardContext(isTraining: true))
        let data = meanSquaredError(pass.output, target: inputs)
        let code = pass.layerOutputs[2]
        var terms = weightPenalties(of: model, l1: 0.01, l2: 0.02)
        terms.append(PenaltyTerm(name: "code_l1", value: codeL1Penalty(code, coefficient: 0.1)))
        terms.append(
            PenaltyTerm(
                name: "kl_sparsity",
                value: try klSparsityPenalty(code, target: 0.05, coefficient: 0.5)))
        let total = totalLoss(data: data, penalties: terms)
        let expected = terms.reduce(data.value.scalar) { $0 + $1.value.value.scalar }
        #expect(abs(total.value.scalar - expected) < 1e-6)

        // Check the gradient of data loss + L2 + KL together. The weights get a share from
        // each term, while biases, γ and β get none from the L2 term.
        let results = GradientCheck.check(model.namedParameters) {
            let pass = model.forward(inputs, context: ForwardContext(isTraining: true))
            let code = pass.layerOutputs[2]
            let terms = weightPenalties(of: model, l2: 0.02) + [
                PenaltyTerm(
                    name: "kl_sparsity",
                    value: try! klSparsityPenalty(code, target: 0.05, coefficient: 0.5)),
            ]
            return totalLoss(data: meanSquaredError(pass.output, target: inputs), penalties: terms)
        }
        for result in results {
            #expect(result.passed, "\(result.name): \(result.maxAbsoluteError)")
        }
    }

    @Test func weightDecayEqualsHalfCoefficientL2() {
        // PyTorch's weight_decay = λ′ adds λ′·w to the gradient: the same step as an L2 term
        // with coefficient λ′/2 over every parameter.
        let decay: Float = 0.1
        let gradient = Tensor(shape: [2, 3], scalars: [0.3, -0.2, 0.5, 0.1, -0.4, 0.2])
        let start = Tensor(shape: [2, 3], scalars: [1.0, -2.0, 0.5, 0.25, -1.5, 3.0])

        let decayed = Variable(start, requiresGrad: true)
        decayed.grad = gradient
        SGD(learningRate: 0.5, weightDecay: decay).update([("p", decayed)])

        let penalized = Variable(start, requiresGrad: true)
        l2Penalty([penalized], coefficient: decay / 2).backward()
        penalized.grad!.add(gradient)
        SGD(learningRate: 0.5).update([("p", penalized)])

        Self.expectClose(penalized.value.scalars, decayed.value.scalars, "parameter after step")
    }
}
