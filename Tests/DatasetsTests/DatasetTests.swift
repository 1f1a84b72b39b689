import Datasets
import Engine
import Testing

@Suite struct DatasetTests {
    @Test func defaultFeatureNames() {
        let dataset = makeRegressionSet(rowCount: 2)
        #expect(dataset.featureNames == ["x0"])
        #expect(dataset.rowCount == 2)
        #expect(dataset.featureCount == 1)
        #expect(dataset.task == .regression)
        #expect(dataset.classCounts.isEmpty)
    }

    @Test func classCountsFollowClassOrder() {
        let dataset = makeClassificationSet(classSizes: [3, 0, 2])
        #expect(dataset.classCounts == [3, 0, 2])
        #expect(dataset.task == .classification)
    }
}
