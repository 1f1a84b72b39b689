import Foundation
import Testing

@testable import Workbench

/// The step pane's view in the published snapshot, for the stages a live session steps
/// through.
struct StepViewSnapshotTests {
    static func recurrentSession() -> LiveSession {
        let sunspots = LayerLabPaths.samples.appendingPathComponent("sunspots.csv").path
        let live = LiveSession()
        for line in [
            "seed 6",
            "data window \(sunspots) column=sunspot_number length=10 test=0.2 scale=minmax",
            "input 10 1", "rnn 8", "dense 1", "loss mse", "optimizer adam lr=0.01", "batch 16",
        ] {
            #expect(live.submit(line))
        }
        return live
    }

    @Test func recurrentForwardListsTimeSteps() throws {
        let live = Self.recurrentSession()
        #expect(live.snapshot().stepView == nil)
        live.submit("forward")
        let view = try #require(live.snapshot().stepView)
        #expect(view.phase == .forward)
        #expect(view.title == "forward · layer 1 of 2")
        #expect(view.timeSteps.map(\.t) == Array(1...10))
        #expect(view.timeSteps.allSatisfy { $0.hidden.shape == [16, 8] })
        #expect(view.timeSteps.allSatisfy { $0.gradientNorm == nil })
    }

    /// The data pane's forward pass between two commands replaces the layer's trace, so the
    /// backward stage must still show the gradients of the step's own pass.
    @Test func recurrentBackwardKeepsStepsGradients() throws {
        let live = Self.recurrentSession()
        live.submit("forward")
        live.submit("backward")
        live.submit("backward")
        let view = try #require(live.snapshot().stepView)
        #expect(view.title == "backward · layer 1 of 2")
        let norms = view.timeSteps.map(\.gradientNorm)
        #expect(norms.count == 10)
        #expect(norms.allSatisfy { ($0 ?? 0) > 0 })
        #expect(view.tensors.contains { $0.symbol == "∂L/∂h(1)" })
    }

    /// The screen hides the step pane for one step-through only, identified by this number.
    @Test func stepThroughNumberCountsNewSteps() {
        let live = Self.recurrentSession()
        #expect(live.snapshot().stepThroughNumber == 0)
        live.submit("forward")
        live.submit("backward")
        live.submit("prev")
        #expect(live.snapshot().stepThroughNumber == 1)
        live.submit("undo")
        #expect(live.snapshot().stepThroughNumber == 1)

        live.submit("forward")
        #expect(live.snapshot().stepThroughNumber == 2)
        // Two chapter layers: after the loss stage, two backward stages and the update.
        for _ in 0..<3 {
            live.submit("backward")
        }
        #expect(live.snapshot().step == 1)
        #expect(live.snapshot().stepView == nil)
        live.submit("forward")
        #expect(live.snapshot().stepThroughNumber == 3)
        #expect(live.snapshot().stepView != nil)
    }

    @Test func steppingEndsWithUndoAndTraining() throws {
        let live = Self.recurrentSession()
        live.submit("forward")
        #expect(live.snapshot().stepView != nil)
        live.submit("undo")
        #expect(live.snapshot().stepView == nil)
        live.submit("forward")
        #expect(live.snapshot().stepView != nil)
        live.submit("dense 1")
        #expect(live.snapshot().stepView == nil)
    }
}
