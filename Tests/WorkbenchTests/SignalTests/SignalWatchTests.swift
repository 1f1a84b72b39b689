import Glibc
import Synchronization
import Testing

@testable import Workbench

/// Signal flags that a test sets by hand, in place of the C handlers.
final class FakeSignals: Sendable {
    let interrupts = Atomic<Int>(0)
    let termination = Atomic<Int32>(0)

    var flags: SignalFlags {
        SignalFlags(
            interruptCount: { [self] in interrupts.load(ordering: .relaxed) },
            terminationSignal: { [self] in termination.load(ordering: .relaxed) })
    }

    func interrupt() {
        interrupts.add(1, ordering: .relaxed)
    }
}

/// Which signals the line-mode prompt has acted on, and when training must stop.
@Suite struct SignalWatchTests {
    @Test func interruptsBeforeStartAreIgnored() {
        let signals = FakeSignals()
        signals.interrupt()
        let watch = SignalWatch(flags: signals.flags)
        #expect(!watch.hasSignal)
        #expect(watch.trainingStopCheck()() == false)
        #expect(watch.takeInterrupts() == 0)
    }

    @Test func interruptStopsTrainingUntilTaken() {
        let signals = FakeSignals()
        let watch = SignalWatch(flags: signals.flags)
        var stops = 0
        watch.onTrainingStop = { stops += 1 }
        let check = watch.trainingStopCheck()
        #expect(check() == false)
        signals.interrupt()
        signals.interrupt()
        #expect(watch.hasInterrupt)
        #expect(check() == true)
        #expect(check() == true)
        #expect(watch.stoppedTraining)
        #expect(stops == 1)

        #expect(watch.takeInterrupts() == 2)
        #expect(!watch.stoppedTraining)
        #expect(!watch.hasSignal)
        #expect(check() == false)
    }

    @Test func terminationStopsAndStays() {
        let signals = FakeSignals()
        let watch = SignalWatch(flags: signals.flags)
        #expect(watch.termination == nil)
        signals.termination.store(SIGHUP, ordering: .relaxed)
        #expect(watch.termination == SIGHUP)
        #expect(watch.trainingStopCheck()() == true)
        // Taking the interrupts does not clear a signal that ends the session.
        watch.takeInterrupts()
        #expect(watch.hasSignal)
        #expect(watch.termination == SIGHUP)
    }

    @Test func signalNames() {
        #expect(SignalFlags.name(of: 1) == "SIGHUP")
        #expect(SignalFlags.name(of: 13) == "SIGPIPE")
        #expect(SignalFlags.name(of: 15) == "SIGTERM")
        #expect(SignalFlags.name(of: 2) == "SIGINT")
        #expect(SignalFlags.name(of: 10) == "signal 10")
    }

    @Test func unhandledFlagsNeverChange() {
        #expect(!SignalFlags.unhandled.isRecording)
        #expect(SignalFlags.unhandled.interruptCount() == 0)
        #expect(SignalFlags.unhandled.terminationSignal() == 0)
    }
}
