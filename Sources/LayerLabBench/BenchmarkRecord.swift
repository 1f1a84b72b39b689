import Foundation

/// The peer name and version written into every output line.
let peerName = "layerlab"
// NOTE: keep equal to the version that `layerlab --version` prints.
let peerVersion = "0.1.0"

/// One JSON output line. Keys keep the order in which they are set, which follows the order
/// of the reference scripts' output so that lines from all peers read alike.
struct BenchmarkRecord {
    enum Value {
        case string(String)
        case integer(Int)
        /// A number rounded to `digits` decimal places, written as null when not finite.
        case number(Double, digits: Int)
        case null
    }

    private var fields: [(key: String, value: Value)] = []

    mutating func append(_ key: String, _ value: Value) {
        fields.append((key, value))
    }

    /// The record as one line of JSON, without the line break.
    var jsonLine: String {
        let members = fields.map { "\(jsonString($0.key)): \(jsonText($0.value))" }
        return "{" + members.joined(separator: ", ") + "}"
    }
}

/// Builds the record of a measured workload.
///
/// - Parameters:
///   - batch: samples per step, from which the record computes samples/s. `nil` for a GEMM.
///   - flopsPerCall: floating-point operations per GEMM call, from which the record computes
///     GFLOP/s.
///   - finalLoss: the loss of the last training step, for training workloads.
func measurementRecord(
    workload: String, threads: Int, variant: String, timing: Timing, batch: Int? = nil,
    flopsPerCall: Double? = nil, finalLoss: Float? = nil
) -> BenchmarkRecord {
    var record = BenchmarkRecord()
    record.append("peer", .string(peerName))
    record.append("peer_version", .string(peerVersion))
    record.append("workload", .string(workload))
    record.append("threads", .integer(threads))

    if let flopsPerCall {
        record.append("gflops", .number(flopsPerCall / timing.median / 1e9, digits: 1))
        record.append("gflops_min", .number(flopsPerCall / timing.maximum / 1e9, digits: 1))
        record.append("gflops_max", .number(flopsPerCall / timing.minimum / 1e9, digits: 1))
        record.append("ms_per_step", .number(timing.median * 1e3, digits: 3))
    } else {
        let samples = Double(batch ?? 1)
        record.append("batch", .integer(batch ?? 1))
        record.append("samples_per_s", .number(samples / timing.median, digits: 1))
        record.append("sps_min", .number(samples / timing.maximum, digits: 1))
        record.append("sps_max", .number(samples / timing.minimum, digits: 1))
        record.append("ms_per_step", .number(timing.median * 1e3, digits: 4))
        let spread = 100 * (timing.maximum - timing.minimum) / timing.median
        record.append("spread_pct", .number(spread, digits: 1))
    }
    record.append("steps_per_window", .integer(timing.stepsPerWindow))
    record.append("windows", .integer(timing.windowCount))

    if let latency = timing.latency {
        record.append("latency_us", .number(latency.median, digits: 2))
        record.append("latency_us_p10", .number(latency.p10, digits: 2))
        record.append("latency_us_p90", .number(latency.p90, digits: 2))
    }
    record.append("others_cores", timing.othersCores.map { .number($0, digits: 2) } ?? .null)

    if let finalLoss {
        record.append("final_loss", .number(Double(finalLoss), digits: 5))
    }
    record.append("variant", .string(variant))
    record.append("loadavg1", loadAverage().map { .number($0, digits: 2) } ?? .null)
    record.append("time", .string(localTimestamp()))
    return record
}

/// Builds the record of a workload that could not run: the error's type and message, cut to
/// 300 characters as the reference scripts do.
func failureRecord(workload: String, threads: Int, error: any Error) -> BenchmarkRecord {
    var record = BenchmarkRecord()
    record.append("peer", .string(peerName))
    record.append("peer_version", .string(peerVersion))
    record.append("workload", .string(workload))
    record.append("threads", .integer(threads))
    record.append("error", .string(String("\(type(of: error)): \(error)".prefix(300))))
    return record
}

/// Writes one line to standard output unbuffered, so that a reader on a pipe receives each
/// record as soon as its workload ends.
func writeLine(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Returns the 1-minute load average, or `nil` when the system does not report it.
private func loadAverage() -> Double? {
    var averages = [0.0]
    return getloadavg(&averages, 1) == 1 ? averages[0] : nil
}

/// Returns the local time as `YYYY-MM-DDTHH:MM:SS`.
private func localTimestamp() -> String {
    var now = time(nil)
    var parts = tm()
    localtime_r(&now, &parts)
    var buffer = [CChar](repeating: 0, count: 32)
    let length = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S", &parts)
    return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

private func jsonText(_ value: BenchmarkRecord.Value) -> String {
    switch value {
    case .string(let text):
        return jsonString(text)
    case .integer(let number):
        return String(number)
    case .number(let number, let digits):
        guard number.isFinite else { return "null" }
        // printf rounds the exact binary value, as Python's round() does. Parsing the rounded
        // text back and printing the Double gives the shortest form, e.g. 41234.0 or 1.552.
        let rounded = Double(String(format: "%.\(digits)f", number)) ?? number
        return rounded.description
    case .null:
        return "null"
    }
}

private func jsonString(_ text: String) -> String {
    var escaped = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": escaped += "\\\""
        case "\\": escaped += "\\\\"
        case "\n": escaped += "\\n"
        case "\r": escaped += "\\r"
        case "\t": escaped += "\\t"
        case _ where scalar.value < 0x20:
            escaped += String(format: "\\u%04x", scalar.value)
        default:
            escaped.unicodeScalars.append(scalar)
        }
    }
    return escaped + "\""
}
