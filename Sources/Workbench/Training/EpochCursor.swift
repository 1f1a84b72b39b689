import Datasets
import Engine

/// The position inside an epoch: the shuffled order of the training rows and how far it got.
///
/// Each step takes the next rows of the order, as many as the batch size at that moment, so a
/// `set batch` between steps takes effect at the next step. The last batch of an epoch may be
/// smaller.
struct EpochCursor {
    let order: [Int]
    private(set) var position = 0
    /// Loss summed over the rows trained so far in this epoch, for the epoch's mean loss.
    var lossTotal = 0.0
    /// Each objective term summed over the rows like `lossTotal`, in the order first seen.
    var termTotals: [(name: String, total: Double)] = []
    var steps = 0
    /// Seconds spent in training steps, not counting pauses or evaluation.
    var trainingSeconds = 0.0
    /// Rows of the steps left out of `trainingSeconds`, as a stepped step, which waits for the
    /// user between its stages.
    /// NOTE: checkpoints do not store this count, so a restored epoch counts those rows as timed.
    var untimedSamples = 0
    /// Rows of the steps that `trainingSeconds` measured.
    var timedSamples: Int { position - untimedSamples }

    /// Starts an epoch over `rowCount` rows in an order drawn from `random`.
    init(rowCount: Int, random: inout RandomGenerator) {
        order = random.permutation(rowCount)
    }

    /// Adds one step's objective terms, weighted by its rows.
    mutating func accumulate(terms: [(name: String, value: Float)], rows: Int) {
        for (name, value) in terms {
            let weighted = Double(value) * Double(rows)
            if let index = termTotals.firstIndex(where: { $0.name == name }) {
                termTotals[index].total += weighted
            } else {
                termTotals.append((name, weighted))
            }
        }
    }

    var isFinished: Bool { position >= order.count }

    /// The rows the next batch of at most `size` rows would take, without taking them.
    func peekRows(size: Int) -> ArraySlice<Int> {
        order[position..<min(order.count, position + max(1, size))]
    }
    var samples: Int { position }

    /// Returns the number of steps this epoch takes in all when its remaining rows are taken
    /// `size` at a time, as `nextRows(size:)` takes them.
    func stepCount(batchSize size: Int) -> Int {
        Self.stepCount(stepsTaken: steps, rowsTaken: position, rowCount: order.count, batchSize: size)
    }

    /// Returns the number of steps an epoch of `rowCount` rows takes in all, after
    /// `stepsTaken` steps took its first `rowsTaken` rows, when the rest go `batchSize` rows at
    /// a time (the last batch may be smaller).
    ///
    /// ```
    /// stepsTaken + ⌈(rowCount − rowsTaken) / batchSize⌉
    /// ```
    static func stepCount(stepsTaken: Int, rowsTaken: Int, rowCount: Int, batchSize: Int) -> Int {
        let size = max(1, batchSize)
        let remaining = max(0, rowCount - rowsTaken)
        return stepsTaken + (remaining + size - 1) / size
    }

    /// Returns the rows of the next batch of at most `size` rows.
    mutating func nextRows(size: Int) -> ArraySlice<Int> {
        let end = min(order.count, position + max(1, size))
        defer { position = end }
        return order[position..<end]
    }
}
