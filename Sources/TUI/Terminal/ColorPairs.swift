@preconcurrency import CNCursesW
import Plot

/// The curses colour pairs of the screen, each set up the first time a cell style needs it.
///
/// Curses draws a cell with a pair number, not with two colours, and a terminal has a fixed
/// number of pairs (COLOR_PAIRS). When they run out, later colour combinations draw in the
/// terminal's default colours.
@MainActor
final class ColorPairs {
    private struct Colors: Hashable {
        var foreground: Int32
        var background: Int32
    }

    private let colorCount: Int
    private let pairCount: Int
    private var pairs: [Colors: Int32] = [:]

    /// Starts curses colours with the terminal's default colours as colour -1.
    init() {
        start_color()
        use_default_colors()
        colorCount = Int(ll_colors())
        pairCount = Int(ll_color_pairs())
    }

    /// Returns the pair number that draws `style`'s colours, setting the pair up if needed.
    /// Pair 0 is the terminal's default colours.
    func pair(for style: CellStyle) -> Int32 {
        let colors = Colors(
            foreground: PaletteReduction.colorNumber(style.foreground, colorCount: colorCount),
            background: PaletteReduction.colorNumber(style.background, colorCount: colorCount))
        if colors.foreground == -1 && colors.background == -1 {
            return 0
        }
        if let pair = pairs[colors] {
            return pair
        }
        let pair = Int32(pairs.count + 1)
        guard pair < pairCount,
            init_extended_pair(pair, colors.foreground, colors.background) == OK
        else {
            return 0
        }
        pairs[colors] = pair
        return pair
    }
}
