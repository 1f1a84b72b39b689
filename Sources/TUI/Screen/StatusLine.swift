/// The facts about the display itself that the status line shows next to the run's progress.
public struct StatusLine: Equatable, Sendable {
    /// The number of frames drawn since the screen opened.
    public var frame: Int
    public var framesPerSecond: Double

    /// A short notice from the shell, such as "log paused at line 40", or `nil` for none.
    public var note: String?

    public init(frame: Int, framesPerSecond: Double = 0, note: String? = nil) {
        self.frame = frame
        self.framesPerSecond = framesPerSecond
        self.note = note
    }
}
