import Datasets
import Engine
import Testing

@Suite struct DatasetSplitTests {
    @Test func sizesAndDisjointCover() throws {
        let dataset = makeClassificationSet(classSizes: [50, 50, 50])
        var generator = RandomGenerator(seed: 1)
        let split = try dataset.split(testFraction: 0.2, using: &generator)
        #expect(split.test.rowCount == 30)
        #expect(split.train.rowCount == 120)
        #expect(Set(split.trainRows).isDisjoint(with: split.testRows))
        #expect((split.trainRows + split.testRows).sorted() == Array(0..<150))
    }

    @Test func rowsStayAlignedWithTargets() throws {
        let dataset = makeClassificationSet(classSizes: [7, 5])
        var generator = RandomGenerator(seed: 2)
        let split = try dataset.split(testFraction: 0.25, using: &generator)
        #expect(split.train.features == dataset.features.gathering(rows: split.trainRows))
        #expect(split.test.targets == dataset.targets.gathering(rows: split.testRows))
        #expect(split.train.classNames == dataset.classNames)
    }

    @Test func testCountRoundsHalfUp() throws {
        var generator = RandomGenerator(seed: 4)
        let split = try makeRegressionSet(rowCount: 10).split(testFraction: 0.25, using: &generator)
        #expect(split.test.rowCount == 3)
        #expect(split.train.rowCount == 7)
    }

    @Test func regressionTestRowsLeadPermutation() throws {
        let dataset = makeRegressionSet(rowCount: 20)
        var generator = RandomGenerator(seed: 5)
        var replay = generator
        let split = try dataset.split(testFraction: 0.3, using: &generator)
        let order = replay.permutation(20)
        #expect(split.testRows == Array(order.prefix(6)))
        #expect(split.trainRows == Array(order.dropFirst(6)))
    }

    @Test func zeroFractionGivesEmptyTestSet() throws {
        let dataset = makeClassificationSet(classSizes: [3, 4])
        var generator = RandomGenerator(seed: 6)
        let split = try dataset.split(testFraction: 0, using: &generator)
        #expect(split.test.rowCount == 0)
        #expect(split.test.features.shape == [0, 1])
        #expect(split.train.rowCount == 7)
    }

    @Test func stratifiedKeepsClassProportions() throws {
        let iris = try CSVDataset.load(path: samplePath("iris.csv"))
        var generator = RandomGenerator(seed: 7)
        let split = try iris.split(testFraction: 0.2, using: &generator)
        #expect(split.test.classCounts == [10, 10, 10])
        #expect(split.train.classCounts == [40, 40, 40])
    }

    @Test func stratifiedUnbalancedClasses() throws {
        let dataset = makeClassificationSet(classSizes: [6, 3])
        var generator = RandomGenerator(seed: 8)
        let split = try dataset.split(testFraction: 1.0 / 3.0, using: &generator)
        #expect(split.test.classCounts == [2, 1])
        #expect(split.train.classCounts == [4, 2])
    }

    @Test func stratifiedLargestRemainderTieBreak() throws {
        // Quotas are 1.5 per class and the total is round(4.5) = 5, so the two extra rows go
        // to the lowest class indices.
        let dataset = makeClassificationSet(classSizes: [5, 5, 5])
        var generator = RandomGenerator(seed: 9)
        let split = try dataset.split(testFraction: 0.3, using: &generator)
        #expect(split.test.classCounts == [2, 2, 1])
    }

    @Test func wineStratifiedTotalsMatchRounding() throws {
        let wine = try CSVDataset.load(path: samplePath("wine.csv"))
        var generator = RandomGenerator(seed: 10)
        let split = try wine.split(testFraction: 0.25, using: &generator)
        // round(0.25 × 178) = 45 from quotas 14.75, 17.75 and 12.
        #expect(split.test.rowCount == 45)
        #expect(split.test.classCounts == [15, 18, 12])
    }

    @Test func sameSeedSameSplit() throws {
        let dataset = makeClassificationSet(classSizes: [20, 30])
        var first = RandomGenerator(seed: 11)
        var second = RandomGenerator(seed: 11)
        let a = try dataset.split(testFraction: 0.2, using: &first)
        let b = try dataset.split(testFraction: 0.2, using: &second)
        #expect(a == b)
        #expect(first == second)
    }

    @Test func differentSeedDifferentSplit() throws {
        let dataset = makeClassificationSet(classSizes: [20, 30])
        var first = RandomGenerator(seed: 12)
        var second = RandomGenerator(seed: 13)
        let a = try dataset.split(testFraction: 0.2, using: &first)
        let b = try dataset.split(testFraction: 0.2, using: &second)
        #expect(a.testRows != b.testRows)
    }

    @Test func invalidFractionRejected() {
        let dataset = makeRegressionSet(rowCount: 10)
        for fraction in [-0.1, 1.0, 1.5, Double.nan] {
            var generator = RandomGenerator(seed: 14)
            let error = #expect(throws: DatasetError.self) {
                try dataset.split(testFraction: fraction, using: &generator)
            }
            #expect(error != nil, "fraction \(fraction)")
            if fraction.isNaN { continue }
            #expect(error == .invalidTestFraction(fraction))
        }
    }

    @Test func fractionLeavingNoTrainingRowsRejected() {
        let dataset = makeRegressionSet(rowCount: 1)
        var generator = RandomGenerator(seed: 15)
        let error = #expect(throws: DatasetError.self) {
            try dataset.split(testFraction: 0.5, using: &generator)
        }
        #expect(error == .emptyTrainingSet(rowCount: 1, testFraction: 0.5))
    }
}
