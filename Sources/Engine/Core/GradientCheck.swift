/// Compares autodiff gradients with central finite differences.
///
/// ```
/// ∂L/∂θᵢ ≈ (L(θ + εeᵢ) − L(θ − εeᵢ)) / 2ε
/// ```
/// An entry passes when |autodiff − numerical| ≤ absoluteTolerance + relativeTolerance ·
/// max(|autodiff|, |numerical|). The engine computes in `Float`, so the loss is evaluated in
/// single precision; with ε = 10⁻² and values of order one, rounding and truncation stay near
/// 10⁻⁵, well inside the default tolerances, while an error of 1% in a gradient of magnitude
/// 0.1 or more exceeds them.
public enum GradientCheck {
    /// The comparison for one tensor.
    public struct Result: Sendable {
        public var name: String
        public var maxAbsoluteError: Double
        public var maxRelativeError: Double
        /// The flat index of the entry that exceeds its tolerance by the largest factor.
        public var worstIndex: Int
        public var passed: Bool
        /// How many entries were compared.
        public var checkedEntries: Int
    }

    /// The default absolute part of an entry's tolerance.
    public static let defaultAbsoluteTolerance = 1e-4
    /// The default part of an entry's tolerance that grows with the gradient's magnitude.
    public static let defaultRelativeTolerance = 2e-3

    /// Checks the gradient of the scalar `loss` with respect to each of `variables`.
    ///
    /// - Parameters:
    ///   - variables: leaves whose values `loss` reads each time it runs.
    ///   - maximumEntries: compare at most this many entries per tensor, evenly spaced through
    ///     it; all entries by default.
    ///   - loss: builds the graph from the current values and returns a one-element variable.
    public static func check(
        _ variables: [(name: String, variable: Variable)],
        epsilon: Float = 1e-2, absoluteTolerance: Double = defaultAbsoluteTolerance,
        relativeTolerance: Double = defaultRelativeTolerance,
        maximumEntries: Int? = nil, loss: () -> Variable
    ) -> [Result] {
        for (_, variable) in variables { variable.grad = nil }
        loss().backward()
        let analytic = variables.map { $0.variable.grad ?? Tensor(shape: $0.variable.shape) }

        return zip(variables, analytic).map { named, gradient in
            let variable = named.variable
            let count = variable.value.count
            let checked = min(count, maximumEntries ?? count)
            var result = Result(
                name: named.name, maxAbsoluteError: 0, maxRelativeError: 0, worstIndex: 0,
                passed: true, checkedEntries: checked)
            var worstRatio = 0.0
            for k in 0..<checked {
                let i = checked == count ? k : k * count / checked
                let original = variable.value.scalars[i]
                variable.value.scalars[i] = original + epsilon
                let plus = Double(loss().value.scalar)
                variable.value.scalars[i] = original - epsilon
                let minus = Double(loss().value.scalar)
                variable.value.scalars[i] = original

                let numerical = (plus - minus) / (2 * Double(epsilon))
                let automatic = Double(gradient.scalars[i])
                let error = abs(numerical - automatic)
                let scale = max(abs(numerical), abs(automatic))
                let allowed = absoluteTolerance + relativeTolerance * scale
                result.maxAbsoluteError = max(result.maxAbsoluteError, error)
                result.maxRelativeError = max(result.maxRelativeError, scale > 0 ? error / scale : 0)
                if error / allowed > worstRatio {
                    worstRatio = error / allowed
                    result.worstIndex = i
                }
                if !(error <= allowed) { result.passed = false }
            }
            return result
        }
    }
}
