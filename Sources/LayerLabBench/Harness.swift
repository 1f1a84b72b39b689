import Foundation

/// Timing parameters, read from the same environment variables and with the same defaults as
/// the PyTorch and NumPy reference scripts, so that all peers time alike.
struct HarnessSettings: Sendable {
    /// `BENCH_WARMUP_S`: seconds of untimed steps before the windows.
    var warmupSeconds = 0.3
    /// `BENCH_WINDOW_S`: target length of one timed window, in seconds.
    var windowSeconds = 0.3
    /// `BENCH_WINDOWS`: number of timed windows. The median window is reported.
    var windowCount = 5

    /// Reads the settings, keeping the default for each variable that is not set.
    static func fromEnvironment(_ environment: [String: String]) throws -> HarnessSettings {
        var settings = HarnessSettings()
        if let text = environment["BENCH_WARMUP_S"] {
            settings.warmupSeconds = try seconds(text, variable: "BENCH_WARMUP_S")
        }
        if let text = environment["BENCH_WINDOW_S"] {
            settings.windowSeconds = try seconds(text, variable: "BENCH_WINDOW_S")
        }
        if let text = environment["BENCH_WINDOWS"] {
            guard let count = Int(text), count > 0 else {
                throw UsageError("BENCH_WINDOWS must be a positive integer, got '\(text)'")
            }
            settings.windowCount = count
        }
        return settings
    }

    private static func seconds(_ text: String, variable: String) throws -> Double {
        guard let value = Double(text), value.isFinite, value >= 0 else {
            throw UsageError("\(variable) must be a number of seconds >= 0, got '\(text)'")
        }
        return value
    }
}

/// Seconds per step (or per call for latency) over the timed windows.
struct Timing {
    var median: Double
    var minimum: Double
    var maximum: Double
    var stepsPerWindow: Int
    var windowCount: Int
    /// Cores that other processes kept busy during the windows, or `nil` when unknown.
    var othersCores: Double?
    /// Per-call latency figures, set only by `timeLatency`.
    var latency: LatencyFigures?
}

/// Per-call latency in microseconds.
struct LatencyFigures {
    /// Median of the per-window median latencies.
    var median: Double
    /// 10th and 90th percentiles of all calls of all windows pooled.
    var p10: Double
    var p90: Double
}

/// Times `step`, one training step or one call, in windows of many steps.
///
/// A warm-up of at least `warmupSeconds` and 3 steps sets the rate, which sizes each of the
/// `windowCount` windows to last about `windowSeconds`. Returns seconds per step in the median,
/// fastest and slowest window.
func timeSteps(settings: HarnessSettings, _ step: () -> Void) -> Timing {
    let start = monotonicNanoseconds()
    var count = 0
    var elapsed = 0.0
    repeat {
        step()
        count += 1
        elapsed = seconds(since: start)
    } while elapsed < settings.warmupSeconds || count < 3
    let stepsPerWindow = windowLength(
        seconds: settings.windowSeconds, perStep: elapsed / Double(count))

    var perStep: [Double] = []
    let contention = ContentionMeter()
    for _ in 0..<settings.windowCount {
        let windowStart = monotonicNanoseconds()
        for _ in 0..<stepsPerWindow { step() }
        perStep.append(seconds(since: windowStart) / Double(stepsPerWindow))
    }
    let othersCores = contention.othersCores()
    perStep.sort()
    return Timing(
        median: median(ofSorted: perStep), minimum: perStep[0], maximum: perStep[perStep.count - 1],
        stepsPerWindow: stepsPerWindow, windowCount: settings.windowCount,
        othersCores: othersCores)
}

