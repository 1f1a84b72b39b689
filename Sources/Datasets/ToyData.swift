import Engine

/// Two-feature data sets generated from a formula, for watching a network bend its decision
/// boundary: `spiral`, `circle`, `xor`, `gaussian` and `moons` for classification, and `plane`
/// for regression.
///
/// Every set is centred on the origin and spans about 1 unit from it in each direction (the
/// moons are wider, see `moons`), so the features need no standardizing. `noise` is the standard
/// deviation of Gaussian noise in those same units, which each generator documents.
///
/// Row `i` of a classification set with `K` classes belongs to class `i mod K`, so the class
/// sizes differ by at most 1. Each row draws its formula's random values first, then one
/// standard normal `z` per noisy value, and draws `z` even when `noise` is 0. So one generator
/// state gives the same points at every noise level, and leaves the generator in the same state
/// afterwards, which keeps the train/test split that follows the same too.
///
/// Features are named `x1` and `x2`, as in the formulas.
public enum ToyData {
    static let featureNames = ["x1", "x2"]

    /// Returns the number of rows of each of `classes` classes when row `i` belongs to class
    /// `i mod classes`: the first `count mod classes` classes get one row more.
    static func classSizes(count: Int, classes: Int) -> [Int] {
        (0..<classes).map { c in (count - c + classes - 1) / classes }
    }

    /// Builds a classification set whose row `i` is `point(c, j, n_c, &generator)` plus noise,
    /// where `c = i mod K` is its class, `j = i / K` its position among the rows of class `c`,
    /// and `n_c` the size of class `c`.
    ///
    /// ```
    /// (x1, x2) = point(c, j, n_c) + noise · (z1, z2)     z1, z2 ~ N(0, 1)
    /// ```
    ///
    /// Shapes: features `[count, 2]`, targets `[count]` class indices.
    ///
    /// - Parameters:
    ///   - name: The data set's name, such as `spiral`.
    ///   - count: The number of rows, at least 1.
    ///   - noise: The standard deviation of the noise added to each coordinate, at least 0.
    ///   - classNames: One name per class; their count is `K`.
    ///   - generator: The source of `z` and of the random values that `point` draws.
    ///   - point: The noiseless point of one row.
    static func classification(
        name: String, count: Int, noise: Float, classNames: [String],
        using generator: inout RandomGenerator,
        point: (_ classIndex: Int, _ position: Int, _ classSize: Int, inout RandomGenerator)
            -> (Float, Float)
    ) -> Dataset {
        checkCountAndNoise(name: name, count: count, noise: noise)
        let classCount = classNames.count
        let sizes = classSizes(count: count, classes: classCount)
        var scalars = [Float](repeating: 0, count: 2 * count)
        var classIndices = [Int](repeating: 0, count: count)
        for i in 0..<count {
            let c = i % classCount
            let (x1, x2) = point(c, i / classCount, sizes[c], &generator)
            let z1 = generator.nextNormal()
            let z2 = generator.nextNormal()
            scalars[2 * i] = x1 + noise * z1
            scalars[2 * i + 1] = x2 + noise * z2
            classIndices[i] = c
        }
        return Dataset(
            name: name, features: Tensor(shape: [count, 2], scalars: scalars),
            featureNames: featureNames,
            targets: .classification(classIndices: classIndices, classNames: classNames))
    }

    static func checkCountAndNoise(name: String, count: Int, noise: Float) {
        precondition(count >= 1, "ToyData.\(name) needs a count of at least 1, got \(count)")
        precondition(
            noise.isFinite && noise >= 0,
            "ToyData.\(name) needs a finite noise of at least 0, got \(noise)")
    }

    static func checkClasses(name: String, classes: Int) {
        precondition(classes >= 2, "ToyData.\(name) needs at least 2 classes, got \(classes)")
    }
}
