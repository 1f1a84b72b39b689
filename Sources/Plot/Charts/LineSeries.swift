/// One named line of a line chart: y values at x positions, with an optional style and marker.
public struct LineSeries: Equatable, Sendable {
    /// The name shown in the legend. An empty name leaves the series out of the legend.
    public var name: String
    public var x: [Double]
    public var y: [Double]

    /// The style of the series' dots, or `nil` for the chart's colour for its position.
    public var style: CellStyle?

    /// The character that marks the series when the chart does not use braille, or `nil` for
    /// the glyph set's marker for its position.
    public var marker: Character?

    /// Creates a series from points, sorted by `x`.
    ///
    /// - Parameters:
    ///   - name: The legend name, or an empty string for none.
    ///   - x: The x positions. Non-finite ones are skipped.
    ///   - y: The values, as many as `x`. Non-finite ones are skipped and leave a gap.
    ///   - style: The style of the line, or `nil` for the chart's default.
    ///   - marker: The marker without braille, or `nil` for the chart's default.
    public init(
        name: String, x: [Double], y: [Double], style: CellStyle? = nil, marker: Character? = nil
    ) {
        precondition(
            x.count == y.count,
            "LineSeries \(name) has \(x.count) x values but \(y.count) y values")
        self.name = name
        self.x = x
        self.y = y
        self.style = style
        self.marker = marker
    }

    /// Creates a series from values at x = 0, 1, 2, …
    public init(name: String, values: [Double], style: CellStyle? = nil, marker: Character? = nil) {
        self.init(
            name: name, x: values.indices.map(Double.init), y: values, style: style, marker: marker)
    }
}
