import Plot
import Testing

@testable import TUI

struct PaletteReductionTests {
    @Test func defaultColourIsMinusOne() {
        #expect(PaletteReduction.colorNumber(.default, colorCount: 256) == -1)
        #expect(PaletteReduction.colorNumber(.default, colorCount: 8) == -1)
    }

    @Test func indicesTheTerminalHasStay() {
        #expect(PaletteReduction.colorNumber(.indexed(196), colorCount: 256) == 196)
        #expect(PaletteReduction.colorNumber(.indexed(3), colorCount: 8) == 3)
    }

    @Test func cubeColoursMapToTheNearestBasicColour() {
        // Pure red, green and blue of the cube.
        #expect(PaletteReduction.colorNumber(.cube(red: 5, green: 0, blue: 0), colorCount: 16) == 9)
        #expect(PaletteReduction.colorNumber(.cube(red: 0, green: 5, blue: 0), colorCount: 8) == 2)
        #expect(PaletteReduction.colorNumber(.cube(red: 0, green: 0, blue: 5), colorCount: 8) == 4)
        // The darkest and brightest greys: 238 is nearer to 229 than to 255.
        #expect(PaletteReduction.colorNumber(.indexed(232), colorCount: 16) == 0)
        #expect(PaletteReduction.colorNumber(.indexed(255), colorCount: 16) == 7)
    }

    @Test func brightColoursFoldOntoEightColours() {
        #expect(PaletteReduction.colorNumber(.indexed(9), colorCount: 8) == 1)
        #expect(PaletteReduction.colorNumber(.indexed(15), colorCount: 8) == 7)
    }

    @Test func fewerThanEightColoursDrawDefault() {
        #expect(PaletteReduction.colorNumber(.indexed(1), colorCount: 2) == -1)
    }

    @Test func cubeLevelsMatchXterm() {
        #expect(PaletteReduction.rgb(ofIndex: 16) == (0, 0, 0))
        #expect(PaletteReduction.rgb(ofIndex: 231) == (255, 255, 255))
        #expect(PaletteReduction.rgb(ofIndex: 16 + 36 * 2 + 6 * 1 + 3) == (135, 95, 175))
        #expect(PaletteReduction.rgb(ofIndex: 244) == (128, 128, 128))
    }
}
