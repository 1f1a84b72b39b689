import Engine
import Testing

/// Batch normalization: finite-difference checks of both ops, PyTorch's values step by step,
/// the buffers, and the shape rules of the layer.
struct NormalizationTests {
    /// Input shapes `[batch, channels, spatial…]`: dense `[B, F]`, sequence `[B, C, L]` and
    /// image `[B, C, H, W]`.
    static let shapes: [[Int]] = [[4, 3], [2, 3, 5], [2, 3, 2, 2]]

    /// Makes the input, weight and bias leaves of one check, with values in [−2, 2] for the input
    /// and around 1 and 0 for γ and β.
    static func leaves(shape: [Int], seed: UInt64)
        -> (x: Variable, weight: Variable, bias: Variable)
    {
        var random = RandomGenerator(seed: seed)
        let channels = shape[1]
        let x = Tensor(shape: shape) { _ in random.nextUniform(in: -2, 2) }
        let weight = Tensor(shape: [channels]) { _ in random.nextUniform(in: 0.5, 1.5) }
        let bias = Tensor(shape: [channels]) { _ in random.nextUniform(in: -0.5, 0.5) }
        return (
            Variable(x, requiresGrad: true), Variable(weight, requiresGrad: true),
            Variable(bias, requiresGrad: true)
        )
    }

    // MARK: - Gradient checks

    @Test(arguments: shapes)
    func trainingGradientMatchesFiniteDifferences(_ shape: [Int]) {
        let (x, weight, bias) = Self.leaves(shape: shape, seed: 3)
        let results = GradientCheck.check([("input", x), ("weight", weight), ("bias", bias)]) {
            OpGradientTests.probe(batchNorm(x, weight: weight, bias: bias, epsilon: 1e-5).output)
        }
        for result in results {
            #expect(result.passed, "\(shape) \(result.name): \(result.maxAbsoluteError)")
        }
    }

    @Test(arguments: shapes)
    func trainingGradientWithoutAffineMatches(_ shape: [Int]) {
        let x = Self.leaves(shape: shape, seed: 4).x
        let results = GradientCheck.check([("input", x)]) {
            OpGradientTests.probe(batchNorm(x, weight: nil, bias: nil, epsilon: 1e-5).output)
        }
        #expect(results[0].passed, "\(shape): \(results[0].maxAbsoluteError)")
    }

    @Test(arguments: shapes)
    func evaluationGradientMatchesFiniteDifferences(_ shape: [Int]) {
        let (x, weight, bias) = Self.leaves(shape: shape, seed: 5)
        let channels = shape[1]
        let mean = Tensor(shape: [channels]) { Float($0) * 0.3 - 0.2 }
        let variance = Tensor(shape: [channels]) { Float($0) * 0.5 + 0.4 }
        let results = GradientCheck.check([("input", x), ("weight", weight), ("bias", bias)]) {
            OpGradientTests.probe(
                batchNorm(
                    x, mean: mean, variance: variance, weight: weight, bias: bias, epsilon: 1e-5))
        }
        for result in results {
            #expect(result.passed, "\(shape) \(result.name): \(result.maxAbsoluteError)")
        }
    }

    @Test(arguments: shapes)
    func checkCatchesOnePercentErrorInBatchNorm(_ shape: [Int]) throws {
        let (x, weight, bias) = Self.leaves(shape: shape, seed: 3)
        let build = { batchNorm(x, weight: weight, bias: bias, epsilon: 1e-5).output }

        // Find the largest input-gradient entry, then corrupt only that entry.
        OpGradientTests.probe(build()).backward()
        let gradient = try #require(x.grad)
        let target = argmax(gradient.scalars.map(abs))

        let results = GradientCheck.check([("input", x), ("weight", weight), ("bias", bias)]) {
            let correct = build()
            let corrupted = Variable(
                value: correct.value, op: "corrupted", inputs: correct.inputs
            ) { dy in
                var gradients = correct.pullback!(dy)
                gradients[0]!.scalars[target] *= 1.01
                return gradients
            }
            return OpGradientTests.probe(corrupted)
        }
        #expect(!results[0].passed, "\(shape): a 1% error went unnoticed")
        #expect(results[0].worstIndex == target)
        #expect(results[1].passed)
        #expect(results[2].passed)
    }

