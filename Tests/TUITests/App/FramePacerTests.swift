import Testing

@testable import TUI

struct FramePacerTests {
    @Test func firstFrameIsDueAtOnce() {
        #expect(FramePacer().isDue(at: .now, isTraining: false))
    }

    @Test func trainingDrawsAboutThirtyFramesPerSecond() {
        var pacer = FramePacer()
        let start = ContinuousClock.now
        pacer.recordFrame(at: start)
        #expect(!pacer.isDue(at: start + .milliseconds(16), isTraining: true))
        // Two 16 ms timer ticks make 32 ms, within the tolerance of the 33 ms interval.
        #expect(pacer.isDue(at: start + .milliseconds(32), isTraining: true))
    }

    @Test func idleDrawsRarely() {
        var pacer = FramePacer()
        let start = ContinuousClock.now
        pacer.recordFrame(at: start)
        #expect(!pacer.isDue(at: start + .milliseconds(100), isTraining: false))
        #expect(pacer.isDue(at: start + .milliseconds(250), isTraining: false))
    }

    @Test func rateCountsTheLastSecond() {
        var pacer = FramePacer()
        let start = ContinuousClock.now
        for index in 0..<50 {
            pacer.recordFrame(at: start + .milliseconds(40 * index))
        }
        // The frames from 1000 ms to 1960 ms lie less than a second before the last one.
        #expect(pacer.framesPerSecond == 25)
    }
}
