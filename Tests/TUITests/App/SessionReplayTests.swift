import Testing

@testable import TUI

/// Session files on the screen run line by line, hold at `wait` until Enter, and wait for
/// training to finish.
struct SessionReplayTests {
    @Test func waitHoldsTheRestUntilEnter() {
        var replay = SessionReplay(lines: ["say one", "wait", "", "say two"])
        let first = replay.nextLine(isTraining: false)
        #expect(first == "say one")
        let atWait = replay.nextLine(isTraining: false)
        #expect(atWait == nil)
        #expect(replay.isWaitingForEnter)
        let whileWaiting = replay.nextLine(isTraining: false)
        #expect(whileWaiting == nil)
        let typedCommand = replay.consumeEnter("summary")
        #expect(!typedCommand)
        let enter = replay.consumeEnter("")
        #expect(enter)
        let second = replay.nextLine(isTraining: false)
        #expect(second == "say two")
        #expect(replay.isFinished)
    }

    @Test func linesWaitForTrainingToFinish() {
        var replay = SessionReplay(lines: ["train 5", "eval"])
        let train = replay.nextLine(isTraining: false)
        #expect(train == "train 5")
        let whileTraining = replay.nextLine(isTraining: true)
        #expect(whileTraining == nil)
        let afterwards = replay.nextLine(isTraining: false)
        #expect(afterwards == "eval")
    }

    @Test func finalWaitDoesNotHold() {
        var replay = SessionReplay(lines: ["say done", "wait"])
        let line = replay.nextLine(isTraining: false)
        #expect(line == "say done")
        let atWait = replay.nextLine(isTraining: false)
        #expect(atWait == nil)
        #expect(!replay.isWaitingForEnter)
        #expect(replay.isFinished)
    }
}
