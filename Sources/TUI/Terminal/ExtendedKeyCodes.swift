@preconcurrency import CNCursesW

/// Turns curses key codes into `Key` values.
///
/// Curses has fixed codes for the classic keys (KEY_UP, KEY_F(n)). Keys with modifiers, such as
/// Alt-Left, get codes only at run time from the terminal's description, so they are looked
/// up when the screen opens.
struct ExtendedKeyCodes {
    private let altLeft: Int32
    private let altRight: Int32
    private let controlLeft: Int32
    private let controlRight: Int32

    /// Looks up the modifier keys of the current terminal. Call it after `newterm`.
    init() {
        altLeft = ll_key_code("kLFT3")
        altRight = ll_key_code("kRIT3")
        controlLeft = ll_key_code("kLFT5")
        controlRight = ll_key_code("kRIT5")
    }

    /// Returns the key of a code that `getch` returned.
    func key(for code: Int32) -> Key {
        if (0...255).contains(code) {
            return .byte(UInt8(code))
        }
        if (ll_key_f(1)...ll_key_f(12)).contains(code) {
            return .function(Int(code - ll_key_f(0)))
        }
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_RESIZE: return .resize
        default: break
        }
        // A code of 0 means that the terminal lacks the key, so it never matches.
        switch code {
        case altLeft: return .altLeft
        case altRight: return .altRight
        case controlLeft: return .controlLeft
        case controlRight: return .controlRight
        default: return .other(code)
        }
    }
}
