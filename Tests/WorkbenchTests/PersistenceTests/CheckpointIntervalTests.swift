import Testing

@testable import Workbench

/// The rule that stretches the time between checkpoints after a slow write. The durations are
/// given, not measured, so the expected intervals follow from the rule alone.
@Suite struct CheckpointIntervalTests {
    @Test func fastWritesKeepTheMinimum() {
        var interval = CheckpointInterval(minimum: .seconds(2))
        #expect(interval.current == .seconds(2))
        interval.recordWrite(duration: .milliseconds(50))
        #expect(interval.current == .seconds(2))
        // 9 × 222 ms = 1.998 s, still under the minimum.
        interval.recordWrite(duration: .milliseconds(222))
        #expect(interval.current == .seconds(2))
    }

    @Test func slowWriteStretchesInterval() {
        var interval = CheckpointInterval(minimum: .seconds(2))
        interval.recordWrite(duration: .milliseconds(1500))
        #expect(interval.current == .milliseconds(13_500))
        // Writing 1.5 s after 13.5 s of training is 10% of the time.
        let share = 1.5 / (1.5 + 13.5)
        #expect(abs(share - 0.1) < 1e-12)
    }

    @Test func intervalFollowsLastWrite() {
        var interval = CheckpointInterval(minimum: .seconds(10))
        interval.recordWrite(duration: .seconds(3))
        #expect(interval.current == .seconds(27))
        interval.recordWrite(duration: .seconds(1))
        #expect(interval.current == .seconds(10))
        interval.recordWrite(duration: .zero)
        #expect(interval.current == interval.minimum)
    }

    @Test func zeroMultipleKeepsIntervalFixed() {
        var interval = CheckpointInterval(minimum: .zero, trainingPerWrite: 0)
        interval.recordWrite(duration: .seconds(5))
        #expect(interval.current == .zero)
    }
}
