import Engine
import Foundation

/// The chain rule of one weight with the real numbers of a batch: every factor, their product,
/// the autodiff gradient and a central finite difference.
///
/// For a dense layer k the ledger follows the chapter's backpropagation:
/// ```
/// ∂L/∂w(j→i) = Σ_b Δ(h(k)_i, o) · α′(a(k)_i) · h(k−1)_j                       (3.16, 3.21)
/// Δ(h(r), o) = Σ_u α′(a(r+1)_u) · w(h(r), h(r+1)_u) · Δ(h(r+1)_u, o)          (3.20)
/// ```
/// with Δ computed recursively from the output in 64-bit arithmetic from the recorded values.
/// A convolution's weight is shared by every output position and a recurrent weight by every
/// time step, so their ledgers sum over those positions or steps.
struct ChainRuleLedger {
    struct Reference: Equatable {
        var layerIndex: Int
        var name: String
        var index: [Int]
    }

    var lines: [String] = []
    /// The gradient the ledger computes in 64-bit arithmetic.
    var ledgerValue = 0.0
    /// The engine's gradient (32-bit autodiff).
    var autodiffValue = 0.0
    var finiteDifference = 0.0

    /// The relative tolerance within which the ledger and autodiff must agree: the engine
    /// computes in 32-bit floats, so sums over a batch differ from the 64-bit ledger in about
    /// the seventh significant digit.
    static let tolerance = 1e-4

    var agrees: Bool {
        abs(ledgerValue - autodiffValue) <= Self.tolerance * max(abs(ledgerValue), abs(autodiffValue), 1e-8)
    }

    /// Parses `1.weight[2,0]` into a layer index, parameter name and index.
    static func parse(_ text: String, model: Sequential) throws(WorkbenchError) -> Reference {
        let usage = "write it as LAYER.NAME[i,j], for example `explain 0.weight[1,0]`"
        guard let open = text.firstIndex(of: "["), text.hasSuffix("]"),
            let dot = text[..<open].firstIndex(of: "."),
            let layer = Int(text[..<dot])
        else { throw .invalid("'\(text)' is not a parameter entry; \(usage)") }
        let name = String(text[text.index(after: dot)..<open])
        let inside = text[text.index(after: open)..<text.index(before: text.endIndex)]
        let parts = inside.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else {
            throw .invalid("'\(text)' has an index that is not a list of whole numbers; \(usage)")
        }
        let index = parts.map { $0! }
        let names = model.namedParameters.map(\.name)
        guard let variable = model.namedParameters.first(where: { $0.name == "\(layer).\(name)" })?.variable
        else {
            throw .invalid(
                "the model has no parameter '\(layer).\(name)'; its parameters are "
                    + names.joined(separator: ", "))
        }
        guard index.count == variable.shape.count,
            zip(index, variable.shape).allSatisfy({ $0 >= 0 && $0 < $1 })
        else {
            throw .invalid(
                "index \(index) is outside \(layer).\(name), whose shape is "
                    + "\(formatShape(variable.shape)); indices start at 0")
        }
        return Reference(layerIndex: layer, name: name, index: index)
    }
}