/// Times every call of `call` on its own.
///
/// A warm-up of at least `warmupSeconds` and 10 calls sets the rate, which sizes each of the
/// `windowCount` windows (at least `minimumCalls` calls). Returns the median, fastest and
/// slowest of the per-window median latencies in seconds, and percentiles over all calls.
func timeLatency(settings: HarnessSettings, minimumCalls: Int = 200, _ call: () -> Void) -> Timing {
    let start = monotonicNanoseconds()
    var count = 0
    var elapsed = 0.0
    repeat {
        call()
        count += 1
        elapsed = seconds(since: start)
    } while elapsed < settings.warmupSeconds || count < 10
    let rateWindow = windowLength(
        seconds: settings.windowSeconds, perStep: elapsed / Double(count))
    let callsPerWindow = max(minimumCalls, rateWindow)

    var windowMedians: [Double] = []
    var pooled: [UInt64] = []
    pooled.reserveCapacity(callsPerWindow * settings.windowCount)
    var latencies = [UInt64](repeating: 0, count: callsPerWindow)
    let contention = ContentionMeter()
    for _ in 0..<settings.windowCount {
        for index in 0..<callsPerWindow {
            let callStart = monotonicNanoseconds()
            call()
            latencies[index] = monotonicNanoseconds() - callStart
        }
        latencies.sort()
        // The upper middle element, as the reference scripts take it.
        windowMedians.append(Double(latencies[latencies.count / 2]) / 1e9)
        pooled.append(contentsOf: latencies)
    }
    let othersCores = contention.othersCores()
    windowMedians.sort()
    pooled.sort()
    let medianLatency = median(ofSorted: windowMedians)
    let figures = LatencyFigures(
        median: medianLatency * 1e6,
        p10: Double(pooled[pooled.count / 10]) / 1e3,
        p90: Double(pooled[9 * pooled.count / 10]) / 1e3)
    return Timing(
        median: medianLatency, minimum: windowMedians[0],
        maximum: windowMedians[windowMedians.count - 1], stepsPerWindow: callsPerWindow,
        windowCount: settings.windowCount, othersCores: othersCores, latency: figures)
}

/// Returns how many steps fill a window of `seconds`, at least 1.
private func windowLength(seconds: Double, perStep: Double) -> Int {
    let steps = (seconds / perStep).rounded(.towardZero)
    return steps.isFinite ? max(1, Int(min(steps, 1e12))) : 1
}

/// Returns the median of a sorted, non-empty array: the mean of the two middle elements when
/// the count is even.
private func median(ofSorted values: [Double]) -> Double {
    let middle = values.count / 2
    return values.count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2
}

/// Nanoseconds on `CLOCK_MONOTONIC`, the clock behind Python's `time.perf_counter` on Linux.
func monotonicNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

private func seconds(since start: UInt64) -> Double {
    Double(monotonicNanoseconds() - start) / 1e9
}

/// Cores that other processes kept busy during a measurement: the machine's busy time from
/// `/proc/stat` minus this process's own CPU time (`getrusage`), divided by wall-clock time.
///
/// About 0 on a quiet machine and 1 or more while a neighbour keeps a core busy. Sharing of a
/// virtual CPU by the host is not visible in `/proc/stat`, so this can read 0 on a busy host.
struct ContentionMeter {
    private let machineBusyStart: Double?
    private let ownStart: Double
    private let wallStart: UInt64

    /// Starts the measurement.
    init() {
        machineBusyStart = ContentionMeter.machineBusySeconds()
        ownStart = ContentionMeter.ownCPUSeconds()
        wallStart = monotonicNanoseconds()
    }

    /// Returns the cores other processes kept busy since `init`, at least 0, or `nil` when
    /// `/proc/stat` cannot be read.
    func othersCores() -> Double? {
        let wall = seconds(since: wallStart)
        let own = ContentionMeter.ownCPUSeconds() - ownStart
        guard let busyStart = machineBusyStart, let busyEnd = ContentionMeter.machineBusySeconds(),
            wall > 0
        else { return nil }
        return max(0, ((busyEnd - busyStart) - own) / wall)
    }

    /// Returns the seconds all CPUs spent in every state but idle and iowait (steal included),
    /// from the first line of `/proc/stat`.
    private static func machineBusySeconds() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
            let line = text.split(separator: "\n", maxSplits: 1).first
        else { return nil }
        let fields = line.split(separator: " ").dropFirst().prefix(8).compactMap { Int64($0) }
        guard fields.count == 8 else { return nil }
        let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        let busyTicks = fields.reduce(0, +) - fields[3] - fields[4]
        return Double(busyTicks) / ticksPerSecond
    }

    /// Returns the user and system CPU seconds of this process, all threads included.
    private static func ownCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double {
            Double(time.tv_sec) + Double(time.tv_usec) * 1e-6
        }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
