/// Decides when the screen draws its next frame, and measures the frame rate it reaches.
///
/// While training, frames come about 30 times a second, so the loss curve moves smoothly. When
/// idle, 4 times a second are enough to show log lines that arrive on their own. A key press
/// draws at once, outside this schedule.
struct FramePacer {
    static let trainingInterval = Duration.milliseconds(33)
    static let idleInterval = Duration.milliseconds(250)

    /// Half of the 16 ms timer tick. A frame that falls due before the next tick is drawn at
    /// this tick, so that 33 ms gives frames every 32 ms rather than every 48 ms.
    static let tolerance = Duration.milliseconds(8)

    private var recentFrames: [ContinuousClock.Instant] = []
    private var lastFrame: ContinuousClock.Instant?

    /// Returns whether a frame is due at `now`.
    func isDue(at now: ContinuousClock.Instant, isTraining: Bool) -> Bool {
        guard let lastFrame else { return true }
        let interval = isTraining ? FramePacer.trainingInterval : FramePacer.idleInterval
        return now - lastFrame >= interval - FramePacer.tolerance
    }

    /// Records a frame drawn at `now`.
    mutating func recordFrame(at now: ContinuousClock.Instant) {
        lastFrame = now
        recentFrames.append(now)
        recentFrames.removeAll { now - $0 >= .seconds(1) }
    }

    /// The number of frames drawn in the second before the latest frame.
    var framesPerSecond: Double {
        Double(recentFrames.count)
    }
}
