import Plot
import Workbench

/// The histogram pane: the activations, weights or gradients of one layer at the latest
/// sampled step, with the exact bin edges under the bars.
///
/// The layer is the one the view selects, or by default the last layer that has values of the
/// chosen kind. Before the first sampled step the pane shows "no data yet".
enum HistogramPane {
    static func render(
        _ snapshot: TrainingSnapshot, view: ViewState, width: Int, height: Int, glyphs: GlyphSet,
        color: Bool
    ) -> CharGrid {
        let inner = PaneFrame.innerSize(width: width, height: height)
        var content = CharGrid(width: inner.width, height: inner.height)
        let kindName = name(of: view.histogramKind)
        guard let index = shownLayerIndex(in: snapshot, view: view) else {
            PaneFrame.drawCentered("no model yet", on: &content, glyphs: glyphs)
            return PaneFrame.boxed(content, title: kindName, glyphs: glyphs)
        }

        let kind = layerKind(index, in: snapshot)
        let layerName = "layer \(index) (\(kind))"
        let separator = PaneFrame.separator(glyphs)
        let title = PaneFrame.fittingTitle(
            [kindName + separator + layerName, kindName + separator + "\(index) \(kind)",
             shortName(of: view.histogramKind) + " \(index) \(kind)"],
            boxWidth: width)
        guard !snapshot.layers.isEmpty else {
            PaneFrame.drawCentered("no data yet", on: &content, glyphs: glyphs)
            return PaneFrame.boxed(content, title: title, glyphs: glyphs)
        }
        guard let statistics = snapshot.layers.first(where: { $0.index == index }),
            let values = bins(of: statistics, view.histogramKind)
        else {
            let message = "\(layerName) has no \(kindName.lowercased())"
            PaneFrame.drawCentered(message, on: &content, glyphs: glyphs)
            return PaneFrame.boxed(content, title: title, glyphs: glyphs)
        }

        let options = Histogram.Options(
            orientation: .vertical, glyphs: glyphs, usesColor: color,
            barColor: barColor(view.histogramKind))
        let chart = Histogram.render(
            values, width: inner.width, height: inner.height, options: options)
        return PaneFrame.boxed(chart, title: title, glyphs: glyphs)
    }

    /// Returns the indices of the model's layers, from the latest statistics or, before the
    /// first sampled step, from the model description.
    static func layerIndices(in snapshot: TrainingSnapshot) -> [Int] {
        snapshot.layers.isEmpty ? snapshot.model.rows.map(\.index) : snapshot.layers.map(\.index)
    }

    /// Returns the index of the layer the pane shows: the view's choice when the model has
    /// that layer, otherwise the last layer with values of the chosen kind, otherwise the
    /// last layer. Returns `nil` for a model without layers.
    static func shownLayerIndex(in snapshot: TrainingSnapshot, view: ViewState) -> Int? {
        let indices = layerIndices(in: snapshot)
        if let chosen = view.histogramLayer, indices.contains(chosen) {
            return chosen
        }
        let withData = snapshot.layers.last { bins(of: $0, view.histogramKind) != nil }
        return withData?.index ?? indices.last
    }

    static func bins(of statistics: LayerStatistics, _ kind: ViewState.HistogramKind)
        -> HistogramBins?
    {
        switch kind {
        case .activations: statistics.activations
        case .weights: statistics.weights
        case .gradients: statistics.gradients
        }
    }

    static func name(of kind: ViewState.HistogramKind) -> String {
        switch kind {
        case .activations: "Activations"
        case .weights: "Weights"
        case .gradients: "Gradients"
        }
    }

    /// Returns the three-letter name of a kind, for narrow titles.
    static func shortName(of kind: ViewState.HistogramKind) -> String {
        switch kind {
        case .activations: "Act"
        case .weights: "Wgt"
        case .gradients: "Grad"
        }
    }

    /// Returns the bar colour of a kind: blue activations, orange weights, green gradients.
    static func barColor(_ kind: ViewState.HistogramKind) -> TerminalColor {
        switch kind {
        case .activations: .indexed(33)
        case .weights: .indexed(208)
        case .gradients: .indexed(34)
        }
    }

    private static func layerKind(_ index: Int, in snapshot: TrainingSnapshot) -> String {
        snapshot.layers.first { $0.index == index }?.kind
            ?? snapshot.model.rows.first { $0.index == index }?.kind ?? "?"
    }
}