    // MARK: - PyTorch reference values

    struct References: Decodable {
        struct Step: Decodable {
            let input: [Float]
            let upstream: [Float]
            let output: [Float]
            let grad_input: [Float]
            let grad_weight: [Float]?
            let grad_bias: [Float]?
            let running_mean: [Float]
            let running_var: [Float]
            let num_batches_tracked: Int
        }

        struct Case: Decodable, CustomTestStringConvertible, Sendable {
            let name: String
            let kind: String
            let num_features: Int
            let input_shape: [Int]
            let momentum: Float?
            let eps: Float
            let affine: Bool
            let weight: [Float]?
            let bias: [Float]?
            let training_steps: [Step]
            let evaluation_step: Step
            var testDescription: String { name }
        }

        let cases: [Case]
    }

    static let references = ReferenceValueTests.fixture(
        "batchnorm_reference.json", as: References.self)

    /// Compares two lists entry by entry to float32 rounding: 1e-5 relative, with an absolute
    /// floor of 1e-6 for values near zero.
    static func expectClose(_ ours: [Float], _ theirs: [Float], _ what: String) {
        #expect(ours.count == theirs.count, "\(what): \(ours.count) vs \(theirs.count) entries")
        for (i, (a, b)) in zip(ours, theirs).enumerated() {
            #expect(
                ReferenceValueTests.close(a, b, relative: 1e-5, absolute: 1e-6),
                "\(what) entry \(i): \(a) vs \(b)")
        }
    }

    /// Runs one recorded step through `layer` and compares every recorded value.
    static func replay(
        _ step: References.Step, on layer: BatchNorm, shape: [Int], training: Bool, _ what: String
    ) {
        for (_, parameter) in layer.parameters { parameter.grad = nil }
        let x = Variable(Tensor(shape: shape, scalars: step.input), requiresGrad: true)
        let y = layer.forward(x, context: ForwardContext(isTraining: training))
        y.backward(seed: Tensor(shape: shape, scalars: step.upstream))

        expectClose(y.value.scalars, step.output, "\(what) output")
        expectClose(x.grad?.scalars ?? [], step.grad_input, "\(what) input gradient")
        if let expected = step.grad_weight {
            expectClose(layer.weight?.grad?.scalars ?? [], expected, "\(what) weight gradient")
        }
        if let expected = step.grad_bias {
            expectClose(layer.bias?.grad?.scalars ?? [], expected, "\(what) bias gradient")
        }
        expectClose(layer.runningMean.value.scalars, step.running_mean, "\(what) running_mean")
        expectClose(layer.runningVariance.value.scalars, step.running_var, "\(what) running_var")
        #expect(
            layer.batchesTracked.value.scalar == Float(step.num_batches_tracked),
            "\(what) num_batches_tracked")
    }

    @Test(arguments: references.cases)
    func batchNormMatchesPyTorch(_ reference: References.Case) throws {
        let variant = try #require(BatchNorm.Variant(rawValue: reference.kind))
        let layer = BatchNorm(
            features: reference.num_features, variant: variant, momentum: reference.momentum,
            epsilon: reference.eps, affine: reference.affine)
        #expect((layer.weight != nil) == reference.affine)
        if let weight = reference.weight, let bias = reference.bias {
            layer.weight?.value = Tensor(shape: [reference.num_features], scalars: weight)
            layer.bias?.value = Tensor(shape: [reference.num_features], scalars: bias)
        }
        let shape = reference.input_shape
        #expect(try layer.outputShape(for: Array(shape.dropFirst())) == Array(shape.dropFirst()))

        for (index, step) in reference.training_steps.enumerated() {
            Self.replay(step, on: layer, shape: shape, training: true, "training step \(index + 1)")
        }
        Self.replay(
            reference.evaluation_step, on: layer, shape: shape, training: false, "evaluation")
    }

    // MARK: - Layer behaviour

    @Test func buffersUsePyTorchNames() {
        let layer = BatchNorm(features: 4)
        #expect(layer.parameters.map(\.name) == ["weight", "bias"])
        #expect(layer.buffers.map(\.name) == ["running_mean", "running_var", "num_batches_tracked"])
        #expect(layer.parameterCount == 8)
        #expect(layer.weight?.value == Tensor(shape: [4], repeating: 1))
        #expect(layer.bias?.value == Tensor(shape: [4], repeating: 0))
        #expect(layer.runningMean.value == Tensor(shape: [4], repeating: 0))
        #expect(layer.runningVariance.value == Tensor(shape: [4], repeating: 1))
        #expect(layer.batchesTracked.value == Tensor(scalar: 0))
        #expect(layer.buffers.allSatisfy { !$0.variable.requiresGrad })
    }

    @Test func layerWithoutAffineHasNoParameters() {
        let layer = BatchNorm(features: 2, variant: .batchNorm2d, affine: false)
        #expect(layer.parameters.isEmpty)
        #expect(layer.buffers.count == 3)
        #expect(layer.kind == "BatchNorm2d")
    }

    @Test func evaluationLeavesRunningStatisticsAlone() {
        let layer = BatchNorm(features: 3)
        let x = Self.leaves(shape: [4, 3], seed: 8).x
        _ = layer.forward(x, context: ForwardContext(isTraining: true))
        let mean = layer.runningMean.value
        let variance = layer.runningVariance.value
        let statistics = layer.lastStatistics
        _ = layer.forward(x, context: ForwardContext(isTraining: false))
        #expect(layer.runningMean.value == mean)
        #expect(layer.runningVariance.value == variance)
        #expect(layer.batchesTracked.value.scalar == 1)
        #expect(layer.lastStatistics == statistics)
    }

    @Test func trainingRecordsBatchStatistics() throws {
        let layer = BatchNorm(features: 2)
        let x = Variable(Tensor(rows: [[1, 10], [3, 10], [5, 13]]))
        _ = layer.forward(x, context: ForwardContext(isTraining: true))
        let statistics = try #require(layer.lastStatistics)
        #expect(statistics.count == 3)
        #expect(statistics.mean == Tensor(shape: [2], scalars: [3, 11]))
        // Biased: ((−2)² + 0² + 2²) / 3 and (1 + 1 + 4) / 3; unbiased divides by 2.
        #expect(statistics.variance.scalars.map { ($0 * 3).rounded() } == [8, 6])
        #expect(statistics.unbiasedVariance == Tensor(shape: [2], scalars: [4, 3]))
        // running = 0.9 · initial + 0.1 · batch, with initial mean 0 and variance 1.
        Self.expectClose(layer.runningMean.value.scalars, [0.3, 1.1], "running_mean")
        Self.expectClose(layer.runningVariance.value.scalars, [1.3, 1.2], "running_var")
    }

    @Test func trainingOutputHasZeroMeanAndUnitVariance() {
        let layer = BatchNorm(features: 3, variant: .batchNorm2d)
        let x = Self.leaves(shape: [2, 3, 4, 4], seed: 9).x
        let y = layer.forward(x, context: ForwardContext(isTraining: true)).value
        for c in 0..<3 {
            var values: [Float] = []
            for b in 0..<2 {
                let start = (b * 3 + c) * 16
                values += y.scalars[start..<(start + 16)]
            }
            let mean = values.reduce(0, +) / Float(values.count)
            let squares = values.map { ($0 - mean) * ($0 - mean) }
            let variance = squares.reduce(0, +) / Float(values.count)
            #expect(abs(mean) < 1e-5, "channel \(c) mean \(mean)")
            #expect(abs(variance - 1) < 1e-3, "channel \(c) variance \(variance)")
        }
    }

    // MARK: - Shapes

    @Test func initFromInputShapePicksTheVariant() throws {
        #expect(try BatchNorm(inputShape: [6]).variant == .batchNorm1d)
        #expect(try BatchNorm(inputShape: [6]).features == 6)
        #expect(try BatchNorm(inputShape: [4, 20]).variant == .batchNorm1d)
        #expect(try BatchNorm(inputShape: [4, 20]).features == 4)
        #expect(try BatchNorm(inputShape: [8, 5, 5]).variant == .batchNorm2d)
        #expect(try BatchNorm(inputShape: [8, 5, 5]).features == 8)
        #expect(throws: ShapeError.self) { try BatchNorm(inputShape: [1, 2, 3, 4]) }
        #expect(throws: ShapeError.self) { try BatchNorm(inputShape: []) }
    }

    @Test func outputShapeRejectsWrongRankAndSize() throws {
        let dense = BatchNorm(features: 4)
        #expect(try dense.outputShape(for: [4]) == [4])
        #expect(try dense.outputShape(for: [4, 7]) == [4, 7])
        #expect(throws: ShapeError.self) { try dense.outputShape(for: [4, 7, 7]) }
        #expect(throws: ShapeError.self) { try dense.outputShape(for: [5]) }

        let image = BatchNorm(features: 4, variant: .batchNorm2d)
        #expect(try image.outputShape(for: [4, 7, 7]) == [4, 7, 7])
        #expect(throws: ShapeError.self) { try image.outputShape(for: [4]) }
        do {
            _ = try image.outputShape(for: [3, 7, 7])
            Issue.record("a 3-channel input was accepted by a 4-channel layer")
        } catch {
            #expect(error.inputShape == [3, 7, 7])
            #expect(error.description.contains("4 features"))
            #expect(error.description.contains("build it with 3 features"))
        }
    }

    @Test func trainingBatchNeedsTwoValuesPerFeature() throws {
        let dense = BatchNorm(features: 4)
        #expect(throws: ShapeError.self) {
            try dense.validateTrainingBatch(size: 1, inputShape: [4])
        }
        try dense.validateTrainingBatch(size: 2, inputShape: [4])
        // A single sequence of length 5 gives five values per channel.
        try dense.validateTrainingBatch(size: 1, inputShape: [4, 5])
    }

    @Test func sequentialListsBuffersByLayer() throws {
        var random = RandomGenerator(seed: 1)
        let model = Sequential(inputShape: [2])
        try model.append(Dense(inFeatures: 2, outFeatures: 3, initializer: .he, random: &random))
        try model.append(BatchNorm(inputShape: model.outputShape))
        try model.append(ActivationLayer(.relu))
        #expect(model.namedParameters.map(\.name) == ["0.weight", "0.bias", "1.weight", "1.bias"])
        #expect(
            model.layers[1].buffers.map(\.name)
                == ["running_mean", "running_var", "num_batches_tracked"])
        #expect(model.layers[0].buffers.isEmpty)
        #expect(model.parameterCount == 2 * 3 + 3 + 3 + 3)
    }

    @Test func modelWithBatchNormLearnsXor() {
        var random = RandomGenerator(seed: 5)
        let model = Sequential(inputShape: [2])
        try! model.append(Dense(inFeatures: 2, outFeatures: 8, initializer: .he, random: &random))
        try! model.append(BatchNorm(features: 8))
        try! model.append(ActivationLayer(.relu))
        try! model.append(
            Dense(inFeatures: 8, outFeatures: 1, initializer: .xavier, random: &random))
        let inputs = Tensor(rows: [[0, 0], [0, 1], [1, 0], [1, 1]])
        let targets = Target.classes([0, 1, 1, 0])
        let optimizer = Adam(learningRate: 0.05)
        let context = ForwardContext(isTraining: true)
        for _ in 0..<300 {
            trainingStep(
                model: model, loss: .binaryCrossEntropy, optimizer: optimizer, inputs: inputs,
                target: targets, context: context)
        }
        let batchNorm = model.layers[1] as! BatchNorm
        #expect(batchNorm.batchesTracked.value.scalar == 300)
        // Evaluation normalizes with the running statistics, so this checks that they track
        // the statistics of the full batch that training used.
        let output = model.forward(inputs, context: ForwardContext(isTraining: false)).output
        #expect(output.value.scalars.map { $0 > 0 } == [false, true, true, false])
    }
}
