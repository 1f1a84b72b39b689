import Engine

extension ToyData {
    /// The coefficients `a` and `b` of the plane set's target `y = a · x1 + b · x2`.
    public static let planeCoefficients: (a: Float, b: Float) = (2, -1)

    /// A regression set whose target is a tilted plane over the square: the simplest function
    /// to fit, which one linear unit learns exactly.
    ///
    /// ```
    /// x1, x2 ~ U[−1, 1)
    /// y = a · x1 + b · x2 + noise · z     z ~ N(0, 1)
    /// ```
    ///
    /// with `(a, b) = planeCoefficients = (2, −1)`, so without noise `−3 < y < 3`. The noise
    /// goes to the target `y`, not to the features, so it is noise in the measurement that the
    /// network cannot learn away: with noise `σ`, the best mean squared error is `σ²`.
    ///
    /// Shapes: features `[count, 2]`, targets `[count, 1]`.
    ///
    /// - Parameters:
    ///   - count: The number of points, at least 1.
    ///   - noise: The standard deviation of the Gaussian noise added to `y`, at least 0.
    ///   - generator: The source of `x1`, `x2` and `z`, drawn in that order for each row.
    public static func plane(
        count: Int, noise: Float, using generator: inout RandomGenerator
    ) -> Dataset {
        checkCountAndNoise(name: "plane", count: count, noise: noise)
        let (a, b) = planeCoefficients
        var features = [Float](repeating: 0, count: 2 * count)
        var targets = [Float](repeating: 0, count: count)
        for i in 0..<count {
            let x1 = generator.nextUniform(in: -1, 1)
            let x2 = generator.nextUniform(in: -1, 1)
            let z = generator.nextNormal()
            features[2 * i] = x1
            features[2 * i + 1] = x2
            targets[i] = a * x1 + b * x2 + noise * z
        }
        return Dataset(
            name: "plane", features: Tensor(shape: [count, 2], scalars: features),
            featureNames: featureNames,
            targets: .regression(Tensor(shape: [count, 1], scalars: targets)))
    }
}
