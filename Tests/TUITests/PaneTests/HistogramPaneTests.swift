import Plot
import Testing

@testable import TUI
@testable import Workbench

extension PaneTests {
    struct HistogramPaneTests {
        @Test func defaultsToLastLayerWithData() {
            let grid = HistogramPane.render(
                PaneFixtures.training, view: ViewState(), width: 34, height: 9, glyphs: .unicode,
                color: true)
            expectText(
                grid,
                """
                ┌─ Activations · 2 Dense ────────┐
                │15┤                             │
                │10┤         ▃▃▃███              │
                │  │         ██████▅▅▅           │
                │ 5┤      ████████████▅▅▅        │
                │ 0┤▃▃▃█████████████████████     │
                │  └┬─────┬─────┬─────┬─────┬────│
                │   -1  -0.5    0    0.5    1    │
                └────────────────────────────────┘
                """)
            #expect(styles(of: "█", in: grid, row: 5).allSatisfy { $0.foreground == .indexed(33) })
        }

        @Test func gradientsInASCII() {
            var view = ViewState()
            view.histogramKind = .gradients
            let grid = HistogramPane.render(
                PaneFixtures.training, view: view, width: 34, height: 9, glyphs: .ascii,
                color: false)
            expectText(
                grid,
                """
                +- Gradients - layer 2 (Dense) --+
                |15+                             |
                |10+              =======        |
                |  |       ##############        |
                | 5+       ##############        |
                | 0+=======##################### |
                |  ++-------------+------+------+|
                |   -0.02         0    0.01  0.02|
                +--------------------------------+
                """)
            #expect(grid.cells.allSatisfy { $0.style.foreground == .default })
        }

        @Test func layerWithoutWeightsSaysSo() {
            var view = ViewState()
            view.histogramKind = .weights
            view.histogramLayer = 1
            let grid = HistogramPane.render(
                PaneFixtures.training, view: view, width: 34, height: 9, glyphs: .unicode,
                color: true)
            expectText(
                grid,
                """
                ┌─ Weights · layer 1 (ReLU) ─────┐
                │                                │
                │                                │
                │                                │
                │ layer 1 (ReLU) has no weights  │
                │                                │
                │                                │
                │                                │
                └────────────────────────────────┘
                """)
        }

        @Test func noDataBeforeFirstSampledStep() {
            var snapshot = PaneFixtures.training
            snapshot.layers = []
            let grid = HistogramPane.render(
                snapshot, view: ViewState(), width: 34, height: 9, glyphs: .unicode, color: true)
            expectText(
                grid,
                """
                ┌─ Activations · 2 Dense ────────┐
                │                                │
                │                                │
                │                                │
                │          no data yet           │
                │                                │
                │                                │
                │                                │
                └────────────────────────────────┘
                """)
        }

        @Test func defaultSkipsLayersWithoutTheKind() {
            var snapshot = PaneFixtures.training
            snapshot.layers[2].weights = nil
            var view = ViewState()
            view.histogramKind = .weights
            #expect(HistogramPane.shownLayerIndex(in: snapshot, view: view) == 0)
            view.histogramLayer = 7
            #expect(HistogramPane.shownLayerIndex(in: snapshot, view: view) == 0)
            view.histogramLayer = 1
            #expect(HistogramPane.shownLayerIndex(in: snapshot, view: view) == 1)
        }

        @Test func layerKeysWrapAround() {
            let snapshot = PaneFixtures.training
            var view = ViewState()
            view.moveHistogramLayer(by: 1, in: snapshot)
            #expect(view.histogramLayer == 0)
            view.moveHistogramLayer(by: 1, in: snapshot)
            #expect(view.histogramLayer == 1)
            view.moveHistogramLayer(by: -1, in: snapshot)
            view.moveHistogramLayer(by: -1, in: snapshot)
            #expect(view.histogramLayer == 2)
            view.moveHistogramLayer(by: 1, in: TrainingSnapshot())
            #expect(view.histogramLayer == nil)
        }
    }
}
