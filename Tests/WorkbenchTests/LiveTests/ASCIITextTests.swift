import Plot
import Testing
import Workbench

/// Plain ASCII text, for terminals whose locale is not UTF-8.
struct ASCIITextTests {
    @Test func tableMatchesAsciiStyle() {
        let table = TextTable(
            columns: [TextTable.Column("Layer"), TextTable.Column("Params", alignment: .right)],
            rows: [.cells(["0 Dense", "16,448"]), .separator, .cells(["Total", "16,448"])])
        let unicode = table.render(style: .unicode).joined(separator: "\n")
        let ascii = table.render(style: .ascii).joined(separator: "\n")
        #expect(unicode != ascii)
        #expect(ASCIIText.plain(unicode) == ascii)
    }

    @Test func formulaBecomesAsciiWords() {
        #expect(ASCIIText.plain("∂L/∂W = (∂L/∂a)ᵀ · x") == "dL/dW = (dL/da)^T * x")
        #expect(ASCIIText.plain("θ ← θ − η · g") == "theta <- theta - eta * g")
    }

    @Test func barsShadesAndBrailleBecomeAscii() {
        #expect(ASCIIText.plain("▁▂▃▄▅▆▇█") == "__--==##")
        #expect(ASCIIText.plain("░▒▓") == ".:#")
        #expect(ASCIIText.plain("⠀⣀⠉") == " **")
        #expect(ASCIIText.plain("┌─┬─┐") == "+-+-+")
    }

    @Test func otherCharactersBecomeQuestionMarks() {
        #expect(ASCIIText.plain("naïve 日本") == "na?ve ??")
    }

    @Test func asciiTextIsUnchanged() {
        let text = "error: unknown layer 'dens'"
        #expect(ASCIIText.plain(text) == text)
    }
}
