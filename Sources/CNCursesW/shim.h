/* ncursesw for Swift. SwiftPM drops pkg-config's -D flags, so the wide-character API is
 * switched on here; macros and C globals that Swift cannot import get inline accessors. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

/* glibc declares wcwidth only with _XOPEN_SOURCE. */
extern int wcwidth(wchar_t c);

static inline int ll_wcwidth(unsigned c) { return wcwidth((wchar_t)c); }
static inline WINDOW *ll_stdscr(void) { return stdscr; }
static inline int ll_lines(void) { return LINES; }
static inline int ll_cols(void) { return COLS; }
static inline int ll_colors(void) { return COLORS; }
static inline int ll_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t ll_a_normal(void) { return A_NORMAL; }
static inline attr_t ll_a_bold(void) { return A_BOLD; }
static inline attr_t ll_a_dim(void) { return A_DIM; }
static inline attr_t ll_a_reverse(void) { return A_REVERSE; }
static inline attr_t ll_a_underline(void) { return A_UNDERLINE; }
static inline int ll_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int ll_key_f(int n) { return KEY_F(n); }
static inline int ll_has_cursor_addressing(void) {
    char *s = tigetstr("cup");
    return s != NULL && s != (char *)-1;
}

/* The key code ncurses returns for the terminfo key capability `name` (such as "kLFT3",
 * Alt-Left), or 0 when the terminal does not define that key. */
static inline int ll_key_code(const char *name) {
    char *sequence = tigetstr(name);
    if (sequence == NULL || sequence == (char *)-1) return 0;
    int code = key_defined(sequence);
    return code > 0 ? code : 0;
}

/* Draws one character cell with an extended colour pair, which the short pair argument of
 * setcchar cannot hold above 32767. Returns ERR when the character is not printable. */
static inline int ll_put_cell(int y, int x, const wchar_t *text, attr_t attributes, int pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attributes, (short)0, &pair) == ERR) return ERR;
    return mvadd_wch(y, x, &cell);
}
