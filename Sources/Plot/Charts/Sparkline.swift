/// One-row charts of a series in bars of eight heights (`▁▂▃▄▅▆▇█`), or four in ASCII (`_-=#`).
///
/// A series longer than the width is split into as many equal runs as there are columns, and
/// each column shows the mean of its run's finite values. NOTE: a mean can flatten a one-step
/// spike, so use a line chart where single values matter. A column with no finite value is
/// blank.
public enum Sparkline {
    /// Renders `values` into a grid one row high.
    ///
    /// - Parameters:
    ///   - values: The series, oldest first.
    ///   - width: The number of columns. A shorter series takes one column per value from the
    ///     left.
    ///   - glyphs: The bar characters to draw with.
    ///   - range: The values of the lowest and the highest bar, or `nil` for the range of the
    ///     drawn means. Values outside it are clamped.
    ///   - style: The style of the bars.
    public static func render(
        _ values: [Double], width: Int, glyphs: GlyphSet = .unicode,
        range: ClosedRange<Double>? = nil, style: CellStyle = .plain
    ) -> CharGrid {
        var grid = CharGrid(width: max(0, width), height: 1)
        let columns = columnMeans(values, width: grid.width)
        let finite = columns.filter(\.isFinite)
        guard let low = range?.lowerBound ?? finite.min(),
            let high = range?.upperBound ?? finite.max()
        else { return grid }

        let levels = glyphs.verticalBars
        for (column, value) in columns.enumerated() where value.isFinite {
            let level: Int
            if high > low {
                let position = min(max((value - low) / (high - low), 0), 1)
                level = Int((position * Double(levels.count - 1)).rounded())
            } else {
                level = (levels.count - 1) / 2
            }
            grid.put(levels[level], x: column, y: 0, style: style)
        }
        return grid
    }

    /// Returns the sparkline as plain text, without trailing spaces.
    public static func text(
        _ values: [Double], width: Int, glyphs: GlyphSet = .unicode,
        range: ClosedRange<Double>? = nil
    ) -> String {
        render(values, width: width, glyphs: glyphs, range: range).lines[0]
    }

    /// Returns one value per column: the series itself when it fits, and otherwise the mean of
    /// the finite values of each run, or NaN for a run without any.
    static func columnMeans(_ values: [Double], width: Int) -> [Double] {
        guard values.count > width else { return values }
        return (0..<width).map { column in
            let start = column * values.count / width
            let end = (column + 1) * values.count / width
            let finite = values[start..<end].filter(\.isFinite)
            return finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
        }
    }
}
