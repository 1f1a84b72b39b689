/// The points of line series that an axis can show, with counts of the values left out.
struct PlottableData {
    /// For each series, its points in order, with `nil` where a value is left out.
    let points: [[(x: Double, y: Double)?]]

    /// The ranges of the points that can be shown, or `nil` when there are none.
    let xRange: ClosedRange<Double>?
    let yRange: ClosedRange<Double>?

    /// The number of points whose x or y is NaN or infinite.
    let nonFiniteCount: Int

    /// The number of finite y values that a logarithmic axis cannot show: zero or negative.
    let nonPositiveCount: Int

    init(_ series: [LineSeries], yAxis: AxisKind) {
        var points: [[(x: Double, y: Double)?]] = []
        var xMinimum = Double.infinity
        var xMaximum = -Double.infinity
        var yMinimum = Double.infinity
        var yMaximum = -Double.infinity
        var nonFiniteCount = 0
        var nonPositiveCount = 0

        for line in series {
            var linePoints: [(x: Double, y: Double)?] = []
            linePoints.reserveCapacity(line.y.count)
            for (x, y) in zip(line.x, line.y) {
                if !x.isFinite || !y.isFinite {
                    nonFiniteCount += 1
                    linePoints.append(nil)
                } else if yAxis == .logarithmic && y <= 0 {
                    nonPositiveCount += 1
                    linePoints.append(nil)
                } else {
                    linePoints.append((x, y))
                    xMinimum = min(xMinimum, x)
                    xMaximum = max(xMaximum, x)
                    yMinimum = min(yMinimum, y)
                    yMaximum = max(yMaximum, y)
                }
            }
            points.append(linePoints)
        }

        self.points = points
        self.xRange = xMinimum <= xMaximum ? xMinimum...xMaximum : nil
        self.yRange = yMinimum <= yMaximum ? yMinimum...yMaximum : nil
        self.nonFiniteCount = nonFiniteCount
        self.nonPositiveCount = nonPositiveCount
    }
}
