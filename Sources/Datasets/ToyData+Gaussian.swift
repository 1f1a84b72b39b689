import Engine
import Foundation

extension ToyData {
    /// The distance of each Gaussian blob's centre from the origin: `sqrt(2) / 2`, which puts
    /// the two centres of the two-class set at (0.5, 0.5) and (−0.5, −0.5).
    public static let gaussianCentreRadius: Float = Float(2).squareRoot() / 2

    /// Gaussian blobs, one per class, whose spread is the noise itself.
    ///
    /// Blob `c` of `K` is centred on a circle around the origin, `1/K` of a turn after the
    /// previous one. A point of blob `c` is
    ///
    /// ```
    /// φ = π/4 + 2π · c / K
    /// (x1, x2) = ρ · (cos φ, sin φ) + noise · (z1, z2)     z1, z2 ~ N(0, 1)
    /// ```
    ///
    /// with `ρ = gaussianCentreRadius`. Two classes give centres (0.5, 0.5) and (−0.5, −0.5),
    /// which a straight line separates. Noise 0 puts every point on its centre, and noise
    /// near 0.5 makes the two blobs overlap visibly.
    ///
    /// Shapes: features `[count, 2]`, targets `[count]` class indices named `blob0`, `blob1`, …
    ///
    /// - Parameters:
    ///   - count: The number of points, at least 1. Blob `c` gets the rows `i` with
    ///     `i mod K = c`.
    ///   - noise: The standard deviation of each blob in each coordinate, at least 0.
    ///   - classes: The number of blobs `K`, at least 2.
    ///   - generator: The source of the noise. It draws `z1, z2` for every row.
    public static func gaussian(
        count: Int, noise: Float, classes: Int = 2, using generator: inout RandomGenerator
    ) -> Dataset {
        checkClasses(name: "gaussian", classes: classes)
        let names = (0..<classes).map { "blob\($0)" }
        let rho = Double(gaussianCentreRadius)
        let centres = (0..<classes).map { c in
            let angle = Double.pi / 4 + 2 * Double.pi * Double(c) / Double(classes)
            return (Float(rho * cos(angle)), Float(rho * sin(angle)))
        }
        return classification(
            name: "gaussian", count: count, noise: noise, classNames: names, using: &generator
        ) { c, _, _, _ in
            centres[c]
        }
    }
}
