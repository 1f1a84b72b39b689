import Engine
import Foundation

extension ToyData {
    /// Two interleaving half circles of radius 1, one per class, whose tips reach into each
    /// other's hollow.
    ///
    /// Point `j` of the `n_c` points of class `c` is evenly spaced along its half circle:
    ///
    /// ```
    /// θ = π · (j + 0.5) / n_c
    /// upper (class 0): (x1, x2) = ( cos θ − 0.5,  sin θ − 0.25) + noise · (z1, z2)
    /// lower (class 1): (x1, x2) = (0.5 − cos θ, 0.25 − sin θ) + noise · (z1, z2)
    /// ```
    ///
    /// with `z1, z2 ~ N(0, 1)`. The lower moon is the upper one turned half a turn about the
    /// origin. Without noise the points lie in `−1.5 ≤ x1 ≤ 1.5` and `−0.75 ≤ x2 ≤ 0.75`, and
    /// the moons come within 0.5 of each other, so noise above about 0.2 makes them overlap.
    ///
    /// Shapes: features `[count, 2]`, targets `[count]` class indices named `upper`, `lower`.
    ///
    /// - Parameters:
    ///   - count: The number of points, at least 1. Even rows are upper, odd rows lower.
    ///   - noise: The standard deviation of the Gaussian noise added to each coordinate,
    ///     at least 0.
    ///   - generator: The source of the noise. It draws `z1, z2` for every row.
    public static func moons(
        count: Int, noise: Float, using generator: inout RandomGenerator
    ) -> Dataset {
        classification(
            name: "moons", count: count, noise: noise, classNames: ["upper", "lower"],
            using: &generator
        ) { c, j, moonSize, _ in
            let angle = Double.pi * (Double(j) + 0.5) / Double(moonSize)
            let x1 = Float(cos(angle) - 0.5)
            let x2 = Float(sin(angle) - 0.25)
            return c == 0 ? (x1, x2) : (-x1, -x2)
        }
    }
}
