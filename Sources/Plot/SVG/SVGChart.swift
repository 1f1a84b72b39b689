/// Line charts and histograms as standalone SVG documents, for reports and for zooming in on
/// what a terminal cell cannot show.
///
/// The charts use the same axis ranges, ticks and labels as the terminal charts. Line series
/// are reduced to at most four points per pixel column (first, lowest, highest, last), which
/// keeps every spike and keeps the file small for long runs.
public enum SVGChart {
    /// Drawing choices for SVG charts.
    public struct Options: Equatable, Sendable {
        /// The title above the plot, or `nil` for none.
        public var title: String?

        /// Linear or logarithmic y axis for line charts. A logarithmic axis skips values that
        /// are zero or negative, and a note reports how many.
        public var yAxis: AxisKind

        /// Stroke colours of the line series, in CSS syntax, used in order.
        public var colors: [String]

        /// Fill colour of histogram bars, in CSS syntax.
        public var barColor: String

        public init(
            title: String? = nil, yAxis: AxisKind = .linear,
            colors: [String] = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"],
            barColor: String = "#4c78a8"
        ) {
            self.title = title
            self.yAxis = yAxis
            self.colors = colors
            self.barColor = barColor
        }
    }

    /// The plot rectangle inside the document, in pixels, with room for labels around it.
    struct Frame {
        let left: Double
        let top: Double
        let width: Double
        let height: Double

        init(width: Int, height: Int, hasTitle: Bool) {
            left = 64
            top = hasTitle ? 36 : 16
            self.width = max(1, Double(width) - left - 16)
            self.height = max(1, Double(height) - top - 52)
        }

        var bottom: Double { top + height }
        var right: Double { left + width }

        func x(_ fraction: Double) -> Double { left + fraction * width }
        func y(_ fraction: Double) -> Double { bottom - fraction * height }
    }

    /// Returns an SVG document of a line chart.
    ///
    /// - Parameters:
    ///   - series: The lines to draw, in drawing order.
    ///   - width: The document width in pixels.
    ///   - height: The document height in pixels.
    ///   - options: The title, y axis kind and colours.
    public static func lineChart(
        _ series: [LineSeries], width: Int, height: Int, options: Options = Options()
    ) -> String {
        var document = SVGDocument()
        let frame = Frame(width: width, height: height, hasTitle: options.title != nil)
        let data = PlottableData(series, yAxis: options.yAxis)
        let xScale = LineChart.makeScale(
            data.xRange, override: nil, kind: .linear,
            targetTickCount: max(1, Int(frame.width / 80)), widen: false)
        let yScale = LineChart.makeScale(
            data.yRange, override: nil, kind: options.yAxis,
            targetTickCount: max(1, Int(frame.height / 50)))

        drawTitle(options.title, on: &document, width: width)
        drawAxes(xScale: xScale, yScale: yScale, frame: frame, on: &document)

        let pixelColumns = max(1, Int(frame.width.rounded()))
        for index in series.indices {
            let color = color(of: index, options: options)
            let points = data.points[index].map { point in
                point.flatMap { point -> (column: Int, value: Double)? in
                    guard let fx = xScale.fraction(of: point.x),
                        let fy = yScale.fraction(of: point.y)
                    else { return nil }
                    return (Int((fx * Double(pixelColumns - 1)).rounded()), frame.y(fy))
                }
            }
            document.open("g", [("stroke", color), ("fill", "none"), ("stroke-width", "1.5")])
            for run in ColumnEnvelope.runs(of: points) {
                let coordinates = run.flatMap { envelope in
                    envelope.orderedValues.map { value in
                        let x =
                            frame.left + Double(envelope.column) * frame.width
                            / Double(max(1, pixelColumns - 1))
                        return "\(SVGDocument.coordinate(x)),\(SVGDocument.coordinate(value))"
                    }
                }
                if coordinates.count == 1 {
                    let parts = coordinates[0].split(separator: ",").map(String.init)
                    document.element(
                        "circle",
                        [("cx", parts[0]), ("cy", parts[1]), ("r", "1.5"), ("fill", color)])
                } else {
                    document.element("polyline", [("points", coordinates.joined(separator: " "))])
                }
            }
            document.close()
        }

        let legend = series.indices.filter { !series[$0].name.isEmpty }.map { index in
            (name: series[index].name, color: color(of: index, options: options))
        }
        var notes: [String] = []
        if data.nonPositiveCount > 0 {
            notes.append("log y: \(data.nonPositiveCount) values ≤ 0 hidden")
        }
        if data.nonFiniteCount > 0 {
            notes.append("\(data.nonFiniteCount) NaN/inf hidden")
        }
        if data.xRange == nil {
            notes.append("no data")
        }
        drawLegend(legend, notes: notes, frame: frame, height: height, on: &document)
        return document.rendered(width: width, height: height)
    }

