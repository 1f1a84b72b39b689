/// The characters that tables and charts draw with: Unicode box drawing, blocks and braille, or
/// a plain ASCII fallback for terminals whose locale is not UTF-8.
///
/// The caller chooses the set, usually with `GlyphSet.preferred(environment:)`, and passes it to
/// every chart, so that one screen never mixes the two.
public struct GlyphSet: Equatable, Sendable {
    /// Whether the set uses characters beyond ASCII.
    public var isUnicode: Bool

    /// Whether line charts plot with braille dots (2 by 4 per cell) instead of marker
    /// characters (1 per cell).
    public var usesBraille: Bool

    public var horizontal: Character
    public var vertical: Character
    public var cross: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character

    /// The tick mark on a vertical axis, pointing left at its label: `┤` or `+`.
    public var verticalAxisTick: Character

    /// The tick mark on a horizontal axis, pointing down at its label: `┬` or `+`.
    public var horizontalAxisTick: Character

    /// The text that ends a truncated string.
    public var ellipsis: String

    /// Bars of rising height, lowest first, for sparklines and vertical histogram bars.
    /// The last one fills a whole cell.
    public var verticalBars: [Character]

    /// Bars of rising length, shortest first, for horizontal histogram bars.
    /// The last one fills a whole cell.
    public var horizontalBars: [Character]

    /// Shades of rising density, empty first, for heatmaps without colour.
    public var shades: [Character]

    /// The upper half block, `▀`, that heatmaps colour with two values per cell, or `nil` when
    /// the set has none.
    public var upperHalfBlock: Character?

    /// The markers that line charts without braille give to their series, in order.
    public var seriesMarkers: [Character]

    /// The table style that matches the set.
    public var tableStyle: TextTable.Style

    /// Box drawing, eighth blocks, shades, braille and half blocks.
    public static let unicode = GlyphSet(
        isUnicode: true, usesBraille: true,
        horizontal: "─", vertical: "│", cross: "┼",
        topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        verticalAxisTick: "┤", horizontalAxisTick: "┬", ellipsis: "…",
        verticalBars: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        horizontalBars: ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"],
        shades: [" ", "░", "▒", "▓", "█"],
        upperHalfBlock: "▀",
        seriesMarkers: ["*", "o", "+", "x", "#", "@"],
        tableStyle: .unicode)

    /// Printable ASCII only.
    public static let ascii = GlyphSet(
        isUnicode: false, usesBraille: false,
        horizontal: "-", vertical: "|", cross: "+",
        topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        verticalAxisTick: "+", horizontalAxisTick: "+", ellipsis: "...",
        verticalBars: ["_", "-", "=", "#"],
        horizontalBars: ["#"],
        shades: [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"],
        upperHalfBlock: nil,
        seriesMarkers: ["*", "o", "+", "x", "#", "@"],
        tableStyle: .ascii)

    /// Returns `unicode` when the locale's character encoding is UTF-8, and `ascii` otherwise.
    ///
    /// The locale is the first non-empty value of `LC_ALL`, `LC_CTYPE` and `LANG`, as C programs
    /// resolve it. A locale with no encoding (such as `C` or `POSIX`) or none at all is ASCII.
    ///
    /// - Parameter environment: The process environment, or a test's stand-in for it.
    public static func preferred(environment: [String: String]) -> GlyphSet {
        let names = ["LC_ALL", "LC_CTYPE", "LANG"]
        let locale = names.lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let encoding = locale.split(separator: ".").dropFirst().first.map {
            $0.split(separator: "@").first ?? ""
        }
        let normalized = String(encoding ?? "").lowercased().filter { $0 != "-" }
        return normalized == "utf8" ? .unicode : .ascii
    }
}
