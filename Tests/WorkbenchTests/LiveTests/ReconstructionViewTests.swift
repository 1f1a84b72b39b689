import Engine
import Foundation
import Testing

@testable import Workbench

/// The data pane's view of an autoencoder: reconstructions and their error, not classes.
struct ReconstructionViewTests {
    static let digits = LayerLabPaths.samples.appendingPathComponent("digits.csv").path

    /// Returns an autoencoder of the 8x8 digits whose one dense layer is the identity, so every
    /// reconstruction equals its input and every error is exactly 0.
    static func identityAutoencoder() throws -> Executor {
        let (executor, _) = try OutputRecorder.executor([
            "seed 1", "data load \(digits) label=label test=0.2 standardize=no", "input 64",
            "dense 64", "loss reconstruction",
        ])
        let dense = try #require(executor.lab.model?.layers[0] as? Dense)
        let identity = (0..<(64 * 64)).map { $0 % 65 == 0 ? Float(1) : 0 }
        dense.weight.value = Tensor(shape: [64, 64], scalars: identity)
        dense.bias?.value = Tensor(shape: [64], scalars: [Float](repeating: 0, count: 64))
        return executor
    }

    @Test func identityReconstructsExactly() throws {
        let executor = try Self.identityAutoencoder()
        let view = SnapshotBuilder.dataView(executor.lab, model: executor.lab.model)
        guard case .reconstructions(let samples) = view else {
            Issue.record("an autoencoder should show reconstructions, got \(view)")
            return
        }
        #expect(samples.count == 6)
        for sample in samples {
            #expect(sample.error == 0)
            let input = try #require(sample.input)
            #expect(input.count == 8)
            #expect(input.allSatisfy { $0.count == 8 })
            #expect(sample.output == input)
            #expect(input.joined().max() == 1)
        }
    }

    /// Halving the weights halves each reconstruction, so its error is the mean of (x / 2)²
    /// over the row's raw pixels x.
    @Test func errorIsTheRowsMeanSquaredError() throws {
        let executor = try Self.identityAutoencoder()
        let dense = try #require(executor.lab.model?.layers[0] as? Dense)
        dense.weight.value = Tensor(
            shape: [64, 64], scalars: dense.weight.value.scalars.map { $0 / 2 })
        let view = SnapshotBuilder.dataView(executor.lab, model: executor.lab.model)
        guard case .reconstructions(let samples) = view else {
            Issue.record("an autoencoder should show reconstructions, got \(view)")
            return
        }
        let data = try #require(executor.lab.data)
        let start = data.split.testRows[0] * 64
        let pixels = data.raw.features.scalars[start..<(start + 64)].map(Double.init)
        let expected = pixels.map { ($0 / 2) * ($0 / 2) }.reduce(0, +) / 64
        #expect(abs(samples[0].error - expected) <= 1e-5 * expected)
        let output = try #require(samples[0].output)
        let input = try #require(samples[0].input)
        #expect(abs(output[3][3] - input[3][3] / 2) <= 1e-6)
    }
}
