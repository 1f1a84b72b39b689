/// Plain ASCII text for a terminal whose locale is not UTF-8, where LayerLab's tables, bars
/// and formulas would show as `?`.
public enum ASCIIText {
    /// Returns `text` with box drawing as `-`, `|` and `+`, block elements as bars and shades of
    /// ASCII, braille dots as `*`, and the notation of formulas in the words of
    /// `StepNotation.ascii`. Any other character beyond ASCII becomes `?`.
    public static func plain(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        var drawn = ""
        drawn.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let replacement = drawing(scalar) {
                drawn.unicodeScalars.append(replacement)
            } else {
                drawn.unicodeScalars.append(scalar)
            }
        }
        return StepNotation.ascii(drawn)
    }

    /// Returns the ASCII character for a box drawing, block or braille character, or `nil`
    /// for any other character.
    private static func drawing(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x2500, 0x2501, 0x2504, 0x2505, 0x2508, 0x2509, 0x254C, 0x254D, 0x2550:
            "-"
        case 0x2502, 0x2503, 0x2506, 0x2507, 0x250A, 0x250B, 0x254E, 0x254F, 0x2551:
            "|"
        case 0x2500...0x257F:
            "+"
        case 0x2581, 0x2582:
            "_"
        case 0x2583, 0x2584:
            "-"
        case 0x2585, 0x2586:
            "="
        case 0x2591:
            "."
        case 0x2592:
            ":"
        case 0x2580...0x259F:
            "#"
        case 0x2800:
            " "
        case 0x2801...0x28FF:
            "*"
        default:
            nil
        }
    }
}
