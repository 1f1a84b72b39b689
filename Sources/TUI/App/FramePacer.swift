import Workbench

/// Decides when the screen looks for a new frame, and measures the frame rate it reaches.
///
/// While training, it looks about 20 times a second, so the loss curve moves smoothly while
/// drawing takes little of the processor time that training shares with it. When
/// idle, paused or stopped by a failure, 4 times a second are enough to show log lines that
/// arrive on their own. A look draws a frame only when what the screen shows has changed (see
/// `FrameContent`). A key press draws at once, outside this schedule.
struct FramePacer {
    /// How often the screen looks for a new frame.
    enum Pace: Equatable {
        case training
        case resting

        /// Creates the pace for a run in `state`: `.training` only while steps are taken.
        init(_ state: RunState) {
            self = state == .training ? .training : .resting
        }
    }

    static let trainingInterval = Duration.milliseconds(50)
    static let restingInterval = Duration.milliseconds(250)

    /// Half of the 16 ms timer tick. A frame that falls due before the next tick is drawn at
    /// this tick, so that 50 ms gives frames every 48 ms rather than every 64 ms.
    static let tolerance = Duration.milliseconds(8)

    private var recentFrames: [ContinuousClock.Instant] = []
    private var lastLook: ContinuousClock.Instant?

    /// Returns whether the screen should look for a new frame at `now`.
    func isDue(at now: ContinuousClock.Instant, pace: Pace) -> Bool {
        guard let lastLook else { return true }
        let interval = pace == .training ? FramePacer.trainingInterval : FramePacer.restingInterval
        return now - lastLook >= interval - FramePacer.tolerance
    }

    /// Records a look at `now` that found nothing new to draw.
    mutating func recordLook(at now: ContinuousClock.Instant) {
        lastLook = now
    }

    /// Records a frame drawn at `now`.
    mutating func recordFrame(at now: ContinuousClock.Instant) {
        lastLook = now
        recentFrames.append(now)
        recentFrames.removeAll { now - $0 >= .seconds(1) }
    }

    /// The number of frames drawn in the second before the latest frame.
    var framesPerSecond: Double {
        Double(recentFrames.count)
    }
}
