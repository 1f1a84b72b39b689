import Testing

@testable import TUI

/// Session files on the screen run line by line, hold at `wait` until Enter, and wait for
/// training to finish.
struct SessionReplayTests {
    @Test func waitHoldsTheRestUntilEnter() {
        var replay = SessionReplay(lines: ["say one", "wait", "", "say two"])
        #expect(replay.nextLine(isTraining: false) == "say one")
        #expect(replay.nextLine(isTraining: false) == nil)
        #expect(replay.isWaitingForEnter)
        #expect(replay.nextLine(isTraining: false) == nil)
        #expect(!replay.consumeEnter("summary"))
        #expect(replay.consumeEnter(""))
        #expect(replay.nextLine(isTraining: false) == "say two")
        #expect(replay.isFinished)
    }

    @Test func linesWaitForTrainingToFinish() {
        var replay = SessionReplay(lines: ["train 5", "eval"])
        #expect(replay.nextLine(isTraining: false) == "train 5")
        #expect(replay.nextLine(isTraining: true) == nil)
        #expect(replay.nextLine(isTraining: false) == "eval")
    }

    @Test func finalWaitDoesNotHold() {
        var replay = SessionReplay(lines: ["say done", "wait"])
        #expect(replay.nextLine(isTraining: false) == "say done")
        #expect(replay.nextLine(isTraining: false) == nil)
        #expect(!replay.isWaitingForEnter)
        #expect(replay.isFinished)
    }
}
