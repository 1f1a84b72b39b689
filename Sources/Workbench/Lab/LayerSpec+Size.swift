import Engine

/// The size check that runs before a layer's weights are allocated.
extension LayerSpec {
    /// The most trainable scalars one layer may have: 100 million, 400 MB as 32-bit floats.
    /// A larger request is almost always a typo, and allocating it would end the program.
    static let maximumParameters = 100_000_000

    /// The number of trainable scalars the layer would have on `inputShape`, saturating instead
    /// of overflowing, or `nil` for a layer whose size does not depend on the numbers typed.
    func parameterEstimate(inputShape: [Int]) -> Int? {
        let features = inputShape.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? .max : $0 * $1 }
        let last = inputShape.last ?? 1
        let channels = inputShape.first ?? 1
        func product(_ values: Int...) -> Int {
            values.reduce(1) { total, value in
                let (result, overflow) = total.multipliedReportingOverflow(by: max(0, value))
                return overflow ? .max : result
            }
        }
        switch self {
        case .dense(let units, _, _): return product(features, units)
        case .rnn(let units, _): return product(units, last + units + 2)
        case .lstm(let units, _): return product(4, units, last + units + 2)
        case .gru(let units, _, _): return product(3, units, last + units + 2)
        case .conv2d(let filters, let kernel, _, _, _, _):
            let sizes = kernel.sizes(rank: 2) ?? [1, 1]
            return product(filters, channels, sizes[0], sizes[1])
        case .conv1d(let filters, let kernel, _, _, _, _): return product(filters, channels, kernel)
        default: return nil
        }
    }

    /// Throws when the layer would exceed `maximumParameters` on `inputShape`.
    func checkSize(inputShape: [Int], description: String) throws(WorkbenchError) {
        guard let count = parameterEstimate(inputShape: inputShape), count > Self.maximumParameters
        else { return }
        let shown = count == .max ? "more than \(Int.max)" : "\(count)"
        throw .invalid(
            "\(description) on input \(formatShape(inputShape)) would have \(shown) parameters,"
                + " more than LayerLab's limit of \(Self.maximumParameters) per layer; use fewer"
                + " units or filters, or reduce the input with pooling or a smaller layer first")
    }
}
