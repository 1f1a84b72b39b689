import Testing

@testable import TUI

extension PaneTests {
    struct PaneNumberTests {
        @Test func compactNumbers() {
            let cases: [(Double, String)] = [
                (0, "0"), (0.165, "0.165"), (1.5, "1.5"), (4096, "4096"), (0.0031, "0.0031"),
                (0.00012, "1.2e-4"), (3e7, "3e7"), (-0.25, "-0.25"), (.nan, "NaN"),
                (.infinity, "inf"), (123_456, "1.23e5"),
            ]
            for (value, text) in cases {
                #expect(PaneNumber.compact(value) == text, "\(value)")
            }
        }

        @Test func percentGroupedAndRate() {
            #expect(PaneNumber.percent(0.625) == "63%")
            #expect(PaneNumber.percent(0.001) == "<1%")
            #expect(PaneNumber.percent(0) == "0%")
            #expect(PaneNumber.grouped(301_440) == "301,440")
            #expect(PaneNumber.grouped(-1_000) == "-1,000")
            #expect(PaneNumber.grouped(999) == "999")
            #expect(PaneNumber.rate(950) == "950")
            #expect(PaneNumber.rate(16_100) == "16.1k")
            #expect(PaneNumber.rate(1_500_000) == "1.5M")
        }

        @Test func abbreviatedCounts() {
            let cases: [(Int, String)] = [
                (0, "0"), (950, "950"), (999, "999"), (1_000, "1k"), (1_234, "1.23k"),
                (16_448, "16.4k"), (101_770, "102k"), (999_600, "1M"), (1_500_000, "1.5M"),
                (-18_496, "-18.5k"),
            ]
            for (value, text) in cases {
                #expect(PaneNumber.abbreviated(value) == text, "\(value)")
            }
        }
    }
}
