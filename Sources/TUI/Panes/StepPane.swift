import Foundation
import Plot
import Workbench

/// The step pane: the stage of a training step that `forward` and `backward` step through, with
/// its formulas in the chapter's notation and the tensors they name.
///
/// A tensor of at most `StepTensor.fullLimit` values is printed in full, four decimals, a
/// matrix row per line when the pane has the rows, else a bracket per row wrapped to the width.
/// A larger one gets its shape, a histogram of its values as a
/// sparkline from its minimum to its maximum, and its minimum, mean, maximum and Euclidean
/// norm. A recurrent layer adds a line per time step, before the tensors: h(t) (its norm when
/// large) and the mean of each gate going forward, ‖∂L/∂h(t)‖ with a bar going backward. When the pane is too small, the notes are left
/// out first. Lines that still do not fit are cut, and the last row counts them, because the
/// output log has the whole stage. With ASCII glyphs the notation is written in ASCII too, as
/// `StepNotation` defines it: dL/dW(2) for ∂L/∂W(2).
enum StepPane {
    /// One row of the pane: text, the style of the row, and a leading symbol in its own style.
    struct Line: Equatable {
        var symbol = ""
        var text: String
        var style: CellStyle = .plain
    }

    static func render(
        _ view: StepView, width: Int, height: Int, glyphs: GlyphSet, color: Bool
    ) -> CharGrid {
        let view = glyphs.isUnicode ? view : view.inASCII()
        let inner = PaneFrame.innerSize(width: width, height: height)
        var content = CharGrid(width: inner.width, height: inner.height)
        var all = lines(view, width: inner.width, glyphs: glyphs, stacksRows: true)
        if all.count > inner.height {
            all = lines(view, width: inner.width, glyphs: glyphs, stacksRows: false)
        }
        // The notes repeat the log's text, so they give way to the values first.
        if all.count > inner.height {
            var withoutNotes = view
            withoutNotes.notes = []
            all = lines(withoutNotes, width: inner.width, glyphs: glyphs, stacksRows: false)
            // Then the column of symbols, whose padding can push values onto another line, as
            // the wider ASCII symbols such as alpha'(a(1)) do.
            if all.count > inner.height {
                all = lines(
                    withoutNotes, width: inner.width, glyphs: glyphs, stacksRows: false,
                    alignsSymbols: false)
            }
        }
        let fits = all.count <= inner.height
        let shown = fits ? all : Array(all.prefix(max(0, inner.height - 1)))
        let symbolStyle = symbolStyle(view.phase, color: color)
        for (row, line) in shown.enumerated() {
            var x = 0
            if !line.symbol.isEmpty {
                x = content.draw(line.symbol, x: 0, y: row, style: symbolStyle)
            }
            content.draw(line.text, x: x, y: row, style: line.style)
        }
        if !fits && inner.height > 0 {
            let note = "\(all.count - shown.count) more lines in the output log"
            content.draw(
                note.truncated(toDisplayWidth: inner.width, ellipsis: glyphs.ellipsis), x: 0,
                y: inner.height - 1, style: PaneFrame.dim)
        }
        let separator = PaneFrame.separator(glyphs)
        var candidates = ["Step" + separator + view.title]
        if !view.detail.isEmpty {
            candidates.insert(candidates[0] + separator + view.detail, at: 0)
        }
        candidates.append(view.title)
        let title = PaneFrame.fittingTitle(candidates, boxWidth: width)
        return PaneFrame.boxed(content, title: title, glyphs: glyphs)
    }

    /// Returns the pane's rows for an inner width of `width` columns, before any are cut.
    ///
    /// - Parameters:
    ///   - stacksRows: Whether each row of a small matrix gets a line of its own, with the
    ///     columns aligned.
    ///   - alignsSymbols: Whether the tensors' symbols are padded to one width, so that their
    ///     names and values start in one column.
    static func lines(
        _ view: StepView, width: Int, glyphs: GlyphSet, stacksRows: Bool,
        alignsSymbols: Bool = true
    ) -> [Line] {
        guard width > 0 else { return [] }
        var lines: [Line] = []
        for formula in view.formulas {
            lines += WordWrap.lines(formula, width: width).map { Line(text: $0, style: PaneFrame.bold) }
        }
        // A recurrent layer's time steps come before its parameters, which they explain.
        lines += timeStepLines(view, width: width, glyphs: glyphs)
        let symbolWidth = alignsSymbols ? view.tensors.map(\.symbol.displayWidth).max() ?? 0 : 0
        for tensor in view.tensors {
            lines += tensorLines(
                tensor, symbolWidth: symbolWidth, width: width, glyphs: glyphs,
                stacksRows: stacksRows)
        }
        for note in view.notes {
            lines += WordWrap.lines(note, width: width).map { Line(text: $0, style: PaneFrame.dim) }
        }
        return lines
    }

