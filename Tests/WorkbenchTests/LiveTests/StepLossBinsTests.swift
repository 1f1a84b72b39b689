import Testing
import Workbench

/// The step loss bins: every step covered, neighbours merged in pairs when the bins fill up.
struct StepLossBinsTests {
    @Test func stepsFillBinsOfOne() {
        let bins = StepLossBins([4.0, 2.0, 1.0], firstStep: 10, capacity: 4)
        #expect(bins.means == [4, 2, 1])
        #expect(bins.binWidth == 1)
        #expect(bins.stepCount == 3)
        #expect(bins.latest == 1)
        #expect(bins.centerStep(ofBin: 0) == 11)
        #expect(bins.centerStep(ofBin: 2) == 13)
    }

    /// Losses 1 to 9 with 4 bins: the fifth loss merges (1, 2) and (3, 4), the ninth merges
    /// again into bins of 4, and 9 starts a partial bin: means 2.5, 6.5 and 9.
    @Test func fullBinsMergeInPairs() {
        var bins = StepLossBins([1.0, 2, 3, 4, 5], firstStep: 0, capacity: 4)
        #expect(bins.means == [1.5, 3.5, 5])
        #expect(bins.binWidth == 2)
        #expect(bins.lastBinCount == 1)
        #expect(bins.centerStep(ofBin: 2) == 5)

        for loss in [6.0, 7, 8, 9] {
            bins.append(loss)
        }
        #expect(bins.means == [2.5, 6.5, 9])
        #expect(bins.binWidth == 4)
        #expect(bins.stepCount == 9)
        #expect(bins.lastBinCount == 1)
        #expect(bins.centerStep(ofBin: 0) == 2.5)
        #expect(bins.centerStep(ofBin: 1) == 6.5)
        #expect(bins.centerStep(ofBin: 2) == 9)
        #expect(bins.latest == 9)
    }

    @Test func partialBinAveragesItsSteps() {
        var bins = StepLossBins([1.0, 2, 3, 4, 5], firstStep: 0, capacity: 4)
        bins.append(8)
        #expect(bins.means == [1.5, 3.5, 6.5])
        #expect(bins.lastBinCount == 2)
        #expect(bins.centerStep(ofBin: 2) == 5.5)
    }
}
