/// A key press as the screen reads it from the terminal: one byte of typed text, or a key that
/// curses recognized and named.
enum Key: Equatable, Sendable {
    /// A byte of typed text or a control character. UTF-8 text arrives one byte at a time.
    case byte(UInt8)
    case up, down, left, right
    case home, end, delete, backspace, enter
    case pageUp, pageDown
    /// F1 to F12 as `function(1)` to `function(12)`.
    case function(Int)
    case altLeft, altRight
    case controlLeft, controlRight
    /// The terminal changed size. Curses has already resized its screen.
    case resize
    /// Any other key code curses returns.
    case other(Int32)
}
