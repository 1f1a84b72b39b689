import Plot
import Testing
import Workbench

@testable import TUI

/// The ASCII form of log lines, for terminals whose locale is not UTF-8.
struct LogTextTests {
    @Test func tableMatchesAsciiStyle() {
        let table = TextTable(
            columns: [TextTable.Column("Layer"), TextTable.Column("Params", alignment: .right)],
            rows: [.cells(["0 Dense", "16,448"]), .separator, .cells(["Total", "16,448"])])
        let unicode = table.render(style: .unicode).joined(separator: "\n")
        let ascii = table.render(style: .ascii).joined(separator: "\n")
        #expect(unicode != ascii)
        #expect(LogText.ascii(unicode) == ascii)
    }

    @Test func formulaBecomesAsciiWords() {
        #expect(LogText.ascii("∂L/∂W = (∂L/∂a)ᵀ · x") == "dL/dW = (dL/da)^T * x")
        #expect(LogText.ascii("θ ← θ − η · g") == "theta <- theta - eta * g")
    }

    @Test func barsShadesAndBrailleBecomeAscii() {
        #expect(LogText.ascii("▁▂▃▄▅▆▇█") == "__--==##")
        #expect(LogText.ascii("░▒▓") == ".:#")
        #expect(LogText.ascii("⠀⣀⠉") == " **")
        #expect(LogText.ascii("┌─┬─┐") == "+-+-+")
    }

    @Test func otherCharactersBecomeQuestionMarks() {
        #expect(LogText.ascii("naïve 日本") == "na?ve ??")
    }

    @Test func asciiLineIsUnchanged() {
        let line = LogLine(kind: .error, text: "error: unknown layer 'dens'")
        #expect(LogText.ascii(line) == line)
    }

    @Test func outputLogStoresAsciiWhenAsked() {
        var plain = OutputLog()
        plain.asciiOnly = true
        var unicode = OutputLog()
        let lines = [
            LogLine(kind: .message, text: "loss ▁▃▅█ 0.25"),
            LogLine(kind: .epoch, text: "epoch 1 · loss 0.25"),
        ]
        plain.append(contentsOf: lines)
        plain.append(message: "a → b")
        unicode.append(contentsOf: lines)
        #expect(plain.lines.map(\.text) == ["loss _-=# 0.25", "epoch 1 * loss 0.25", "a -> b"])
        #expect(plain.lines.map(\.kind) == [.message, .epoch, .message])
        #expect(unicode.lines == lines)
    }
}
