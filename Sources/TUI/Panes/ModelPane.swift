import Plot
import Workbench

/// The model pane: the input shape, one line per layer with its output shape and parameter
/// count, and the total.
///
/// ```
/// ┌─ Model ────────────────────┐
/// │input    [N, 2]             │
/// │0 Dense  [N, 16]          48│
/// │1 ReLU   [N, 16]           0│
/// │total                     48│
/// └────────────────────────────┘
/// ```
///
/// Shapes start with `N`, the batch dimension. When the layers do not all fit, the last ones
/// are shown under a line that counts the hidden ones, so the layer just added stays visible.
/// When a line is wider than the pane, the counts are abbreviated and the names cut short
/// before any number is cut (see `Columns`).
enum ModelPane {
    /// Returns the number of lines inside the box that show the whole model.
    static func preferredRows(_ model: ModelDescription) -> Int {
        model.rows.count + 2
    }

    static func render(
        _ model: ModelDescription, width: Int, height: Int, glyphs: GlyphSet
    ) -> CharGrid {
        let inner = PaneFrame.innerSize(width: width, height: height)
        var content = CharGrid(width: inner.width, height: inner.height)
        guard let inputShape = model.inputShape else {
            PaneFrame.drawCentered("no model yet: type input 2", on: &content, glyphs: glyphs)
            return PaneFrame.boxed(content, title: "Model", glyphs: glyphs)
        }

        var lines = model.rows.map { row in
            Line(
                index: "\(row.index)", name: row.kind, shape: shapeText(row.outputShape),
                count: row.parameterCount)
        }
        if lines.count > inner.height - 2 {
            let kept = max(0, inner.height - 3)
            let hidden = lines.count - kept
            let note = Line(
                index: "", name: hidden == 1 ? "1 layer above" : "\(hidden) layers above",
                shape: "", count: nil, isNote: true)
            lines = [note] + lines.suffix(kept)
        }
        lines.insert(Line(index: "", name: "input", shape: shapeText(inputShape), count: nil), at: 0)
        lines.append(Line(index: "", name: "total", shape: "", count: model.parameterCount))

        let columns = Columns(fitting: lines.filter { !$0.isNote }, width: inner.width)
        for (row, line) in lines.prefix(inner.height).enumerated() {
            let style = line.name == "total" ? PaneFrame.bold : .plain
            if line.isNote {
                content.draw(line.name, x: 0, y: row, style: PaneFrame.dim)
                continue
            }
            content.draw(
                columns.nameText(line, ellipsis: glyphs.ellipsis), x: 0, y: row, style: style)
            if columns.showsShapes {
                content.draw(line.shape, x: columns.nameWidth + 2, y: row)
            }
            let count = columns.countText(line)
            content.draw(count, x: inner.width - count.displayWidth, y: row, style: style)
        }
        return PaneFrame.boxed(content, title: "Model", glyphs: glyphs)
    }

    /// One line of the pane: a layer, the input or the total.
    private struct Line {
        /// The layer's index, empty for the input, the total and the note.
        var index: String
        var name: String
        var shape: String
        var count: Int?
        var isNote = false

        /// The index and the layer kind, or the name alone: `3 Dense`, `input`.
        var label: String { index.isEmpty ? name : index + " " + name }
    }

    /// The widths of the columns, narrowed until the line fits the pane.
    ///
    /// Numbers are never cut: when the full line is too wide, the counts are abbreviated
    /// (`16.4k`), then the layer kinds are cut short (`9 BatchNo…`), and last the shape column is
    /// left out. A gap of 2 columns follows the name and at least 1 precedes the count.
    private struct Columns {
        var nameWidth: Int
        var showsShapes = true
        var abbreviatesCounts = false

        /// The minimum number of columns a cut layer kind keeps, its ellipsis included.
        static let minimumKindWidth = 4

        init(fitting lines: [Line], width: Int) {
            let shapeWidth = lines.map(\.shape.displayWidth).max() ?? 0
            let fullNameWidth = lines.map(\.label.displayWidth).max() ?? 0
            let indexWidth = lines.map(\.index.displayWidth).max() ?? 0
            let shortestName = max(
                indexWidth + 1 + Columns.minimumKindWidth,
                lines.filter(\.index.isEmpty).map(\.name.displayWidth).max() ?? 0)
            nameWidth = fullNameWidth

            func countWidth(abbreviated: Bool) -> Int {
                lines.compactMap(\.count).map {
                    (abbreviated ? PaneNumber.abbreviated($0) : PaneNumber.grouped($0)).count
                }.max() ?? 0
            }
            func fits(nameWidth: Int, showsShapes: Bool, abbreviated: Bool) -> Bool {
                let shapes = showsShapes ? 2 + shapeWidth : 0
                return nameWidth + shapes + 1 + countWidth(abbreviated: abbreviated) <= width
            }

            if fits(nameWidth: fullNameWidth, showsShapes: true, abbreviated: false) { return }
            abbreviatesCounts = true
            if fits(nameWidth: fullNameWidth, showsShapes: true, abbreviated: true) { return }
            let room = width - 2 - shapeWidth - 1 - countWidth(abbreviated: true)
            if room >= min(shortestName, fullNameWidth) {
                nameWidth = room
                return
            }
            showsShapes = false
            nameWidth = max(0, min(fullNameWidth, width - 1 - countWidth(abbreviated: true)))
        }

        /// Returns the line's name cut to the name column with `ellipsis` at the cut, never
        /// cutting into the index: `9 BatchNo…`.
        func nameText(_ line: Line, ellipsis: String) -> String {
            guard line.label.displayWidth > nameWidth else { return line.label }
            if line.index.isEmpty {
                return line.name.truncated(toDisplayWidth: nameWidth, ellipsis: ellipsis)
            }
            let kindRoom = nameWidth - line.index.displayWidth - 1
            guard kindRoom > 0 else { return line.index }
            return line.index + " "
                + line.name.truncated(toDisplayWidth: kindRoom, ellipsis: ellipsis)
        }

        func countText(_ line: Line) -> String {
            guard let count = line.count else { return "" }
            return abbreviatesCounts ? PaneNumber.abbreviated(count) : PaneNumber.grouped(count)
        }
    }

    /// Returns a shape with the batch dimension in front: `[N, 16]`.
    static func shapeText(_ shape: [Int]) -> String {
        "[" + (["N"] + shape.map(String.init)).joined(separator: ", ") + "]"
    }
}
