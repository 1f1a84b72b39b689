/* C signal handling for LayerLab's screen and its line-mode prompt. Signal handlers must be
 * async-signal-safe, which Swift code cannot promise, so they live here and only set flags,
 * restore the terminal or write out captured standard error. */
#ifndef LAYERLAB_CSUPPORT_H
#define LAYERLAB_CSUPPORT_H

/* Saves the terminal modes of `fd` so the crash handler can restore them. Call it before the
 * screen changes any mode. Returns 0 on success, -1 when `fd` is not a terminal. */
int ll_save_terminal(int fd);

/* Installs the signal handlers and unblocks their signals in the calling thread.
 * - SIGINT counts into ll_interrupt_count.
 * - SIGTERM, SIGHUP and SIGPIPE set ll_termination_signal.
 * - SIGSEGV, SIGBUS, SIGILL, SIGFPE and SIGABRT leave the alternate screen, show the cursor,
 *   restore the saved modes and release standard error. Then the previous handler runs,
 *   which is the Swift runtime's backtracer.
 * Install them before curses starts, because ncurses only adds its own handlers for signals
 * still at their default. */
void ll_install_signal_handlers(void);

/* Restores the saved terminal modes and leaves the alternate screen; safe to call anywhere. */
void ll_restore_terminal(void);

/* Sends what is written to standard error (fd 2) to an in-memory file from now on, because it
 * would land in the middle of the screen. Returns 0 on success, -1 when fd 2 stays as it was.
 * The file grows with what is written and is only read back by ll_release_stderr. */
int ll_capture_stderr(void);

/* Points standard error back at the terminal and writes out what was captured since
 * ll_capture_stderr. Async-signal-safe, so the crash handler calls it too, after restoring
 * the terminal: the message of a fatal error then appears above the backtrace. Does nothing
 * when nothing is captured. */
void ll_release_stderr(void);

/* The number of SIGINTs received so far. */
int ll_interrupt_count(void);

/* The last of SIGTERM, SIGHUP or SIGPIPE received, or 0. */
int ll_termination_signal(void);

#endif
