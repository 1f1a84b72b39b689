/// The ASCII form of the step notation, for terminals whose locale is not UTF-8.
///
/// Each symbol of the chapter's notation becomes a word or an operator in ASCII, as plain-text
/// mathematics writes it:
///
/// ```
/// ∂L/∂W(2) = (∂L/∂a(2))ᵀ h(1)          dL/dW(2) = (dL/da(2))^T h(1)
/// ∂L/∂o = (σ(o) − t) / n               dL/do = (sigma(o) - t) / n
/// ∂L/∂a(1) = Δ(h(1), o) ⊙ α′(a(1))     dL/da(1) = Delta(h(1), o) * alpha'(a(1))
/// θ ← θ − η · (update from ∂L/∂θ)      theta <- theta - eta * (update from dL/dtheta)
/// ```
public enum StepNotation {
    /// The ASCII text of each non-ASCII character the notation uses.
    static let asciiForms: [Unicode.Scalar: String] = [
        "∂": "d", "Δ": "Delta", "Σ": "sum", "∑": "sum", "σ": "sigma", "α": "alpha",
        "β": "beta", "γ": "gamma", "ε": "eps", "η": "eta", "θ": "theta", "λ": "lambda",
        "μ": "mu", "′": "'", "ᵀ": "^T", "²": "^2", "³": "^3", "·": "*", "⊙": "*", "×": "x",
        "−": "-", "±": "+-", "←": "<-", "→": "->", "≤": "<=", "≥": ">=", "≠": "!=",
        "≈": "~", "√": "sqrt", "‖": "||", "…": "...",
        "₀": "_0", "₁": "_1", "₂": "_2", "₃": "_3", "₄": "_4", "₅": "_5", "₆": "_6",
        "₇": "_7", "₈": "_8", "₉": "_9", "ᵢ": "_i", "ⱼ": "_j", "ₖ": "_k", "ₜ": "_t",
    ]

    /// Returns `text` with every character of the notation in its ASCII form, and any other
    /// non-ASCII character as `?`, so the result is ASCII throughout.
    public static func ascii(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                result.unicodeScalars.append(scalar)
            } else {
                result += asciiForms[scalar] ?? "?"
            }
        }
        return result
    }

    /// Returns the ASCII form of a title, whose parts a middle dot separates: `forward · layer 1
    /// of 2` becomes `forward - layer 1 of 2`, as the pane titles write it in ASCII.
    public static func asciiTitle(_ text: String) -> String {
        ascii(text.replacing(" · ", with: " - "))
    }
}

extension StepView {
    /// Returns the view with its title, formulas, symbols, names and notes in ASCII.
    public func inASCII() -> StepView {
        var view = self
        view.title = StepNotation.asciiTitle(title)
        view.detail = StepNotation.asciiTitle(detail)
        view.formulas = formulas.map(StepNotation.ascii)
        view.tensors = tensors.map { $0.inASCII() }
        view.timeSteps = timeSteps.map { step in
            var ascii = step
            ascii.hidden = step.hidden.inASCII()
            ascii.gates = step.gates.map { $0.inASCII() }
            return ascii
        }
        view.notes = notes.map(StepNotation.ascii)
        return view
    }
}

extension StepTensor {
    /// Returns the tensor with its symbol and name in ASCII.
    func inASCII() -> StepTensor {
        var tensor = self
        tensor.symbol = StepNotation.ascii(symbol)
        tensor.name = StepNotation.ascii(name)
        return tensor
    }
}
