import Engine
import Testing

struct ModelTests {
    static func xorModel(seed: UInt64) -> Sequential {
        var random = RandomGenerator(seed: seed)
        let model = Sequential(inputShape: [2])
        try! model.append(Dense(inFeatures: 2, outFeatures: 8, initializer: .xavier, random: &random))
        try! model.append(ActivationLayer(.tanh))
        try! model.append(Dense(inFeatures: 8, outFeatures: 1, initializer: .xavier, random: &random))
        try! model.append(ActivationLayer(.sigmoid))
        return model
    }

    static let xorInputs = Tensor(rows: [[0, 0], [0, 1], [1, 0], [1, 1]])
    static let xorTargets = Target.classes([0, 1, 1, 0])

    @Test func parametersUsePyTorchSequentialNames() {
        let model = Self.xorModel(seed: 1)
        #expect(model.namedParameters.map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias"])
        #expect(model.namedParameters[0].variable.shape == [8, 2])
        #expect(model.parameterCount == 2 * 8 + 8 + 8 + 1)
        #expect(model.outputShapes == [[8], [8], [1], [1]])
    }

    @Test func denseRejectsAnInputOfTheWrongShape() {
        var random = RandomGenerator(seed: 1)
        let model = Sequential(inputShape: [1, 8, 8])
        #expect(throws: ShapeError.self) {
            try model.append(Dense(inFeatures: 64, outFeatures: 4, initializer: .he, random: &random))
        }
        #expect(model.layers.isEmpty)
    }

    @Test func xorIsLearnedWithFullBatchDescent() {
        let model = Self.xorModel(seed: 7)
        let optimizer = SGD(learningRate: 0.5, momentum: 0.9)
        let context = ForwardContext(isTraining: true)
        var last: Float = .infinity
        for _ in 0..<500 {
            last = trainingStep(
                model: model, loss: .binaryCrossEntropy, optimizer: optimizer,
                inputs: Self.xorInputs, target: Self.xorTargets, context: context)
        }
        #expect(last < 0.05)
        let output = model.forward(Self.xorInputs, context: context).output.value
        #expect(output.scalars.map { $0 > 0.5 } == [false, true, true, false])
    }

    @Test func sameSeedReplaysTheSameLosses() {
        func losses() -> [Float] {
            let model = Self.xorModel(seed: 11)
            let optimizer = Adam(learningRate: 0.05)
            let context = ForwardContext(isTraining: true)
            return (0..<20).map { _ in
                trainingStep(
                    model: model, loss: .binaryCrossEntropy, optimizer: optimizer,
                    inputs: Self.xorInputs, target: Self.xorTargets, context: context)
            }
        }
        #expect(losses() == losses())
    }

    @Test func lossFoldsOnlyTheMatchingFinalActivation() {
        let model = Self.xorModel(seed: 1)
        let pass = model.forward(Self.xorInputs, context: ForwardContext(isTraining: false))
        #expect(Loss.binaryCrossEntropy.lossInput(of: pass, model: model) === pass.layerOutputs[2])
        #expect(Loss.meanSquaredError.lossInput(of: pass, model: model) === pass.output)
        #expect(Loss.crossEntropy.lossInput(of: pass, model: model) === pass.output)
    }
}
