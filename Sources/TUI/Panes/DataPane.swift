import Plot
import Workbench

/// The data pane: the decision boundary of two-feature data, an autoencoder's reconstructions,
/// a few predictions for other data, or a hint to load data.
enum DataPane {
    static func render(
        _ data: DataView, width: Int, height: Int, glyphs: GlyphSet, color: Bool
    ) -> CharGrid {
        let inner = PaneFrame.innerSize(width: width, height: height)
        switch data {
        case .none:
            var content = CharGrid(width: inner.width, height: inner.height)
            let lines = ["load data to see it here:", "data load PATH"]
            let top = (inner.height - lines.count) / 2
            for (offset, line) in lines.enumerated() {
                var row = CharGrid(width: inner.width, height: 1)
                PaneFrame.drawCentered(line, on: &row, glyphs: glyphs)
                content.draw(row, x: 0, y: top + offset)
            }
            return PaneFrame.boxed(content, title: "Data", glyphs: glyphs)

        case .plane(let boundary):
            let plot = BoundaryPlot.render(
                boundary, width: inner.width, height: inner.height, glyphs: glyphs, color: color)
            let kind = boundary.classCount > 0 ? "decision boundary" : "model output"
            let title = PaneFrame.fittingTitle(
                ["Data" + PaneFrame.separator(glyphs) + kind, kind.capitalizedFirst, "Data"],
                boxWidth: width)
            return PaneFrame.boxed(plot, title: title, glyphs: glyphs)

        case .samples(let samples):
            let table = SampleTable.render(
                samples, width: inner.width, height: inner.height, glyphs: glyphs, color: color)
            let title = PaneFrame.fittingTitle(
                ["Data" + PaneFrame.separator(glyphs) + "predictions", "Predictions"],
                boxWidth: width)
            return PaneFrame.boxed(table, title: title, glyphs: glyphs)

        case .reconstructions(let samples):
            let table = ReconstructionTable.render(
                samples, width: inner.width, height: inner.height, glyphs: glyphs)
            let title = PaneFrame.fittingTitle(
                ["Data" + PaneFrame.separator(glyphs) + "reconstructions", "Reconstructions", "Data"],
                boxWidth: width)
            return PaneFrame.boxed(table, title: title, glyphs: glyphs)
        }
    }
}

extension String {
    /// The string with its first character in upper case.
    fileprivate var capitalizedFirst: String {
        prefix(1).uppercased() + dropFirst()
    }
}
