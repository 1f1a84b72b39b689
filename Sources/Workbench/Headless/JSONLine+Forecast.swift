extension JSONLine {
    /// Returns the final object's keys for a forecaster on `data window` data: `test_mse`,
    /// `baseline_test_mse` (the last-value forecast on the same windows) and `test_mse_ratio`,
    /// the first divided by the second, all in scaled units.
    static func forecastFields(_ score: ForecastScore) -> [(String, String)] {
        [
            ("test_mse", number(score.testMSE)),
            ("baseline_test_mse", number(score.baselineTestMSE)),
            ("test_mse_ratio", number(score.ratio)),
        ]
    }
}
