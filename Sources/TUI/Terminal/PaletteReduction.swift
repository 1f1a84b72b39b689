import Plot

/// Maps the 256-colour palette that panes draw with onto terminals that have fewer colours.
enum PaletteReduction {
    /// Returns the curses colour number of `color` on a terminal with `colorCount` colours.
    ///
    /// The default colour is -1, which curses reads as the terminal's own colour once
    /// `use_default_colors` has run. An index the terminal has stays as it is. Any other index
    /// becomes the nearest, by RGB distance, of the terminal's first 8 or 16 colours, which
    /// all colour terminals have.
    static func colorNumber(_ color: TerminalColor, colorCount: Int) -> Int32 {
        guard case .indexed(let index) = color, colorCount >= 8 else { return -1 }
        if Int(index) < colorCount {
            return Int32(index)
        }
        let target = rgb(ofIndex: Int(index))
        let candidates = 0..<min(colorCount, 16)
        let nearest = candidates.min { left, right in
            distance(rgb(ofIndex: left), target) < distance(rgb(ofIndex: right), target)
        }
        return Int32(nearest ?? -1)
    }

    /// Returns the red, green and blue levels (0–255) of a palette index as xterm shows them.
    static func rgb(ofIndex index: Int) -> (red: Int, green: Int, blue: Int) {
        switch index {
        case 0..<16:
            return basicColors[index]
        case 16..<232:
            let cube = index - 16
            let levels = [0, 95, 135, 175, 215, 255]
            return (levels[cube / 36], levels[(cube / 6) % 6], levels[cube % 6])
        default:
            let grey = 8 + 10 * (min(index, 255) - 232)
            return (grey, grey, grey)
        }
    }

    /// xterm's default values for the 16 themable colours.
    private static let basicColors: [(red: Int, green: Int, blue: Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    private static func distance(
        _ left: (red: Int, green: Int, blue: Int), _ right: (red: Int, green: Int, blue: Int)
    ) -> Int {
        let red = left.red - right.red
        let green = left.green - right.green
        let blue = left.blue - right.blue
        return red * red + green * green + blue * blue
    }
}
