/// The time between two checkpoints: a configured minimum, stretched after a slow write so that
/// writing checkpoints takes at most about a tenth of the training time.
///
/// After a write that took `w`, the next checkpoint waits for
///
/// ```
/// interval = max(minimum, trainingPerWrite * w)
/// ```
///
/// of training, measured from the end of that write. With `trainingPerWrite` = 9, writes take
/// at most `w / (w + 9 w)` = 10% of the time when every write takes about as long as the last.
/// With `trainingPerWrite` = 0 the interval stays at `minimum`.
struct CheckpointInterval: Equatable {
    /// The configured interval, used as long as writes are fast.
    let minimum: Duration
    /// The multiple of the last write's duration that training runs before the next write.
    let trainingPerWrite: Int
    /// The interval before the next checkpoint.
    private(set) var current: Duration

    init(minimum: Duration, trainingPerWrite: Int = 9) {
        self.minimum = minimum
        self.trainingPerWrite = trainingPerWrite
        current = minimum
    }

    /// Sets the interval after a checkpoint write that took `duration`.
    mutating func recordWrite(duration: Duration) {
        current = max(minimum, duration * trainingPerWrite)
    }
}
