import Plot
import Workbench

/// Draws the whole screen, every pane, the status line and the help overlay, from one snapshot.
///
/// Rendering is a pure function of its arguments, so the same snapshot, view and size always
/// give the same grid, and tests compare it as text. The shell copies the grid onto the
/// terminal and puts the readline prompt in the rows left free at the bottom.
public enum ScreenRenderer {
    /// Rows the renderer leaves free at the bottom for the readline prompt.
    public static let promptRows = 1

    /// Renders the screen.
    ///
    /// - Parameters:
    ///   - snapshot: The latest state of the session and its training run.
    ///   - view: The display choices made with keys.
    ///   - log: Every line of the output log, oldest first. Only the lines that fit are drawn.
    ///   - status: The frame counter and an optional notice.
    ///   - width: The terminal width in columns.
    ///   - height: The terminal height in rows, the prompt's rows included.
    ///   - glyphs: Unicode or ASCII characters.
    ///   - color: Whether to use colours. Without them only bold, dim and reverse video are
    ///     used.
    /// - Returns: A grid of `width` by `height` cells whose last `promptRows` rows are blank.
    public static func render(
        snapshot: TrainingSnapshot, view: ViewState, log: [LogLine], status: StatusLine,
        width: Int, height: Int, glyphs: GlyphSet, color: Bool
    ) -> CharGrid {
        render(
            snapshot: snapshot, view: view, status: status, width: width, height: height,
            glyphs: glyphs, color: color
        ) { rowWidth, rows in
            LogPane.visibleLines(log, scroll: view.logScroll, width: rowWidth, rows: rows)
        }
    }

    /// Renders the screen with the output log already wrapped to `logRowWidth(width:height:)`
    /// columns, so that a long log costs no more than a short one.
    static func render(
        snapshot: TrainingSnapshot, view: ViewState, wrappedLog: [LogPane.VisibleLine],
        status: StatusLine, width: Int, height: Int, glyphs: GlyphSet, color: Bool
    ) -> CharGrid {
        render(
            snapshot: snapshot, view: view, status: status, width: width, height: height,
            glyphs: glyphs, color: color
        ) { _, rows in
            LogPane.page(of: wrappedLog, scroll: view.logScroll, rows: rows)
        }
    }

    /// Renders the screen, taking the log pane's page from `logPage`, which is given the row
    /// width and the number of rows.
    private static func render(
        snapshot: TrainingSnapshot, view: ViewState, status: StatusLine, width: Int,
        height: Int, glyphs: GlyphSet, color: Bool,
        logPage: (Int, Int) -> (lines: [LogPane.VisibleLine], scroll: Int)
    ) -> CharGrid {
        var grid = CharGrid(width: max(0, width), height: max(0, height))
        guard width >= ScreenLayout.minimumWidth, height >= ScreenLayout.minimumHeight else {
            let message =
                "enlarge the terminal to at least \(ScreenLayout.minimumWidth)x"
                + "\(ScreenLayout.minimumHeight) (now \(width)x\(height))"
            drawWrappedCentered(message, on: &grid)
            return grid
        }

        let stepView = view.hidesStepPane(in: snapshot) ? nil : snapshot.stepView
        let layout = ScreenLayout(
            width: width, height: height, modelRows: ModelPane.preferredRows(snapshot.model),
            showsStep: stepView != nil)
        func place(_ pane: @autoclosure () -> CharGrid, _ rect: PaneRect) {
            guard !layout.isCovered(rect) else { return }
            grid.draw(pane(), x: rect.x, y: rect.y)
        }
        place(
            ModelPane.render(
                snapshot.model, width: layout.model.width, height: layout.model.height,
                glyphs: glyphs),
            layout.model)
        place(
            HealthPane.render(
                snapshot, width: layout.health.width, height: layout.health.height,
                glyphs: glyphs, color: color),
            layout.health)
        place(
            LossPane.render(
                snapshot, view: view, width: layout.loss.width, height: layout.loss.height,
                glyphs: glyphs, color: color),
            layout.loss)
        place(
            HistogramPane.render(
                snapshot, view: view, width: layout.histogram.width,
                height: layout.histogram.height, glyphs: glyphs, color: color),
            layout.histogram)
        place(
            DataPane.render(
                snapshot.data, width: layout.data.width, height: layout.data.height,
                glyphs: glyphs, color: color),
            layout.data)
        if let stepView, let rect = layout.step {
            grid.draw(
                StepPane.render(
                    stepView, width: rect.width, height: rect.height, glyphs: glyphs,
                    color: color),
                x: rect.x, y: rect.y)
        }
        let logInner = PaneFrame.innerSize(width: layout.log.width, height: layout.log.height)
        place(
            LogPane.render(
                page: logPage(logInner.width, logInner.height), width: layout.log.width,
                height: layout.log.height, glyphs: glyphs, color: color),
            layout.log)
        place(
            StatusBar.render(
                snapshot, status: status, width: layout.status.width, glyphs: glyphs,
                color: color),
            layout.status)

        if view.helpVisible {
            let panesHeight = layout.log.y + layout.log.height
            let overlay = HelpOverlay.render(
                width: width, height: panesHeight, glyphs: glyphs)
            place(overlay, PaneRect(x: 0, y: 0, width: width, height: panesHeight))
        }
        return grid
    }

