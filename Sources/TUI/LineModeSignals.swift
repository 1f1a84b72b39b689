import CSupport
import Workbench

/// The signal handlers of the line-mode prompt, which has no screen of its own.
public enum LineModeSignals {
    /// Installs the C handlers that record SIGINT, SIGHUP, SIGTERM and SIGPIPE as flags, and
    /// returns the closures that read those flags, for `InteractiveSession`. The terminal's
    /// modes are left as they are, because the line-mode prompt never changes them.
    public static func install() -> SignalFlags {
        ll_install_signal_handlers()
        return installedFlags
    }

    /// The flags of handlers that are already installed, as after the screen failed to open.
    static let installedFlags = SignalFlags(
        interruptCount: { Int(ll_interrupt_count()) },
        terminationSignal: { ll_termination_signal() })
}
