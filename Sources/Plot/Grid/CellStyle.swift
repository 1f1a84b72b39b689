/// A terminal colour: the terminal's own default, or an entry of the 256-colour palette.
///
/// Indices 0–15 are the terminal's themable colours, 16–231 a 6×6×6 colour cube and 232–255 a
/// grey ramp, as in xterm's 256-colour mode.
public enum TerminalColor: Hashable, Sendable {
    case `default`
    case indexed(UInt8)

    /// Returns the colour cube entry for the given levels, each clamped to 0...5.
    ///
    /// ```
    /// index = 16 + 36 * red + 6 * green + blue
    /// ```
    ///
    /// - Parameters:
    ///   - red: The red level, 0 to 5.
    ///   - green: The green level, 0 to 5.
    ///   - blue: The blue level, 0 to 5.
    public static func cube(red: Int, green: Int, blue: Int) -> TerminalColor {
        let levels = [red, green, blue].map { min(max($0, 0), 5) }
        return .indexed(UInt8(16 + 36 * levels[0] + 6 * levels[1] + levels[2]))
    }
}

/// The colours and attributes of one grid cell.
public struct CellStyle: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool

    /// The terminal's default colours with no attributes.
    public static let plain = CellStyle()

    public init(
        foreground: TerminalColor = .default, background: TerminalColor = .default,
        bold: Bool = false, dim: Bool = false, reverse: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
    }
}
