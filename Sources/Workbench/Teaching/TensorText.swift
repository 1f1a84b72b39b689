import Engine
import Foundation

/// Short text renderings of tensors for the teaching views: every value of a small tensor,
/// statistics of a large one.
enum TensorText {
    /// The most values a tensor may have to be printed in full.
    static let fullLimit = 12

    /// `[0.1200, -0.5000]` for small tensors, or `[32, 128] mean 0.01 std 0.3 min -1.2 max 2.1`.
    static func describe(_ tensor: Tensor, digits: Int = 4) -> String {
        if tensor.count <= fullLimit {
            let values = tensor.scalars.map { number(Double($0), digits: digits) }
            if tensor.rank == 0 { return values.first ?? "" }
            // Rows of a matrix are grouped, as in [[1, 0], [0, 1]].
            if tensor.rank == 2 && tensor.shape[0] > 1 {
                let width = tensor.shape[1]
                let rows = stride(from: 0, to: values.count, by: max(1, width)).map {
                    "[" + values[$0..<min(values.count, $0 + width)].joined(separator: ", ") + "]"
                }
                return "[" + rows.joined(separator: ", ") + "]"
            }
            return "[" + values.joined(separator: ", ") + "]"
        }
        let statistics = Statistics(tensor)
        return "\(formatShape(tensor.shape)) mean \(number(statistics.mean, digits: 3))"
            + " std \(number(statistics.standardDeviation, digits: 3))"
            + " min \(number(statistics.minimum, digits: 3))"
            + " max \(number(statistics.maximum, digits: 3))"
    }

    /// A number with `digits` decimals, or in scientific notation when it is very small or large.
    static func number(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        let magnitude = abs(value)
        if magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5) {
            return String(format: "%.\(max(1, digits - 1))e", value)
        }
        return String(format: "%.\(digits)f", value)
    }

    /// Mean, standard deviation, minimum and maximum of a tensor's finite values.
    struct Statistics {
        var mean = 0.0
        var standardDeviation = 0.0
        var minimum = 0.0
        var maximum = 0.0

        init(_ tensor: Tensor) {
            var total = 0.0
            var squares = 0.0
            var count = 0
            minimum = .infinity
            maximum = -.infinity
            for value in tensor.scalars where value.isFinite {
                let x = Double(value)
                total += x
                squares += x * x
                count += 1
                minimum = min(minimum, x)
                maximum = max(maximum, x)
            }
            guard count > 0 else {
                minimum = .nan
                maximum = .nan
                mean = .nan
                standardDeviation = .nan
                return
            }
            mean = total / Double(count)
            standardDeviation = max(0, squares / Double(count) - mean * mean).squareRoot()
        }
    }
}
