@preconcurrency import Glibc
import Plot

/// The process locale as the screen needs it, and the glyphs that the terminal can show.
enum TerminalLocale {
    /// Applies the user's locale and returns the glyph set that matches it.
    ///
    /// When the user's character encoding is not UTF-8, the character type switches to
    /// C.UTF-8 anyway, because without it curses draws no wide characters and readline drops
    /// non-ASCII input. The glyphs stay ASCII in that case, since the terminal itself was set
    /// up for the user's locale. Numbers keep the C locale, so that no library formats a
    /// decimal comma.
    static func configure() -> GlyphSet {
        setlocale(LC_ALL, "")
        setlocale(LC_NUMERIC, "C")
        if isUTF8 {
            return .unicode
        }
        setlocale(LC_CTYPE, "C.UTF-8")
        return .ascii
    }

    /// Whether the current character type encodes UTF-8.
    static var isUTF8: Bool {
        String(cString: nl_langinfo(nl_item(CODESET))) == "UTF-8"
    }
}
