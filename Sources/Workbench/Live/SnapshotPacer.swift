/// Decides when the training thread spends time on the screen's behalf: publishing a snapshot,
/// computing layer statistics and recomputing the data pane.
///
/// Each kind of work is due once its interval has passed since it was last done, and only when
/// the screen has taken the previously published snapshot. The screen takes one snapshot per
/// frame, so the worker publishes at most at the frame rate, and not at all while nothing reads
/// the snapshots. Everything here is plain arithmetic on the instants it is given.
struct SnapshotPacer {
    /// Somewhat below the screen's 48 ms frame interval while training, so that each frame
    /// finds a new snapshot.
    static let publishInterval = Duration.milliseconds(40)
    static let detailsInterval = Duration.milliseconds(200)
    static let dataViewInterval = Duration.milliseconds(400)

    private var lastPublish: ContinuousClock.Instant?
    private var lastDetails: ContinuousClock.Instant?
    private var lastDataView: ContinuousClock.Instant?

    /// Makes the layer statistics due at once, so that the panes fill as a run starts.
    mutating func startRun() {
        lastDetails = nil
    }

    /// Returns whether a snapshot should be published at `now`.
    func publishIsDue(at now: ContinuousClock.Instant, screenTookLast: Bool) -> Bool {
        screenTookLast && Self.hasPassed(Self.publishInterval, since: lastPublish, at: now)
    }

    /// Returns whether the step ending after `now` should compute layer statistics.
    func detailsAreDue(at now: ContinuousClock.Instant, screenTookLast: Bool) -> Bool {
        screenTookLast && Self.hasPassed(Self.detailsInterval, since: lastDetails, at: now)
    }

    /// Returns whether the data pane's view should be recomputed at `now`.
    func dataViewIsDue(at now: ContinuousClock.Instant, screenTookLast: Bool) -> Bool {
        screenTookLast && Self.hasPassed(Self.dataViewInterval, since: lastDataView, at: now)
    }

    mutating func recordPublish(at now: ContinuousClock.Instant) {
        lastPublish = now
    }

    mutating func recordDetails(at now: ContinuousClock.Instant) {
        lastDetails = now
    }

    mutating func recordDataView(at now: ContinuousClock.Instant) {
        lastDataView = now
    }

    private static func hasPassed(
        _ interval: Duration, since last: ContinuousClock.Instant?, at now: ContinuousClock.Instant
    ) -> Bool {
        guard let last else { return true }
        return now - last >= interval
    }
}
