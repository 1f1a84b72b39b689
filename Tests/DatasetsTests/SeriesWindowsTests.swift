import Datasets
import Engine
import Testing

@Suite struct SeriesWindowsTests {
    let directory: FixtureDirectory

    init() throws {
        directory = try FixtureDirectory()
    }

    @Test func windowShapesAndTargets() throws {
        let windows = try SeriesWindows.make(
            series: (0..<10).map(Float.init), name: "ramp", window: 3, testFraction: 0)
        let whole = windows.whole
        #expect(whole.features.shape == [7, 3])
        #expect(whole.sampleShape == [3, 1])
        #expect(whole.featureNames == ["t-2", "t-1", "t"])
        #expect(Array(whole.features.scalars[0..<6]) == [0, 1, 2, 1, 2, 3])
        #expect(whole.targets.values?.shape == [7, 1])
        #expect(whole.targets.values?.scalars == [3, 4, 5, 6, 7, 8, 9])
        #expect(whole.name == "ramp")
    }

    @Test func horizonShiftsTarget() throws {
        let windows = try SeriesWindows.make(
            series: (0..<10).map(Float.init), name: "ramp", window: 3, horizon: 2, testFraction: 0)
        #expect(windows.whole.rowCount == 6)
        #expect(windows.whole.targets.values?.scalars == [4, 5, 6, 7, 8, 9])
    }

    @Test func splitIsChronological() throws {
        let windows = try SeriesWindows.make(
            series: (0..<10).map(Float.init), name: "ramp", window: 3, testFraction: 0.3)
        // 7 windows, round(0.3 × 7) = 2 of them, the latest, for testing.
        #expect(windows.split.trainRows == [0, 1, 2, 3, 4])
        #expect(windows.split.testRows == [5, 6])
        #expect(windows.split.train.targets.values?.scalars == [3, 4, 5, 6, 7])
        #expect(windows.split.test.targets.values?.scalars == [8, 9])
        #expect(windows.split.test.sampleShape == [3, 1])
    }

    @Test func lastValueBaselineOnSquares() throws {
        // Windows of x = t²: [0, 1] → 4, [1, 4] → 9, [4, 9] → 16, [9, 16] → 25, so the
        // last-value errors are 3, 5, 7 and 9.
        let windows = try SeriesWindows.make(
            series: [0, 1, 4, 9, 16, 25], name: "squares", window: 2, testFraction: 0.5)
        #expect(windows.trainBaselineMSE == Float(9 + 25) / 2)
        #expect(windows.testBaselineMSE == Float(49 + 81) / 2)
        #expect(SeriesWindows.lastValueMSE(of: windows.whole) == Float(9 + 25 + 49 + 81) / 4)
    }

    @Test func baselineOfEmptyTestIsNil() throws {
        let windows = try SeriesWindows.make(
            series: [1, 2, 3], name: "short", window: 2, testFraction: 0)
        #expect(windows.testBaselineMSE == nil)
    }

    @Test func minMaxFittedOnTrainingPartOnly() throws {
        // 4 windows, 1 for testing: the training windows read x[0..<5], so the outlier 100,
        // the test target, does not move the fitted range.
        let windows = try SeriesWindows.make(
            series: [0, 1, 2, 3, 4, 100], name: "jump", window: 2, testFraction: 0.25,
            scaling: .minMax)
        #expect(windows.scaler == SeriesScaler(scaling: .minMax, offset: 0, scale: 4))
        #expect(windows.split.train.targets.values?.scalars == [0.5, 0.75, 1])
        #expect(windows.split.test.targets.values?.scalars == [25])
        #expect(windows.values == [0, 1, 2, 3, 4, 100])
        #expect(windows.scaler.inverseTransform(Tensor(shape: [1], scalars: [25])).scalars == [100])
    }

    @Test func standardizationFittedOnTrainingPart() throws {
        let windows = try SeriesWindows.make(
            series: [0, 1, 2, 3, 4, 100], name: "jump", window: 2, testFraction: 0.25,
            scaling: .standardize)
        // Mean 2 and population deviation √2 of 0, 1, 2, 3, 4.
        #expect(windows.scaler.offset == 2)
        #expect(isClose(windows.scaler.scale, Float(2).squareRoot()))
        #expect(isClose(windows.whole.features.scalars[0], -2 / Float(2).squareRoot()))
    }

