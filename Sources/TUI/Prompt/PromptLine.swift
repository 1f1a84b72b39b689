@preconcurrency import CReadline
import Foundation
@preconcurrency import Glibc

/// The readline prompt on the screen's last row, driven through readline's callback interface.
///
/// Readline never touches the terminal. The screen reads keys with curses and feeds their
/// bytes to `feed`, readline edits the line, and its redisplay only marks the row as changed.
/// The screen then draws `layout(width:)`.
///
/// Readline's own terminal setup is replaced by no-ops, because it would turn ISIG back on and
/// make Ctrl-C a signal instead of byte 3. Readline also must not export LINES and COLUMNS,
/// since curses would then trust them over the terminal's real size after a resize.
///
/// NOTE: a reverse search (Ctrl-R) ends at the first non-ASCII byte typed into it, and that
/// byte goes into the line instead. Readline's own display searches such text, so the cause
/// is somewhere in how this bridge drives readline.
@MainActor
final class PromptLine {
    static let prompt = "layerlab> "

    /// The prompt the readline callbacks report to. Readline calls them on the main actor,
    /// from inside `feed`.
    fileprivate static var current: PromptLine?

    /// Receives each line entered, or `nil` for Ctrl-D on an empty line.
    var onLine: (String?) -> Void = { _ in }

    /// Receives text for the output log: the list of completions, and history errors.
    var onMessage: (String) -> Void = { _ in }

    /// Whether readline changed the line or the prompt since the last `layout`.
    private(set) var needsDrawing = true

    private var pending: [UInt8] = []
    private var isInstalled = false
    private var scrollOffset = 0
    private var historyPath: String?

    init(historyPath: String?) {
        self.historyPath = historyPath
    }

    /// Sets readline up for the screen and shows an empty prompt. Call it once, after the
    /// callbacks are set.
    func install(width: Int) {
        PromptLine.current = self
        rl_readline_name = UnsafePointer(strdup("layerlab"))
        rl_change_environment = 0
        rl_catch_signals = 0
        rl_catch_sigwinch = 0
        rl_prep_term_function = readlinePrepareTerminal
        rl_deprep_term_function = readlineRestoreTerminal
        rl_getc_function = readlineGetCharacter
        rl_input_available_hook = readlineInputAvailable
        rl_redisplay_function = readlineRedisplay
        rl_attempted_completion_function = readlineComplete
        rl_completion_display_matches_hook = readlineDisplayMatches
        rl_completer_word_break_characters = UnsafePointer(strdup(" \t\n"))
        // Readline writes nothing with these callbacks, but a stray bell or newline would land
        // in the middle of the screen.
        rl_outstream = fopen("/dev/null", "w")

        loadHistory()
        rl_callback_handler_install(PromptLine.prompt, readlineLineEntered)
        isInstalled = true
        // After install, so that the user's ~/.inputrc cannot turn the bell back on.
        rl_variable_bind("bell-style", "none")
        resize(width: width)
    }

    /// Removes the prompt and trims the history file to `HistoryFile.capacity` lines.
    func uninstall() {
        guard isInstalled else { return }
        isInstalled = false
        rl_callback_handler_remove()
        if let historyPath {
            history_truncate_file(historyPath, Int32(HistoryFile.capacity))
        }
        PromptLine.current = nil
    }

    /// Hands typed bytes to readline, which edits the line and calls `onLine` for each
    /// line entered.
    func feed(_ bytes: [UInt8]) {
        pending.append(contentsOf: bytes)
        // Readline reads one byte per call when it needs one. Checking first keeps it from
        // reading an empty queue, which it would take as end of input.
        while !pending.isEmpty && isInstalled {
            rl_callback_read_char()
        }
    }

    /// Tells readline the row's new width after the terminal was resized.
    func resize(width: Int) {
        rl_set_screen_size(1, Int32(max(width, 1)))
        needsDrawing = true
    }

    /// Whether the line being edited contains any text.
    var hasText: Bool { isInstalled && rl_end > 0 }

    /// Empties the line being edited without entering it or saving it to the history.
    func clearLine() {
        guard isInstalled else { return }
        rl_replace_line("", 0)
        rl_point = 0
        needsDrawing = true
    }

    /// Returns the prompt row's content for a row `width` columns wide.
    func layout(width: Int) -> PromptLayout {
        needsDrawing = false
        let prompt = rl_display_prompt.map { String(cString: $0) } ?? PromptLine.prompt
        // Readline brackets invisible prompt characters with \001 and \002.
        let visiblePrompt = prompt.filter { $0 != "\u{1}" && $0 != "\u{2}" }

        var before = ""
        var after = ""
        if let buffer = rl_line_buffer {
            let end = Int(max(rl_end, 0))
            let point = min(Int(max(rl_point, 0)), end)
            let bytes = UnsafeRawBufferPointer(start: buffer, count: end)
            before = String(decoding: bytes[..<point], as: UTF8.self)
            after = String(decoding: bytes[point...], as: UTF8.self)
        }

        let layout = PromptLayout(
            prompt: visiblePrompt, beforeCursor: before, afterCursor: after, width: width,
            previousOffset: scrollOffset)
        scrollOffset = layout.scrollOffset
        return layout
    }

    fileprivate func takeByte() -> Int32 {
        guard !pending.isEmpty else { return EOF }
        return Int32(pending.removeFirst())
    }