    /// Returns the number of log lines one page of the log pane shows at a screen size, for
    /// Page Up and Page Down. It is 0 below the minimum size.
    public static func logPageLines(width: Int, height: Int) -> Int {
        guard width >= ScreenLayout.minimumWidth, height >= ScreenLayout.minimumHeight else {
            return 0
        }
        let layout = ScreenLayout(width: width, height: height, modelRows: 0)
        return max(1, layout.log.height - 2)
    }

    /// Returns the width of the log pane's rows at a screen size, the width to wrap the log
    /// to for `render(snapshot:view:wrappedLog:...)`. It is 0 below the minimum size.
    static func logRowWidth(width: Int, height: Int) -> Int {
        guard width >= ScreenLayout.minimumWidth, height >= ScreenLayout.minimumHeight else {
            return 0
        }
        let layout = ScreenLayout(width: width, height: height, modelRows: 0)
        return PaneFrame.innerSize(width: layout.log.width, height: layout.log.height).width
    }

    /// Returns the largest `ViewState.logScroll` that still changes the log pane: the number of
    /// rows above the first page of a log wrapped into `wrappedRowCount` rows of
    /// `logRowWidth(width:height:)` columns. It is 0 below the minimum size.
    ///
    /// The renderer clamps a larger value itself, but the shell clamps Page Up with this, so
    /// that Page Down responds at once.
    static func maximumLogScroll(wrappedRowCount: Int, width: Int, height: Int) -> Int {
        guard width >= ScreenLayout.minimumWidth, height >= ScreenLayout.minimumHeight else {
            return 0
        }
        let layout = ScreenLayout(width: width, height: height, modelRows: 0)
        let inner = PaneFrame.innerSize(width: layout.log.width, height: layout.log.height)
        return max(0, wrappedRowCount - max(0, inner.height))
    }

    /// Draws `message` centred, broken at spaces into lines that fit the width.
    private static func drawWrappedCentered(_ message: String, on grid: inout CharGrid) {
        guard grid.width > 0, grid.height > 0 else { return }
        var lines: [String] = []
        var line = ""
        for word in message.split(separator: " ") {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if candidate.displayWidth <= grid.width || line.isEmpty {
                line = candidate
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        lines.append(line)

        let top = max(0, (grid.height - lines.count) / 2)
        for (offset, text) in lines.enumerated() {
            let x = max(0, (grid.width - text.displayWidth) / 2)
            grid.draw(text, x: x, y: top + offset, style: PaneFrame.bold)
        }
    }
}
