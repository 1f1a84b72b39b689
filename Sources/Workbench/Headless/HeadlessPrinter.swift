import Foundation
import Plot

/// Prints what the executor reports, as text or JSON lines, without terminal control codes.
final class HeadlessPrinter: WorkbenchOutput {
    let format: HeadlessRunner.Format
    /// Whether text is written in plain ASCII, for a locale that is not UTF-8. JSON lines stay
    /// UTF-8, as JSON is.
    let asciiOnly: Bool
    /// The most recent epoch, whose metrics the final summary repeats.
    private var lastEpoch: EpochReport?
    /// The optimizer steps of every training command of the run, which the final summary
    /// reports in place of the last epoch's steps.
    private var stepsInRun = 0
    /// The first error from writing standard output or standard error, such as a closed pipe
    /// (EPIPE) or a hung-up terminal (EIO). Later writes are still tried.
    private(set) var writeFailure: String?

    /// - Parameter asciiOnly: write text in plain ASCII; by default when the locale of the
    ///   process environment is not UTF-8, as the screen decides.
    init(
        format: HeadlessRunner.Format,
        asciiOnly: Bool = !GlyphSet.preferred(environment: ProcessInfo.processInfo.environment)
            .isUnicode
    ) {
        self.format = format
        self.asciiOnly = asciiOnly
    }

    func message(_ text: String) {
        switch format {
        case .text: writeText(text + "\n", to: FileHandle.standardOutput)
        case .json: writeText(text + "\n", to: FileHandle.standardError)
        }
    }

    /// Writes `text` to standard output as it is, without a newline, as for a prompt.
    func write(_ text: String) {
        writeText(text, to: FileHandle.standardOutput)
    }

    func error(_ text: String) {
        writeText(text + "\n", to: FileHandle.standardError)
    }

    func epochFinished(_ report: EpochReport) {
        lastEpoch = report
        switch format {
        case .text: writeText(Report.epochLine(report) + "\n", to: FileHandle.standardOutput)
        case .json: write(JSONLine.epoch(report, kind: "epoch") + "\n", to: FileHandle.standardOutput)
        }
    }

    func trainingFinished(_ report: TrainingReport) {
        stepsInRun += report.steps
        if format == .text {
            writeText(Report.trainingLine(report) + "\n", to: FileHandle.standardOutput)
        }
    }

    func stepsFinished(_ report: TrainingReport) {
        stepsInRun += report.steps
    }

    /// Prints the closing summary: the final metrics of the model, and the steps of the run.
    func finish(lab: Lab) {
        guard var last = lastEpoch else {
            if format == .text {
                message("done: no epochs were trained (\(counted(stepsInRun, "step")) in this run)")
            }
            return
        }
        last.steps = stepsInRun
        switch format {
        case .text:
            var line = "final: \(counted(lab.epochsTrained, "epoch")),"
                + " \(counted(stepsInRun, "step")) in this run, loss \(format4(last.loss))"
            if let a = last.trainAccuracy { line += ", train accuracy \(format4(a))" }
            if let a = last.testAccuracy { line += ", test accuracy \(format4(a))" }
            if let l = last.testLoss { line += ", test loss \(format4(l))" }
            if let score = ForecastScore.measure(lab: lab) {
                line += ", test MSE \(format4(score.testMSE)), last-value baseline"
                    + " \(format4(score.baselineTestMSE)), ratio \(format4(score.ratio))"
            }
            writeText(line + "\n", to: FileHandle.standardOutput)
        case .json:
            let forecast = ForecastScore.measure(lab: lab).map(JSONLine.forecastFields) ?? []
            write(
                JSONLine.epoch(last, kind: "final", extra: forecast) + "\n",
                to: FileHandle.standardOutput)
        }
    }

    private func format4(_ value: Double) -> String { Workbench.format(value, digits: 4) }

    /// Formats a count with its noun, plural unless the count is 1: "1 epoch", "1,200 steps".
    private func counted(_ count: Int, _ noun: String) -> String {
        "\(grouped(count)) \(noun)\(count == 1 ? "" : "s")"
    }

    /// Writes text meant for a person, in plain ASCII when `asciiOnly` is set.
    private func writeText(_ text: String, to handle: FileHandle) {
        write(asciiOnly ? ASCIIText.plain(text) : text, to: handle)
    }

    /// Writes `text` and records a failure in `writeFailure`. `FileHandle.write(_:)` would
    /// stop the process at EPIPE when SIGPIPE is handled, as it is in line mode.
    private func write(_ text: String, to handle: FileHandle) {
        do {
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            if writeFailure == nil {
                writeFailure = "\(error)"
            }
        }
    }
}
