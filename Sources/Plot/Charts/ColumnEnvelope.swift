/// The points of a series that fall into one column of a plot, reduced to the four that decide
/// how the column looks: the first, the last, the lowest and the highest.
///
/// A chart draws each column as a vertical run from `minimum` to `maximum` and joins one
/// column's `last` to the next column's `first`. Every point then lies on the drawn line, so a
/// one-step spike in a series much longer than the plot is wide still shows in full.
struct ColumnEnvelope: Equatable {
    let column: Int
    var first: Double
    var last: Double
    var minimum: Double
    var maximum: Double

    /// Whether the lowest point came before the highest one in the series. Paths that must
    /// visit the points in order use it.
    var minimumComesFirst: Bool

    /// The points in series order, with repeats removed: the vertical extent of the column.
    var orderedValues: [Double] {
        let middle = minimumComesFirst ? [minimum, maximum] : [maximum, minimum]
        var values: [Double] = []
        for value in [first] + middle + [last] where values.last != value {
            values.append(value)
        }
        return values
    }

    /// Groups a series, already mapped to columns, into runs of column envelopes.
    ///
    /// A `nil` point is a gap, such as a value that a logarithmic axis cannot show, and starts a
    /// new run, so that no line is drawn across it. Points are taken in series order and a
    /// column change starts a new envelope, so series should be sorted by x.
    ///
    /// - Parameter points: Each point's column and its position along the value axis.
    /// - Returns: Runs of envelopes, each run to be drawn as one connected line.
    static func runs(of points: [(column: Int, value: Double)?]) -> [[ColumnEnvelope]] {
        var runs: [[ColumnEnvelope]] = []
        var current: [ColumnEnvelope] = []

        for point in points {
            guard let point else {
                if !current.isEmpty { runs.append(current) }
                current = []
                continue
            }
            if var envelope = current.last, envelope.column == point.column {
                envelope.last = point.value
                if point.value < envelope.minimum {
                    envelope.minimum = point.value
                    envelope.minimumComesFirst = false
                }
                if point.value > envelope.maximum {
                    envelope.maximum = point.value
                    envelope.minimumComesFirst = true
                }
                current[current.count - 1] = envelope
            } else {
                current.append(
                    ColumnEnvelope(
                        column: point.column, first: point.value, last: point.value,
                        minimum: point.value, maximum: point.value, minimumComesFirst: true))
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}