    /// The indent of the lines a tensor's values continue on.
    static let indent = "    "

    static func tensorLines(
        _ tensor: StepTensor, symbolWidth: Int, width: Int, glyphs: GlyphSet, stacksRows: Bool
    ) -> [Line] {
        let symbol = tensor.symbol
            + String(repeating: " ", count: max(0, symbolWidth - tensor.symbol.displayWidth))
        // Two spaces after the symbol and after the name, which may be empty.
        let named = tensor.name.isEmpty ? "" : "  " + tensor.name
        let head = tensor.name.isEmpty ? " " : named
        if let values = tensor.values, stacksRows, tensor.shape.count == 2, tensor.shape[0] > 1 {
            let header = Line(symbol: symbol, text: named + "  " + shapeText(tensor.shape))
            return ([header] + matrixRows(values, columns: tensor.shape[1]).map {
                Line(text: indent + $0)
            }).map { clipped($0, width: width, glyphs: glyphs) }
        }
        if let values = tensor.values {
            return wrapped(
                symbol: symbol, head: head, words: valueWords(values, shape: tensor.shape),
                width: width, glyphs: glyphs)
        }
        let sparkline = Sparkline.text(
            tensor.histogram.map(Double.init), width: StepTensor.histogramBins, glyphs: glyphs,
            range: 0...Double(tensor.histogram.max() ?? 1))
        let statistics = [
            "min " + number(tensor.minimum), "mean " + number(tensor.mean),
            "max " + number(tensor.maximum), "norm " + number(tensor.norm),
        ]
        return wrapped(
            symbol: symbol, head: head, words: [shapeText(tensor.shape), sparkline], width: width,
            glyphs: glyphs)
            + wrapped(
                symbol: "", head: indent + statistics[0], words: Array(statistics.dropFirst()),
                width: width, glyphs: glyphs)
    }

    /// Returns the words of a small tensor's values: one bracket per row of a matrix, else one
    /// bracket for all, or the bare number of a scalar.
    static func valueWords(_ values: [Float], shape: [Int]) -> [String] {
        let texts = values.map { number(Double($0)) }
        if shape.isEmpty {
            return texts
        }
        guard shape.count == 2, shape[0] > 1, shape[1] > 0 else {
            return ["[" + texts.joined(separator: ", ") + "]"]
        }
        return stride(from: 0, to: texts.count, by: shape[1]).map {
            "[" + texts[$0..<min(texts.count, $0 + shape[1])].joined(separator: ", ") + "]"
        }
    }

    /// Returns a matrix's rows as brackets whose numbers are right-aligned in columns.
    static func matrixRows(_ values: [Float], columns: Int) -> [String] {
        let texts = values.map { number(Double($0)) }
        let cellWidth = texts.map(\.count).max() ?? 0
        let padded = texts.map { String(repeating: " ", count: cellWidth - $0.count) + $0 }
        return stride(from: 0, to: padded.count, by: max(1, columns)).map {
            "[" + padded[$0..<min(padded.count, $0 + columns)].joined(separator: "  ") + "]"
        }
    }

    /// Lays `words` out after `symbol` and `head`, a space apart, continuing on indented lines.
    /// A word wider than a line is cut with an ellipsis.
    static func wrapped(
        symbol: String, head: String, words: [String], width: Int, glyphs: GlyphSet
    ) -> [Line] {
        var lines: [Line] = []
        var current = Line(symbol: symbol, text: head)
        var used = symbol.displayWidth + head.displayWidth
        for word in words {
            let separator = used == 0 ? "" : " "
            if used + separator.count + word.displayWidth <= width || used <= indent.count {
                current.text += separator + word
                used += separator.count + word.displayWidth
                continue
            }
            lines.append(current)
            current = Line(text: indent + word)
            used = indent.count + word.displayWidth
        }
        lines.append(current)
        return lines.map { line in
            var fitted = line
            fitted.text = line.text.truncated(
                toDisplayWidth: max(0, width - line.symbol.displayWidth), ellipsis: glyphs.ellipsis)
            return fitted
        }
    }

