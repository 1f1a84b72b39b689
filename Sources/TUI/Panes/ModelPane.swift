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
                name: "\(row.index) \(row.kind)", shape: shapeText(row.outputShape),
                count: PaneNumber.grouped(row.parameterCount))
        }
        if lines.count > inner.height - 2 {
            let kept = max(0, inner.height - 3)
            let hidden = lines.count - kept
            let note = Line(
                name: hidden == 1 ? "1 layer above" : "\(hidden) layers above", shape: "",
                count: "", isNote: true)
            lines = [note] + lines.suffix(kept)
        }
        lines.insert(Line(name: "input", shape: shapeText(inputShape), count: ""), at: 0)
        let total = PaneNumber.grouped(model.parameterCount)
        lines.append(Line(name: "total", shape: "", count: total))

        let nameWidth = lines.filter { !$0.isNote }.map(\.name.displayWidth).max() ?? 0
        let shapeWidth = lines.map(\.shape.displayWidth).max() ?? 0
        for (row, line) in lines.prefix(inner.height).enumerated() {
            let style = line.name == "total" ? PaneFrame.bold : .plain
            if line.isNote {
                content.draw(line.name, x: 0, y: row, style: PaneFrame.dim)
                continue
            }
            content.draw(line.name, x: 0, y: row, style: style, maxWidth: nameWidth)
            content.draw(line.shape, x: nameWidth + 2, y: row)
            let countX = max(nameWidth + shapeWidth + 3, inner.width - line.count.displayWidth)
            content.draw(line.count, x: countX, y: row, style: style)
        }
        return PaneFrame.boxed(content, title: "Model", glyphs: glyphs)
    }

    /// One line of the pane: a layer, the input or the total.
    private struct Line {
        var name: String
        var shape: String
        var count: String
        var isNote = false
    }

    /// Returns a shape with the batch dimension in front: `[N, 16]`.
    static func shapeText(_ shape: [Int]) -> String {
        "[" + (["N"] + shape.map(String.init)).joined(separator: ", ") + "]"
    }
}
