import Testing
import Workbench

@testable import TUI

struct FramePacerTests {
    @Test func firstLookIsDueAtOnce() {
        #expect(FramePacer().isDue(at: .now, pace: .resting))
    }

    @Test func trainingLooksAboutTwentyTimesPerSecond() {
        var pacer = FramePacer()
        let start = ContinuousClock.now
        pacer.recordFrame(at: start)
        #expect(!pacer.isDue(at: start + .milliseconds(32), pace: .training))
        // Three 16 ms timer ticks make 48 ms, within the tolerance of the 50 ms interval.
        #expect(pacer.isDue(at: start + .milliseconds(48), pace: .training))
    }

    @Test func restingLooksRarely() {
        var pacer = FramePacer()
        let start = ContinuousClock.now
        pacer.recordFrame(at: start)
        #expect(!pacer.isDue(at: start + .milliseconds(100), pace: .resting))
        #expect(pacer.isDue(at: start + .milliseconds(250), pace: .resting))
    }

    @Test func lookWithoutFrameWaitsAnInterval() {
        var pacer = FramePacer()
        let start = ContinuousClock.now
        pacer.recordFrame(at: start)
        pacer.recordLook(at: start + .milliseconds(250))
        #expect(!pacer.isDue(at: start + .milliseconds(400), pace: .resting))
        #expect(pacer.isDue(at: start + .milliseconds(500), pace: .resting))
        // A look that draws nothing is not a frame.
        #expect(pacer.framesPerSecond == 1)
    }

    @Test func onlyTrainingRunsAtTheTrainingPace() {
        #expect(FramePacer.Pace(.training) == .training)
        #expect(FramePacer.Pace(.paused) == .resting)
        #expect(FramePacer.Pace(.idle) == .resting)
        #expect(FramePacer.Pace(.failed("loss is nan")) == .resting)
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
