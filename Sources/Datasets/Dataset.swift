import Engine

/// A table of samples: a feature matrix, a name per feature, and a target per row.
///
/// Shapes: `features` is `[rows, featureCount]`. Each row is one sample flattened in row-major
/// order from `sampleShape`, such as `[1, 28, 28]` for a grey image or `[window, 1]` for a
/// window of a series, so a model that takes structured input views a batch as
/// `[batch] + sampleShape`. The targets are class indices `[rows]` for classification or a
/// tensor `[rows, outputs]` for regression.
///
/// Loaders (CSV and others) and generated toy sets all produce this one type, so splitting,
/// standardizing and batching work the same for every source.
public struct Dataset: Equatable, Sendable {
    /// The kind of prediction the targets call for.
    public enum Task: String, Equatable, Sendable, CaseIterable {
        case classification
        case regression
    }

    /// A short name for summaries, such as the file name.
    public var name: String
    /// The feature matrix `[rows, featureCount]`.
    public let features: Tensor
    /// One name per feature column.
    public let featureNames: [String]
    /// One target per row.
    public let targets: Targets
    /// The shape of one sample, whose element count is `featureCount`. It is
    /// `[featureCount]` for a table.
    public let sampleShape: [Int]

    /// Creates a data set from a feature matrix and matching targets.
    ///
    /// - Parameters:
    ///   - name: A short name for summaries.
    ///   - features: The feature matrix `[rows, featureCount]`.
    ///   - featureNames: One name per column. `nil` names them `x0`, `x1`, and so on.
    ///   - targets: One target per row. Class indices must lie in `0..<classNames.count`.
    ///   - sampleShape: The shape of one sample, with `featureCount` elements. `nil` means
    ///     `[featureCount]`.
    public init(
        name: String, features: Tensor, featureNames: [String]? = nil, targets: Targets,
        sampleShape: [Int]? = nil
    ) {
        precondition(
            features.rank == 2, "Dataset features must be [rows, features], got \(features.shape)")
        let rowCount = features.shape[0]
        let featureCount = features.shape[1]
        let names = featureNames ?? (0..<featureCount).map { "x\($0)" }
        precondition(
            names.count == featureCount,
            "Dataset has \(featureCount) feature columns but \(names.count) feature names")
        precondition(
            targets.count == rowCount,
            "Dataset has \(rowCount) feature rows but \(targets.count) targets")
        switch targets {
        case .classification(let classIndices, let classNames):
            precondition(
                classIndices.allSatisfy { $0 >= 0 && $0 < classNames.count },
                "Dataset class indices must lie in 0..<\(classNames.count)")
        case .regression(let values):
            precondition(
                values.rank == 2,
                "Regression targets must be [rows, outputs], got \(values.shape)")
        }
        let shape = sampleShape ?? [featureCount]
        precondition(
            !shape.isEmpty && shape.allSatisfy { $0 >= 0 }
                && Tensor.count(of: shape) == featureCount,
            "Dataset sample shape \(shape) must have \(featureCount) elements, one per feature")
        self.name = name
        self.features = features
        self.featureNames = names
        self.targets = targets
        self.sampleShape = shape
    }

    public var rowCount: Int { features.shape[0] }
    public var featureCount: Int { features.shape[1] }

    public var task: Task {
        switch targets {
        case .classification: .classification
        case .regression: .regression
        }
    }

    /// The label text of each class, or an empty array for regression.
    public var classNames: [String] { targets.classNames }

    /// The number of rows of each class, indexed like `classNames`, or an empty array for
    /// regression.
    public var classCounts: [Int] {
        guard let classIndices = targets.classIndices else { return [] }
        var counts = [Int](repeating: 0, count: classNames.count)
        for c in classIndices { counts[c] += 1 }
        return counts
    }

    /// Returns the data set made of the rows at `indices`, in that order.
    public func gathering(rows indices: [Int]) -> Dataset {
        Dataset(
            name: name, features: features.gathering(rows: indices), featureNames: featureNames,
            targets: targets.gathering(rows: indices), sampleShape: sampleShape)
    }
}
