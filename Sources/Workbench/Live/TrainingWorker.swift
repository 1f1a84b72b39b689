import Engine
import Foundation
import Synchronization

/// Runs `train` commands on a thread of their own and publishes snapshots for the screen.
///
/// Ownership: while `isBusy` is true the worker thread alone touches the lab's model, optimizer
/// and generator; the screen's thread reads only published snapshots and sends control requests
/// (pause, resume, stop, single step, settings), which the worker applies between steps. The
/// executor rejects commands that would touch the model while the worker is busy.
///
/// A step costs the worker only a few counters and one loss value until the screen has taken
/// the last snapshot. `SnapshotPacer` then decides which of the snapshot's parts to compute.
final class TrainingWorker: TrainingObserver, @unchecked Sendable {
    private let published = Mutex(TrainingSnapshot())
    private let control = Mutex(Control())
    private let busy = Atomic<Bool>(false)
    /// Set by the screen's thread when it reads a snapshot, cleared by each publish.
    private let snapshotTaken = Atomic<Bool>(true)
    private let log: LogBuffer

    /// The snapshot being assembled; only the thread that owns the lab touches it.
    private var working = TrainingSnapshot()
    private let clock = ContinuousClock()
    private var pacer = SnapshotPacer()
    /// Whether the current step was asked for its layer statistics in `wantsDetails`.
    private var detailsRequested = false
    /// `Lab.loadCount` when the snapshot last described the lab.
    private var describedLoadCount = 0
    private var lab: Lab?
    private var model: Sequential?
    /// The rows of the current epoch, and how many of them its steps took so far.
    private var epochRowCount = 0
    private var epochRowsTaken = 0

    private struct Control {
        var paused = false
        var stopRequested = false
        var stepsWhilePaused = 0
        var settings: [Setting] = []
    }

    init(log: LogBuffer) {
        self.log = log
    }

    var isBusy: Bool { busy.load(ordering: .acquiring) }

    /// Returns the latest snapshot and lets the worker publish the next one.
    func latest() -> TrainingSnapshot {
        published.withLock { snapshot in
            snapshotTaken.store(true, ordering: .releasing)
            return snapshot
        }
    }

    /// The version of the latest snapshot, read without letting the worker publish the next.
    var publishedVersion: Int {
        published.withLock { $0.version }
    }

    // MARK: Screen thread

    /// Describes an idle lab: its model and data view, keeping the loss history.
    func publishIdleSnapshot(lab: Lab) {
        precondition(!isBusy, "the idle snapshot needs the model, which the worker owns")
        working.model = SnapshotBuilder.modelDescription(lab)
        working.epoch = lab.epochsTrained
        working.step = lab.stepsTrained
        working.learningRate = lab.optimizer?.learningRate ?? lab.optimizerSpec.learningRate
        working.batchSize = batchRows(lab)
        describeOpenEpoch(lab)
        if case .failed = working.run {} else { working.run = .idle }
        working.data = SnapshotBuilder.dataView(lab, model: lab.model)
        working.stepView = lab.stepThrough?.view
        working.stepThroughNumber = lab.stepThroughCount
        if lab.stepsTrained == 0 {
            working.stepLosses = StepLossBins(capacity: TrainingSnapshot.stepLossCapacity)
            working.epochs = []
            working.layers = []
            working.alarm = nil
            working.samplesPerSecond = 0
        } else if lab.loadCount != describedLoadCount {
            describeLoadedHistory(lab)
        }
        describedLoadCount = lab.loadCount
        publish()
    }

    /// Replaces the loss history with the one a loaded session brought, and drops the figures
    /// of the run before the load.
    private func describeLoadedHistory(_ lab: Lab) {
        let history = lab.metrics.visible(steps: lab.stepsTrained, epochs: lab.epochsTrained)
        working.stepLosses = StepLossBins(
            history.stepLosses, firstStep: history.firstStep - 1,
            capacity: TrainingSnapshot.stepLossCapacity)
        working.epochs = history.epochs
        working.layers = []
        working.alarm = nil
        working.samplesPerSecond = 0
    }

