import Engine
import Foundation
import Testing

@testable import Workbench

/// Weights saved by PyTorch load into the LayerLab model with the same layers and give the
/// same outputs. The fixtures and the script that wrote them (`pytorch_roundtrip.py make`) are
/// in Fixtures/ next to this folder.
@Suite struct PyTorchWeightsTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    struct Reference: Decodable {
        var input_shape: [Int]
        var inputs: [Float]
        var outputs: [Float]
    }

    static func reference(_ name: String) throws -> Reference {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("torch_outputs.json"))
        let all = try JSONDecoder().decode([String: Reference].self, from: data)
        return try #require(all[name])
    }

    /// Runs `model` in evaluation mode on the reference inputs and compares with PyTorch.
    static func expectSameOutputs(_ model: Sequential, _ reference: Reference) {
        let input = Tensor(shape: reference.input_shape, scalars: reference.inputs)
        let output = model.forward(input, context: ForwardContext(isTraining: false)).output.value
        #expect(output.scalars.count == reference.outputs.count)
        for (index, (mine, theirs)) in zip(output.scalars, reference.outputs).enumerated() {
            #expect(abs(mine - theirs) <= 1e-5, "output \(index): \(mine) vs \(theirs)")
        }
    }

    @Test func denseModelMatchesPyTorch() throws {
        var random = RandomGenerator(seed: 1)
        let model = Sequential(inputShape: [4])
        try model.append(Dense(inFeatures: 4, outFeatures: 6, initializer: .xavier, random: &random))
        try model.append(ActivationLayer(.tanh))
        try model.append(Dense(inFeatures: 6, outFeatures: 3, initializer: .xavier, random: &random))
        try model.append(ActivationLayer(.softmax))
        try ModelWeights.load(
            path: Self.fixtures.appendingPathComponent("torch_dense.safetensors").path,
            into: model)
        Self.expectSameOutputs(model, try Self.reference("dense"))
    }

    @Test func convolutionModelMatchesPyTorch() throws {
        var random = RandomGenerator(seed: 1)
        let model = Sequential(inputShape: [1, 6, 6])
        try model.append(
            Conv2D(
                inChannels: 1, outChannels: 2, kernelSize: 3, padding: 1, initializer: .he,
                random: &random))
        try model.append(ActivationLayer(.relu))
        try model.append(MaxPool2D(kernelSize: 2))
        try model.append(Flatten())
        try model.append(Dense(inFeatures: 18, outFeatures: 2, initializer: .xavier, random: &random))
        try ModelWeights.load(
            path: Self.fixtures.appendingPathComponent("torch_conv.safetensors").path,
            into: model)
        Self.expectSameOutputs(model, try Self.reference("conv"))
    }

    @Test func mismatchedModelLeavesWeightsAlone() throws {
        var random = RandomGenerator(seed: 1)
        let model = Sequential(inputShape: [4])
        try model.append(Dense(inFeatures: 4, outFeatures: 5, initializer: .xavier, random: &random))
        let before = model.namedParameters.map(\.variable.value)
        let path = Self.fixtures.appendingPathComponent("torch_dense.safetensors").path
        #expect(throws: PersistenceError.shapeMismatch(
            path: path, name: "0.weight", expected: [5, 4], found: [6, 4])) {
            try ModelWeights.load(path: path, into: model)
        }
        #expect(model.namedParameters.map(\.variable.value) == before)
    }

    @Test func infiniteWeightLeavesWeightsAlone() throws {
        let fixture = try SafeTensorsFile(
            contentsOf: Self.fixtures.appendingPathComponent("torch_dense.safetensors").path)
        var tensors: [String: Tensor] = [:]
        for name in fixture.names {
            tensors[name] = fixture[name]
        }
        tensors["2.weight"]!.scalars[7] = .infinity
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("infinite.safetensors")
        try SafeTensorsFile(tensors: tensors, metadata: [:]).write(to: path)

        var random = RandomGenerator(seed: 1)
        let model = Sequential(inputShape: [4])
        try model.append(Dense(inFeatures: 4, outFeatures: 6, initializer: .xavier, random: &random))
        try model.append(ActivationLayer(.tanh))
        try model.append(Dense(inFeatures: 6, outFeatures: 3, initializer: .xavier, random: &random))
        let before = model.namedParameters.map(\.variable.value)
        // Element 7 of a [3, 6] weight is row 1, column 1.
        #expect(throws: PersistenceError.nonFiniteValue(
            path: path, name: "2.weight", index: [1, 1], value: .infinity)) {
            try ModelWeights.load(path: path, into: model)
        }
        #expect(model.namedParameters.map(\.variable.value) == before)
    }
}
