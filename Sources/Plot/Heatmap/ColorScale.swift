/// A map from a position in `0...1` to a colour of the terminal's 256-colour palette.
public enum ColorScale: Equatable, Sendable {
    /// Blue through white to red, for values with a meaningful zero such as weights and
    /// gradients. Position 0.5 is white.
    case diverging

    /// Dark blue through teal and green to yellow, rising in lightness, for values with no
    /// meaningful middle such as activations or counts.
    case sequential

    /// Returns the palette colour at `position`, which is clamped to `0...1`.
    ///
    /// Both scales have 11 steps.
    public func color(at position: Double) -> TerminalColor {
        let t = position.isNaN ? 0.5 : min(max(position, 0), 1)
        switch self {
        case .diverging:
            // s runs from -1 (blue) through 0 (white) to 1 (red). The other two channels fall
            // from 5 to 0 as |s| grows.
            let s = 2 * t - 1
            let level = Int(((1 - abs(s)) * 5).rounded())
            return s < 0
                ? .cube(red: level, green: level, blue: 5)
                : .cube(red: 5, green: level, blue: level)
        case .sequential:
            let step = ColorScale.sequentialSteps[
                Int((t * Double(ColorScale.sequentialSteps.count - 1)).rounded())]
            return .cube(red: step.red, green: step.green, blue: step.blue)
        }
    }

    /// Colour cube levels of the sequential scale, darkest first.
    private static let sequentialSteps: [(red: Int, green: Int, blue: Int)] = [
        (0, 0, 1), (0, 0, 2), (0, 1, 3), (0, 2, 3), (0, 3, 3), (0, 3, 2),
        (1, 4, 2), (2, 4, 1), (3, 5, 0), (4, 5, 0), (5, 5, 0),
    ]
}
