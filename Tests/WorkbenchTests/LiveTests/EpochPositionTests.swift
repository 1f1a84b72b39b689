import Foundation
import Testing

@testable import Workbench

/// The position in the epoch that the status line shows, after `set batch` in the middle of an
/// epoch: the number of steps shown must be the number the runner then takes.
@Suite(.serialized)
struct EpochPositionTests {
    @Test func stepCountTakesRestAtNewSize() {
        // 10 rows: 3 steps of 2 took 6, and the other 4 take 2 steps of 3 (3 and 1 rows).
        #expect(EpochCursor.stepCount(stepsTaken: 3, rowsTaken: 6, rowCount: 10, batchSize: 3) == 5)
        #expect(EpochCursor.stepCount(stepsTaken: 0, rowsTaken: 0, rowCount: 10, batchSize: 5) == 2)
        #expect(EpochCursor.stepCount(stepsTaken: 4, rowsTaken: 10, rowCount: 10, batchSize: 5) == 4)
        #expect(EpochCursor.stepCount(stepsTaken: 0, rowsTaken: 0, rowCount: 0, batchSize: 5) == 0)
    }

    @Test func idleOpenEpochFollowsBatchSize() {
        // Iris with 20% held out trains on 120 rows: 15 steps of 8.
        let live = LiveSessionTests.session(LiveSessionTests.setUp)
        #expect(live.snapshot().stepsPerEpoch == 0)
        #expect(live.submit("train 3 steps"))
        var snapshot = live.snapshot()
        #expect(snapshot.stepInEpoch == 3)
        #expect(snapshot.stepsPerEpoch == 15)

        // 24 rows taken, and the other 96 take 20 steps of at most 5.
        #expect(live.submit("set batch 5"))
        snapshot = live.snapshot()
        #expect(snapshot.stepInEpoch == 3)
        #expect(snapshot.stepsPerEpoch == 23)

        #expect(live.submit("train 2"))
        #expect(LiveSessionTests.waitUntil { !live.isTraining })
        snapshot = live.snapshot()
        #expect(snapshot.epochs.map(\.steps) == [23, 24])
        #expect(snapshot.stepInEpoch == 0)
        #expect(snapshot.stepsPerEpoch == 0)
    }

    @Test func pausedRunCountsStepsAtNewBatch() throws {
        // 40,000 rows in steps of 4 take long enough to pause in the first epoch.
        let rows = 40_000
        let live = LiveSessionTests.session([
            "seed 2", "data spiral \(rows) test=0", "input 2", "dense 8 tanh", "dense 2 softmax",
            "loss crossentropy", "optimizer sgd lr=0.1", "batch 4",
        ])
        #expect(live.submit("train 2"))
        live.togglePause()
        #expect(LiveSessionTests.waitUntil { live.snapshot().run == .paused })
        let paused = live.snapshot()
        try #require(paused.epoch == 0, "the first epoch ended before the pause")
        #expect(paused.stepsPerEpoch == rows / 4)

        #expect(live.submit("set batch 7"))
        #expect(LiveSessionTests.waitUntil { live.snapshot().batchSize == 7 })
        let changed = live.snapshot()
        let taken = changed.stepInEpoch
        #expect(taken == paused.stepInEpoch)
        let expected = taken + (rows - 4 * taken + 6) / 7
        #expect(changed.stepsPerEpoch == expected)

        live.togglePause()
        #expect(LiveSessionTests.waitUntil(timeout: 120) { !live.isTraining })
        let done = live.snapshot()
        #expect(done.epochs.map(\.steps) == [expected, (rows + 6) / 7])
        #expect(done.stepInEpoch == 0)
        #expect(done.stepsPerEpoch == 0)
    }

    @Test func stoppedRunResumesOpenEpoch() throws {
        let rows = 40_000
        let live = LiveSessionTests.session([
            "seed 2", "data spiral \(rows) test=0", "input 2", "dense 8 tanh", "dense 2 softmax",
            "loss crossentropy", "optimizer sgd lr=0.1", "batch 4",
        ])
        #expect(live.submit("train 1"))
        #expect(live.submit("stop"))
        #expect(LiveSessionTests.waitUntil { !live.isTraining })
        let stopped = live.snapshot()
        try #require(stopped.epoch == 0, "the epoch ended before the stop")
        let taken = stopped.stepInEpoch
        #expect(stopped.stepsPerEpoch == rows / 4)

        #expect(live.submit("set batch 32"))
        let expected = taken + (rows - 4 * taken + 31) / 32
        #expect(live.snapshot().stepsPerEpoch == expected)

        // The next run continues the open epoch, and its first snapshot shows it.
        #expect(live.submit("train 1"))
        let started = live.snapshot()
        #expect(started.stepInEpoch == taken)
        #expect(started.stepsPerEpoch == expected)
        #expect(LiveSessionTests.waitUntil(timeout: 60) { !live.isTraining })
        #expect(live.snapshot().epochs.map(\.steps) == [expected])
    }
}
