import Engine

/// A data set divided into disjoint training and test rows.
public struct DatasetSplit: Equatable, Sendable {
    public let train: Dataset
    public let test: Dataset
    /// The rows of the original data set that form `train`, in `train`'s order.
    public let trainRows: [Int]
    /// The rows of the original data set that form `test`, in `test`'s order.
    public let testRows: [Int]
}

extension Dataset {
    /// Holds out a random fraction of the rows as a test set, drawing from `generator`.
    ///
    /// The rows are shuffled with `generator.permutation(rowCount)`. The test set has
    /// `round(testFraction × rowCount)` rows, rounding halves up, and the rest are training
    /// rows. Both sets keep the shuffled order.
    ///
    /// Classification is stratified so each class keeps its share in both sets. Class `c` with
    /// `n_c` rows gets `⌊testFraction × n_c⌋` test rows. The rows still needed to reach the
    /// total above go one each to the classes with the largest remainders of
    /// `testFraction × n_c`, ties to the lower class index. A class's test rows are the first
    /// of its rows in the shuffled order.
    ///
    /// - Parameters:
    ///   - testFraction: The share of rows held out, in `[0, 1)`. 0 gives an empty test set.
    ///   - generator: The session's generator. The same state gives the same split.
    /// - Throws: `DatasetError.invalidTestFraction` outside `[0, 1)`, and
    ///   `DatasetError.emptyTrainingSet` when rounding would leave no training row.
    public func split(
        testFraction: Double, using generator: inout RandomGenerator
    ) throws(DatasetError) -> DatasetSplit {
        guard testFraction >= 0 && testFraction < 1 else {
            throw .invalidTestFraction(testFraction)
        }
        let testCount = Int((testFraction * Double(rowCount)).rounded(.toNearestOrAwayFromZero))
        guard testCount < rowCount || rowCount == 0 else {
            throw .emptyTrainingSet(rowCount: rowCount, testFraction: testFraction)
        }

        let order = generator.permutation(rowCount)
        let isTest: [Bool]
        if let classIndices = targets.classIndices {
            isTest = Self.stratifiedTestMask(
                order: order, classIndices: classIndices, classCount: classNames.count,
                testFraction: testFraction, testCount: testCount)
        } else {
            isTest = (0..<rowCount).map { $0 < testCount }
        }

        // isTest is indexed by position in `order`, not by row.
        let testRows = order.indices.filter { isTest[$0] }.map { order[$0] }
        let trainRows = order.indices.filter { !isTest[$0] }.map { order[$0] }
        return DatasetSplit(
            train: gathering(rows: trainRows), test: gathering(rows: testRows),
            trainRows: trainRows, testRows: testRows)
    }

    /// Marks, for each position of `order`, whether that row goes to the test set, so each
    /// class contributes its share of `testCount` as `split` describes.
    private static func stratifiedTestMask(
        order: [Int], classIndices: [Int], classCount: Int, testFraction: Double, testCount: Int
    ) -> [Bool] {
        var classSizes = [Int](repeating: 0, count: classCount)
        for c in classIndices { classSizes[c] += 1 }

        // Largest-remainder allocation of testCount over the classes.
        let quotas = classSizes.map { testFraction * Double($0) }
        var classTestCounts = quotas.map { Int($0.rounded(.down)) }
        let remaining = testCount - classTestCounts.reduce(0, +)
        let byRemainder = (0..<classCount).sorted { a, b in
            let remainderA = quotas[a] - Double(classTestCounts[a])
            let remainderB = quotas[b] - Double(classTestCounts[b])
            return remainderA != remainderB ? remainderA > remainderB : a < b
        }
        for c in byRemainder.prefix(max(remaining, 0)) where classTestCounts[c] < classSizes[c] {
            classTestCounts[c] += 1
        }

        var takenPerClass = [Int](repeating: 0, count: classCount)
        return order.map { row in
            let c = classIndices[row]
            guard takenPerClass[c] < classTestCounts[c] else { return false }
            takenPerClass[c] += 1
            return true
        }
    }
}
