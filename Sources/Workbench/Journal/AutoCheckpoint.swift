import Engine
import Foundation

/// Receives the points of a training run where a checkpoint can be taken. The runner calls it
/// on the thread that trains, which owns the lab at that moment.
protocol TrainingCheckpointer: AnyObject {
    /// After an optimizer step; `cursor` is the open epoch, whose rows so far are trained.
    func stepFinished(_ runner: TrainingRunner, cursor: EpochCursor)
    /// After an epoch was evaluated and reported, before the next epoch draws its order.
    func epochFinished(_ runner: TrainingRunner)
}

/// Writes a checkpoint of the training session into the journal's folder and records it in the
/// journal: at the end of an epoch when the last checkpoint is at least `spacing` old, inside a
/// long epoch when it is `maximumGap` old, and at the end of every training command. Both
/// intervals grow to 9 times the last write's duration when that is longer (see
/// `CheckpointInterval` and `JournalSettings.checkpointTrainingPerWrite`), so that the
/// checkpoints of a large model do not dominate training.
///
/// A checkpoint is a `save` of the lab (script and weights, each written atomically) into
/// `checkpoint-N.lab` and `checkpoint-N.safetensors`. The journal's marker comes after both
/// files, so a crash while writing leaves the previous checkpoint in force.
final class AutoCheckpoint: TrainingCheckpointer {
    let journal: SessionJournal
    private(set) var spacing: CheckpointInterval
    private(set) var maximumGap: CheckpointInterval
    /// The output that reports a failed checkpoint, once per training command.
    let output: any WorkbenchOutput
    private let clock = ContinuousClock()
    private var lastWrite: ContinuousClock.Instant
    private var failureReported = false
    /// The commands journaled when the training command started, itself included.
    private var commandCount = 0
    /// The state in the last checkpoint written, so that the same state is not written twice.
    private var lastWritten: WrittenState?

    /// The training position and command count of a checkpoint.
    private struct WrittenState: Equatable {
        var step: Int
        var commandCount: Int
        var random: RandomGenerator
    }

    init(journal: SessionJournal, settings: JournalSettings, output: any WorkbenchOutput) {
        self.journal = journal
        spacing = CheckpointInterval(
            minimum: .milliseconds(Int64(settings.checkpointSpacing * 1000)),
            trainingPerWrite: settings.checkpointTrainingPerWrite)
        maximumGap = CheckpointInterval(
            minimum: .milliseconds(Int64(settings.checkpointMaximumGap * 1000)),
            trainingPerWrite: settings.checkpointTrainingPerWrite)
        self.output = output
        lastWrite = clock.now
    }

    /// Notes where the training command is in the journal. A checkpoint of its run counts
    /// only the commands up to it: a `set` typed during the run is applied before the next
    /// step, so a checkpoint may not hold it yet, and recovery replays it (the commands that
    /// work during a run give the same state when run again).
    func trainingStarted() {
        commandCount = journal.commands.count
    }

    func stepFinished(_ runner: TrainingRunner, cursor: EpochCursor) {
        // The step that ends an epoch is saved by `epochFinished`, after the evaluation.
        guard !cursor.isFinished, clock.now - lastWrite >= maximumGap.current else { return }
        write(runner.lab, model: runner.model, position: position(runner, cursor: cursor))
    }

    func epochFinished(_ runner: TrainingRunner) {
        guard clock.now - lastWrite >= spacing.current else { return }
        write(runner.lab, model: runner.model, position: position(runner, cursor: nil))
    }

    /// Writes a checkpoint after a training command ended. The lab then contains the generator
    /// and the open epoch itself.
    ///
    /// A run whose last epoch was just checkpointed is skipped, because the files would be the
    /// same. They match in step, command count and generator, and no epoch is open. A run
    /// stopped at an epoch's end has already drawn the next epoch's order, so it is written.
    /// The checkpoint of a later command is written even at the same step, because recovery
    /// replays every command after the checkpoint's count, and `load`, `set` or `undo` may
    /// have changed the model or the optimizer.
    func trainingFinished(_ lab: Lab) {
        defer { failureReported = false }
        guard let model = lab.model else { return }
        let state = WrittenState(
            step: lab.stepsTrained, commandCount: commandCount, random: lab.random)
        if lab.epochCursor == nil && state == lastWritten { return }
        write(lab, model: model, position: nil)
    }

    private func position(_ runner: TrainingRunner, cursor: EpochCursor?) -> TrainingPosition {
        TrainingPosition(random: runner.context.random, cursor: cursor)
    }

    private func write(_ lab: Lab, model: Sequential, position: TrainingPosition?) {
        lastWritten = nil
        let number = journal.nextCheckpointNumber()
        let start = clock.now
        do throws(PersistenceError) {
            try SessionArchive.save(
                lab, model: model, to: journal.checkpointFiles(number), position: position)
            let loss = lab.metrics.stepLosses.last.map { "\($0)" } ?? "none"
            try journal.appendCheckpoint(
                number: number, commandCount: commandCount, step: lab.stepsTrained,
                epoch: lab.epochsTrained, loss: loss)
            lastWritten = WrittenState(
                step: lab.stepsTrained, commandCount: commandCount,
                random: position?.random ?? lab.random)
        } catch {
            if !failureReported {
                output.message("warning: checkpoint failed, training goes on: \(error)")
                failureReported = true
            }
        }
        lastWrite = clock.now
        spacing.recordWrite(duration: lastWrite - start)
        maximumGap.recordWrite(duration: lastWrite - start)
    }
}
