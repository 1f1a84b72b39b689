// layerlab-bench: times LayerLab's engine on the workloads of the PyTorch and NumPy reference
// scripts and prints one JSON line per workload in their format, so that all peers can be
// compared side by side.
import Engine
import Foundation

let usage = """
    usage: layerlab-bench [--threads N] [--workloads W1,W2,...] [--variant LABEL]

    Times LayerLab's engine and prints one JSON line per workload.

    options:
      --threads N         OpenBLAS threads (default 1)
      --workloads LIST    comma-separated workload ids, or their part before the first '_'
                          (W1, gemm); default: every workload LayerLab can run
      --variant LABEL     free-form label copied into every line (default env-as-is)
      -h, --help          print this help and exit

    workloads:
    \(Workload.allCases.map { "  \($0.rawValue)\($0.isAvailable ? "" : "  (not available yet)")" }
        .joined(separator: "\n"))

    environment:
      BENCH_WARMUP_S      seconds of untimed warm-up per workload (default 0.3)
      BENCH_WINDOW_S      target seconds per timed window (default 0.3)
      BENCH_WINDOWS       number of timed windows; the median is reported (default 5)
    """

/// An invalid command line or environment setting; the process exits with status 2.
struct UsageError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

struct Options {
    var threads = 1
    var workloads = Workload.allCases.filter(\.isAvailable)
    var variant = "env-as-is"
}

/// Parses the command line, or returns `nil` when help was requested.
func parseOptions(_ arguments: [String]) throws -> Options? {
    var options = Options()
    var remaining = arguments[...]
    while let argument = remaining.popFirst() {
        if argument == "-h" || argument == "--help" { return nil }
        // Accept both `--flag value` and `--flag=value`.
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        let flag = parts[0]
        guard ["--threads", "--workloads", "--variant"].contains(flag) else {
            throw UsageError("unrecognized option '\(argument)'")
        }
        guard let value = parts.count == 2 ? parts[1] : remaining.popFirst() else {
            throw UsageError("missing value for \(flag)")
        }
        switch flag {
        case "--threads":
            guard let threads = Int(value), threads > 0 else {
                throw UsageError("--threads must be a positive integer, got '\(value)'")
            }
            options.threads = threads
        case "--workloads":
            options.workloads = try parseWorkloads(value)
        default:
            options.variant = value
        }
    }
    return options
}

/// Returns the workloads named in a comma-separated list, in its order. Each entry is a full
/// id or the part of one before the first '_', as in the reference scripts.
func parseWorkloads(_ list: String) throws -> [Workload] {
    try list.split(separator: ",", omittingEmptySubsequences: false).map { entry in
        let name = entry.trimmingCharacters(in: .whitespaces)
        let match = Workload.allCases.first { workload in
            workload.rawValue == name || workload.rawValue.split(separator: "_").first! == name
        }
        guard let match else {
            let ids = Workload.allCases.map(\.rawValue).joined(separator: ", ")
            throw UsageError("unknown workload '\(name)'; choose from \(ids)")
        }
        return match
    }
}

let options: Options
let settings: HarnessSettings
do {
    guard let parsed = try parseOptions(Array(CommandLine.arguments.dropFirst())) else {
        print(usage)
        exit(0)
    }
    options = parsed
    settings = try HarnessSettings.fromEnvironment(ProcessInfo.processInfo.environment)
} catch {
    FileHandle.standardError.write(Data("""
        layerlab-bench: error: \(error)
        Run 'layerlab-bench --help' for the options and workload ids.

        """.utf8))
    exit(2)
}

BLAS.setThreadCount(options.threads)
Allocator.keepFreedMemory()
for workload in options.workloads {
    // NOTE: only thrown errors become error lines. A precondition failure inside the engine
    // stops the process, and the workloads after it do not run.
    do {
        let record = try measure(
            workload, settings: settings, threads: options.threads, variant: options.variant)
        writeLine(record.jsonLine)
    } catch {
        writeLine(failureRecord(workload: workload.rawValue, threads: options.threads, error: error)
            .jsonLine)
    }
}