    fileprivate var hasPendingInput: Bool { !pending.isEmpty }

    fileprivate func markChanged() {
        needsDrawing = true
    }

    fileprivate func lineEntered(_ line: String?) {
        if let line {
            remember(line)
        }
        onLine(line)
    }

    fileprivate func showCompletions(_ matches: [String]) {
        let listed = matches.prefix(40).joined(separator: " ")
        let more = matches.count > 40 ? " (and \(matches.count - 40) more)" : ""
        onMessage("completions: \(listed)\(more)")
        needsDrawing = true
    }

    /// Reads the history file into readline, creating it when missing. A failure leaves the
    /// history in memory only and logs why.
    private func loadHistory() {
        stifle_history(Int32(HistoryFile.capacity))
        guard let path = historyPath else {
            onMessage("history is not saved: neither XDG_STATE_HOME nor HOME is set")
            return
        }
        do {
            try HistoryFile.prepare(path: path)
        } catch {
            onMessage("history is not saved: cannot create \(path): \(error.localizedDescription)")
            historyPath = nil
            return
        }
        let status = read_history(path)
        if status != 0 {
            onMessage("history: cannot read \(path): \(String(cString: strerror(status)))")
        }
    }

    /// Adds a line to the history and appends it to the history file, skipping empty lines
    /// and repeats of the previous line. After a failed write the history stays in memory.
    private func remember(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace) else { return }
        if let last = history_get(history_base + history_length - 1)?.pointee.line,
            String(cString: last) == line
        {
            return
        }
        add_history(line)
        guard let path = historyPath else { return }
        let status = append_history(1, path)
        if status != 0 {
            onMessage(
                "history is no longer saved: cannot write \(path): "
                    + String(cString: strerror(status)))
            historyPath = nil
        }
    }
}

// Readline calls these C functions synchronously from `rl_callback_read_char`, which `feed`
// calls on the main actor, so each one enters the main actor with `assumeIsolated`.

private func readlinePrepareTerminal(_ metaFlag: Int32) {}

private func readlineRestoreTerminal() {}

private func readlineGetCharacter(_ stream: UnsafeMutablePointer<FILE>?) -> Int32 {
    MainActor.assumeIsolated { PromptLine.current?.takeByte() ?? EOF }
}

private func readlineInputAvailable() -> Int32 {
    MainActor.assumeIsolated { PromptLine.current?.hasPendingInput == true ? 1 : 0 }
}

private func readlineRedisplay() {
    MainActor.assumeIsolated { PromptLine.current?.markChanged() }
}

private func readlineLineEntered(_ line: UnsafeMutablePointer<CChar>?) {
    let text = line.map { String(cString: $0) }
    free(line)
    MainActor.assumeIsolated { PromptLine.current?.lineEntered(text) }
}

/// Returns the completions of the word before the cursor as readline's match list, or `nil`
/// for none. Readline frees the list and its strings.
private func readlineComplete(
    _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    // Without this, readline falls back to file names after an empty list.
    rl_attempted_completion_over = 1
    guard let text, let buffer = rl_line_buffer else { return nil }
    let lineBeforeCursor = String(
        decoding: UnsafeRawBufferPointer(start: buffer, count: Int(max(end, 0))), as: UTF8.self)

    let matches: [String]
    switch CompletionSource.forLine(beforeCursor: lineBeforeCursor) {
    case .commandWords:
        matches = CompletionSource.commandWords(beforeCursor: lineBeforeCursor)
    case .filePaths:
        matches = filePaths(completing: text)
    }
    // An option name ends in "=" and its value follows without a space.
    if matches.count == 1, matches[0].hasSuffix("=") {
        rl_completion_suppress_append = 1
    }
    return makeMatchList(matches)
}

/// Returns readline's file name completions of `text`. The completion function also sets
/// `rl_filename_completion_desired`, so readline appends "/" to a lone folder name instead of
/// a space.
private func filePaths(completing text: UnsafePointer<CChar>) -> [String] {
    var paths: [String] = []
    var state: Int32 = 0
    while let match = rl_filename_completion_function(text, state) {
        paths.append(String(cString: match))
        free(match)
        state += 1
    }
    return paths.sorted()
}

/// Returns a match list in readline's layout: the text that replaces the word (the longest
/// common prefix, or the only match), then every match, then NULL, all from `malloc`.
private func makeMatchList(
    _ matches: [String]
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    guard let first = matches.first else { return nil }
    var prefix = first
    for match in matches.dropFirst() {
        prefix = String(prefix.commonPrefix(with: match).prefix(prefix.count))
    }
    let entries = matches.count == 1 ? [first] : [prefix] + matches
    let size = MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (entries.count + 1)
    guard let raw = malloc(size) else { return nil }
    let list = raw.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: entries.count + 1)
    for (index, entry) in entries.enumerated() {
        list[index] = strdup(entry)
    }
    list[entries.count] = nil
    return list
}

/// Shows the matches of a second Tab in the output log instead of printing them.
private func readlineDisplayMatches(
    _ matches: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ count: Int32,
    _ maxLength: Int32
) {
    guard let matches, count > 0 else { return }
    let completions = (1...Int(count)).compactMap { index in
        matches[index].map { String(cString: $0) }
    }
    MainActor.assumeIsolated { PromptLine.current?.showCompletions(completions) }
}
