import Datasets
import Engine
import Testing

@Suite struct StandardizerTests {
    /// Returns the mean and population standard deviation of column `j` of `x` `[rows, columns]`.
    func columnStatistics(_ x: Tensor, column j: Int) -> (mean: Float, deviation: Float) {
        let rows = x.shape[0]
        let values = (0..<rows).map { Double(x[$0, j]) }
        let mean = values.reduce(0, +) / Double(rows)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(rows)
        return (Float(mean), Float(variance.squareRoot()))
    }

    @Test func populationStatistics() {
        let x = Tensor(shape: [4, 1], scalars: [1, 2, 3, 4])
        let standardizer = Standardizer(fitting: x)
        #expect(standardizer.mean == [2.5])
        #expect(isClose(standardizer.standardDeviation[0], Float(1.25).squareRoot()))
        #expect(standardizer.constantFeatures.isEmpty)
    }

    @Test func trainRowsGetMeanZeroDeviationOne() throws {
        let iris = try CSVDataset.load(path: samplePath("iris.csv"))
        var generator = RandomGenerator(seed: 3)
        let split = try iris.split(testFraction: 0.2, using: &generator)
        let standardizer = Standardizer(fitting: split.train.features)
        let standardized = standardizer.transform(split.train.features)
        #expect(standardized.shape == [120, 4])
        for j in 0..<4 {
            let (mean, deviation) = columnStatistics(standardized, column: j)
            #expect(isClose(mean, 0, tolerance: 1e-5), "feature \(j) mean \(mean)")
            #expect(isClose(deviation, 1, tolerance: 1e-5), "feature \(j) deviation \(deviation)")
        }
    }

    @Test func testRowsUseTrainingStatistics() {
        let train = Tensor(shape: [2, 2], scalars: [0, 10, 2, 30])
        let standardizer = Standardizer(fitting: train)
        #expect(standardizer.mean == [1, 20])
        #expect(standardizer.standardDeviation == [1, 10])
        let test = Tensor(shape: [1, 2], scalars: [5, 0])
        #expect(standardizer.transform(test).scalars == [4, -2])
    }

    @Test func constantFeatureBecomesZeroAndIsReported() {
        let x = Tensor(shape: [3, 2], scalars: [0.1, 1, 0.1, 2, 0.1, 3])
        let standardizer = Standardizer(fitting: x)
        #expect(standardizer.constantFeatures == [0])
        #expect(standardizer.standardDeviation[0] == 1)
        let standardized = standardizer.transform(x)
        #expect((0..<3).map { standardized[$0, 0] } == [0, 0, 0])
    }

    @Test func digitsConstantPixelsReported() throws {
        let digits = try CSVDataset.load(path: samplePath("digits.csv"))
        let standardizer = Standardizer(fitting: digits.features)
        // The top-left pixel is blank in every image of the set.
        #expect(standardizer.constantFeatures.contains(0))
        let standardized = standardizer.transform(digits.features)
        #expect(standardized.scalars.allSatisfy { $0.isFinite })
    }

    @Test func singleRowStandardizedForPrediction() {
        let train = Tensor(shape: [2, 2], scalars: [0, 10, 2, 30])
        let standardizer = Standardizer(fitting: train)
        let row = Tensor(shape: [2], scalars: [1, 40])
        #expect(standardizer.transform(row) == Tensor(shape: [2], scalars: [0, 2]))
    }

    @Test func inverseTransformRestoresValues() {
        let x = Tensor(shape: [3, 2], scalars: [1, -4, 2.5, 8, 7, 0.5])
        let standardizer = Standardizer(fitting: x)
        let restored = standardizer.inverseTransform(standardizer.transform(x))
        for (original, value) in zip(x.scalars, restored.scalars) {
            #expect(isClose(original, value), "\(original) came back as \(value)")
        }
    }

    @Test func restoredStatisticsMatchFitted() {
        let x = Tensor(shape: [3, 2], scalars: [1, 5, 2, 5, 4, 5])
        let fitted = Standardizer(fitting: x)
        let restored = Standardizer(
            mean: fitted.mean, standardDeviation: fitted.standardDeviation,
            constantFeatures: fitted.constantFeatures)
        #expect(restored == fitted)
        #expect(restored.transform(x) == fitted.transform(x))
    }

    @Test func standardizedDatasetKeepsTargets() throws {
        let iris = try CSVDataset.load(path: samplePath("iris.csv"))
        let standardizer = Standardizer(fitting: iris.features)
        let standardized = iris.standardized(by: standardizer)
        #expect(standardized.targets == iris.targets)
        #expect(standardized.features == standardizer.transform(iris.features))
    }
}
