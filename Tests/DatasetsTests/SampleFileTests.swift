import Datasets
import Engine
import Testing

/// The CSV files shipped in samples/, loaded as a user would with the default label column.
@Suite struct SampleFileTests {
    @Test func irisShapeAndClasses() throws {
        let iris = try CSVDataset.load(path: samplePath("iris.csv"))
        #expect(iris.name == "iris.csv")
        #expect(iris.features.shape == [150, 4])
        #expect(iris.featureNames.first == "sepal_length_cm")
        #expect(iris.task == .classification)
        #expect(iris.classNames == ["0", "1", "2"])
        #expect(iris.classCounts == [50, 50, 50])
        #expect(iris.features.scalars.prefix(4) == [5.1, 3.5, 1.4, 0.2])
    }

    @Test func digitsShapeAndClasses() throws {
        let digits = try CSVDataset.load(path: samplePath("digits.csv"))
        #expect(digits.features.shape == [1797, 64])
        #expect(digits.featureNames.first == "pixel_0_0")
        #expect(digits.featureNames.last == "pixel_7_7")
        #expect(digits.task == .classification)
        #expect(digits.classNames == (0..<10).map(String.init))
        #expect(digits.classCounts == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
    }

    @Test func wineShapeAndClasses() throws {
        let wine = try CSVDataset.load(path: samplePath("wine.csv"))
        #expect(wine.features.shape == [178, 13])
        #expect(wine.featureNames.first == "alcohol")
        #expect(wine.featureNames.last == "proline")
        #expect(wine.task == .classification)
        #expect(wine.classNames == ["0", "1", "2"])
        #expect(wine.classCounts == [59, 71, 48])
    }

    @Test func labelByNameMatchesDefault() throws {
        let byName = try CSVDataset.load(path: samplePath("wine.csv"), label: .name("label"))
        let byIndex = try CSVDataset.load(path: samplePath("wine.csv"), label: .index(13))
        let byDefault = try CSVDataset.load(path: samplePath("wine.csv"))
        #expect(byName == byDefault)
        #expect(byIndex == byDefault)
    }
}
