/* memfd_create is a GNU extension. */
#define _GNU_SOURCE
#include "CSupport.h"

#include <signal.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved_modes;
static int saved_fd = -1;
static volatile sig_atomic_t interrupts = 0;
static volatile sig_atomic_t termination = 0;
static int captured_stderr = -1;
static int terminal_stderr = -1;

enum { crash_signal_count = 5 };
static const int crash_signals[crash_signal_count] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT };
static struct sigaction previous_crash_actions[crash_signal_count];

enum { flag_signal_count = 4 };
static const int flag_signals[flag_signal_count] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };

int ll_save_terminal(int fd) {
    if (tcgetattr(fd, &saved_modes) != 0) return -1;
    saved_fd = fd;
    return 0;
}

void ll_restore_terminal(void) {
    /* Leave the alternate screen, show the cursor and reset colours; write() is
     * async-signal-safe, unlike stdio. */
    static const char reset[] = "\033[?1049l\033[?25h\033[0m\r\n";
    if (saved_fd >= 0) {
        ssize_t ignored = write(saved_fd, reset, sizeof reset - 1);
        (void)ignored;
        tcsetattr(saved_fd, TCSANOW, &saved_modes);
    }
}

int ll_capture_stderr(void) {
    int capture = memfd_create("layerlab-stderr", MFD_CLOEXEC);
    if (capture < 0) return -1;
    int terminal = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
    if (terminal < 0 || dup2(capture, STDERR_FILENO) < 0) {
        close(capture);
        if (terminal >= 0) close(terminal);
        return -1;
    }
    captured_stderr = capture;
    terminal_stderr = terminal;
    return 0;
}

void ll_release_stderr(void) {
    if (terminal_stderr < 0) return;
    dup2(terminal_stderr, STDERR_FILENO);
    char buffer[4096];
    off_t offset = 0;
    ssize_t count;
    while ((count = pread(captured_stderr, buffer, sizeof buffer, offset)) > 0) {
        offset += count;
        for (ssize_t written = 0; written < count;) {
            ssize_t step = write(STDERR_FILENO, buffer + written, (size_t)(count - written));
            if (step <= 0) break;
            written += step;
        }
    }
    close(captured_stderr);
    close(terminal_stderr);
    captured_stderr = -1;
    terminal_stderr = -1;
}

static void on_interrupt(int signal_number) {
    (void)signal_number;
    interrupts++;
}

static void on_termination(int signal_number) {
    termination = signal_number;
}

static void on_crash(int signal_number) {
    ll_restore_terminal();
    ll_release_stderr();
    for (int i = 0; i < crash_signal_count; i++) {
        if (crash_signals[i] != signal_number) continue;
        /* Hand the signal to whoever handled it before us, or to the default action. */
        sigaction(signal_number, &previous_crash_actions[i], NULL);
        raise(signal_number);
        return;
    }
}

void ll_install_signal_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);

    /* SA_RESTART keeps a signal from failing the blocking calls of other threads (EINTR). */
    action.sa_flags = SA_RESTART;
    for (int i = 0; i < flag_signal_count; i++) {
        action.sa_handler = flag_signals[i] == SIGINT ? on_interrupt : on_termination;
        sigaction(flag_signals[i], &action, NULL);
    }

    action.sa_handler = on_crash;
    action.sa_flags = SA_RESETHAND;
    for (int i = 0; i < crash_signal_count; i++) {
        sigaction(crash_signals[i], &action, &previous_crash_actions[i]);
    }

    /* A parent may start us with signals blocked (a thread of a dispatch pool blocks nearly
     * all), which would keep the flags from ever being set. Threads started later inherit
     * this mask. */
    sigset_t handled;
    sigemptyset(&handled);
    for (int i = 0; i < flag_signal_count; i++) sigaddset(&handled, flag_signals[i]);
    for (int i = 0; i < crash_signal_count; i++) sigaddset(&handled, crash_signals[i]);
    sigprocmask(SIG_UNBLOCK, &handled, NULL);
}

int ll_interrupt_count(void) { return interrupts; }

int ll_termination_signal(void) { return termination; }