    /// Starts `body` (which runs the runner) on the worker thread.
    func start(lab: Lab, runner: TrainingRunner, epochsRequested: Int, body: @escaping () -> Void) {
        precondition(!isBusy, "a training run is already active")
        self.lab = lab
        self.model = runner.model
        control.withLock { $0 = Control() }
        working.run = .training
        working.alarm = nil
        // Training abandons a stepped step, so the step pane closes as it starts.
        working.stepView = nil
        working.epochsRequested = epochsRequested
        working.epochsDoneInRun = 0
        working.learningRate = runner.optimizer.learningRate
        working.batchSize = batchRows(lab)
        // The run continues the epoch that a stopped run or `step` left open.
        let cursor = lab.epochCursor
        epochRowCount = cursor?.order.count ?? runner.data.train.rowCount
        describeEpochPosition(
            stepsTaken: cursor?.steps ?? 0, rowsTaken: cursor?.position ?? 0, lab: lab)
        pacer.startRun()
        publish()
        busy.store(true, ordering: .releasing)
        let job = Job { [self] in
            body()
            describeOpenEpoch(lab)
            if case .failed = working.run {} else { working.run = .idle }
            working.data = SnapshotBuilder.dataView(lab, model: lab.model)
            publish()
            self.lab = nil
            self.model = nil
            busy.store(false, ordering: .releasing)
        }
        let thread = Thread { job.run() }
        thread.name = "layerlab-training"
        thread.start()
    }

    func pause() {
        control.withLock { $0.paused = true }
    }

    func resume() {
        control.withLock {
            $0.paused = false
            $0.stepsWhilePaused = 0
        }
    }

    /// Pauses when running, resumes when paused.
    func togglePause() {
        guard isBusy else {
            log.message("nothing is training")
            return
        }
        let paused = control.withLock { state in
            state.paused.toggle()
            return state.paused
        }
        log.message(paused ? "paused (Ctrl-C or `resume` to continue)" : "resumed")
    }

    func stop() {
        control.withLock { $0.stopRequested = true }
    }

    /// Lets a paused run take one more step.
    func stepOnce() {
        control.withLock { $0.stepsWhilePaused += 1 }
    }

    var isPaused: Bool { control.withLock { $0.paused } }

    /// Whether `stop` was called during the current run, which then ends after its step.
    var isStopping: Bool { control.withLock { $0.stopRequested } }

    func enqueue(_ setting: Setting) {
        control.withLock { $0.settings.append(setting) }
    }

    /// Stops the run and waits, at most `timeout`, for the current step to end.
    func stopAndWait(timeout: Duration = .seconds(10)) {
        stop()
        let deadline = clock.now + timeout
        while isBusy && clock.now < deadline {
            usleep(1000)
        }
    }

    // MARK: Worker thread

    func shouldContinue(lab: Lab, optimizer: any Optimizer) -> Bool {
        while true {
            let (paused, stop, step, settings) = control.withLock { state in
                defer { state.settings = [] }
                let step = state.paused && state.stepsWhilePaused > 0
                if step { state.stepsWhilePaused -= 1 }
                return (state.paused, state.stopRequested, step, state.settings)
            }
            for setting in settings { apply(setting, lab: lab, optimizer: optimizer) }
            // A paused run publishes nothing else, and the status line shows the new values.
            if !settings.isEmpty { publish() }
            if stop {
                working.run = .idle
                return false
            }
            if !paused || step {
                if working.run != .training && !paused {
                    working.run = .training
                    publish()
                }
                return true
            }
            if working.run != .paused {
                working.run = .paused
                publish()
            }
            usleep(2000)
        }
    }

    func wantsDetails(lastOfRun: Bool) -> Bool {
        let screenTookLast = snapshotTaken.load(ordering: .acquiring)
        detailsRequested = lastOfRun
            || (screenTookLast && pacer.detailsAreDue(at: clock.now, screenTookLast: true))
        return detailsRequested
    }

    func stepFinished(_ record: StepRecord) {
        guard let lab, let model else { return }
        working.step = lab.stepsTrained
        working.epoch = lab.epochsTrained
        describeEpochPosition(
            stepsTaken: record.stepInEpoch, rowsTaken: record.rowsInEpoch, lab: lab)
        if record.seconds > 0 {
            let rate = Double(record.batchSize) / record.seconds
            working.samplesPerSecond = working.samplesPerSecond == 0
                ? rate : 0.9 * working.samplesPerSecond + 0.1 * rate
        }
        appendStepLoss(Double(record.loss))

        // Until the screen has taken the last snapshot, a step reads no clock and builds
        // nothing more. The statistics of the last step of a run are kept on screen after it.
        let screenTookLast = snapshotTaken.load(ordering: .acquiring)
        guard screenTookLast || detailsRequested else { return }
        let now = clock.now
        if detailsRequested, record.parametersBefore != nil {
            detailsRequested = false
            pacer.recordDetails(at: now)
            working.layers = SnapshotBuilder.layerStatistics(
                model: model, pass: record.pass, parametersBefore: record.parametersBefore)
        }
        if pacer.dataViewIsDue(at: now, screenTookLast: screenTookLast) {
            pacer.recordDataView(at: now)
            working.data = SnapshotBuilder.dataView(lab, model: model)
        }
        if pacer.publishIsDue(at: now, screenTookLast: screenTookLast) {
            publish()
        }
    }

