import Testing

@testable import Workbench

/// Numbers in printed losses and metrics stay readable: huge values in scientific notation, and
/// no throughput where none was measured.
struct ReportNumberTests {
    @Test(arguments: [
        (12677341003732663405200501358232338432.0, 4, "1.2677e+37"),
        (-2.5e6, 2, "-2.50e+06"),
        (1e6, 4, "1.0000e+06"),
        (999_999.5, 4, "999999.5000"),
        (0.123456, 4, "0.1235"),
        (-0.5, 3, "-0.500"),
        (Double.infinity, 4, "inf"),
    ] as [(Double, Int, String)])
    func formatSwitchesToScientific(value: Double, digits: Int, expected: String) {
        #expect(format(value, digits: digits) == expected)
    }

    static func report(loss: Double, samplesPerSecond: Double) -> EpochReport {
        EpochReport(
            epoch: 1, epochInRun: 1, epochsInRun: 1, loss: loss, trainAccuracy: nil,
            testAccuracy: nil, testLoss: nil, samplesPerSecond: samplesPerSecond, steps: 1)
    }

    @Test func epochLinePrintsHugeLossInScientific() {
        let line = Report.epochLine(Self.report(loss: 1.2677341e37, samplesPerSecond: 1234.4))
        #expect(line == "epoch 1/1  loss 1.2677e+37  1,234 samples/s")
    }

    @Test func epochLineOmitsUnmeasuredRate() {
        let line = Report.epochLine(Self.report(loss: 0.25, samplesPerSecond: 0))
        #expect(line == "epoch 1/1  loss 0.2500")
    }

    /// The stepped step's time includes the user's pauses between stages, so it is no rate.
    @Test func steppedEpochHasNoRate() throws {
        let iris = LayerLabPaths.samples.appendingPathComponent("iris.csv").path
        // 120 training rows in batches of 120: the stepped update finishes the epoch.
        let (executor, output) = try OutputRecorder.executor([
            "seed 4", "data load \(iris) test=0.2", "input 4", "dense 3 softmax",
            "loss crossentropy", "optimizer adam lr=0.01", "batch 120",
        ])
        for _ in 0..<2 { try executor.execute(line: "forward") }
        for _ in 0..<2 { try executor.execute(line: "backward") }
        let report = try #require(output.epochs.last)
        #expect(report.samplesPerSecond == 0)
        #expect(!Report.epochLine(report).contains("samples/s"))
    }
}
