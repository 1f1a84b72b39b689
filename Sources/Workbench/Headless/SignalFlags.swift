import Glibc

/// Reads the flags that the process's signal handlers set, so the line-mode prompt can act on
/// signals without importing the C code that installs the handlers.
///
/// The executable installs the handlers and passes closures that read their flags. Both
/// closures must be cheap and callable from any thread, because training polls them before
/// every step and a watchdog thread polls the termination flag.
public struct SignalFlags: Sendable {
    /// The number of SIGINTs received since the handlers were installed.
    public var interruptCount: @Sendable () -> Int
    /// The number of the last SIGHUP, SIGTERM or SIGPIPE received, or 0 when none arrived.
    public var terminationSignal: @Sendable () -> Int32
    /// Whether handlers record the signals; false for `unhandled`, whose flags never change.
    public let isRecording: Bool

    public init(
        interruptCount: @escaping @Sendable () -> Int,
        terminationSignal: @escaping @Sendable () -> Int32
    ) {
        self.interruptCount = interruptCount
        self.terminationSignal = terminationSignal
        isRecording = true
    }

    private init() {
        interruptCount = { 0 }
        terminationSignal = { 0 }
        isRecording = false
    }

    /// Flags that never change, for a prompt whose signals keep their default actions.
    public static let unhandled = SignalFlags()

    /// Returns the line printed on standard error when `signal` (SIGHUP, SIGTERM or SIGPIPE)
    /// ends a session, on the screen or at the plain prompt.
    public static func endMessage(for signal: Int32) -> String {
        "layerlab: \(name(of: signal)) ends the session; the journal stays open, and the next"
            + " start offers to recover it"
    }

    /// Returns the conventional name of a signal number, such as `SIGHUP` for 1.
    public static func name(of signal: Int32) -> String {
        switch signal {
        case SIGHUP: "SIGHUP"
        case SIGINT: "SIGINT"
        case SIGPIPE: "SIGPIPE"
        case SIGTERM: "SIGTERM"
        default: "signal \(signal)"
        }
    }
}
