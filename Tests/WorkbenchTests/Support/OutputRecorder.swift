import Workbench

/// A WorkbenchOutput that keeps everything, for tests of the executor.
final class OutputRecorder: WorkbenchOutput {
    var messages: [String] = []
    var epochs: [EpochReport] = []
    var trainings: [TrainingReport] = []

    func message(_ text: String) { messages.append(text) }
    func epochFinished(_ report: EpochReport) { epochs.append(report) }
    func trainingFinished(_ report: TrainingReport) { trainings.append(report) }

    /// Runs `lines` on a fresh executor and returns it; a failing line fails the test.
    static func executor(_ lines: [String]) throws -> (Executor, OutputRecorder) {
        let output = OutputRecorder()
        let executor = Executor(output: output)
        for line in lines { try executor.execute(line: line) }
        return (executor, output)
    }
}
