import Engine

extension ToyData {
    /// The distance from each axis that keeps noiseless xor points off the class boundary.
    public static let xorMargin: Float = 0.1

    /// The four quadrants of the square, labelled by whether the two coordinates share a sign:
    /// the exclusive or of `x1 < 0` and `x2 < 0`, which no single straight line separates.
    ///
    /// Class 0 fills the quadrants where `x1 · x2 > 0`, class 1 those where `x1 · x2 < 0`.
    /// Each class alternates between its two quadrants, so every quadrant contains a quarter of the
    /// rows, give or take one. A point in the quadrant with signs `(s1, s2)` is
    ///
    /// ```
    /// u1, u2 ~ U[0, 1)
    /// m = xorMargin
    /// (x1, x2) = (s1 · (m + (1 − m) · u1), s2 · (m + (1 − m) · u2)) + noise · (z1, z2)
    /// ```
    ///
    /// with `z1, z2 ~ N(0, 1)`, so without noise `0.1 ≤ |x1|, |x2| < 1`. Class 0 takes the
    /// quadrants `(+, +)` and `(−, −)`, class 1 `(−, +)` and `(+, −)`.
    ///
    /// Shapes: features `[count, 2]`, targets `[count]` class indices named `0` and `1`.
    ///
    /// - Parameters:
    ///   - count: The number of points, at least 1. Even rows are class 0, odd rows class 1.
    ///   - noise: The standard deviation of the Gaussian noise added to each coordinate,
    ///     at least 0.
    ///   - generator: The source of `u1`, `u2` and the noise, drawn in that order for each row.
    public static func xor(
        count: Int, noise: Float, using generator: inout RandomGenerator
    ) -> Dataset {
        classification(
            name: "xor", count: count, noise: noise, classNames: ["0", "1"], using: &generator
        ) { c, j, _, generator in
            let firstQuadrant = j % 2 == 0
            let s1: Float = firstQuadrant == (c == 0) ? 1 : -1
            let s2: Float = firstQuadrant ? 1 : -1
            let u1 = generator.nextUniform()
            let u2 = generator.nextUniform()
            let m = xorMargin
            return (s1 * (m + (1 - m) * u1), s2 * (m + (1 - m) * u2))
        }
    }
}
