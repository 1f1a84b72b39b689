import Engine

/// The text of `graph`: the computation graph of one forward and backward pass, one line per
/// recorded value in the order it was computed, with its op, inputs, value and gradient.
enum GraphView {
    /// The most nodes drawn before the listing is cut, so a large model stays readable.
    static let nodeLimit = 60

    static func render(loss: Variable, model: Sequential) -> String {
        let names = Dictionary(
            model.namedParameters.map { (ObjectIdentifier($0.variable), $0.name) },
            uniquingKeysWith: { first, _ in first })
        let order = loss.topologicalOrder()
        var numbers: [ObjectIdentifier: Int] = [:]
        var lines = [
            "computation graph: \(order.count) values, inputs before the ops that use them;"
                + " grad is dL/d(value)"
        ]
        for (number, variable) in order.enumerated() {
            numbers[ObjectIdentifier(variable)] = number
            guard number < nodeLimit else { continue }
            let name: String
            if variable.op == "leaf" {
                name = names[ObjectIdentifier(variable)] ?? variable.label ?? "constant"
            } else {
                let arguments = variable.inputs.map { "#\(numbers[ObjectIdentifier($0)] ?? -1)" }
                name = "\(variable.op)(\(arguments.joined(separator: ", ")))"
                    + (variable.label.map { "  [\($0)]" } ?? "")
            }
            lines.append("#\(number) \(name) \(formatShape(variable.shape))")
            lines.append("    value \(TensorText.describe(variable.value))")
            if let grad = variable.grad {
                lines.append("    grad  \(TensorText.describe(grad))")
            }
        }
        if order.count > nodeLimit {
            lines.append("… \(order.count - nodeLimit) more values; `graph` suits small models best")
        }
        return lines.joined(separator: "\n")
    }
}
