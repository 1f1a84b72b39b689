import Engine
import Testing

@testable import Workbench

/// The weight and gradient histograms count a strided sample of a large tensor.
struct HistogramSamplingTests {
    @Test func smallTensorKeepsEveryValue() {
        let tensor = Tensor(shape: [3, 4], scalars: (0..<12).map(Float.init))
        #expect(Array(SnapshotBuilder.sampledValues(of: tensor)) == tensor.scalars)
    }

    @Test func largeTensorKeepsEveryKthValue() {
        let limit = SnapshotBuilder.histogramValueLimit
        let count = 2 * limit + 1
        let tensor = Tensor(shape: [count], scalars: (0..<count).map(Float.init))
        let sample = Array(SnapshotBuilder.sampledValues(of: tensor))
        // k = ⌈(2·limit + 1) / limit⌉ = 3, so the sample is 0, 3, 6, … below count.
        #expect(sample.count == (count + 2) / 3)
        #expect(sample.count <= limit)
        #expect(sample.first == 0)
        #expect(sample[1] == 3)
        #expect(sample.last == Float(3 * (sample.count - 1)))
    }
}