    // MARK: Time steps

    /// The maximum width of a gradient norm's bar, in columns.
    static let barWidth = 16

    static func timeStepLines(_ view: StepView, width: Int, glyphs: GlyphSet) -> [Line] {
        guard !view.timeSteps.isEmpty else { return [] }
        if view.phase == .backward {
            let norms = view.timeSteps.map { $0.gradientNorm ?? .nan }
            let largest = norms.filter(\.isFinite).max() ?? 0
            let header = notation(
                "‖∂L/∂h(t)‖ per time step; a vanishing gradient shrinks towards t=1", glyphs: glyphs)
            var lines = WordWrap.lines(header, width: width).map { Line(text: $0) }
            for (step, norm) in zip(view.timeSteps, norms) {
                let bar = largest > 0 && norm.isFinite
                    ? bar(norm / largest, width: barWidth, glyphs: glyphs) : ""
                let value = norm.isFinite ? number(norm) : "none"
                lines.append(clipped(Line(text: "  t=\(step.t)  \(value)  \(bar)"), width: width, glyphs: glyphs))
            }
            return lines
        }
        var header = "h(t) from h(0) = 0"
        if !(view.timeSteps.first?.gates.isEmpty ?? true) {
            header += ", gates as batch means"
        }
        var lines = WordWrap.lines(header, width: width).map { Line(text: $0) }
        for step in view.timeSteps {
            let hidden = step.hidden.values.map { valueWords($0, shape: step.hidden.shape).joined(separator: " ") }
                ?? notation("‖h‖ ", glyphs: glyphs) + number(step.hidden.norm)
            let gates = step.gates.map { " \($0.symbol) \(number($0.mean))" }.joined()
            let text = "  t=\(step.t)  " + (step.hidden.values == nil ? "" : "h ") + hidden
            lines.append(
                clipped(
                    Line(text: text + (gates.isEmpty ? "" : " " + gates)), width: width,
                    glyphs: glyphs))
        }
        return lines
    }

    /// Returns a horizontal bar `fraction` of `width` columns long, in eighths with Unicode.
    static func bar(_ fraction: Double, width: Int, glyphs: GlyphSet) -> String {
        let levels = glyphs.horizontalBars
        let eighths = Int((min(max(fraction, 0), 1) * Double(width * levels.count)).rounded())
        let whole = eighths / levels.count
        let rest = eighths % levels.count
        return String(repeating: levels[levels.count - 1], count: whole)
            + (rest > 0 ? String(levels[rest - 1]) : "")
    }

    /// Returns `text` as it is with Unicode glyphs, else in the ASCII form of the notation.
    static func notation(_ text: String, glyphs: GlyphSet) -> String {
        glyphs.isUnicode ? text : StepNotation.ascii(text)
    }

    static func clipped(_ line: Line, width: Int, glyphs: GlyphSet) -> Line {
        var fitted = line
        fitted.text = line.text.truncated(
            toDisplayWidth: max(0, width - line.symbol.displayWidth), ellipsis: glyphs.ellipsis)
        return fitted
    }

    // MARK: Text

    /// Formats a value with four decimals as the output log does, or in scientific notation
    /// below 0.001 and from 100,000 on.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
        let magnitude = abs(value)
        if magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5) {
            return String(format: "%.3e", value)
        }
        return String(format: "%.4f", value)
    }

    static func shapeText(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }

    /// Returns the style of the symbols: blue going forward and green going backward, as in the
    /// activation and gradient histograms, orange for the loss, or bold without colour.
    static func symbolStyle(_ phase: StepView.Phase, color: Bool) -> CellStyle {
        guard color else { return PaneFrame.bold }
        switch phase {
        case .forward: return CellStyle(foreground: .indexed(33), bold: true)
        case .backward, .update: return CellStyle(foreground: .indexed(34), bold: true)
        case .loss: return CellStyle(foreground: .indexed(208), bold: true)
        }
    }
}
