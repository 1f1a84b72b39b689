import Engine
import Foundation
import Synchronization

/// Runs `train` commands on a thread of their own and publishes snapshots for the screen.
///
/// Ownership: while `isBusy` is true the worker thread alone touches the lab's model, optimizer
/// and generator; the screen's thread reads only published snapshots and sends control requests
/// (pause, resume, stop, single step, settings), which the worker applies between steps. The
/// executor rejects commands that would touch the model while the worker is busy.
final class TrainingWorker: TrainingObserver, @unchecked Sendable {
    private let published = Mutex(TrainingSnapshot())
    private let control = Mutex(Control())
    private let busy = Atomic<Bool>(false)
    private let log: LogBuffer

    /// The snapshot being assembled; only the thread that owns the lab touches it.
    private var working = TrainingSnapshot()
    private let clock = ContinuousClock()
    private var lastPublish: ContinuousClock.Instant
    private var lastDetails: ContinuousClock.Instant
    private var lastDataView: ContinuousClock.Instant
    private var lab: Lab?
    private var model: Sequential?

    /// How often the worker publishes a snapshot, samples layer statistics and recomputes the
    /// data view while training.
    static let publishInterval = Duration.milliseconds(40)
    static let detailsInterval = Duration.milliseconds(120)
    static let dataViewInterval = Duration.milliseconds(400)

    private struct Control {
        var paused = false
        var stopRequested = false
        var stepsWhilePaused = 0
        var settings: [Setting] = []
    }

    init(log: LogBuffer) {
        self.log = log
        let now = clock.now
        lastPublish = now
        lastDetails = now
        lastDataView = now
    }

    var isBusy: Bool { busy.load(ordering: .acquiring) }

    func latest() -> TrainingSnapshot {
        published.withLock { $0 }
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
        if case .failed = working.run {} else { working.run = .idle }
        working.data = SnapshotBuilder.dataView(lab, model: lab.model)
        working.stepView = lab.stepThrough?.view
        if lab.stepsTrained == 0 {
            working.stepLosses = []
            working.firstStepLossIndex = 0
            working.epochs = []
            working.layers = []
            working.alarm = nil
        }
        publish()
    }

    /// Starts `body` (which runs the runner) on the worker thread.
    func start(lab: Lab, runner: TrainingRunner, epochsRequested: Int, body: @escaping () -> Void) {
        precondition(!isBusy, "a training run is already active")
        self.lab = lab
        self.model = runner.model
        control.withLock { $0 = Control() }
        working.run = .training
        working.alarm = nil
        working.epochsRequested = epochsRequested
        working.epochsDoneInRun = 0
        working.stepsPerEpoch = stepsPerEpoch(lab, rows: runner.data.train.rowCount)
        working.learningRate = runner.optimizer.learningRate
        working.batchSize = batchRows(lab)
        // The first step samples statistics at once, so the panes fill as training starts.
        lastDetails = clock.now - Self.detailsInterval
        publish()
        busy.store(true, ordering: .releasing)
        let job = Job { [self] in
            body()
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
        lastOfRun || clock.now - lastDetails >= Self.detailsInterval
    }

    func stepFinished(_ record: StepRecord) {
        guard let lab, let model else { return }
        working.step = lab.stepsTrained
        working.epoch = lab.epochsTrained
        working.stepInEpoch = record.stepInEpoch
        if record.seconds > 0 {
            let rate = Double(record.batchSize) / record.seconds
            working.samplesPerSecond = working.samplesPerSecond == 0
                ? rate : 0.9 * working.samplesPerSecond + 0.1 * rate
        }
        appendStepLoss(Double(record.loss))
        if record.parametersBefore != nil {
            lastDetails = clock.now
            working.layers = SnapshotBuilder.layerStatistics(
                model: model, pass: record.pass, parametersBefore: record.parametersBefore)
        }
        if clock.now - lastDataView >= Self.dataViewInterval {
            lastDataView = clock.now
            working.data = SnapshotBuilder.dataView(lab, model: model)
        }
        if clock.now - lastPublish >= Self.publishInterval {
            publish()
        }
    }

    func epochFinished(_ report: EpochReport) {
        working.epochs.append(report)
        working.epoch = report.epoch
        working.epochsDoneInRun = report.epochInRun
        working.stepInEpoch = 0
        log.message(Report.epochLine(report))
        publish()
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
            log.message("batch \(working.batchSize) from step \(lab.stepsTrained + 1)")
        }
    }

    private func appendStepLoss(_ loss: Double) {
        if working.stepLosses.isEmpty { working.firstStepLossIndex = working.step }
        working.stepLosses.append(loss)
        if working.stepLosses.count > TrainingSnapshot.stepLossCapacity {
            let drop = TrainingSnapshot.stepLossCapacity / 4
            working.stepLosses.removeFirst(drop)
            working.firstStepLossIndex += drop
        }
    }

    private func publish() {
        lastPublish = clock.now
        let snapshot = working
        published.withLock { $0 = snapshot }
    }

    private func batchRows(_ lab: Lab) -> Int {
        switch lab.batchSize {
        case .all: lab.data?.train.rowCount ?? 0
        case .size(let n): n
        }
    }

    private func stepsPerEpoch(_ lab: Lab, rows: Int) -> Int {
        let size = max(1, batchRows(lab))
        return (rows + size - 1) / size
    }
}

/// A closure handed to the worker thread together with the objects it uses.
private struct Job: @unchecked Sendable {
    let run: () -> Void
}
