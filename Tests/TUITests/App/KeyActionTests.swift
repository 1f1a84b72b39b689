import Testing

@testable import TUI

struct KeyActionTests {
    @Test(arguments: [
        (Key.up, "\u{1B}[A"), (.down, "\u{1B}[B"), (.right, "\u{1B}[C"), (.left, "\u{1B}[D"),
        (.home, "\u{1B}[H"), (.end, "\u{1B}[F"), (.delete, "\u{1B}[3~"),
        (.backspace, "\u{7F}"), (.enter, "\r"),
        (.controlLeft, "\u{1B}b"), (.controlRight, "\u{1B}f"),
    ])
    func namedKeysBecomeReadlineSequences(key: Key, bytes: String) {
        #expect(KeyAction.actions(for: key, afterEscape: false) == [.edit(Array(bytes.utf8))])
    }

    @Test func typedBytesPassThrough() {
        #expect(KeyAction.actions(for: .byte(0x61), afterEscape: false) == [.edit([0x61])])
        // Ctrl-D and the bytes of a UTF-8 character go to readline unchanged.
        #expect(KeyAction.actions(for: .byte(0x04), afterEscape: false) == [.edit([0x04])])
        #expect(KeyAction.actions(for: .byte(0xC3), afterEscape: false) == [.edit([0xC3])])
    }

    @Test func controlCTogglesPause() {
        #expect(KeyAction.actions(for: .byte(0x03), afterEscape: false) == [.interrupt])
    }

    @Test(arguments: [
        (1, KeyAction.toggleHelp), (2, .showHistogram(.activations)),
        (3, .showHistogram(.weights)), (4, .showHistogram(.gradients)),
        (5, .selectLayer(offset: -1)), (6, .selectLayer(offset: 1)), (7, .toggleLogScale),
        (8, .toggleStepPane),
    ])
    func functionKeysAreShortcuts(number: Int, action: KeyAction) {
        #expect(KeyAction.actions(for: .function(number), afterEscape: false) == [action])
    }

    @Test func unusedFunctionKeysDoNothing() {
        #expect(KeyAction.actions(for: .function(9), afterEscape: false).isEmpty)
        #expect(KeyAction.actions(for: .function(12), afterEscape: false).isEmpty)
        #expect(KeyAction.actions(for: .other(600), afterEscape: false).isEmpty)
    }

    @Test func pageKeysScrollTheLog() {
        #expect(KeyAction.actions(for: .pageUp, afterEscape: false) == [.scrollLog(pages: 1)])
        #expect(KeyAction.actions(for: .pageDown, afterEscape: false) == [.scrollLog(pages: -1)])
    }

    @Test func altArrowsSelectLayers() {
        #expect(KeyAction.actions(for: .altLeft, afterEscape: false) == [.selectLayer(offset: -1)])
        #expect(KeyAction.actions(for: .altRight, afterEscape: false) == [.selectLayer(offset: 1)])
    }

    @Test(arguments: [
        (UInt8(ascii: "1"), KeyAction.showHistogram(.activations)),
        (UInt8(ascii: "2"), KeyAction.showHistogram(.weights)),
        (UInt8(ascii: "3"), KeyAction.showHistogram(.gradients)),
        (UInt8(ascii: "4"), KeyAction.toggleStepPane),
        (UInt8(ascii: "["), KeyAction.selectLayer(offset: -1)),
        (UInt8(ascii: "]"), KeyAction.selectLayer(offset: 1)),
    ])
    func altShortcutsAfterEscape(byte: UInt8, action: KeyAction) {
        #expect(KeyAction.actions(for: .byte(byte), afterEscape: true) == [action])
    }

    @Test func escapeBeforeOtherKeysGoesToReadline() {
        // ESC b is readline's backward-word, so the ESC must arrive before the b.
        #expect(
            KeyAction.actions(for: .byte(0x62), afterEscape: true)
                == [.edit([0x1B]), .edit([0x62])])
        #expect(
            KeyAction.actions(for: .up, afterEscape: true)
                == [.edit([0x1B]), .edit(Array("\u{1B}[A".utf8))])
    }

    @Test func resizeRedraws() {
        #expect(KeyAction.actions(for: .resize, afterEscape: false) == [.redraw])
    }
}

struct KeyDecoderTests {
    @Test func escapeWaitsForTheNextKey() {
        var decoder = KeyDecoder()
        #expect(decoder.actions(for: .byte(0x1B)).isEmpty)
        #expect(decoder.actions(for: .byte(UInt8(ascii: "2"))) == [.showHistogram(.weights)])
        #expect(decoder.actions(for: .byte(UInt8(ascii: "2"))) == [.edit([0x32])])
    }

    @Test func flushReleasesALoneEscape() {
        var decoder = KeyDecoder()
        _ = decoder.actions(for: .byte(0x1B))
        #expect(decoder.flush() == [.loneEscape])
        #expect(decoder.flush().isEmpty)
    }

    @Test func secondEscapeReleasesTheFirst() {
        var decoder = KeyDecoder()
        _ = decoder.actions(for: .byte(0x1B))
        #expect(decoder.actions(for: .byte(0x1B)) == [.edit([0x1B])])
        #expect(decoder.actions(for: .byte(UInt8(ascii: "]"))) == [.selectLayer(offset: 1)])
    }
}
