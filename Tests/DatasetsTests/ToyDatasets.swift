import Datasets
import Engine

/// Returns a classification set whose class `c` has `classSizes[c]` rows, with feature value
/// equal to the row index so rows can be traced after shuffling.
func makeClassificationSet(classSizes: [Int]) -> Dataset {
    let classIndices = classSizes.enumerated().flatMap { c, size in
        [Int](repeating: c, count: size)
    }
    let features = Tensor(shape: [classIndices.count, 1]) { Float($0) }
    let classNames = classSizes.indices.map { "class\($0)" }
    return Dataset(
        name: "toy", features: features,
        targets: .classification(classIndices: classIndices, classNames: classNames))
}

/// Returns a regression set of `rowCount` rows whose feature and target equal the row index.
func makeRegressionSet(rowCount: Int) -> Dataset {
    let features = Tensor(shape: [rowCount, 1]) { Float($0) }
    return Dataset(name: "line", features: features, targets: .regression(features))
}
