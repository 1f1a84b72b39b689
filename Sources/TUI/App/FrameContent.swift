/// The inputs of a frame, apart from the prompt row. When they equal those of the frame on the
/// screen, drawing again would change nothing but the frame counter, so the screen skips it.
struct FrameContent: Equatable {
    /// `TrainingSnapshot.version` of the snapshot drawn.
    var snapshotVersion: Int
    /// `OutputLog.appendedCount` when drawn.
    var logLinesAppended: Int
    var view: ViewState
    var width: Int
    var height: Int
}
