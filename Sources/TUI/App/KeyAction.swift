/// The effect of a key press: an edit for the readline prompt, or a screen shortcut.
///
/// | key | action |
/// |---|---|
/// | F1 | show or hide the help overlay |
/// | Esc alone | close the help overlay when it is shown |
/// | F2, F3, F4 or Alt-1, Alt-2, Alt-3 | histograms of activations, weights, gradients |
/// | F5, F6 or Alt-Left, Alt-Right or Alt-[, Alt-] | previous or next layer |
/// | F7 | linear or log scale for the loss pane |
/// | F8 or Alt-4 | show or hide the step pane while stepping |
/// | PgUp, PgDn | scroll the output log one page back or forward |
/// | Ctrl-C | pause or resume training; when nothing trains, clear the prompt line |
///
/// Every other key goes to readline, named keys as the ANSI sequences its default bindings
/// expect, and so does Esc alone while the help overlay is hidden. Ctrl-D reaches readline
/// too, which ends the session when the line is empty.
enum KeyAction: Equatable, Sendable {
    /// Bytes for readline.
    case edit([UInt8])
    case toggleHelp
    case showHistogram(ViewState.HistogramKind)
    /// Selects the layer `offset` places after the current one (negative: before).
    case selectLayer(offset: Int)
    case toggleLogScale
    case toggleStepPane
    /// Scrolls the output log by `pages` screens, positive towards older lines.
    case scrollLog(pages: Int)
    /// Ctrl-C: pauses or resumes training, or clears the prompt line when nothing trains.
    case interrupt
    /// An ESC byte that no key followed: closes the help overlay, or else goes to readline.
    case loneEscape
    case redraw

    static let escape: UInt8 = 0x1B

    /// Returns the actions of one key press.
    ///
    /// - Parameter afterEscape: Whether the key came right after an ESC byte, which makes a
    ///   digit, `[` or `]` an Alt shortcut. Otherwise the ESC goes to readline before the key.
    ///   The caller delays the ESC until the next key, because ESC alone is also a readline
    ///   prefix.
    static func actions(for key: Key, afterEscape: Bool) -> [KeyAction] {
        if afterEscape {
            if case .byte(let byte) = key, let shortcut = altShortcut(byte) {
                return [shortcut]
            }
            return [.edit([escape])] + actions(for: key, afterEscape: false)
        }
        switch key {
        case .byte(0x03): return [.interrupt]
        case .byte(let byte): return [.edit([byte])]
        case .up: return [.edit(csi("A"))]
        case .down: return [.edit(csi("B"))]
        case .right: return [.edit(csi("C"))]
        case .left: return [.edit(csi("D"))]
        case .home: return [.edit(csi("H"))]
        case .end: return [.edit(csi("F"))]
        case .delete: return [.edit(csi("3~"))]
        case .backspace: return [.edit([0x7F])]
        case .enter: return [.edit([0x0D])]
        // Readline binds ESC b and ESC f to backward-word and forward-word.
        case .controlLeft: return [.edit([escape, UInt8(ascii: "b")])]
        case .controlRight: return [.edit([escape, UInt8(ascii: "f")])]
        case .pageUp: return [.scrollLog(pages: 1)]
        case .pageDown: return [.scrollLog(pages: -1)]
        case .altLeft: return [.selectLayer(offset: -1)]
        case .altRight: return [.selectLayer(offset: 1)]
        case .function(let number): return functionKeyAction(number).map { [$0] } ?? []
        case .resize: return [.redraw]
        case .other: return []
        }
    }

    private static func functionKeyAction(_ number: Int) -> KeyAction? {
        switch number {
        case 1: .toggleHelp
        case 2: .showHistogram(.activations)
        case 3: .showHistogram(.weights)
        case 4: .showHistogram(.gradients)
        case 5: .selectLayer(offset: -1)
        case 6: .selectLayer(offset: 1)
        case 7: .toggleLogScale
        case 8: .toggleStepPane
        default: nil
        }
    }

    private static func altShortcut(_ byte: UInt8) -> KeyAction? {
        switch byte {
        case UInt8(ascii: "1"): .showHistogram(.activations)
        case UInt8(ascii: "2"): .showHistogram(.weights)
        case UInt8(ascii: "3"): .showHistogram(.gradients)
        case UInt8(ascii: "4"): .toggleStepPane
        case UInt8(ascii: "["): .selectLayer(offset: -1)
        case UInt8(ascii: "]"): .selectLayer(offset: 1)
        default: nil
        }
    }

    /// Returns ESC [ followed by `final`: the sequence an ANSI terminal sends for a named key.
    private static func csi(_ final: String) -> [UInt8] {
        [escape, UInt8(ascii: "[")] + Array(final.utf8)
    }
}

/// Turns a stream of key presses into actions, holding back an ESC byte until the next key
/// shows whether it begins an Alt shortcut.
struct KeyDecoder {
    private var escapePending = false

    /// Returns the actions of `key`, which may include a held-back ESC.
    mutating func actions(for key: Key) -> [KeyAction] {
        if key == .byte(KeyAction.escape) {
            // A second ESC follows the first, so the first goes to readline.
            let released: [KeyAction] = escapePending ? [.edit([KeyAction.escape])] : []
            escapePending = true
            return released
        }
        let afterEscape = escapePending
        escapePending = false
        return KeyAction.actions(for: key, afterEscape: afterEscape)
    }

    /// Returns the held-back ESC as `loneEscape`, for when no key follows it in the input read
    /// so far. Readline, when it gets the ESC, treats it as a prefix of whatever comes next.
    mutating func flush() -> [KeyAction] {
        guard escapePending else { return [] }
        escapePending = false
        return [.loneEscape]
    }
}
