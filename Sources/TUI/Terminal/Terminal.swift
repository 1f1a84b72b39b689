@preconcurrency import CNCursesW
import CSupport
@preconcurrency import Glibc
import Plot

/// Whether the curses screen is open and must be ended before the process exits. The exit
/// handler reads it, and that handler may run on any thread that calls `exit`.
nonisolated(unsafe) private var screenNeedsEnding = false

/// Ends the curses screen when the process exits with it still open, so that an `exit` call
/// anywhere leaves the terminal's modes as they were.
private func endScreenAtExit() {
    if screenNeedsEnding {
        screenNeedsEnding = false
        endwin()
        ll_release_stderr()
    }
}

/// The curses screen: opens and closes it, reads keys, and copies character grids onto it.
///
/// Curses keeps global state, so only the main actor uses this type.
@MainActor
final class Terminal {
    /// The reason the screen cannot open on this terminal.
    struct Unavailable: Error {
        var reason: String
    }

    let glyphs: GlyphSet
    private let colorPairs: ColorPairs?
    private let keyCodes: ExtendedKeyCodes
    private var isOpen = true

    /// The grid of the last `drawScreen` call, which is what the screen shows unless the
    /// terminal was resized since.
    private var screenGrid: CharGrid?

    /// The wide string of one cell: a character, up to three combining marks and a 0, reused
    /// so that drawing a cell allocates nothing.
    private var cellText = [wchar_t](repeating: 0, count: 5)

    var width: Int { Int(ll_cols()) }
    var height: Int { Int(ll_lines()) }

    /// Opens the screen on standard output, reading keys from standard input.
    ///
    /// Install the signal handlers and save the terminal modes before calling it: curses adds
    /// its own handlers only for signals that still have their default action.
    ///
    /// - Parameter environment: The process environment. `TERM` names the terminal, and a
    ///   non-empty `NO_COLOR` turns colours off.
    static func open(environment: [String: String]) throws(Unavailable) -> Terminal {
        let glyphs = TerminalLocale.configure()
        let term = environment["TERM"] ?? ""
        guard let screen = newterm(nil, stdout, stdin) else {
            throw Unavailable(reason: "no terminal description for TERM=\(term)")
        }
        set_term(screen)
        guard ll_has_cursor_addressing() != 0 else {
            endwin()
            delscreen(screen)
            throw Unavailable(reason: "TERM=\(term) cannot move the cursor")
        }
        screenNeedsEnding = true
        atexit(endScreenAtExit)
        // Messages written to standard error would scatter over the screen. They are shown
        // when the screen closes, or above the backtrace after a crash.
        ll_capture_stderr()

        raw()
        noecho()
        nonl()
        meta(ll_stdscr(), true)
        keypad(ll_stdscr(), true)
        nodelay(ll_stdscr(), true)
        set_escdelay(25)

        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let colorPairs = !noColor && has_colors() ? ColorPairs() : nil
        return Terminal(glyphs: glyphs, colorPairs: colorPairs)
    }

    private init(glyphs: GlyphSet, colorPairs: ColorPairs?) {
        self.glyphs = glyphs
        self.colorPairs = colorPairs
        self.keyCodes = ExtendedKeyCodes()
    }

    /// Whether cells are drawn in colour: the terminal has colours and NO_COLOR is not set.
    var usesColor: Bool { colorPairs != nil }

    /// Ends the screen and puts the terminal's modes back as they were before `open`.
    func close() {
        guard isOpen else { return }
        isOpen = false
        screenNeedsEnding = false
        endwin()
        ll_release_stderr()
    }

    /// Returns the next key press, or `nil` when no input is waiting.
    func readKey() -> Key? {
        let code = getch()
        guard code != ERR else { return nil }
        let key = keyCodes.key(for: code)
        if key == .resize {
            // Curses has resized its screen, so its cells no longer match the last grid.
            screenGrid = nil
        }
        return key
    }

