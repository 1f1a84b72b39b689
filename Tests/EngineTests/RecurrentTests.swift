import Engine
import Foundation
import Glibc
import Testing

/// The recurrent layers (RNN, LSTM, GRU in both forms): finite-difference gradient checks,
/// values computed by PyTorch, stacking, shape errors, the per-step trace and a learning run.
///
/// The PyTorch fixture and the script that wrote it are in Fixtures/ next to this file; rerun
/// `make_recurrent_reference.py` to regenerate it.
struct RecurrentTests {
    /// A recurrent layer under test.
    enum Kind: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case rnn
        case lstm
        case gruChapter
        case gruPyTorch

        var testDescription: String { rawValue }

        func makeLayer(
            inputSize: Int, hiddenSize: Int, returnSequences: Bool, seed: UInt64
        ) -> any RecurrentLayer {
            var random = RandomGenerator(seed: seed)
            switch self {
            case .rnn:
                return RNN(
                    inputSize: inputSize, hiddenSize: hiddenSize,
                    returnSequences: returnSequences, random: &random)
            case .lstm:
                return LSTM(
                    inputSize: inputSize, hiddenSize: hiddenSize,
                    returnSequences: returnSequences, random: &random)
            case .gruChapter, .gruPyTorch:
                return GRU(
                    inputSize: inputSize, hiddenSize: hiddenSize,
                    returnSequences: returnSequences,
                    form: self == .gruChapter ? .chapter : .pytorch,
                    random: &random)
            }
        }

