/// Counts of values in consecutive intervals, with the values that fit no interval (NaN and
/// infinities) counted apart.
///
/// Bin `i` covers `edges[i] ..< edges[i + 1]`, except the last bin, which also contains its
/// upper edge.
///
/// - `edges`: `counts.count + 1` values, increasing. Neighbours may be equal only where the
///   range is too narrow for `Double` to split, which leaves that bin empty.
/// - `counts`: one count per bin.
public struct HistogramBins: Equatable, Sendable {
    public private(set) var edges: [Double]
    public private(set) var counts: [Int]
    public var nanCount: Int
    public var positiveInfinityCount: Int
    public var negativeInfinityCount: Int

    /// Creates bins from edges and counts computed elsewhere.
    ///
    /// - Parameters:
    ///   - edges: The bin edges, finite and not decreasing, one more than `counts`.
    ///   - counts: The number of values in each bin, none negative.
    ///   - nanCount: The number of NaN values.
    ///   - positiveInfinityCount: The number of values equal to +infinity.
    ///   - negativeInfinityCount: The number of values equal to -infinity.
    public init(
        edges: [Double], counts: [Int], nanCount: Int = 0, positiveInfinityCount: Int = 0,
        negativeInfinityCount: Int = 0
    ) {
        precondition(
            edges.count == counts.count + 1,
            "Histogram has \(counts.count) bins and \(edges.count) edges, but needs "
                + "\(counts.count + 1) edges")
        precondition(edges.allSatisfy(\.isFinite), "Histogram edges \(edges) are not all finite")
        precondition(
            zip(edges, edges.dropFirst()).allSatisfy { $0 <= $1 },
            "Histogram edges \(edges) are decreasing")
        precondition(counts.allSatisfy { $0 >= 0 }, "Histogram counts \(counts) contain a negative")
        self.edges = edges
        self.counts = counts
        self.nanCount = nanCount
        self.positiveInfinityCount = positiveInfinityCount
        self.negativeInfinityCount = negativeInfinityCount
    }

    /// Counts `values` in `binCount` equal-width bins from the smallest to the largest finite
    /// value.
    ///
    /// ```
    /// edges[i] = minimum + i * (maximum - minimum) / binCount,   edges[binCount] = maximum
    /// ```

    ///
    /// Each value is counted in the bin whose edges, as stored, contain it, so the counts agree
    /// with the edges exactly, rounding included. When all finite values are equal, the bins
    /// span `value - 0.5 ... value + 0.5`. Without finite values they span `0 ... 1`.
    ///
    /// - Parameters:
    ///   - values: The values, in any order. NaN and infinities are counted apart.
    ///   - binCount: The number of bins, at least 1.
    public init<Values: Sequence>(values: Values, binCount: Int)
    where Values.Element: BinaryFloatingPoint {
        self.init(counting: values, binCount: binCount)
    }

    /// Counts `floatValues` as `init(values:binCount:)` does. Unlike the generic form, which
    /// other modules call without specializing it, this one is compiled for `Float`. Its own
    /// label keeps array literals of `Double` values on the generic form.
    public init(floatValues: ArraySlice<Float>, binCount: Int) {
        self.init(counting: floatValues, binCount: binCount)
    }

    private init<Values: Sequence>(counting values: Values, binCount: Int)
    where Values.Element: BinaryFloatingPoint {
        precondition(binCount >= 1, "Histogram needs at least 1 bin, got \(binCount)")
        var finite: [Double] = []
        var nanCount = 0
        var positiveInfinityCount = 0
        var negativeInfinityCount = 0
        for element in values {
            let value = Double(element)
            if value.isNaN {
                nanCount += 1
            } else if value == .infinity {
                positiveInfinityCount += 1
            } else if value == -.infinity {
                negativeInfinityCount += 1
            } else {
                finite.append(value)
            }
        }

        var low = finite.min() ?? 0
        var high = finite.max() ?? 1
        if low == high {
            low -= 0.5
            high += 0.5
        }
        // Differences are taken after dividing, so that a range wider than the largest
        // Double (such as -1e308 ... 1e308) does not overflow to infinity.
        let binWidth = high / Double(binCount) - low / Double(binCount)
        var edges = (0..<binCount).map { min(high, low + Double($0) * binWidth) }
        edges.append(high)

        var counts = [Int](repeating: 0, count: binCount)
        for value in finite {
            let position = (value / Double(binCount) - low / Double(binCount)) / binWidth
            var bin = binWidth > 0 ? Int(min(max(position, 0), Double(binCount - 1))) : 0
            // The division can land one bin off near an edge, so step to the bin that the
            // stored edges give.
            while bin > 0 && value < edges[bin] {
                bin -= 1
            }
            while bin < binCount - 1 && value >= edges[bin + 1] {
                bin += 1
            }
            counts[bin] += 1
        }

        self.init(
            edges: edges, counts: counts, nanCount: nanCount,
            positiveInfinityCount: positiveInfinityCount,
            negativeInfinityCount: negativeInfinityCount)
    }

    /// The number of finite values, the sum of `counts`.
    public var finiteCount: Int {
        counts.reduce(0, +)
    }

    /// Returns bins that each join `factor` neighbouring bins, summing their counts. The last
    /// bin joins what is left.
    public func merged(by factor: Int) -> HistogramBins {
        precondition(factor >= 1, "Histogram merge factor \(factor) is less than 1")
        guard factor > 1 else { return self }
        var mergedEdges: [Double] = []
        var mergedCounts: [Int] = []
        for start in stride(from: 0, to: counts.count, by: factor) {
            let end = min(start + factor, counts.count)
            mergedEdges.append(edges[start])
            mergedCounts.append(counts[start..<end].reduce(0, +))
        }
        mergedEdges.append(edges[edges.count - 1])
        return HistogramBins(
            edges: mergedEdges, counts: mergedCounts, nanCount: nanCount,
            positiveInfinityCount: positiveInfinityCount,
            negativeInfinityCount: negativeInfinityCount)
    }
}
