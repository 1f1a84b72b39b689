import Foundation

/// Draws a `DecisionBoundary` as an SVG document or as plain text, for `export plot boundary`.
enum BoundaryDrawing {
    /// Fill colours of the classes, in CSS syntax, used in turn.
    static let colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]
    /// Region characters of the classes in text, used in turn; training points show the class
    /// number instead.
    static let regionCharacters: [Character] = [".", ":", "-", "=", "+", "~"]

    /// An SVG document: one rectangle per grid cell, coloured by the predicted class with an
    /// opacity that grows with the model's confidence (by value for regression), and the
    /// training points as circles.
    static func svg(_ boundary: DecisionBoundary, classNames: [String]) -> String {
        let cell = 12.0
        let left = 60.0
        let top = 40.0
        let width = Double(boundary.columns) * cell
        let height = Double(boundary.rows) * cell
        let documentWidth = Int(left + width + 20)
        let documentHeight = Int(top + height + 60)
        let isClassification = boundary.classCount > 0
        let valueRange = range(of: boundary.values)

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(documentWidth)\" "
            + "height=\(quoted(documentHeight)) viewBox=\"0 0 \(documentWidth) \(documentHeight)\" "
            + "font-family=\"sans-serif\" font-size=\"12\">\n"
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        svg += "<text x=\"\(coordinate(left + width / 2))\" y=\"22\" text-anchor=\"middle\" "
            + "font-size=\"14\">Decision boundary</text>\n<g stroke=\"none\">\n"
        for row in 0..<boundary.rows {
            for column in 0..<boundary.columns {
                let index = row * boundary.columns + column
                let value = boundary.values[index]
                let color: String
                let opacity: Double
                if isClassification {
                    color = colors[max(0, Int(value)) % colors.count]
                    opacity = 0.15 + 0.5 * min(1, max(0, boundary.confidence[index]))
                } else {
                    color = rampColor(fraction(value, in: valueRange))
                    opacity = 0.8
                }
                svg += "<rect x=\"\(coordinate(left + Double(column) * cell))\" "
                    + "y=\"\(coordinate(top + Double(row) * cell))\" width=\"\(coordinate(cell))\" "
                    + "height=\"\(coordinate(cell))\" fill=\"\(color)\" "
                    + "fill-opacity=\"\(coordinate(opacity))\"/>\n"
            }
        }
        svg += "</g>\n<g stroke=\"black\" stroke-width=\"0.8\">\n"
        for point in boundary.points {
            let x = left + fraction(point.x, in: boundary.xRange) * width
            let y = top + (1 - fraction(point.y, in: boundary.yRange)) * height
            let color = isClassification
                ? colors[max(0, Int(point.label)) % colors.count]
                : rampColor(fraction(point.label, in: valueRange))
            svg += "<circle cx=\"\(coordinate(x))\" cy=\"\(coordinate(y))\" r=\"3\" "
                + "fill=\"\(color)\"/>\n"
        }
        svg += "</g>\n<rect x=\"\(coordinate(left))\" y=\"\(coordinate(top))\" "
            + "width=\"\(coordinate(width))\" height=\"\(coordinate(height))\" fill=\"none\" "
            + "stroke=\"black\"/>\n"
        let bottom = top + height
        svg += label(axisText(boundary.xRange.lowerBound), x: left, y: bottom + 16, anchor: "start")
        svg += label(axisText(boundary.xRange.upperBound), x: left + width, y: bottom + 16, anchor: "end")
        svg += label(axisText(boundary.yRange.upperBound), x: left - 6, y: top + 10, anchor: "end")
        svg += label(axisText(boundary.yRange.lowerBound), x: left - 6, y: bottom, anchor: "end")
        svg += label(legend(boundary, classNames: classNames), x: left, y: bottom + 40, anchor: "start")
        return svg + "</svg>\n"
    }

    /// Plain text: one character per grid cell, the class's region character (a digit from 0
    /// to 9 of the scaled value for regression), with training points as their class number
    /// (`*` for regression), then the axis ranges and the legend.
    static func text(_ boundary: DecisionBoundary, classNames: [String]) -> String {
        let isClassification = boundary.classCount > 0
        let valueRange = range(of: boundary.values)
        var grid: [[Character]] = (0..<boundary.rows).map { row in
            (0..<boundary.columns).map { column in
                let value = boundary.values[row * boundary.columns + column]
                if isClassification {
                    return regionCharacters[max(0, Int(value)) % regionCharacters.count]
                }
                let digit = Int((fraction(value, in: valueRange) * 9).rounded())
                return Character(String(digit))
            }
        }
        for point in boundary.points {
            let column = min(
                boundary.columns - 1,
                Int(fraction(point.x, in: boundary.xRange) * Double(boundary.columns)))
            let row = min(
                boundary.rows - 1,
                Int((1 - fraction(point.y, in: boundary.yRange)) * Double(boundary.rows)))
            guard row >= 0, column >= 0 else { continue }
            grid[row][column] = isClassification
                ? Character(String(max(0, Int(point.label)) % 10)) : "*"
        }
        var lines = ["Decision boundary"]
        lines.append("+" + String(repeating: "-", count: boundary.columns) + "+")
        lines += grid.map { "|" + String($0) + "|" }
        lines.append("+" + String(repeating: "-", count: boundary.columns) + "+")
        lines.append(
            "x from \(axisText(boundary.xRange.lowerBound)) to "
                + "\(axisText(boundary.xRange.upperBound)), y from "
                + "\(axisText(boundary.yRange.lowerBound)) to \(axisText(boundary.yRange.upperBound))")
        lines.append(legend(boundary, classNames: classNames))
        return lines.joined(separator: "\n") + "\n"
    }

    private static func legend(_ boundary: DecisionBoundary, classNames: [String]) -> String {
        guard boundary.classCount > 0 else {
            let range = range(of: boundary.values)
            return "output from \(axisText(range.lowerBound)) (0, blue) to "
                + "\(axisText(range.upperBound)) (9, red); points are training rows"
        }
        let entries = (0..<boundary.classCount).map { index in
            let name = index < classNames.count ? classNames[index] : "\(index)"
            return "\(index) = \(name) (region '\(regionCharacters[index % regionCharacters.count])',"
                + " \(colors[index % colors.count]))"
        }
        return "classes: " + entries.joined(separator: ", ") + "; numbers are training points"
    }

    private static func range(of values: [Double]) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        return (finite.min() ?? 0)...(finite.max() ?? 1)
    }

    private static func fraction(_ value: Double, in range: ClosedRange<Double>) -> Double {
        let span = range.upperBound - range.lowerBound
        guard span > 0, value.isFinite else { return 0.5 }
        return min(1, max(0, (value - range.lowerBound) / span))
    }

    /// Blue for 0 through white to red for 1.
    private static func rampColor(_ position: Double) -> String {
        let (red, green, blue): (Double, Double, Double) = position < 0.5
            ? (2 * position, 2 * position, 1) : (1, 2 * (1 - position), 2 * (1 - position))
        func hex(_ value: Double) -> String {
            let byte = Int((value * 255).rounded())
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }
        return "#" + hex(red) + hex(green) + hex(blue)
    }

    private static func label(_ text: String, x: Double, y: Double, anchor: String) -> String {
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        return "<text x=\"\(coordinate(x))\" y=\"\(coordinate(y))\" text-anchor=\"\(anchor)\">"
            + escaped + "</text>\n"
    }

    private static func axisText(_ value: Double) -> String {
        String(format: "%.3g", value)
    }

    private static func coordinate(_ value: Double) -> String {
        String(format: "%.2f", value)
    }

    private static func quoted(_ value: Int) -> String {
        "\"\(value)\""
    }
}