    @Test func constantTrainingPartScalesToZero() throws {
        let windows = try SeriesWindows.make(
            series: [5, 5, 5, 5, 9], name: "flat", window: 2, testFraction: 0.34,
            scaling: .minMax)
        #expect(windows.scaler.scale == 1)
        #expect(windows.split.train.features.scalars.allSatisfy { $0 == 0 })
    }

    @Test func invalidRequestsRejected() {
        let series: [Float] = [1, 2, 3, 4]
        #expect(
            throws: DatasetError.invalidOption(name: "length", value: "0", expected: "at least 1")
        ) {
            try SeriesWindows.make(series: series, name: "s", window: 0)
        }
        #expect(
            throws: DatasetError.invalidOption(name: "horizon", value: "0", expected: "at least 1")
        ) {
            try SeriesWindows.make(series: series, name: "s", window: 2, horizon: 0)
        }
        let tooShort = #expect(throws: DatasetError.self) {
            try SeriesWindows.make(series: series, name: "s", window: 3, horizon: 2)
        }
        #expect(tooShort == .seriesTooShort(name: "s", length: 4, window: 3, horizon: 2))
        #expect(
            tooShort?.description == "s: the series has 4 values, but one window of 3 inputs "
                + "with a target 2 steps ahead needs 5; lower length= or horizon=")
        #expect(throws: DatasetError.invalidTestFraction(1)) {
            try SeriesWindows.make(series: series, name: "s", window: 2, testFraction: 1)
        }
        #expect(throws: DatasetError.emptyTrainingSet(rowCount: 2, testFraction: 0.9)) {
            try SeriesWindows.make(series: series, name: "s", window: 2, testFraction: 0.9)
        }
        #expect(
            throws: DatasetError.invalidOption(
                name: "series", value: "nan at position 1", expected: "a series of finite values")
        ) { try SeriesWindows.make(series: [1, .nan, 3], name: "s", window: 1) }
        #expect(
            throws: DatasetError.invalidOption(
                name: "series", value: "a tensor of shape [2, 2]",
                expected: "a series of shape [T]")
        ) { try SeriesWindows.make(series: Tensor(shape: [2, 2]), name: "s", window: 1) }
    }

    @Test func tensorSeriesMatchesArray() throws {
        let fromTensor = try SeriesWindows.make(
            series: Tensor(shape: [6], scalars: [3, 1, 4, 1, 5, 9]), name: "pi", window: 2)
        let fromArray = try SeriesWindows.make(series: [3, 1, 4, 1, 5, 9], name: "pi", window: 2)
        #expect(fromTensor == fromArray)
    }

    @Test func nileColumnFromCSV() throws {
        let windows = try SeriesWindows.load(
            path: samplePath("nile.csv"), column: .name("volume_1e8_m3"), window: 5)
        #expect(windows.values.count == 100)
        #expect(windows.whole.rowCount == 95)
        #expect(Array(windows.whole.features.scalars[0..<3]) == [1120, 1160, 963])
        #expect(windows.whole.name == "nile.csv")
        // round(0.2 × 95) = 19 test windows.
        #expect(windows.split.test.rowCount == 19)
        #expect(windows.split.test.targets.values?.scalars.last == 740)
    }

    @Test func nonNumericCSVValueNamesPlace() throws {
        let path = try directory.write("series.csv", "day,value\n1,5\n2,oops\n3,7\n")
        #expect(
            throws: DatasetError.nonNumericValue(
                path: path, line: 3, column: 2, columnName: "value", value: "oops")
        ) { try SeriesWindows.load(path: path, window: 1) }
        #expect(
            throws: DatasetError.unknownLabelColumn(
                path: path, name: "price", header: ["day", "value"])
        ) { try SeriesWindows.load(path: path, column: .name("price"), window: 1) }
    }
}
