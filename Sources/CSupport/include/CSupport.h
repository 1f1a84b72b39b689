/* C signal handling for LayerLab's screen. Signal handlers must be async-signal-safe, which
 * Swift code cannot promise, so they live here and only set flags or restore the terminal. */
#ifndef LAYERLAB_CSUPPORT_H
#define LAYERLAB_CSUPPORT_H

/* Saves the terminal modes of `fd` so the crash handler can restore them. Call it before the
 * screen changes any mode. Returns 0 on success, -1 when `fd` is not a terminal. */
int ll_save_terminal(int fd);

/* Installs handlers: SIGINT counts into ll_interrupt_count; SIGTERM, SIGHUP and SIGPIPE set
 * ll_termination_signal; SIGSEGV, SIGBUS, SIGILL, SIGFPE and SIGABRT leave the alternate
 * screen, show the cursor, restore the saved modes and then run the previous handler (the
 * Swift runtime's backtracer). Install them before curses starts, because ncurses only adds
 * its own handlers for signals still at their default. */
void ll_install_signal_handlers(void);

/* Restores the saved terminal modes and leaves the alternate screen; safe to call anywhere. */
void ll_restore_terminal(void);

/* The number of SIGINTs received so far. */
int ll_interrupt_count(void);

/* The last of SIGTERM, SIGHUP or SIGPIPE received, or 0. */
int ll_termination_signal(void);

#endif