    /// Returns an SVG document of a histogram: one bar per bin, the x axis in value units and
    /// the y axis in counts, with NaN and infinity counts in a note.
    ///
    /// - Parameters:
    ///   - bins: The bins to draw.
    ///   - width: The document width in pixels.
    ///   - height: The document height in pixels.
    ///   - options: The title and bar colour.
    public static func histogram(
        _ bins: HistogramBins, width: Int, height: Int, options: Options = Options()
    ) -> String {
        var document = SVGDocument()
        let frame = Frame(width: width, height: height, hasTitle: options.title != nil)
        let low = bins.edges[0]
        let high = bins.edges[bins.edges.count - 1]
        let xScale = AxisScale(
            minimum: low, maximum: high, kind: .linear,
            targetTickCount: max(1, Int(frame.width / 80)), widen: false)
        let yScale = AxisScale(
            minimum: 0, maximum: Double(max(1, bins.counts.max() ?? 0)), kind: .linear,
            targetTickCount: max(1, Int(frame.height / 50)))

        drawTitle(options.title, on: &document, width: width)
        document.open(
            "g", [("fill", options.barColor), ("stroke", "white"), ("stroke-width", "0.5")])
        for (index, count) in bins.counts.enumerated() where count > 0 {
            let left = frame.x(xScale.fraction(of: bins.edges[index]) ?? 0)
            let right = frame.x(xScale.fraction(of: bins.edges[index + 1]) ?? 1)
            let top = frame.y(yScale.fraction(of: Double(count)) ?? 0)
            document.element(
                "rect",
                [
                    ("x", SVGDocument.coordinate(left)), ("y", SVGDocument.coordinate(top)),
                    ("width", SVGDocument.coordinate(max(0.5, right - left))),
                    ("height", SVGDocument.coordinate(frame.bottom - top)),
                ])
        }
        document.close()
        drawAxes(xScale: xScale, yScale: yScale, frame: frame, on: &document)

        let notes = Histogram.notes(bins, factor: 1, unit: "bar")
        drawLegend([], notes: notes, frame: frame, height: height, on: &document)
        return document.rendered(width: width, height: height)
    }

    private static func color(of index: Int, options: Options) -> String {
        options.colors.isEmpty ? "black" : options.colors[index % options.colors.count]
    }

    private static func drawTitle(_ title: String?, on document: inout SVGDocument, width: Int) {
        guard let title else { return }
        document.text(
            title,
            [
                ("x", SVGDocument.coordinate(Double(width) / 2)), ("y", "22"),
                ("text-anchor", "middle"), ("font-size", "14"),
            ])
    }

    /// Draws the frame's axes with tick marks, tick labels and light grid lines at y ticks.
    private static func drawAxes(
        xScale: AxisScale, yScale: AxisScale, frame: Frame, on document: inout SVGDocument
    ) {
        let left = SVGDocument.coordinate(frame.left)
        let right = SVGDocument.coordinate(frame.right)
        let top = SVGDocument.coordinate(frame.top)
        let bottom = SVGDocument.coordinate(frame.bottom)

        document.open("g", [("stroke", "#dddddd")])
        for tick in yScale.ticks {
            guard let fraction = yScale.fraction(of: tick), fraction > 0, fraction <= 1 else {
                continue
            }
            let y = SVGDocument.coordinate(frame.y(fraction))
            document.element("line", [("x1", left), ("y1", y), ("x2", right), ("y2", y)])
        }
        document.close()

        document.open("g", [("stroke", "black")])
        document.element("line", [("x1", left), ("y1", top), ("x2", left), ("y2", bottom)])
        document.element("line", [("x1", left), ("y1", bottom), ("x2", right), ("y2", bottom)])
        document.close()

        document.open("g", [("text-anchor", "end")])
        for tick in yScale.ticks {
            guard let fraction = yScale.fraction(of: tick), (0...1).contains(fraction) else {
                continue
            }
            let y = frame.y(fraction)
            document.text(
                yScale.label(tick),
                [
                    ("x", SVGDocument.coordinate(frame.left - 6)),
                    ("y", SVGDocument.coordinate(y + 4)),
                ])
        }
        document.close()

        document.open("g", [("text-anchor", "middle")])
        for tick in xScale.ticks {
            guard let fraction = xScale.fraction(of: tick), (0...1).contains(fraction) else {
                continue
            }
            let x = SVGDocument.coordinate(frame.x(fraction))
            document.element(
                "line",
                [
                    ("x1", x), ("y1", bottom), ("x2", x),
                    ("y2", SVGDocument.coordinate(frame.bottom + 4)), ("stroke", "black"),
                ])
            document.text(
                xScale.label(tick), [("x", x), ("y", SVGDocument.coordinate(frame.bottom + 18))])
        }
        document.close()
    }

    /// Draws the legend, one coloured swatch and name per series, then the notes, in a row
    /// under the x tick labels.
    private static func drawLegend(
        _ entries: [(name: String, color: String)], notes: [String], frame: Frame, height: Int,
        on document: inout SVGDocument
    ) {
        guard !entries.isEmpty || !notes.isEmpty else { return }
        let y = Double(height) - 12
        var x = frame.left
        document.open("g", [("class", "legend")])
        for (name, color) in entries {
            document.element(
                "line",
                [
                    ("x1", SVGDocument.coordinate(x)), ("y1", SVGDocument.coordinate(y - 4)),
                    ("x2", SVGDocument.coordinate(x + 16)), ("y2", SVGDocument.coordinate(y - 4)),
                    ("stroke", color), ("stroke-width", "2"),
                ])
            document.text(
                name, [("x", SVGDocument.coordinate(x + 20)), ("y", SVGDocument.coordinate(y))])
            // NOTE: text width is estimated at 7 pixels per character, since SVG text cannot
            // be measured without a renderer, so wide names may crowd the next entry.
            x += 20 + 7 * Double(name.count) + 16
        }
        for note in notes {
            document.text(
                note, [("x", SVGDocument.coordinate(x)), ("y", SVGDocument.coordinate(y))])
            x += 7 * Double(note.count) + 16
        }
        document.close()
    }
}