    /// Copies a grid of the whole screen onto it, skipping the cells that equal those of the
    /// previous call. Curses would send only the changed cells to the terminal anyway, but
    /// handing it every cell of a 160x50 screen 30 times a second costs more than comparing.
    func drawScreen(_ grid: CharGrid) {
        let previous = screenGrid.flatMap { last in
            last.width == grid.width && last.height == grid.height ? last : nil
        }
        draw(grid, top: 0, unchangedSince: previous)
        screenGrid = grid
    }

    /// Copies `grid` onto the screen with its top-left cell at row `top`, column 0, clipped
    /// at the screen's edges.
    ///
    /// - Parameter previous: A grid of the same size whose cells the screen shows there now.
    ///   Cells equal to its cells are not drawn again.
    func draw(_ grid: CharGrid, top: Int = 0, unchangedSince previous: CharGrid? = nil) {
        let rows = min(grid.height, height - top)
        let columns = min(grid.width, width)
        guard rows > 0, columns > 0 else { return }
        for row in 0..<rows {
            let start = row * grid.width
            var column = 0
            while column < columns {
                let cell = grid.cells[start + column]
                if cell.isContinuation || previous?.cells[start + column] == cell {
                    column += 1
                    continue
                }
                column += put(cell, y: top + row, x: column, limit: columns)
            }
        }
    }

    /// Places the terminal's cursor, which stays visible there after the next `refresh`.
    func placeCursor(row: Int, column: Int) {
        move(Int32(row), Int32(column))
    }

    /// Clears the whole screen, for the next `draw` calls to start from blank cells.
    func erase() {
        werase(ll_stdscr())
    }

    /// Sends everything drawn since the last refresh to the terminal, in one write.
    func refresh() {
        wrefresh(ll_stdscr())
    }

    /// Draws one cell and returns the number of columns it took.
    private func put(_ cell: Cell, y: Int, x: Int, limit: Int) -> Int {
        var attributes = ll_a_normal()
        if cell.style.bold { attributes |= ll_a_bold() }
        if cell.style.dim { attributes |= ll_a_dim() }
        if cell.style.reverse { attributes |= ll_a_reverse() }
        let pair = colorPairs?.pair(for: cell.style) ?? 0

        // Printable ASCII, most of the screen, is one column wide everywhere.
        if let ascii = cell.character.asciiValue, ascii >= 0x20, ascii < 0x7F {
            setCellText(wchar_t(ascii))
            ll_put_cell(Int32(y), Int32(x), cellText, attributes, pair)
            return 1
        }

        setCellText(cell.character)
        let planned = cell.character.displayWidth
        let curses = Int(ll_wcwidth(UInt32(bitPattern: cellText[0])))

        // Plot and the C library may disagree on a character's width. The grid's layout wins:
        // a character too wide for its cells becomes "?", and a wide cell pair that the C
        // library draws narrow gets a space in its right half.
        if curses < 1 || curses > planned || x + curses > limit {
            setCellText(wchar_t(UInt8(ascii: "?")))
        }
        ll_put_cell(Int32(y), Int32(x), cellText, attributes, pair)
        if planned == 2 && curses == 1 && x + 1 < limit {
            setCellText(wchar_t(UInt8(ascii: " ")))
            ll_put_cell(Int32(y), Int32(x + 1), cellText, attributes, pair)
        }
        return max(planned, 1)
    }

    /// Stores one wide character in `cellText`.
    private func setCellText(_ character: wchar_t) {
        cellText[0] = character
        cellText[1] = 0
    }

    /// Stores the character's first scalar and up to three combining marks in `cellText`, as a
    /// curses cell stores them. Without Unicode glyphs, non-ASCII characters become "?", since
    /// the terminal may not show them.
    private func setCellText(_ character: Character) {
        var index = 0
        for scalar in character.unicodeScalars.prefix(cellText.count - 1) {
            let drawn = glyphs.isUnicode || scalar.isASCII ? scalar : "?"
            cellText[index] = wchar_t(bitPattern: drawn.value)
            index += 1
        }
        if index == 0 {
            cellText[0] = wchar_t(UInt8(ascii: " "))
            index = 1
        }
        cellText[index] = 0
    }
}
