import Datasets
import Engine
import Testing

@Suite struct BatchIteratorTests {
    @Test func everyRowOncePerEpoch() {
        let dataset = makeClassificationSet(classSizes: [4, 6])
        var generator = RandomGenerator(seed: 21)
        let batches = Array(dataset.batches(size: 3, using: &generator))
        #expect(batches.map(\.count) == [3, 3, 3, 1])
        let rows = batches.flatMap(\.rows)
        #expect(rows.count == 10)
        #expect(rows.sorted() == Array(0..<10))
    }

    @Test func batchCountPredicted() {
        let dataset = makeRegressionSet(rowCount: 10)
        var generator = RandomGenerator(seed: 22)
        #expect(dataset.batches(size: 3, using: &generator).underestimatedCount == 4)
        #expect(dataset.batches(size: 5, using: &generator).underestimatedCount == 2)
    }

    @Test func inputsAndTargetsMatchRows() {
        let dataset = makeClassificationSet(classSizes: [5, 5, 5])
        var generator = RandomGenerator(seed: 23)
        for batch in dataset.batches(size: 4, using: &generator) {
            #expect(batch.inputs == dataset.features.gathering(rows: batch.rows))
            #expect(batch.targets == dataset.targets.gathering(rows: batch.rows))
            #expect(batch.targets.classNames == dataset.classNames)
        }
    }

    @Test func sameSeedReplaysBatches() {
        let dataset = makeRegressionSet(rowCount: 25)
        var first = RandomGenerator(seed: 24)
        var second = RandomGenerator(seed: 24)
        let a = Array(dataset.batches(size: 8, using: &first))
        let b = Array(dataset.batches(size: 8, using: &second))
        #expect(a == b)
        #expect(first == second)
    }

    @Test func nextEpochReshuffles() {
        let dataset = makeRegressionSet(rowCount: 25)
        var generator = RandomGenerator(seed: 25)
        let firstEpoch = dataset.batches(size: 8, using: &generator).flatMap(\.rows)
        let secondEpoch = dataset.batches(size: 8, using: &generator).flatMap(\.rows)
        #expect(firstEpoch != secondEpoch)
        #expect(secondEpoch.sorted() == Array(0..<25))
    }

    @Test func oversizedBatchHoldsEveryRow() {
        let dataset = makeRegressionSet(rowCount: 6)
        var generator = RandomGenerator(seed: 26)
        let batches = Array(dataset.batches(size: 100, using: &generator))
        #expect(batches.count == 1)
        #expect(batches[0].rows.sorted() == Array(0..<6))
    }

    @Test func emptyDatasetGivesNoBatches() {
        let empty = makeRegressionSet(rowCount: 0)
        var generator = RandomGenerator(seed: 27)
        #expect(Array(empty.batches(size: 4, using: &generator)).isEmpty)
    }

    @Test func fullBatchKeepsOrderAndDrawsNothing() {
        let dataset = makeClassificationSet(classSizes: [2, 3])
        let batch = dataset.fullBatch()
        #expect(batch.rows == Array(0..<5))
        #expect(batch.inputs == dataset.features)
        #expect(batch.targets == dataset.targets)
    }

    @Test func regressionTargetsShape() {
        let features = Tensor(shape: [4, 1]) { Float($0) }
        let values = Tensor(shape: [4, 2]) { Float($0) }
        let dataset = Dataset(name: "two outputs", features: features, targets: .regression(values))
        var generator = RandomGenerator(seed: 28)
        var batches = dataset.batches(size: 3, using: &generator)
        let batch = batches.next()
        #expect(batch?.targets.values?.shape == [3, 2])
        #expect(batch?.targets.values == batch.map { values.gathering(rows: $0.rows) })
        #expect(batch?.targets.classIndices == nil)
        #expect(batch?.targets.oneHot() == nil)
    }

    @Test func oneHotRows() {
        let targets = Targets.classification(classIndices: [2, 0, 1], classNames: ["a", "b", "c"])
        let expected = Tensor(shape: [3, 3], scalars: [0, 0, 1, 1, 0, 0, 0, 1, 0])
        #expect(targets.oneHot() == expected)
        #expect(Targets.oneHot([1, 1], classCount: 2).scalars == [0, 1, 0, 1])
    }
}