    /// Records the epoch's report; the next step that publishes shows it, or the end of the
    /// run does.
    func epochFinished(_ report: EpochReport) {
        working.epochs.append(report)
        working.epoch = report.epoch
        working.epochsDoneInRun = report.epochInRun
        if let lab {
            describeEpochPosition(stepsTaken: 0, rowsTaken: 0, lab: lab)
        }
        log.epochFinished(report)
    }

    func valueNotFinite(_ alarm: NumericAlarm, advice: String) {
        working.alarm = alarm
        control.withLock { $0.paused = true }
        log.append(LogLine(kind: .error, text: "alarm: \(alarm.message); training paused until"
            + " `resume` or `stop`\(advice)"))
        publish()
    }

    /// Marks the run as failed with `message`, for an error that ended it.
    func fail(_ message: String) {
        working.run = .failed(message)
        log.append(LogLine(kind: .error, text: "error: \(message)"))
    }

    private func apply(_ setting: Setting, lab: Lab, optimizer: any Optimizer) {
        switch setting {
        case .learningRate(let rate):
            optimizer.learningRate = rate
            lab.optimizerSpec = lab.optimizerSpec.withLearningRate(rate)
            working.learningRate = rate
            log.message("learning rate \(rate) from step \(lab.stepsTrained + 1)")
        case .batch(let size):
            lab.batchSize = size
            working.batchSize = batchRows(lab)
            describeEpochPosition(
                stepsTaken: working.stepInEpoch, rowsTaken: epochRowsTaken, lab: lab)
            log.message("batch \(working.batchSize) from step \(lab.stepsTrained + 1)")
        }
    }

    private func appendStepLoss(_ loss: Double) {
        if working.stepLosses.isEmpty {
            // `working.step` already counts the step whose loss this is.
            working.stepLosses = StepLossBins(
                [Double](), firstStep: working.step - 1,
                capacity: TrainingSnapshot.stepLossCapacity)
        }
        working.stepLosses.append(loss)
    }

    private func publish() {
        pacer.recordPublish(at: clock.now)
        working.version += 1
        let snapshot = working
        published.withLock { latest in
            latest = snapshot
            snapshotTaken.store(false, ordering: .releasing)
        }
    }

    private func batchRows(_ lab: Lab) -> Int {
        switch lab.batchSize {
        case .all: lab.data?.train.rowCount ?? 0
        case .size(let n): n
        }
    }

    /// Sets the position in the current epoch of `epochRowCount` rows, and the number of steps
    /// the epoch takes when its remaining rows go at the current batch size, as the runner
    /// takes them. A `set batch` in the middle of an epoch changes that number.
    private func describeEpochPosition(stepsTaken: Int, rowsTaken: Int, lab: Lab) {
        working.stepInEpoch = stepsTaken
        epochRowsTaken = rowsTaken
        working.stepsPerEpoch = EpochCursor.stepCount(
            stepsTaken: stepsTaken, rowsTaken: rowsTaken, rowCount: epochRowCount,
            batchSize: batchRows(lab))
    }

    /// Describes the epoch that a stopped run, `step` or a stepped update left open, or no
    /// position when every epoch is complete.
    private func describeOpenEpoch(_ lab: Lab) {
        guard let cursor = lab.epochCursor else {
            epochRowCount = 0
            epochRowsTaken = 0
            working.stepInEpoch = 0
            working.stepsPerEpoch = 0
            return
        }
        epochRowCount = cursor.order.count
        describeEpochPosition(stepsTaken: cursor.steps, rowsTaken: cursor.position, lab: lab)
    }
}

/// A closure handed to the worker thread together with the objects it uses.
private struct Job: @unchecked Sendable {
    let run: () -> Void
}