        /// Records the next step of `sequence` with this kind's step op.
        func step(_ sequence: RecurrentSequence, previous: Variable?, layer: any RecurrentLayer)
            -> Variable
        {
            switch self {
            case .rnn:
                rnnStep(
                    sequence, previous: previous, weightHH: layer.weightHH, biasHH: layer.biasHH)
            case .lstm:
                lstmStep(
                    sequence, previous: previous, weightHH: layer.weightHH, biasHH: layer.biasHH)
            case .gruChapter, .gruPyTorch:
                gruStep(
                    sequence, previous: previous, weightHH: layer.weightHH, biasHH: layer.biasHH)
            }
        }
    }

    struct GradientCase: CustomTestStringConvertible, Sendable {
        let kind: Kind
        let returnSequences: Bool
        var testDescription: String { "\(kind.rawValue) \(returnSequences ? "sequences" : "last")" }
    }

    static let gradientCases = Kind.allCases.flatMap { kind in
        [true, false].map { GradientCase(kind: kind, returnSequences: $0) }
    }

    static var context: ForwardContext { ForwardContext(isTraining: true) }

    /// Returns a batch of 2 sequences of `steps` steps with 3 features, uniform in [−1.5, 1.5].
    static func sequenceInput(steps: Int = 4, seed: UInt64 = 5) -> Variable {
        var random = RandomGenerator(seed: seed)
        let value = Tensor(shape: [2, steps, 3]) { _ in random.nextUniform(in: -1.5, 1.5) }
        return Variable(value, requiresGrad: true)
    }

    /// Returns a scalar loss that weights every output entry by a fixed random factor, so each
    /// entry's gradient reaches the inputs with a different weight.
    static func probe(_ output: Variable) -> Variable {
        var random = RandomGenerator(seed: 99)
        let weights = Tensor(shape: output.shape) { _ in random.nextUniform(in: -1, 1) }
        return sum(output * Variable(weights))
    }

    // MARK: Finite differences

    @Test(arguments: gradientCases)
    func gradientsMatchFiniteDifferences(_ gradientCase: GradientCase) {
        let layer = gradientCase.kind.makeLayer(
            inputSize: 3, hiddenSize: 3, returnSequences: gradientCase.returnSequences, seed: 2)
        let x = Self.sequenceInput()
        let named = [("input", x)] + layer.parameters
        let results = GradientCheck.check(named) {
            Self.probe(layer.forward(x, context: Self.context))
        }
        #expect(results.count == 5)
        for result in results {
            #expect(
                result.passed,
                "\(gradientCase.testDescription) \(result.name): \(result.maxAbsoluteError)")
        }
    }

    @Test(arguments: Kind.allCases)
    func checkCatchesOnePercentStepError(_ kind: Kind) throws {
        let layer = kind.makeLayer(inputSize: 3, hiddenSize: 3, returnSequences: false, seed: 2)
        let x = Self.sequenceInput()

        /// Runs the layer's ops by hand, letting `wrap` replace the op of the first step.
        func output(wrap: (Variable) -> Variable) -> Variable {
            let sequence = recurrentInputProjection(
                x, weightIH: layer.weightIH, biasIH: layer.biasIH, cell: layer.cell)
            var steps = [wrap(kind.step(sequence, previous: nil, layer: layer))]
            for _ in 1..<4 {
                steps.append(kind.step(sequence, previous: steps.last, layer: layer))
            }
            return recurrentOutput(sequence, steps: steps, returnSequences: false)
        }

        // The first step returns ∂L/∂W_hh summed over all steps, as its second gradient.
        Self.probe(output { $0 }).backward()
        let gradient = try #require(layer.weightHH.grad)
        let target = argmax(gradient.scalars.map(abs))

        let results = GradientCheck.check([("weight_hh_l0", layer.weightHH)]) {
            Self.probe(
                output { correct in
                    Variable(value: correct.value, op: "corrupted", inputs: correct.inputs) { dy in
                        var gradients = correct.pullback!(dy)
                        gradients[1]!.scalars[target] *= 1.01
                        return gradients
                    }
                })
        }
        #expect(!results[0].passed, "\(kind.rawValue): a 1% error went unnoticed")
        #expect(results[0].worstIndex == target)
    }

    @Test(arguments: [Kind.rnn, .gruChapter, .gruPyTorch])
    func backwardFromAnEarlierStepIgnoresLaterSteps(_ kind: Kind) throws {
        // A full backward pass writes every step's gradient slices. A second pass on the same
        // graph that starts at step 1 must not pick up the slices of steps 2 and 3.
        let layer = kind.makeLayer(inputSize: 3, hiddenSize: 3, returnSequences: true, seed: 4)
        let x = Self.sequenceInput()
        Self.probe(layer.forward(x, context: Self.context)).backward()
        let trace = try #require(layer.lastTrace)
        for (_, parameter) in layer.parameters { parameter.grad = nil }
        x.grad = nil
        Self.probe(trace.steps[1]).backward()
        let fromGraph = layer.parameters.map { $0.variable.grad }

        let shortInput = Variable(
            Tensor(
                shape: [2, 2, 3],
                scalars: (0..<2).flatMap { b in
                    Array(x.value.scalars[(b * 12)..<(b * 12 + 6)])
                }))
        let shortLayer = kind.makeLayer(
            inputSize: 3, hiddenSize: 3, returnSequences: false, seed: 4)
        Self.probe(shortLayer.forward(shortInput, context: Self.context)).backward()
        for ((name, parameter), gradient) in zip(shortLayer.parameters, fromGraph) {
            let expected = try #require(parameter.grad)
            let actual = try #require(gradient)
            for (ours, theirs) in zip(actual.scalars, expected.scalars) {
                #expect(abs(ours - theirs) <= 1e-6, "\(name): \(ours) vs \(theirs)")
            }
        }
    }

    // MARK: PyTorch reference values

    struct ReferenceParameter: Decodable, Sendable {
        let name: String
        let shape: [Int]
        let value: [Float]
        let grad: [Float]
    }

    struct ReferenceCase: Decodable, CustomTestStringConvertible, Sendable {
        let name: String
        let cell: String
        let form: String?
        let return_sequences: Bool
        let batch: Int
        let steps: Int
        let input_size: Int
        let hidden_size: Int
        let input: [Float]
        let upstream: [Float]
        let output: [Float]
        let grad_input: [Float]
        let parameters: [ReferenceParameter]
        var testDescription: String { name }
    }

    struct StackedCase: Decodable, Sendable {
        let batch: Int
        let steps: Int
        let input_size: Int
        let hidden_sizes: [Int]
        let input: [Float]
        let upstream: [Float]
        let output: [Float]
        let grad_input: [Float]
        let parameters: [ReferenceParameter]
    }

    struct References: Decodable {
        let cases: [ReferenceCase]
        let stacked_lstm: StackedCase
    }

    static let references: References = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/recurrent_reference.json")
        do {
            return try JSONDecoder().decode(References.self, from: Data(contentsOf: url))
        } catch {
            fatalError("Cannot read fixture \(url.path): \(error)")
        }
    }()

    /// Returns whether two values agree to within float32 rounding accumulated over a few
    /// steps.
    static func close(_ a: Float, _ b: Float) -> Bool {
        abs(a - b) <= 2e-6 + 2e-5 * max(abs(a), abs(b))
    }

    static func expectClose(_ ours: [Float], _ theirs: [Float], _ label: String) {
        #expect(ours.count == theirs.count, "\(label): \(ours.count) vs \(theirs.count) values")
        for (i, (a, b)) in zip(ours, theirs).enumerated() {
            #expect(close(a, b), "\(label) entry \(i): \(a) vs \(b)")
        }
    }

    static func load(_ parameters: [ReferenceParameter], into layer: any Layer, prefix: String = "")
    {
        for (name, variable) in layer.parameters {
            let reference = parameters.first { $0.name == prefix + name }!
            variable.value = Tensor(shape: reference.shape, scalars: reference.value)
            variable.grad = nil
        }
    }

    @Test(arguments: references.cases)
    func layerMatchesPyTorch(_ reference: ReferenceCase) throws {
        let kind: Kind =
            switch (reference.cell, reference.form) {
            case ("rnn", _): .rnn
            case ("lstm", _): .lstm
            case (_, "chapter"): .gruChapter
            default: .gruPyTorch
            }
        let layer = kind.makeLayer(
            inputSize: reference.input_size, hiddenSize: reference.hidden_size,
            returnSequences: reference.return_sequences, seed: 1)
        Self.load(reference.parameters, into: layer)
        let x = Variable(
            Tensor(
                shape: [reference.batch, reference.steps, reference.input_size],
                scalars: reference.input), requiresGrad: true)
        let output = layer.forward(x, context: Self.context)
        let expectedShape =
            reference.return_sequences
            ? [reference.batch, reference.steps, reference.hidden_size]
            : [reference.batch, reference.hidden_size]
        #expect(output.shape == expectedShape)
        Self.expectClose(output.value.scalars, reference.output, "output")

        output.backward(seed: Tensor(shape: output.shape, scalars: reference.upstream))
        Self.expectClose(try #require(x.grad).scalars, reference.grad_input, "input gradient")
        for (name, parameter) in layer.parameters {
            let expected = try #require(reference.parameters.first { $0.name == name })
            Self.expectClose(
                try #require(parameter.grad).scalars, expected.grad, "\(name) gradient")
        }
    }

    // MARK: Stacking

    @Test func twoStackedLSTMsMatchPyTorch() throws {
        let reference = Self.references.stacked_lstm
        var random = RandomGenerator(seed: 1)
        let model = Sequential(inputShape: [reference.steps, reference.input_size])
        try model.append(
            LSTM(
                inputSize: reference.input_size, hiddenSize: reference.hidden_sizes[0],
                returnSequences: true, random: &random))
        try model.append(
            LSTM(
                inputSize: reference.hidden_sizes[0], hiddenSize: reference.hidden_sizes[1],
                random: &random))
        #expect(
            model.outputShapes == [
                [reference.steps, reference.hidden_sizes[0]], [reference.hidden_sizes[1]],
            ])
        #expect(model.namedParameters.map(\.name) == reference.parameters.map(\.name))
        for (index, layer) in model.layers.enumerated() {
            Self.load(reference.parameters, into: layer, prefix: "\(index).")
        }

        // The model's own input is a constant, so the layers run by hand to get ∂L/∂x.
        let x = Variable(
            Tensor(
                shape: [reference.batch, reference.steps, reference.input_size],
                scalars: reference.input), requiresGrad: true)
        let sequence = model.layers[0].forward(x, context: Self.context)
        #expect(sequence.shape == [reference.batch, reference.steps, reference.hidden_sizes[0]])
        let output = model.layers[1].forward(sequence, context: Self.context)
        Self.expectClose(output.value.scalars, reference.output, "output")
        output.backward(seed: Tensor(shape: output.shape, scalars: reference.upstream))
        Self.expectClose(try #require(x.grad).scalars, reference.grad_input, "input gradient")
        for (name, parameter) in model.namedParameters {
            let expected = try #require(reference.parameters.first { $0.name == name })
            Self.expectClose(
                try #require(parameter.grad).scalars, expected.grad, "\(name) gradient")
        }

        let pass = model.forward(x.value, context: Self.context)
        #expect(pass.output.value == output.value)
    }

    @Test func stackedLayersMatchFiniteDifferences() {
        var random = RandomGenerator(seed: 8)
        let first = GRU(inputSize: 3, hiddenSize: 3, returnSequences: true, random: &random)
        let second = LSTM(inputSize: 3, hiddenSize: 2, random: &random)
        let x = Self.sequenceInput()
        let named = [("input", x)] + first.parameters + second.parameters
        let results = GradientCheck.check(named) {
            Self.probe(
                second.forward(first.forward(x, context: Self.context), context: Self.context))
        }
        for result in results {
            #expect(result.passed, "\(result.name): \(result.maxAbsoluteError)")
        }
    }

    // MARK: Shapes and names

    @Test(arguments: Kind.allCases)
    func parametersUsePyTorchNamesAndShapes(_ kind: Kind) {
        let layer = kind.makeLayer(inputSize: 3, hiddenSize: 5, returnSequences: false, seed: 1)
        let blocks = layer.cell.blockCount
        #expect(
            layer.parameters.map(\.name) == [
                "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
            ])
        #expect(
            layer.parameters.map(\.variable.shape) == [
                [blocks * 5, 3], [blocks * 5, 5], [blocks * 5], [blocks * 5],
            ])
        let bound = 1 / Float(5).squareRoot()
        for (name, parameter) in layer.parameters {
            #expect(parameter.value.scalars.allSatisfy { abs($0) <= bound }, "\(name) exceeds 1/√H")
        }
    }

    @Test func outputShapeFollowsReturnSequences() throws {
        var random = RandomGenerator(seed: 1)
        let last = LSTM(inputSize: 2, hiddenSize: 6, random: &random)
        let every = GRU(inputSize: 2, hiddenSize: 6, returnSequences: true, random: &random)
        let lastShape = try last.outputShape(for: [10, 2])
        let everyShape = try every.outputShape(for: [10, 2])
        #expect(lastShape == [6])
        #expect(everyShape == [10, 6])
    }

    @Test func flatInputIsRejectedWithTheFix() {
        var random = RandomGenerator(seed: 1)
        let model = Sequential(inputShape: [8])
        #expect {
            try model.append(LSTM(inputSize: 8, hiddenSize: 4, random: &random))
        } throws: { error in
            let message = (error as? ShapeError)?.description ?? ""
            return message.contains("[8]") && message.contains("[steps, features]")
                && message.contains("use `window` data or a layer with return sequences before it")
        }
        #expect(model.layers.isEmpty)
    }

    @Test func lastStateCannotFeedAnotherRecurrentLayer() throws {
        var random = RandomGenerator(seed: 1)
        let model = Sequential(inputShape: [5, 3])
        try model.append(LSTM(inputSize: 3, hiddenSize: 4, random: &random))
        #expect(throws: ShapeError.self) {
            try model.append(LSTM(inputSize: 4, hiddenSize: 4, random: &random))
        }
        #expect(model.layers.count == 1)
    }

    @Test func wrongFeatureCountIsRejected() {
        var random = RandomGenerator(seed: 1)
        let layer = RNN(inputSize: 3, hiddenSize: 4, random: &random)
        #expect {
            _ = try layer.outputShape(for: [5, 2])
        } throws: { error in
            let message = (error as? ShapeError)?.description ?? ""
            return message.contains("rnn 4") && message.contains("3 features per step")
        }
    }

    @Test(arguments: Kind.allCases)
    func emptyBatchGivesEmptyOutput(_ kind: Kind) {
        let every = kind.makeLayer(inputSize: 3, hiddenSize: 2, returnSequences: true, seed: 1)
        let last = kind.makeLayer(inputSize: 3, hiddenSize: 2, returnSequences: false, seed: 1)
        let x = Variable(Tensor(shape: [0, 4, 3]), requiresGrad: true)
        #expect(every.forward(x, context: Self.context).shape == [0, 4, 2])
        #expect(last.forward(x, context: Self.context).shape == [0, 2])
        #expect(last.lastTrace == nil)
    }

    // MARK: Trace for the teaching views

    @Test(arguments: Kind.allCases)
    func traceKeepsGatesAndGradientsOfEveryStep(_ kind: Kind) throws {
        let layer = kind.makeLayer(inputSize: 3, hiddenSize: 3, returnSequences: false, seed: 6)
        let output = layer.forward(Self.sequenceInput(), context: Self.context)
        let trace = try #require(layer.lastTrace)
        #expect(trace.sequence.projection.op == "input_projection")
        #expect(trace.sequence.projection.shape == [2, 4, 3 * layer.cell.blockCount])
        let stepOp: String =
            switch kind {
            case .rnn: "rnn_step"
            case .lstm: "lstm_step"
            case .gruChapter, .gruPyTorch: "gru_step"
            }
        #expect(trace.steps.map(\.op) == Array(repeating: stepOp, count: 4))
        #expect(output.op == "last_hidden")
        let every = kind.makeLayer(inputSize: 3, hiddenSize: 3, returnSequences: true, seed: 6)
        #expect(every.forward(Self.sequenceInput(), context: Self.context).op == "sequence_output")

        let gates = layer.lastGates
        #expect(gates.count == 4)
        for stepGates in gates {
            #expect(Set(stepGates.keys) == Set(layer.cell.gateNames))
            for (name, values) in stepGates {
                #expect(values.shape == [2, 3])
                let lower: Float = name == "g" || name == "n" ? -1 : 0
                #expect(values.scalars.allSatisfy { $0 > lower }, "gate \(name) below its range")
                #expect(values.scalars.allSatisfy { $0 < 1 }, "gate \(name) above its range")
            }
        }
        #expect(trace.gradientNorms.allSatisfy { $0 == nil })
        Self.probe(output).backward()
        let norms = trace.gradientNorms.map { $0 ?? 0 }
        #expect(norms.allSatisfy { $0 > 0 }, "norms \(norms)")
    }

    @Test func lstmGatesMatchTheirDefinition() throws {
        let layer = Kind.lstm.makeLayer(inputSize: 3, hiddenSize: 3, returnSequences: true, seed: 6)
        let x = Self.sequenceInput()
        let output = layer.forward(x, context: Self.context)
        let trace = try #require(layer.lastTrace)
        // Step 0 starts from h = c = 0, so i = σ(P_i + b_hi) and c(1) = i ⊙ g.
        let gates = trace.sequence.gates(at: 0)
        let projection = trace.sequence.projection.value
        for b in 0..<2 {
            for j in 0..<3 {
                let a = projection[b, 0, j] + layer.biasHH.value.scalars[j]
                #expect(abs(gates["i"]![b, j] - 1 / (1 + expf(-a))) < 1e-6)
                let cell = trace.steps[0].value[1, b, j]
                #expect(abs(cell - gates["i"]![b, j] * gates["g"]![b, j]) < 1e-6)
                #expect(abs(output.value[b, 0, j] - gates["o"]![b, j] * tanhf(cell)) < 1e-6)
            }
        }
    }

    // MARK: Learning

    @Test func lstmLearnsTheMeanOfASequence() throws {
        var random = RandomGenerator(seed: 21)
        let model = Sequential(inputShape: [6, 1])
        try model.append(LSTM(inputSize: 1, hiddenSize: 8, random: &random))
        try model.append(
            Dense(inFeatures: 8, outFeatures: 1, initializer: .xavier, random: &random))
        let inputs = Tensor(shape: [64, 6, 1]) { _ in random.nextUniform(in: -1, 1) }
        let means = (0..<64).map { row in inputs.scalars[(row * 6)..<(row * 6 + 6)].reduce(0, +) / 6
        }
        let target = Target.values(Tensor(shape: [64, 1], scalars: means))
        let optimizer = Adam(learningRate: 0.01)
        var losses: [Float] = []
        for _ in 0..<300 {
            losses.append(
                trainingStep(
                    model: model, loss: .meanSquaredError, optimizer: optimizer, inputs: inputs,
                    target: target, context: Self.context))
        }
        #expect(losses.allSatisfy { $0.isFinite })
        #expect(losses.last! < losses.first! / 10, "loss \(losses.first!) → \(losses.last!)")
    }

    // MARK: Vectorizable activations

    @Test func vectorizableFunctionsMatchTheLibrary() {
        var worstExp: Float = 0
        var worstSigmoid: Float = 0
        var worstTanhAbsolute: Float = 0
        var worstTanhRelative: Float = 0
        for i in -87_000...88_000 {
            let x = Float(i) / 1000
            let exact = expf(x)
            worstExp = max(worstExp, abs(vectorizableExp(x) - exact) / exact)
        }
        for i in -200_000...200_000 {
            let x = Float(i) / 10000
            let sigmoid = 1 / (1 + Float(exp(-Double(x))))
            worstSigmoid = max(worstSigmoid, abs(vectorizableSigmoid(x) - sigmoid) / sigmoid)
            let exact = tanhf(x)
            let error = abs(vectorizableTanh(x) - exact)
            worstTanhAbsolute = max(worstTanhAbsolute, error)
            if exact != 0 { worstTanhRelative = max(worstTanhRelative, error / abs(exact)) }
        }
        #expect(worstExp < 1e-6, "exp relative error \(worstExp)")
        #expect(worstSigmoid < 1e-6, "sigmoid relative error \(worstSigmoid)")
        #expect(worstTanhAbsolute < 2e-7, "tanh absolute error \(worstTanhAbsolute)")
        #expect(worstTanhRelative < 1e-6, "tanh relative error \(worstTanhRelative)")
        #expect(vectorizableTanh(1e-20) == 1e-20)
        #expect(vectorizableSigmoid(-200) >= 0)
        #expect(vectorizableSigmoid(-200) < 1e-37)
        #expect(vectorizableSigmoid(200) == 1)
        #expect(vectorizableExp(-1000) > 0)
        #expect(vectorizableExp(1000).isFinite)
    }
}
