import Plot
import Workbench

/// The loss pane: a line chart of the loss of every step, its moving average, and the train and
/// test loss at the end of each epoch, on a linear or logarithmic y axis.
///
/// The x axis counts optimization steps, so an epoch's point sits at the step that ended it.
/// Once a run has more steps than the snapshot keeps bins, each point of the step line is the
/// mean loss of a bin of steps, so the line still spans the whole run. The legend then names
/// the bin width (`step mean/8`). The title carries the latest values, as many as fit.
enum LossPane {
    /// The colours of the series with colour on: grey steps, blue average, orange train and
    /// green test.
    static let stepColor = TerminalColor.indexed(245)
    static let smoothedColor = TerminalColor.indexed(33)
    static let trainColor = TerminalColor.indexed(208)
    static let testColor = TerminalColor.indexed(34)

    static func render(
        _ snapshot: TrainingSnapshot, view: ViewState, width: Int, height: Int, glyphs: GlyphSet,
        color: Bool
    ) -> CharGrid {
        let inner = PaneFrame.innerSize(width: width, height: height)
        let series = lossSeries(snapshot, showSmoothed: view.showSmoothed)
        let title = title(snapshot, series: series, view: view, room: width - 6, glyphs: glyphs)

        guard series.contains(where: { !$0.y.isEmpty }) else {
            var content = CharGrid(width: inner.width, height: inner.height)
            PaneFrame.drawCentered(
                "no training steps yet: type train 10 epochs", on: &content, glyphs: glyphs)
            return PaneFrame.boxed(content, title: title, glyphs: glyphs)
        }

        let options = LineChart.Options(
            glyphs: glyphs, usesColor: color, yAxis: view.lossScale,
            showsLegend: inner.height >= 6)
        let chart = LineChart.render(
            series, width: inner.width, height: inner.height, options: options)
        return PaneFrame.boxed(chart, title: title, glyphs: glyphs)
    }

    /// Returns the series to draw, in drawing order: the step losses, their moving average,
    /// and the epochs' train and test losses. Series without values are left out.
    ///
    /// Each bin of step losses is drawn at its middle step. Epoch `i` ends at the sum of the
    /// steps of epochs 0 through `i`.
    static func lossSeries(_ snapshot: TrainingSnapshot, showSmoothed: Bool) -> [LineSeries] {
        var series: [LineSeries] = []
        let bins = snapshot.stepLosses
        let losses = bins.means
        let stepNumbers = losses.indices.map { bins.centerStep(ofBin: $0) }
        if !losses.isEmpty {
            series.append(
                LineSeries(
                    name: stepSeriesName(binWidth: bins.binWidth), x: stepNumbers, y: losses,
                    style: CellStyle(foreground: stepColor), marker: "."))
        }
        if showSmoothed && losses.count >= 2 {
            let smoothed = Smoothing.exponentialMovingAverage(
                losses, weight: smoothingWeight(count: losses.count))
            series.append(
                LineSeries(
                    name: "smoothed", x: stepNumbers, y: smoothed,
                    style: CellStyle(foreground: smoothedColor), marker: "*"))
        }

        var endSteps: [Double] = []
        var total = 0
        for report in snapshot.epochs {
            total += report.steps
            endSteps.append(Double(total))
        }
        if !snapshot.epochs.isEmpty {
            series.append(
                LineSeries(
                    name: "train", x: endSteps, y: snapshot.epochs.map(\.loss),
                    style: CellStyle(foreground: trainColor), marker: "o"))
        }
        let tested = snapshot.epochs.indices.filter { snapshot.epochs[$0].testLoss != nil }
        if !tested.isEmpty {
            series.append(
                LineSeries(
                    name: "test", x: tested.map { endSteps[$0] },
                    y: tested.compactMap { snapshot.epochs[$0].testLoss },
                    style: CellStyle(foreground: testColor), marker: "x"))
        }
        return series
    }

    /// Returns the legend's name of the step line: `step`, or `step mean/8` when each point is
    /// the mean of 8 steps.
    static func stepSeriesName(binWidth: Int) -> String {
        binWidth == 1 ? "step" : "step mean/\(binWidth)"
    }

    /// Returns the moving average's weight for `count` step losses: it averages over about
    /// one fortieth of them, at least 5 and at most 100 steps.
    static func smoothingWeight(count: Int) -> Double {
        let span = Double(min(100, max(5, count / 40)))
        return 1 - 1 / span
    }

    /// Returns "Loss" and the latest values, leaving out the least important ones until the
    /// title fits in `room` columns.
    static func title(
        _ snapshot: TrainingSnapshot, series: [LineSeries], view: ViewState, room: Int,
        glyphs: GlyphSet
    ) -> String {
        let separator = PaneFrame.separator(glyphs)
        var parts: [(text: String, priority: Int)] = []
        let head = view.lossScale == .logarithmic ? "Loss (log y)" : "Loss"
        parts.append((head, 9))
        for line in series.dropFirst(snapshot.stepLosses.isEmpty ? 0 : 1) {
            guard let last = line.y.last(where: \.isFinite) else { continue }
            let priority = ["train": 7, "test": 8, "smoothed": 5][line.name] ?? 1
            parts.append(("\(line.name) \(PaneNumber.compact(last))", priority))
        }
        if let last = snapshot.stepLosses.latest {
            parts.insert(("step \(PaneNumber.compact(last))", 6), at: 1)
        }
        if let report = snapshot.epochs.last,
            let accuracy = report.testAccuracy ?? report.trainAccuracy
        {
            let source = report.testAccuracy == nil ? "train" : "test"
            parts.append(("\(source) acc \(PaneNumber.percent(accuracy))", 4))
        }

        func joined() -> String { parts.map(\.text).joined(separator: separator) }
        while parts.count > 1 && joined().displayWidth > room {
            let lowest = parts.indices.min { parts[$0].priority < parts[$1].priority }!
            parts.remove(at: lowest)
        }
        return joined()
    }
}
