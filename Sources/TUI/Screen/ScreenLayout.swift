import Workbench

/// A rectangle of the screen, in columns and rows from the top-left corner.
struct PaneRect: Equatable {
    var x: Int
    var y: Int
    var width: Int
    var height: Int
}

/// The rectangle of each pane on a screen of a given size.
///
/// From the bottom up: the rows left free for the prompt, the status line, and the output log
/// across the whole width. The panes share the rows above:
///
/// - 120 columns or more: three columns, model over health | loss over histogram | data.
/// - Fewer: two columns, model over health | loss over histogram and data side by side.
///
/// While a training step is stepped through, the step pane covers the loss and histogram
/// panes, which change only between steps: the middle column of the wide layout, and the whole
/// right column, data included, of the narrow one.
struct ScreenLayout: Equatable {
    var model: PaneRect
    var health: PaneRect
    var loss: PaneRect
    var histogram: PaneRect
    var data: PaneRect
    var log: PaneRect
    var status: PaneRect
    /// The step pane's rectangle, or `nil` when it is not shown.
    var step: PaneRect?

    static let minimumWidth = 80
    static let minimumHeight = 24
    static let wideWidth = 120

    /// Returns the layout of a screen at least `minimumWidth` by `minimumHeight`.
    ///
    /// - Parameters:
    ///   - modelRows: The number of lines the model pane would like inside its box.
    ///   - showsStep: Whether the step pane takes the place of the panes it covers.
    init(width: Int, height: Int, modelRows: Int, showsStep: Bool = false) {
        let usable = height - ScreenRenderer.promptRows
        status = PaneRect(x: 0, y: usable - 1, width: width, height: 1)
        let logHeight = max(6, (usable - 1) * 3 / 10)
        log = PaneRect(x: 0, y: usable - 1 - logHeight, width: width, height: logHeight)
        let panesHeight = log.y

        let isWide = width >= ScreenLayout.wideWidth
        let leftWidth = isWide ? width * 28 / 100 : width * 3 / 8
        let modelHeight = min(max(5, modelRows + 2), panesHeight / 2)
        model = PaneRect(x: 0, y: 0, width: leftWidth, height: modelHeight)
        health = PaneRect(
            x: 0, y: modelHeight, width: leftWidth, height: panesHeight - modelHeight)

        if isWide {
            let dataWidth = width * 30 / 100
            let middleWidth = width - leftWidth - dataWidth
            let lossHeight = panesHeight * 55 / 100
            loss = PaneRect(x: leftWidth, y: 0, width: middleWidth, height: lossHeight)
            histogram = PaneRect(
                x: leftWidth, y: lossHeight, width: middleWidth, height: panesHeight - lossHeight)
            data = PaneRect(x: leftWidth + middleWidth, y: 0, width: dataWidth, height: panesHeight)
            if showsStep {
                step = PaneRect(x: leftWidth, y: 0, width: middleWidth, height: panesHeight)
            }
        } else {
            let rightWidth = width - leftWidth
            let lossHeight = panesHeight / 2 + 1
            let histogramWidth = rightWidth / 2
            loss = PaneRect(x: leftWidth, y: 0, width: rightWidth, height: lossHeight)
            histogram = PaneRect(
                x: leftWidth, y: lossHeight, width: histogramWidth,
                height: panesHeight - lossHeight)
            data = PaneRect(
                x: leftWidth + histogramWidth, y: lossHeight, width: rightWidth - histogramWidth,
                height: panesHeight - lossHeight)
            if showsStep {
                step = PaneRect(x: leftWidth, y: 0, width: rightWidth, height: panesHeight)
            }
        }
    }

    /// Returns whether the step pane covers `rect`, which is then not drawn.
    func isCovered(_ rect: PaneRect) -> Bool {
        guard let step else { return false }
        return rect.x >= step.x && rect.x + rect.width <= step.x + step.width
            && rect.y >= step.y && rect.y + rect.height <= step.y + step.height
    }
}
