import Synchronization

/// The choice at start when the last session ended without `quit` and its journal is there.
public enum RecoveryChoice: Equatable, Sendable {
    /// Ask in the log, and take the next line typed as the answer (`layerlab` alone).
    case ask
    /// Recover without asking (`layerlab --recover`).
    case recover
    /// Start a fresh session and leave the crashed one for later (`layerlab --no-recover`).
    case skip
}

/// The folder of an interactive session's journal, and the handling of a crashed one.
public struct JournalSettings: Equatable, Sendable {
    /// The journals folder (see `JournalFolder.path(environment:)`).
    public var directory: String
    public var recovery: RecoveryChoice
    /// Seconds between checkpoints at epoch ends, and the longest time between checkpoints
    /// inside a long epoch.
    public var checkpointSpacing: Double
    public var checkpointMaximumGap: Double
    /// The multiple of the last checkpoint write's duration that training runs before the next
    /// write, when that is longer than the intervals above (see `CheckpointInterval`). 9 keeps
    /// writing to about a tenth of the time, and 0 keeps the intervals fixed.
    public var checkpointTrainingPerWrite: Int

    public init(
        directory: String, recovery: RecoveryChoice = .ask, checkpointSpacing: Double = 2,
        checkpointMaximumGap: Double = 10, checkpointTrainingPerWrite: Int = 9
    ) {
        self.directory = directory
        self.recovery = recovery
        self.checkpointSpacing = checkpointSpacing
        self.checkpointMaximumGap = checkpointMaximumGap
        self.checkpointTrainingPerWrite = checkpointTrainingPerWrite
    }

    private static let configured = Mutex<JournalSettings?>(nil)

    /// The settings that `LiveSession()` and `InteractiveSession.run` use: `nil`, which means
    /// no journal, until the executable sets them at start. Tests that create sessions leave
    /// it unset, so they write no journal.
    public static var processDefault: JournalSettings? {
        get { configured.withLock { $0 } }
        set { configured.withLock { $0 = newValue } }
    }
}
