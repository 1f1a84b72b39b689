import Engine
import Foundation

extension ToyData {
    /// The radii of the circle set's classes: the inner disc and the outer ring.
    public static let circleInnerRadius: ClosedRange<Float> = 0...0.5
    public static let circleOuterRadius: ClosedRange<Float> = 0.7...1

    /// A disc of one class inside a ring of the other, which a boundary must enclose.
    ///
    /// Class 0 (`inner`) fills the disc of radius 0.5, class 1 (`outer`) the ring from radius
    /// 0.7 to 1, both uniformly by area. A point of the class with radii `r0...r1` is
    ///
    /// ```
    /// u, v ~ U[0, 1)
    /// r = sqrt(r0² + (r1² − r0²) · u)
    /// θ = 2π · v
    /// (x1, x2) = r · (cos θ, sin θ) + noise · (z1, z2)     z1, z2 ~ N(0, 1)
    /// ```
    ///
    /// The gap between disc and ring is 0.2 wide, so noise above about 0.1 lets the classes
    /// overlap.
    ///
    /// Shapes: features `[count, 2]`, targets `[count]` class indices named `inner`, `outer`.
    ///
    /// - Parameters:
    ///   - count: The number of points, at least 1. Even rows are inner, odd rows outer.
    ///   - noise: The standard deviation of the Gaussian noise added to each coordinate,
    ///     at least 0.
    ///   - generator: The source of `u`, `v` and the noise, drawn in that order for each row.
    public static func circle(
        count: Int, noise: Float, using generator: inout RandomGenerator
    ) -> Dataset {
        classification(
            name: "circle", count: count, noise: noise, classNames: ["inner", "outer"],
            using: &generator
        ) { c, _, _, generator in
            let radii = c == 0 ? circleInnerRadius : circleOuterRadius
            let r0 = Double(radii.lowerBound)
            let r1 = Double(radii.upperBound)
            let u = Double(generator.nextUniform())
            let v = Double(generator.nextUniform())
            let r = (r0 * r0 + (r1 * r1 - r0 * r0) * u).squareRoot()
            let angle = 2 * Double.pi * v
            return (Float(r * cos(angle)), Float(r * sin(angle)))
        }
    }
}
