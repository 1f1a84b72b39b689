/// The loss of every step of a run, kept in at most `capacity` bins of equal width.
///
/// Each bin stores the mean loss of `binWidth` consecutive steps. While the run has at most
/// `capacity` steps, a bin is one step. When the bins fill up, neighbouring bins are merged in
/// pairs and `binWidth` doubles, so the bins always cover the whole run:
///
/// ```
/// means[k] = (loss(s + 1) + … + loss(s + w)) / w,   s = firstStep + k * w,   w = binWidth
/// ```
///
/// The last bin may be partial and then holds the mean of the `lastBinCount` steps it has.
public struct StepLossBins: Equatable, Sendable {
    /// The mean loss of each bin, oldest first.
    public private(set) var means: [Double] = []
    /// The number of steps per bin, a power of two.
    public private(set) var binWidth = 1
    /// The step number before the first bin's first step (steps count from 1).
    public private(set) var firstStep = 0
    /// The number of steps in the last bin, from 1 to `binWidth` (0 when there are no bins).
    public private(set) var lastBinCount = 0
    /// The loss of the latest step.
    public private(set) var latest: Double?
    /// The largest number of bins kept, an even number.
    public let capacity: Int

    public init(capacity: Int = 4096) {
        precondition(capacity >= 2 && capacity % 2 == 0, "capacity must be even, got \(capacity)")
        self.capacity = capacity
    }

    /// Bins the losses of steps `firstStep + 1`, `firstStep + 2`, and so on.
    public init<Losses: Sequence>(_ losses: Losses, firstStep: Int, capacity: Int = 4096)
    where Losses.Element: BinaryFloatingPoint {
        self.init(capacity: capacity)
        self.firstStep = firstStep
        for loss in losses {
            append(Double(loss))
        }
    }

    /// The number of steps the bins cover.
    public var stepCount: Int {
        means.isEmpty ? 0 : (means.count - 1) * binWidth + lastBinCount
    }

    public var isEmpty: Bool { means.isEmpty }

    /// Returns the step at the middle of bin `index`: its x position on a chart of steps.
    public func centerStep(ofBin index: Int) -> Double {
        let count = index == means.count - 1 ? lastBinCount : binWidth
        return Double(firstStep + index * binWidth) + Double(count + 1) / 2
    }

    /// Adds the loss of the step after the last one.
    public mutating func append(_ loss: Double) {
        latest = loss
        if lastBinCount > 0 && lastBinCount < binWidth {
            let count = Double(lastBinCount)
            means[means.count - 1] = (means[means.count - 1] * count + loss) / (count + 1)
            lastBinCount += 1
            return
        }
        if means.count == capacity {
            mergePairs()
        }
        means.append(loss)
        lastBinCount = 1
    }

    /// Halves the number of bins by merging neighbours, doubling `binWidth`. `append` merges
    /// only when the last bin is full, so both bins of a pair cover `binWidth` steps.
    private mutating func mergePairs() {
        var merged: [Double] = []
        merged.reserveCapacity(capacity)
        for pair in stride(from: 0, to: means.count, by: 2) {
            merged.append((means[pair] + means[pair + 1]) / 2)
        }
        means = merged
        binWidth *= 2
        lastBinCount = binWidth
    }
}
