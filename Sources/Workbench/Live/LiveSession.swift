import Engine
import Synchronization

/// The workbench as the screen drives it: commands typed at the prompt run on the caller's
/// thread, training runs on a worker thread, and the screen reads the latest snapshot and the
/// new log lines once per frame.
///
/// Every method is called from the screen's thread. While the worker trains, commands that
/// would change the model or the data are rejected with a message that says to `stop` first;
/// `pause`, `resume`, `stop`, `step`, `set` and the read-only commands work at any time.
public final class LiveSession {
    public let executor: Executor
    let log: LogBuffer
    let worker: TrainingWorker
    /// The session that ended without `quit`, while the question about it is open.
    var pendingRecovery: FoundJournal?

    /// - Parameter output: receives nothing directly; messages arrive through `drainLog()`.
    public init() {
        log = LogBuffer()
        worker = TrainingWorker(log: log)
        executor = Executor(output: log)
        executor.worker = worker
        if let settings = JournalSettings.processDefault {
            startJournal(settings)
        }
        worker.publishIdleSnapshot(lab: executor.lab)
    }

    /// Parses and runs one line typed at the prompt. Errors become log lines of kind `.error`,
    /// preceded by the line with a caret under the bad token.
    /// - Returns: `false` after `quit`.
    @discardableResult
    public func submit(_ line: String) -> Bool {
        if pendingRecovery != nil, answerRecoveryQuestion(line) {
            return true
        }
        log.append(LogLine(kind: .command, text: line))
        do {
            if try executor.execute(line: line) == .quit { return false }
        } catch {
            if case .parse(let parseError) = error {
                log.append(LogLine(kind: .error, text: parseError.caretDiagram(for: line)))
            }
            log.append(LogLine(kind: .error, text: "error: \(error.description)"))
        }
        if !worker.isBusy {
            worker.publishIdleSnapshot(lab: executor.lab)
        }
        return true
    }

    /// The latest snapshot the worker published (or that describes the idle session).
    public func snapshot() -> TrainingSnapshot {
        worker.latest()
    }

    /// The log lines added since the last call, oldest first.
    public func drainLog() -> [LogLine] {
        log.drain()
    }

    public var isTraining: Bool { worker.isBusy }

    /// Pauses training, or resumes it when paused; returns the new state's name for the log.
    public func togglePause() {
        worker.togglePause()
    }

    /// Stops training, waits for the worker to finish its current step, and closes the journal,
    /// which marks the exit as clean.
    public func shutdown() {
        worker.stopAndWait()
        executor.closeJournal()
    }

    /// Ends the session for an exit on SIGHUP, SIGTERM or SIGPIPE: stops training at a step
    /// boundary, which writes a final checkpoint, and leaves the journal open, so the next start
    /// offers recovery as after a crash.
    ///
    /// It waits at most `timeout` for the worker. When the step or the checkpoint takes longer,
    /// the journal is left as it is and the previous checkpoint stays in force, because its
    /// marker is written only after both of the new checkpoint's files.
    public func shutdownLeavingJournalOpen(timeout: Duration = .seconds(5)) {
        worker.stopAndWait(timeout: timeout)
        executor.leaveJournalOpen()
    }
}

/// One line of the output log.
public struct LogLine: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A line the user typed, shown after the prompt.
        case command
        case message
        case error
        /// An epoch's report. The screen's log keeps these apart from other lines, so that
        /// training, which can write thousands a second, pushes out no reply.
        case epoch
    }

    public var kind: Kind
    public var text: String

    public init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }
}

/// A thread-safe queue of log lines, filled by the executor and the worker and drained by the
/// screen each frame.
final class LogBuffer: WorkbenchOutput, Sendable {
    private let lines = Mutex<[LogLine]>([])

    func append(_ line: LogLine) {
        lines.withLock { $0.append(line) }
    }

    func drain() -> [LogLine] {
        lines.withLock { pending in
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
    }

    func message(_ text: String) {
        append(LogLine(kind: .message, text: text))
    }

    func epochFinished(_ report: EpochReport) {
        append(LogLine(kind: .epoch, text: Report.epochLine(report)))
    }

    func trainingFinished(_ report: TrainingReport) {
        message(Report.trainingLine(report))
    }
}
