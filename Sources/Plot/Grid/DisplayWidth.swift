/// Terminal column widths of characters and strings.
///
/// A `Character` is a grapheme cluster, so combining marks and emoji modifiers already travel
/// with their base character and need no width of their own. The width of a cluster is the
/// width of its first scalar, except that an emoji presentation selector (U+FE0F) makes it 2.
///
/// - 0 for control characters and for zero-width scalars (format characters, variation
///   selectors, a combining mark that begins a cluster). Text drawing skips these.
/// - 2 for East Asian Wide and Fullwidth scalars (CJK, Hangul, kana, fullwidth forms) and for
///   the emoji blocks.
/// - 1 for everything else, braille patterns (U+2800–U+28FF) and East Asian Ambiguous
///   characters such as box drawing included.
///
/// NOTE: the emoji ranges follow whole blocks, so the few emoji that terminals draw narrow
/// (text presentation, such as U+1F321 thermometer) count as 2 here.
extension Character {
    /// The number of terminal columns the character occupies: 0, 1 or 2.
    public var displayWidth: Int {
        let scalars = unicodeScalars
        guard let first = scalars.first else { return 0 }
        let width = DisplayWidthTable.width(of: first.value)
        if width == 1 && scalars.contains(where: { $0.value == 0xFE0F }) {
            return 2
        }
        return width
    }
}

extension String {
    /// The number of terminal columns the string occupies: the sum of its characters' widths.
    public var displayWidth: Int {
        var total = 0
        for character in self {
            total += character.displayWidth
        }
        return total
    }

    /// Returns the string cut to at most `width` columns, ending in `ellipsis` when cut.
    ///
    /// A wide character that would straddle the limit is left out. When `width` is smaller than
    /// the ellipsis plus one column, the string is cut without an ellipsis.
    public func truncated(toDisplayWidth width: Int, ellipsis: String = "…") -> String {
        guard displayWidth > width else { return self }
        let ellipsisWidth = ellipsis.displayWidth
        let useEllipsis = width > ellipsisWidth
        let budget = useEllipsis ? width - ellipsisWidth : max(0, width)
        var result = ""
        var used = 0
        for character in self {
            let characterWidth = character.displayWidth
            if used + characterWidth > budget { break }
            result.append(character)
            used += characterWidth
        }
        return useEllipsis ? result + ellipsis : result
    }

    /// Returns the string with each control character (line breaks and tabs included) replaced
    /// by a space, so that the text stays on one line of fixed width.
    func replacingControlCharacters() -> String {
        var result = ""
        for character in self {
            let isControl = character.unicodeScalars.first.map(DisplayWidthTable.isControl)
            result.append(isControl == true ? " " : character)
        }
        return result
    }
}

/// Unicode scalar ranges with a column width other than 1.
enum DisplayWidthTable {
    /// Returns whether the scalar is a C0 or C1 control character or DEL.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Returns the width of a scalar that begins a grapheme cluster.
    static func width(of value: UInt32) -> Int {
        if value < 0x20 || (0x7F...0x9F).contains(value) { return 0 }
        if value < 0x300 { return 1 }
        if contains(zeroWidth, value) { return 0 }
        if contains(wide, value) { return 2 }
        return 1
    }

    private static func contains(_ ranges: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = ranges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }

    /// Combining marks, zero-width spaces and joiners, bidirectional and invisible format
    /// characters, and variation selectors. Sorted, so that `contains` can bisect.
    private static let zeroWidth: [ClosedRange<UInt32>] = [
        0x0300...0x036F, 0x0483...0x0489, 0x0591...0x05BD, 0x0610...0x061A, 0x064B...0x065F,
        0x0E31...0x0E31, 0x0E34...0x0E3A, 0x0E47...0x0E4E, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF,
        0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x20D0...0x20FF, 0xFE00...0xFE0F,
        0xFE20...0xFE2F, 0xFEFF...0xFEFF, 0xE0100...0xE01EF,
    ]

    /// East Asian Wide and Fullwidth scalars and the emoji blocks. Sorted, so that `contains`
    /// can bisect.
    private static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
        0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
        0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
        0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
        0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
        0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF,
        0x1B000...0x1B2FF, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E,
        0x1F191...0x1F19A, 0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248,
        0x1F250...0x1F251, 0x1F260...0x1F265, 0x1F300...0x1F64F, 0x1F680...0x1F6FF,
        0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD,
        0x30000...0x3FFFD,
    ]
}
