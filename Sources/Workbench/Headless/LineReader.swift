import Glibc

/// Reads lines from a file descriptor and stops waiting when a signal arrives.
///
/// Swift's `readLine()` blocks in `read` until a line comes, and the signal handlers restart
/// `read` after a signal, so a prompt blocked there would notice SIGHUP only at the next line.
/// This reader waits in `poll`, which a signal interrupts, and looks at `isSignaled` at least
/// every `pollInterval` in case the signal came just before `poll` began. Lines end at `\n`,
/// a `\r` before it is dropped, invalid UTF-8 becomes U+FFFD, and the text after the last
/// `\n` is a line of its own at the end of input.
final class LineReader {
    enum Event: Equatable {
        case line(String)
        /// The input ended, or reading it failed.
        case end
        /// `isSignaled` returned true while the reader waited.
        case signal
        /// The terminal hung up: its connection closed before its SIGHUP arrived here.
        case hangUp
    }

    let fileDescriptor: Int32
    /// The maximum wait in `poll` before `isSignaled` is asked again, in milliseconds.
    let pollInterval: Int32
    private var buffer: [UInt8] = []
    private var reachedEnd = false
    private var hungUp = false
    /// Whether the descriptor is a terminal, on which POLLHUP means a hang-up. On a pipe it
    /// means only that the writer closed it.
    private let isTerminal: Bool

    init(fileDescriptor: Int32, pollInterval: Int32 = 200) {
        self.fileDescriptor = fileDescriptor
        self.pollInterval = pollInterval
        isTerminal = isatty(fileDescriptor) == 1
    }

    /// Returns the next line, or `.signal` as soon as `isSignaled` returns true, which it is
    /// asked before anything else. Lines already read stay buffered for the next call.
    func next(isSignaled: () -> Bool) -> Event {
        while true {
            if isSignaled() {
                return .signal
            }
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var line = buffer[..<newline]
                if line.last == UInt8(ascii: "\r") {
                    line = line.dropLast()
                }
                let text = String(decoding: line, as: UTF8.self)
                buffer.removeSubrange(...newline)
                return .line(text)
            }
            if reachedEnd {
                guard !buffer.isEmpty else { return hungUp ? .hangUp : .end }
                let text = String(decoding: buffer, as: UTF8.self)
                buffer = []
                return .line(text)
            }
            waitAndRead()
        }
    }

    /// Waits at most `pollInterval` for input and appends what one `read` returns.
    private func waitAndRead() {
        var request = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&request, 1, pollInterval)
        if ready < 0 {
            // EINTR: a signal arrived, which the next turn of the loop looks at.
            if errno != EINTR { reachedEnd = true }
            return
        }
        guard ready > 0 else { return }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = read(fileDescriptor, &chunk, chunk.count)
        if count > 0 {
            buffer += chunk[..<count]
        } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
            // A hung-up terminal reads as end of input, as Ctrl-D does, but polls as POLLHUP.
            reachedEnd = true
            hungUp = isTerminal && request.revents & Int16(POLLHUP) != 0
        }
    }
}
