import Testing

@testable import Workbench

/// The worker's schedule for the screen's work, driven with made-up instants.
struct SnapshotPacerTests {
    let start = ContinuousClock.now

    @Test func everythingIsDueAtFirst() {
        let pacer = SnapshotPacer()
        #expect(pacer.publishIsDue(at: start, screenTookLast: true))
        #expect(pacer.detailsAreDue(at: start, screenTookLast: true))
        #expect(pacer.dataViewIsDue(at: start, screenTookLast: true))
    }

    @Test func nothingIsDueUntilTheScreenTookTheLastSnapshot() {
        let pacer = SnapshotPacer()
        let later = start + .seconds(10)
        #expect(!pacer.publishIsDue(at: later, screenTookLast: false))
        #expect(!pacer.detailsAreDue(at: later, screenTookLast: false))
        #expect(!pacer.dataViewIsDue(at: later, screenTookLast: false))
    }

    @Test func publishWaitsForItsInterval() {
        var pacer = SnapshotPacer()
        pacer.recordPublish(at: start)
        let interval = SnapshotPacer.publishInterval
        #expect(!pacer.publishIsDue(at: start + interval / 2, screenTookLast: true))
        #expect(pacer.publishIsDue(at: start + interval, screenTookLast: true))
    }

    @Test func detailsAndDataViewKeepTheirOwnIntervals() {
        var pacer = SnapshotPacer()
        pacer.recordDetails(at: start)
        pacer.recordDataView(at: start)
        let afterDetails = start + SnapshotPacer.detailsInterval
        #expect(pacer.detailsAreDue(at: afterDetails, screenTookLast: true))
        #expect(!pacer.dataViewIsDue(at: afterDetails, screenTookLast: true))
        #expect(pacer.dataViewIsDue(
            at: start + SnapshotPacer.dataViewInterval, screenTookLast: true))
    }

    @Test func startingRunMakesDetailsDue() {
        var pacer = SnapshotPacer()
        pacer.recordDetails(at: start)
        pacer.startRun()
        #expect(pacer.detailsAreDue(at: start, screenTookLast: true))
    }

    @Test func detailsComeNoOftenerThanPublishes() {
        #expect(SnapshotPacer.detailsInterval >= SnapshotPacer.publishInterval)
        #expect(SnapshotPacer.dataViewInterval >= SnapshotPacer.detailsInterval)
    }
}
