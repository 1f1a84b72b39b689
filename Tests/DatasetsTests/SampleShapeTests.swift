import Datasets
import Engine
import Testing

@Suite struct SampleShapeTests {
    func makeImages() -> Dataset {
        Dataset(
            name: "images", features: Tensor(shape: [3, 4]) { Float($0) },
            targets: .classification(classIndices: [0, 1, 0], classNames: ["a", "b"]),
            sampleShape: [1, 2, 2])
    }

    @Test func defaultIsFeatureCount() {
        let dataset = makeRegressionSet(rowCount: 2)
        #expect(dataset.sampleShape == [1])
    }

    @Test func gatheringKeepsShape() {
        let subset = makeImages().gathering(rows: [2, 0])
        #expect(subset.sampleShape == [1, 2, 2])
        #expect(Array(subset.features.scalars[0..<4]) == [8, 9, 10, 11])
    }

    @Test func standardizingKeepsShape() {
        let images = makeImages()
        let standardized = images.standardized(by: Standardizer(fitting: images.features))
        #expect(standardized.sampleShape == [1, 2, 2])
    }

    @Test func batchesViewAsSampleShape() {
        let images = makeImages()
        let batch = images.fullBatch()
        #expect(batch.inputs.shape == [3, 4])
        let viewed = batch.inputs.reshaped([batch.count] + images.sampleShape)
        #expect(viewed.shape == [3, 1, 2, 2])
        #expect(viewed[2, 0, 1, 0] == 10)
    }
}
