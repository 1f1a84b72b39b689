import Datasets
import Engine
import Testing

@Suite struct DatasetSummaryTests {
    @Test func irisSummaryAfterSplit() throws {
        let iris = try CSVDataset.load(path: samplePath("iris.csv"))
        var generator = RandomGenerator(seed: 31)
        let split = try iris.split(testFraction: 0.2, using: &generator)
        let summary = iris.summary(split: split)
        #expect(summary.rowCount == 150)
        #expect(summary.trainRowCount == 120)
        #expect(summary.testRowCount == 30)
        #expect(summary.classes.map(\.rows) == [50, 50, 50])
        #expect(summary.classes.map(\.testRows) == [10, 10, 10])

        let expected = """
            iris.csv: 150 rows, 4 features, classification with 3 classes
            features: sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm
            split: 120 train, 30 test
            class   rows  train  test
            0         50     40    10
            1         50     40    10
            2         50     40    10
            """
        #expect(summary.description == expected)
    }

    @Test func unsplitSummaryHasNoTrainColumns() throws {
        let wine = try CSVDataset.load(path: samplePath("wine.csv"))
        let lines = wine.summary().description.split(separator: "\n")
        #expect(lines.first == "wine.csv: 178 rows, 13 features, classification with 3 classes")
        #expect(lines[1] == "features: alcohol, malic_acid, ash, alcalinity_of_ash, …, proline")
        #expect(lines[2] == "class   rows")
        #expect(lines[3] == "0         59")
        #expect(!wine.summary().description.contains("split:"))
    }

    @Test func regressionSummaryShowsTargetRange() {
        let dataset = makeRegressionSet(rowCount: 5)
        let summary = dataset.summary()
        #expect(summary.classes.isEmpty)
        #expect(summary.targetRanges.count == 1)
        #expect(summary.targetRanges.first?.minimum == 0)
        #expect(summary.targetRanges.first?.maximum == 4)
        #expect(summary.targetRanges.first?.mean == 2)
        #expect(summary.description.hasPrefix("line: 5 rows, 1 feature, regression\n"))
        #expect(summary.description.contains("target: min 0.0, max 4.0, mean 2.0"))
    }

    @Test func constantFeaturesListed() {
        let features = Tensor(shape: [3, 2], scalars: [7, 1, 7, 2, 7, 3])
        let dataset = Dataset(
            name: "flat", features: features, featureNames: ["bias", "x"],
            targets: .regression(Tensor(shape: [3, 1], scalars: [0, 1, 2])))
        let standardizer = Standardizer(fitting: features)
        let summary = dataset.summary(standardizer: standardizer)
        #expect(summary.constantFeatureNames == ["bias"])
        #expect(summary.description.contains("constant in training rows, standardized to 0: bias"))
    }
}
