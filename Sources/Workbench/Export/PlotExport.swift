import Engine
import Foundation
import Plot

/// The charts of `export plot`: as standalone SVG documents, or as plain text the way the
/// screen draws them.
enum PlotExport {
    /// The formats by file extension.
    static let formats = [".svg", ".txt"]

    enum Format {
        case svg
        case text
    }

    /// The size of SVG documents in pixels and of text charts in columns and rows.
    static let svgSize = (width: 800, height: 450)
    static let textSize = (width: 100, height: 30)

    /// Returns the series of the loss chart: each step's loss, each epoch's mean loss at the step where
    /// the epoch ended, and the test loss.
    static func lossSeries(_ history: MetricsHistory) -> [LineSeries] {
        var series = [
            LineSeries(
                name: "step loss", x: history.stepNumbers.map(Double.init),
                y: history.stepLosses.map(Double.init))
        ]
        // Epoch reports count their steps, so the step at an epoch's end is the running sum
        // from the step before the first recorded epoch.
        var endStep = Double(history.firstStep - 1)
        var epochX: [Double] = []
        for report in history.epochs {
            endStep += Double(report.steps)
            epochX.append(endStep)
        }
        if !history.epochs.isEmpty {
            series.append(LineSeries(name: "epoch loss", x: epochX, y: history.epochs.map(\.loss)))
            let tested = zip(epochX, history.epochs).filter { $0.1.testLoss != nil }
            if !tested.isEmpty {
                series.append(
                    LineSeries(
                        name: "test loss", x: tested.map(\.0), y: tested.map { $0.1.testLoss! }))
            }
        }
        return series
    }

    static func loss(_ history: MetricsHistory, format: Format) -> String {
        let series = lossSeries(history)
        switch format {
        case .svg:
            return SVGChart.lineChart(
                series, width: svgSize.width, height: svgSize.height,
                options: SVGChart.Options(title: "Loss by step"))
        case .text:
            let grid = LineChart.render(
                series, width: textSize.width, height: textSize.height,
                options: LineChart.Options(glyphs: .ascii, usesColor: false, usesMarkers: true))
            return "Loss by step\n" + grid.lines.joined(separator: "\n") + "\n"
        }
    }

    static func histogram(_ values: [Float], title: String, format: Format) -> String {
        let bins = HistogramBins(values: values, binCount: 40)
        switch format {
        case .svg:
            return SVGChart.histogram(
                bins, width: svgSize.width, height: svgSize.height,
                options: SVGChart.Options(title: title))
        case .text:
            let grid = Histogram.render(
                bins, width: textSize.width, height: textSize.height / 2,
                options: Histogram.Options(glyphs: .ascii, usesColor: false))
            return title + "\n" + grid.lines.joined(separator: "\n") + "\n"
        }
    }

    /// Draws the decision boundary: each cell's predicted class (or value, for regression), and the
    /// training points on top.
    static func boundary(_ boundary: DecisionBoundary, classNames: [String], format: Format)
        -> String
    {
        switch format {
        case .svg: BoundaryDrawing.svg(boundary, classNames: classNames)
        case .text: BoundaryDrawing.text(boundary, classNames: classNames)
        }
    }
}
