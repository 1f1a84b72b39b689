import Foundation
import Testing
import Workbench

/// The screen's view of the workbench: training on the worker thread, control between steps,
/// and snapshots.
@Suite(.serialized)
struct LiveSessionTests {
    static let iris = LayerLabPaths.samples.appendingPathComponent("iris.csv").path

    static func session(_ lines: [String]) -> LiveSession {
        let live = LiveSession()
        for line in lines { #expect(live.submit(line)) }
        return live
    }

    static func waitUntil(
        timeout: Double = 20, _ condition: () -> Bool
    ) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(5000)
        }
        return condition()
    }

    static let setUp = [
        "seed 1", "data load \(iris) test=0.2", "input 4", "dense 8 relu", "dense 3 softmax",
        "loss crossentropy", "optimizer adam lr=0.01", "batch 8",
    ]

    @Test func trainingRunsInTheBackgroundAndPublishesEpochs() {
        let live = Self.session(Self.setUp)
        #expect(live.snapshot().model.rows.count == 4)
        #expect(live.submit("train 5"))
        #expect(Self.waitUntil { !live.isTraining })
        let snapshot = live.snapshot()
        #expect(snapshot.epochs.count == 5)
        #expect(snapshot.epoch == 5)
        #expect(snapshot.run == .idle)
        #expect(snapshot.stepLosses.stepCount == 5 * 15)
        #expect(snapshot.stepLosses.firstStep == 0)
        #expect(snapshot.stepLosses.centerStep(ofBin: 0) == 1)
        let lines = live.drainLog()
        // The screen's log keeps epoch lines apart from replies, so they need their own kind.
        #expect(lines.filter { $0.kind == .epoch }.map(\.text).allSatisfy { $0.hasPrefix("epoch ") })
        #expect(lines.count { $0.kind == .epoch } == 5)
        let log = lines.map(\.text)
        #expect(log.contains { $0.hasPrefix("epoch 5/5") })
        #expect(log.contains { $0.hasPrefix("trained 5 epochs") })
    }

    /// Iris takes 15 steps an epoch, so 280 epochs are 4200 steps: more than the 4096 bins a
    /// snapshot keeps, which then hold 2 steps each.
    @Test func longRunKeepsEveryStepInBins() {
        let live = Self.session(Self.setUp)
        #expect(live.submit("train 280"))
        #expect(Self.waitUntil(timeout: 120) { !live.isTraining })
        let losses = live.snapshot().stepLosses
        #expect(losses.stepCount == 4200)
        #expect(losses.firstStep == 0)
        #expect(losses.binWidth == 2)
        #expect(losses.means.count == 2100)
        #expect(losses.centerStep(ofBin: 0) == 1.5)
        #expect(losses.centerStep(ofBin: 2099) == 4199.5)
    }

    @Test func pauseStopsStepsAndResumeContinues() {
        let live = Self.session(Self.setUp)
        #expect(live.submit("train 100000"))
        #expect(Self.waitUntil { live.snapshot().step > 20 })
        live.togglePause()
        #expect(Self.waitUntil { live.snapshot().run == .paused })
        let pausedAt = live.snapshot().step
        usleep(200_000)
        #expect(live.snapshot().step == pausedAt)

        #expect(live.submit("step"))
        #expect(Self.waitUntil { live.snapshot().step == pausedAt + 1 })

        live.togglePause()
        #expect(Self.waitUntil { live.snapshot().step > pausedAt + 10 })
        #expect(live.submit("stop"))
        #expect(Self.waitUntil { !live.isTraining })
        #expect(live.snapshot().run == .idle)
    }

    @Test func modelCommandsAreRejectedWhileTraining() {
        let live = Self.session(Self.setUp)
        _ = live.drainLog()
        #expect(live.submit("train 100000"))
        #expect(Self.waitUntil { live.snapshot().step > 0 })
        #expect(live.submit("dense 4"))
        #expect(live.submit("set lr 0.001"))
        #expect(Self.waitUntil { live.snapshot().learningRate == 0.001 })
        live.shutdown()
        let log = live.drainLog()
        #expect(log.contains { $0.kind == .error && $0.text.contains("cannot run while training") })
        #expect(live.snapshot().model.rows.count == 4)
    }

    @Test func commandsAfterStopSayTrainingIsStopping() {
        let live = Self.session(Self.setUp)
        #expect(live.submit("train 100000"))
        #expect(Self.waitUntil { live.snapshot().step > 0 })
        _ = live.drainLog()
        // `stop` and the next command run on this thread, so the worker, which checks for a
        // stop only between steps, may still be busy when `dense 4` arrives, or may be done.
        #expect(live.submit("stop"))
        let wasTraining = live.isTraining
        #expect(live.submit("dense 4"))
        #expect(Self.waitUntil { !live.isTraining })
        let errors = live.drainLog().filter { $0.kind == .error }.map(\.text)
        #expect(errors.allSatisfy { !$0.contains("type `stop`") }, "\(errors)")
        if wasTraining && !errors.isEmpty {
            #expect(errors.contains { $0.contains("still stopping after the current step") })
        }
    }

    @Test func statisticsCoverEveryLayer() throws {
        let live = Self.session(Self.setUp)
        #expect(live.submit("train 20"))
        #expect(Self.waitUntil { !live.isTraining })
        let layers = live.snapshot().layers
        #expect(layers.count == 4)
        let dense = try #require(layers.first)
        #expect(dense.weights != nil)
        #expect(dense.gradients != nil)
        #expect((dense.gradientNorm ?? 0) > 0)
        #expect((dense.updateRatio ?? 0) > 0)
        #expect(layers[1].deadFraction != nil)
        guard case .samples(let samples) = live.snapshot().data else {
            Issue.record("four-feature data should show sample predictions")
            return
        }
        #expect(samples.count == 6)
    }

    @Test func nonFiniteLossRaisesTheAlarmAndPauses() {
        let live = Self.session([
            "seed 1", "data load \(Self.iris) test=0.2 standardize=no", "input 4", "dense 8",
            "dense 3 softmax", "optimizer sgd lr=1e30",
        ])
        #expect(live.submit("train 50"))
        #expect(Self.waitUntil { live.snapshot().alarm != nil })
        let snapshot = live.snapshot()
        #expect(snapshot.alarm?.layerIndex != nil)
        #expect(Self.waitUntil { live.snapshot().run == .paused })
        live.shutdown()
        #expect(live.drainLog().contains { $0.kind == .error && $0.text.hasPrefix("alarm:") })
    }
}

/// Paths of the repository's own files, for tests.
enum LayerLabPaths {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let samples = root.appendingPathComponent("samples")
}
