import Engine

/// One mini-batch: input rows and their targets.
public struct Batch: Equatable, Sendable {
    /// The input rows `[batchSize, featureCount]`.
    public let inputs: Tensor
    /// The targets of the same rows, in the same order.
    public let targets: Targets
    /// The rows of the source data set that form this batch, in order.
    public let rows: [Int]

    public var count: Int { rows.count }
}

/// The mini-batches of one epoch, in an order drawn once when the iterator is made.
///
/// Every row appears in exactly one batch. All batches have `batchSize` rows except the last,
/// which has the remaining `rowCount % batchSize` rows when that is not 0. The last batch is
/// kept rather than dropped, so an epoch always covers every row.
public struct BatchIterator: Sequence, IteratorProtocol, Sendable {
    private let dataset: Dataset
    private let order: [Int]
    private let batchSize: Int
    private var start = 0

    /// Creates the batches of one epoch over `order`, a sequence of row indices of `dataset`.
    init(dataset: Dataset, order: [Int], batchSize: Int) {
        precondition(batchSize > 0, "Batch size must be positive, got \(batchSize)")
        self.dataset = dataset
        self.order = order
        self.batchSize = batchSize
    }

    /// The number of batches in the epoch: `⌈rowCount / batchSize⌉`.
    public var underestimatedCount: Int { (order.count - start + batchSize - 1) / batchSize }

    public mutating func next() -> Batch? {
        guard start < order.count else { return nil }
        let end = Swift.min(start + batchSize, order.count)
        let rows = Array(order[start..<end])
        start = end
        return Batch(
            inputs: dataset.features.gathering(rows: rows),
            targets: dataset.targets.gathering(rows: rows), rows: rows)
    }
}

extension Dataset {
    /// Shuffles the rows with `generator` and returns the mini-batches of one epoch.
    ///
    /// The order is `generator.permutation(rowCount)`, drawn at this call, so the same
    /// generator state replays the same batches. A `batchSize` of `rowCount` or more gives one
    /// shuffled batch of every row.
    ///
    /// Shapes: each batch's inputs are `[batchSize, featureCount]`, fewer rows in the last.
    ///
    /// - Parameters:
    ///   - batchSize: The rows per batch, at least 1.
    ///   - generator: The session's generator, advanced by one permutation.
    public func batches(
        size batchSize: Int, using generator: inout RandomGenerator
    ) -> BatchIterator {
        BatchIterator(dataset: self, order: generator.permutation(rowCount), batchSize: batchSize)
    }

    /// Returns every row as one batch, in the data set's order, for full-batch gradient descent.
    ///
    /// It draws no random numbers: the order of rows does not change a full-batch gradient.
    public func fullBatch() -> Batch {
        Batch(inputs: features, targets: targets, rows: Array(0..<rowCount))
    }
}
