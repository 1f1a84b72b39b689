import Engine
import Foundation

extension ToyData {
    /// The turns each spiral arm makes from the centre to radius 1.
    public static let spiralTurns: Float = 0.75

    /// Interleaved spiral arms, one per class, that no straight line can separate.
    ///
    /// Arm `k` of `K` contains `n_k` points, evenly spaced from the centre out to radius 1 while
    /// the arm turns `spiralTurns` times. Each arm starts `1/K` of a turn after the previous.
    /// Point `j` of arm `k` is
    ///
    /// ```
    /// t = (j + 0.5) / n_k
    /// θ = 2π · (spiralTurns · t + k / K)
    /// (x1, x2) = t · (cos θ, sin θ) + noise · (z1, z2)     z1, z2 ~ N(0, 1)
    /// ```
    ///
    /// Without noise every point lies in the unit disc. Two arms at the same angle are
    /// `1 / (K · spiralTurns)` apart in radius, so noise above a quarter of that blurs them.
    ///
    /// Shapes: features `[count, 2]`, targets `[count]` class indices named `arm0`, `arm1`, …
    ///
    /// - Parameters:
    ///   - count: The number of points, at least 1. Arm `k` gets the rows `i` with
    ///     `i mod K = k`.
    ///   - noise: The standard deviation of the Gaussian noise added to each coordinate,
    ///     at least 0.
    ///   - classes: The number of arms `K`, at least 2.
    ///   - generator: The source of the noise. It draws `z1, z2` for every row.
    public static func spiral(
        count: Int, noise: Float, classes: Int = 2, using generator: inout RandomGenerator
    ) -> Dataset {
        checkClasses(name: "spiral", classes: classes)
        let names = (0..<classes).map { "arm\($0)" }
        return classification(
            name: "spiral", count: count, noise: noise, classNames: names, using: &generator
        ) { k, j, armSize, _ in
            let t = (Double(j) + 0.5) / Double(armSize)
            let angle = 2 * Double.pi * (Double(spiralTurns) * t + Double(k) / Double(classes))
            return (Float(t * cos(angle)), Float(t * sin(angle)))
        }
    }
}
