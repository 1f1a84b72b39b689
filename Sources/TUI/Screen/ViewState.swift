import Plot
import Workbench

/// The display choices a person makes with keys: which histogram to show, the loss axis, how
/// far the log is scrolled, whether the step pane is hidden and whether help covers the screen.
///
/// The shell changes it on key presses and passes it to `ScreenRenderer` every frame.
public struct ViewState: Equatable, Sendable {
    /// The values that the histogram pane counts.
    public enum HistogramKind: Sendable {
        case activations
        case weights
        case gradients
    }

    public var histogramKind: HistogramKind = .activations

    /// The index of the layer that the histogram pane shows, or `nil` for the last layer that
    /// has data of `histogramKind`.
    public var histogramLayer: Int? = nil

    /// The y axis of the loss pane.
    public var lossScale: AxisKind = .linear

    /// Whether the loss pane adds an exponential moving average of the step losses.
    public var showSmoothed = true

    /// The number of log lines scrolled up from the newest. 0 shows the newest lines.
    public var logScroll = 0

    /// The step-through (`TrainingSnapshot.stepThroughNumber`) in which the step pane is
    /// hidden, or `nil` when it shows. The next step-through shows the pane again.
    public var stepPaneHiddenIn: Int? = nil

    /// Whether the key and command overview covers the panes.
    public var helpVisible = false

    public init() {}

    /// Returns whether the step pane is hidden in the step-through that `snapshot` shows.
    public func hidesStepPane(in snapshot: TrainingSnapshot) -> Bool {
        stepPaneHiddenIn == snapshot.stepThroughNumber
    }

    /// Hides the step pane for the rest of the step-through that `snapshot` shows, or shows it
    /// again.
    public mutating func toggleStepPane(in snapshot: TrainingSnapshot) {
        stepPaneHiddenIn = hidesStepPane(in: snapshot) ? nil : snapshot.stepThroughNumber
    }

    /// Moves the histogram selection by `offset` layers from the layer shown now, wrapping
    /// around at either end of the model.
    ///
    /// - Parameters:
    ///   - offset: -1 for the previous layer, 1 for the next.
    ///   - snapshot: The snapshot on screen, which gives the layer indices.
    public mutating func moveHistogramLayer(by offset: Int, in snapshot: TrainingSnapshot) {
        let indices = HistogramPane.layerIndices(in: snapshot)
        guard !indices.isEmpty else {
            histogramLayer = nil
            return
        }
        let shown = HistogramPane.shownLayerIndex(in: snapshot, view: self)
        let position = shown.flatMap { indices.firstIndex(of: $0) } ?? (offset > 0 ? -1 : 0)
        let count = indices.count
        histogramLayer = indices[((position + offset) % count + count) % count]
    }
}
