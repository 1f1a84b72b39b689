import Engine

/// The values a model learns to predict, one per row of a data set or batch.
public enum Targets: Equatable, Sendable {
    /// A class index per row, each in `0..<classNames.count`. `classNames[i]` is the label
    /// text of class `i`.
    case classification(classIndices: [Int], classNames: [String])
    /// Real-valued targets of shape `[rows, outputs]`, with one output for a single label
    /// column.
    case regression(Tensor)

    /// The number of rows.
    public var count: Int {
        switch self {
        case .classification(let classIndices, _): classIndices.count
        case .regression(let values): values.shape[0]
        }
    }

    /// The class index of each row, or `nil` for regression.
    public var classIndices: [Int]? {
        if case .classification(let classIndices, _) = self { return classIndices }
        return nil
    }

    /// The label text of each class, or an empty array for regression.
    public var classNames: [String] {
        if case .classification(_, let classNames) = self { return classNames }
        return []
    }

    /// The regression targets `[rows, outputs]`, or `nil` for classification.
    public var values: Tensor? {
        if case .regression(let values) = self { return values }
        return nil
    }

    /// Returns the classification targets as one-hot rows, or `nil` for regression.
    ///
    /// Shapes: `[rows, classNames.count]`.
    public func oneHot() -> Tensor? {
        guard case .classification(let classIndices, let classNames) = self else { return nil }
        return Self.oneHot(classIndices, classCount: classNames.count)
    }

    /// Returns one-hot rows for class indices: `y[i, c] = 1` where `c = classIndices[i]`,
    /// and 0 elsewhere.
    ///
    /// Shapes: `[classIndices.count]` indices → `[classIndices.count, classCount]`.
    public static func oneHot(_ classIndices: [Int], classCount: Int) -> Tensor {
        var y = Tensor(shape: [classIndices.count, classCount])
        for (i, c) in classIndices.enumerated() {
            precondition(c >= 0 && c < classCount, "Class index \(c) is outside 0..<\(classCount)")
            y.scalars[i * classCount + c] = 1
        }
        return y
    }

    /// Returns the targets of the rows at `indices`, in that order, keeping the class names.
    public func gathering(rows indices: [Int]) -> Targets {
        switch self {
        case .classification(let classIndices, let classNames):
            .classification(classIndices: indices.map { classIndices[$0] }, classNames: classNames)
        case .regression(let values):
            .regression(values.gathering(rows: indices))
        }
    }
}
