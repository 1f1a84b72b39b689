#include "CSupport.h"

#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved_modes;
static int saved_fd = -1;
static volatile sig_atomic_t interrupts = 0;
static volatile sig_atomic_t termination = 0;

enum { crash_signal_count = 5 };
static const int crash_signals[crash_signal_count] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT };
static struct sigaction previous_crash_actions[crash_signal_count];

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

static void on_interrupt(int signal_number) {
    (void)signal_number;
    interrupts++;
}

static void on_termination(int signal_number) {
    termination = signal_number;
}

static void on_crash(int signal_number) {
    ll_restore_terminal();
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

    action.sa_handler = on_interrupt;
    sigaction(SIGINT, &action, NULL);

    action.sa_handler = on_termination;
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    sigaction(SIGPIPE, &action, NULL);

    action.sa_handler = on_crash;
    action.sa_flags = SA_RESETHAND;
    for (int i = 0; i < crash_signal_count; i++) {
        sigaction(crash_signals[i], &action, &previous_crash_actions[i]);
    }
}

int ll_interrupt_count(void) { return interrupts; }

int ll_termination_signal(void) { return termination; }
