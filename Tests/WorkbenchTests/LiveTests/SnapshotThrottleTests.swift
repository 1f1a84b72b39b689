import Foundation
import Testing

@testable import Workbench

/// The worker publishes for the screen only as fast as the screen takes snapshots, and a
/// loaded session replaces what the snapshot shows of the run before.
@Suite(.serialized)
struct SnapshotThrottleTests {
    @Test func workerWaitsUntilTheScreenTakesASnapshot() {
        let live = LiveSessionTests.session(LiveSessionTests.setUp)
        #expect(live.submit("train 100000"))
        #expect(LiveSessionTests.waitUntil { live.snapshot().step > 0 })
        let afterTake = live.worker.publishedVersion
        // However long the screen waits, one snapshot at most follows the one it took.
        usleep(300_000)
        #expect(live.worker.publishedVersion <= afterTake + 1)
        #expect(live.isTraining)

        let taken = live.snapshot()
        #expect(LiveSessionTests.waitUntil { live.worker.publishedVersion > taken.version })
        live.shutdown()
    }

    @Test func loadDropsThroughputAndLossesOfTheRunBefore() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("layerlab-throttle-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let saved = folder.appendingPathComponent("five").path

        let live = LiveSessionTests.session(LiveSessionTests.setUp)
        #expect(live.submit("train 5"))
        #expect(LiveSessionTests.waitUntil { !live.isTraining })
        #expect(live.submit("save \(saved)"))
        #expect(live.submit("train 3"))
        #expect(LiveSessionTests.waitUntil { !live.isTraining })
        #expect(live.snapshot().samplesPerSecond > 0)
        #expect(live.snapshot().epochs.count == 8)

        #expect(live.submit("load \(saved)"))
        let log = live.drainLog()
        #expect(!log.contains { $0.kind == .error }, "\(log.map(\.text))")
        let snapshot = live.snapshot()
        #expect(snapshot.samplesPerSecond == 0)
        #expect(snapshot.epoch == 5)
        #expect(snapshot.epochs.count == 5)
        // Iris keeps 120 training rows, 15 batches of 8 per epoch.
        #expect(snapshot.step == 75)
        #expect(snapshot.stepLosses.stepCount == 75)
        #expect(snapshot.stepLosses.firstStep == 0)
        #expect(snapshot.stepLosses.centerStep(ofBin: 0) == 1)
    }
}
