import Datasets
import Engine
import Foundation
import Testing

/// The generated two-feature sets: shapes, balance, determinism, the noise model, and the
/// noiseless points of each formula.
@Suite struct ToyDataTests {
    /// Each generator with its default number of classes, callable from test arguments.
    enum ToySet: String, CaseIterable, Sendable {
        case spiral, circle, xor, gaussian, moons, plane

        func generate(count: Int, noise: Float, using generator: inout RandomGenerator) -> Dataset {
            switch self {
            case .spiral: ToyData.spiral(count: count, noise: noise, using: &generator)
            case .circle: ToyData.circle(count: count, noise: noise, using: &generator)
            case .xor: ToyData.xor(count: count, noise: noise, using: &generator)
            case .gaussian: ToyData.gaussian(count: count, noise: noise, using: &generator)
            case .moons: ToyData.moons(count: count, noise: noise, using: &generator)
            case .plane: ToyData.plane(count: count, noise: noise, using: &generator)
            }
        }

        func generate(count: Int, noise: Float, seed: UInt64) -> Dataset {
            var generator = RandomGenerator(seed: seed)
            return generate(count: count, noise: noise, using: &generator)
        }

        var classNames: [String] {
            switch self {
            case .spiral: ["arm0", "arm1"]
            case .circle: ["inner", "outer"]
            case .xor: ["0", "1"]
            case .gaussian: ["blob0", "blob1"]
            case .moons: ["upper", "lower"]
            case .plane: []
            }
        }
    }

    static let classificationSets = ToySet.allCases.filter { $0 != .plane }

    /// Returns the point of each row, as (x1, x2).
    static func points(_ dataset: Dataset) -> [(x1: Float, x2: Float)] {
        (0..<dataset.rowCount).map { i in
            (dataset.features.scalars[2 * i], dataset.features.scalars[2 * i + 1])
        }
    }

    static func radius(_ point: (x1: Float, x2: Float)) -> Float {
        (point.x1 * point.x1 + point.x2 * point.x2).squareRoot()
    }

    // MARK: Shape, names and balance

    @Test(arguments: ToySet.allCases, [7, 400])
    func shapeAndNames(set: ToySet, count: Int) {
        let dataset = set.generate(count: count, noise: 0.1, seed: 1)
        #expect(dataset.name == set.rawValue)
        #expect(dataset.features.shape == [count, 2])
        #expect(dataset.featureNames == ["x1", "x2"])
        #expect(dataset.classNames == set.classNames)
        if set == .plane {
            #expect(dataset.task == .regression)
            #expect(dataset.targets.values?.shape == [count, 1])
        } else {
            #expect(dataset.task == .classification)
        }
    }

    @Test(arguments: classificationSets, [4, 7, 400, 401])
    func classesAreBalanced(set: ToySet, count: Int) {
        let counts = set.generate(count: count, noise: 0.1, seed: 2).classCounts
        #expect(counts.reduce(0, +) == count)
        #expect(counts.max()! - counts.min()! <= 1, "\(counts)")
    }

    @Test(arguments: [3, 4, 5])
    func spiralAndGaussianTakeClassCount(classes: Int) {
        var generator = RandomGenerator(seed: 3)
        let spiral = ToyData.spiral(count: 301, noise: 0.1, classes: classes, using: &generator)
        let gaussian = ToyData.gaussian(count: 301, noise: 0.1, classes: classes, using: &generator)
        #expect(spiral.classNames == (0..<classes).map { "arm\($0)" })
        #expect(gaussian.classNames == (0..<classes).map { "blob\($0)" })
        for counts in [spiral.classCounts, gaussian.classCounts] {
            #expect(counts.count == classes)
            #expect(counts.max()! - counts.min()! <= 1, "\(counts)")
        }
    }

    // MARK: Determinism and the noise model

    @Test(arguments: ToySet.allCases)
    func sameSeedGivesSameSet(set: ToySet) {
        let first = set.generate(count: 200, noise: 0.1, seed: 42)
        let second = set.generate(count: 200, noise: 0.1, seed: 42)
        let other = set.generate(count: 200, noise: 0.1, seed: 43)
        #expect(first == second)
        #expect(first.features != other.features)
    }

    /// The generator draws the same values at every noise level, so the generator ends in the
    /// same state and the noisy points are the noiseless ones plus `noise · z`.
    @Test(arguments: ToySet.allCases)
    func noiseLevelKeepsDrawsAligned(set: ToySet) {
        var cleanGenerator = RandomGenerator(seed: 7)
        var noisyGenerator = RandomGenerator(seed: 7)
        let clean = set.generate(count: 50, noise: 0, using: &cleanGenerator)
        let noisy = set.generate(count: 50, noise: 0.3, using: &noisyGenerator)
        #expect(cleanGenerator == noisyGenerator)
        #expect(clean.features != noisy.features || set == .plane)
        if set == .plane {
            #expect(clean.features == noisy.features)
            #expect(clean.targets != noisy.targets)
        }
    }

    /// `noise` is the standard deviation, in the data's units, of the difference between the
    /// noisy and the noiseless value: of each coordinate, or of the target for `plane`.
    @Test(arguments: ToySet.allCases)
    func noiseIsStandardDeviation(set: ToySet) throws {
        let noise: Float = 0.25
        let clean = set.generate(count: 4000, noise: 0, seed: 11)
        let noisy = set.generate(count: 4000, noise: noise, seed: 11)
        let differences: [Double]
        if set == .plane {
            let cleanY = try #require(clean.targets.values).scalars
            let noisyY = try #require(noisy.targets.values).scalars
            differences = zip(noisyY, cleanY).map { Double($0 - $1) }
        } else {
            differences = zip(noisy.features.scalars, clean.features.scalars).map {
                Double($0 - $1)
            }
        }
        let n = Double(differences.count)
        let mean = differences.reduce(0, +) / n
        let variance = differences.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        // The sample mean has standard error σ/√n, the sample deviation about σ/√(2n).
        #expect(abs(mean) < 4 * Double(noise) / n.squareRoot())
        #expect(abs(variance.squareRoot() / Double(noise) - 1) < 4 / (2 * n).squareRoot())
    }

    // MARK: Noiseless points of each formula

    /// Point j of arm k lies at radius t = (j + 0.5) / n_k and angle 2π(0.75 t + k/K).
    @Test(arguments: [2, 3])
    func spiralPointsFollowFormula(classes: Int) throws {
        var generator = RandomGenerator(seed: 5)
        let count = 3 * 41 + 1
        let dataset = ToyData.spiral(count: count, noise: 0, classes: classes, using: &generator)
        let classIndices = try #require(dataset.targets.classIndices)
        let sizes = dataset.classCounts
        for (i, point) in Self.points(dataset).enumerated() {
            let k = i % classes
            #expect(classIndices[i] == k)
            let t = (Double(i / classes) + 0.5) / Double(sizes[k])
            let angle = 2 * Double.pi * (0.75 * t + Double(k) / Double(classes))
            #expect(abs(Double(Self.radius(point)) - t) < 1e-6, "row \(i)")
            #expect(abs(Double(point.x1) - t * cos(angle)) < 1e-6, "row \(i)")
            #expect(abs(Double(point.x2) - t * sin(angle)) < 1e-6, "row \(i)")
        }
        #expect(ToyData.spiralTurns == 0.75)
    }

    /// The inner class fills the disc of radius 0.5 and the outer class the ring from 0.7
    /// to 1, both uniformly by area.
    @Test func circleRadiiStayInTheirBands() throws {
        var generator = RandomGenerator(seed: 6)
        let dataset = ToyData.circle(count: 4000, noise: 0, using: &generator)
        let classIndices = try #require(dataset.targets.classIndices)
        var inner: [Float] = []
        var outer: [Float] = []
        for (i, point) in Self.points(dataset).enumerated() {
            if classIndices[i] == 0 {
                inner.append(Self.radius(point))
            } else {
                outer.append(Self.radius(point))
            }
        }
        let tolerance: Float = 1e-6
        #expect(inner.max()! <= 0.5 + tolerance)
        #expect(outer.min()! >= 0.7 - tolerance)
        #expect(outer.max()! <= 1 + tolerance)
        #expect(inner.min()! < 0.05)
        #expect(outer.max()! > 0.99)
        // Uniform by area: a quarter of the disc's area lies within radius 0.25, and the ring
        // area out to radius 0.85 is (0.85² − 0.7²)/(1 − 0.7²) = 0.4559 of the ring.
        let innerShare = Double(inner.filter { $0 < 0.25 }.count) / Double(inner.count)
        let outerShare = Double(outer.filter { $0 < 0.85 }.count) / Double(outer.count)
        #expect(abs(innerShare - 0.25) < 0.04)
        #expect(abs(outerShare - 0.4559) < 0.04)
    }

    /// Class 0 shares signs, class 1 does not, each quadrant contains a quarter of the rows, and
    /// the margin keeps every coordinate at least 0.1 from the axes.
    @Test func xorQuadrantsMatchClasses() throws {
        var generator = RandomGenerator(seed: 8)
        let count = 402
        let dataset = ToyData.xor(count: count, noise: 0, using: &generator)
        let classIndices = try #require(dataset.targets.classIndices)
        var quadrantCounts: [String: Int] = [:]
        for (i, point) in Self.points(dataset).enumerated() {
            for value in [point.x1, point.x2] {
                #expect(abs(value) >= 0.1, "row \(i): \(value)")
                #expect(abs(value) < 1, "row \(i): \(value)")
            }
            let sameSign = point.x1 * point.x2 > 0
            #expect(sameSign == (classIndices[i] == 0), "row \(i)")
            let quadrant = (point.x1 > 0 ? "+" : "-") + (point.x2 > 0 ? "+" : "-")
            quadrantCounts[quadrant, default: 0] += 1
        }
        #expect(quadrantCounts.count == 4)
        for (quadrant, rows) in quadrantCounts {
            #expect(abs(rows - count / 4) <= 1, "quadrant \(quadrant): \(rows)")
        }
    }

    /// Without noise every point sits on its blob's centre, at (0.5, 0.5) and (−0.5, −0.5)
    /// for two blobs.
    @Test func gaussianWithoutNoiseSitsOnCentres() throws {
        var generator = RandomGenerator(seed: 9)
        let dataset = ToyData.gaussian(count: 21, noise: 0, using: &generator)
        let classIndices = try #require(dataset.targets.classIndices)
        for (i, point) in Self.points(dataset).enumerated() {
            let expected: Float = classIndices[i] == 0 ? 0.5 : -0.5
            #expect(abs(point.x1 - expected) < 1e-6, "row \(i)")
            #expect(abs(point.x2 - expected) < 1e-6, "row \(i)")
        }
    }

    /// With noise σ the blob means approach the centres at angle π/4 + 2πc/K, radius √2/2.
    @Test func gaussianBlobsCentreOnCircle() throws {
        let classes = 3
        let noise: Float = 0.3
        var generator = RandomGenerator(seed: 10)
        let dataset = ToyData.gaussian(
            count: 3000, noise: noise, classes: classes, using: &generator)
        let classIndices = try #require(dataset.targets.classIndices)
        var sums = [(Double, Double)](repeating: (0, 0), count: classes)
        for (i, point) in Self.points(dataset).enumerated() {
            sums[classIndices[i]].0 += Double(point.x1)
            sums[classIndices[i]].1 += Double(point.x2)
        }
        for c in 0..<classes {
            let n = Double(dataset.classCounts[c])
            let angle = Double.pi / 4 + 2 * Double.pi * Double(c) / Double(classes)
            let rho = 2.0.squareRoot() / 2
            let tolerance = 4 * Double(noise) / n.squareRoot()
            #expect(abs(sums[c].0 / n - rho * cos(angle)) < tolerance, "blob \(c) x1")
            #expect(abs(sums[c].1 / n - rho * sin(angle)) < tolerance, "blob \(c) x2")
        }
    }

    /// The upper moon lies on the unit circle around (−0.5, −0.25) above its centre, and the
    /// lower moon is the upper one turned half a turn about the origin.
    @Test func moonsLieOnHalfCircles() throws {
        var generator = RandomGenerator(seed: 12)
        let count = 200
        let dataset = ToyData.moons(count: count, noise: 0, using: &generator)
        let classIndices = try #require(dataset.targets.classIndices)
        let points = Self.points(dataset)
        for (i, point) in points.enumerated() {
            let isUpper = classIndices[i] == 0
            let centre: (Float, Float) = isUpper ? (-0.5, -0.25) : (0.5, 0.25)
            let dx = point.x1 - centre.0
            let dy = point.x2 - centre.1
            #expect(abs((dx * dx + dy * dy).squareRoot() - 1) < 1e-6, "row \(i)")
            #expect(isUpper ? dy > 0 : dy < 0, "row \(i)")
            #expect(abs(point.x1) <= 1.5, "row \(i)")
            #expect(abs(point.x2) <= 0.75, "row \(i)")
        }
        for i in stride(from: 0, to: count, by: 2) {
            #expect(points[i + 1].x1 == -points[i].x1, "rows \(i), \(i + 1)")
            #expect(points[i + 1].x2 == -points[i].x2, "rows \(i), \(i + 1)")
        }
    }

    /// Without noise the target is exactly y = 2·x1 − x2, with x1 and x2 in [−1, 1).
    @Test func planeTargetFollowsFormula() throws {
        var generator = RandomGenerator(seed: 13)
        let dataset = ToyData.plane(count: 500, noise: 0, using: &generator)
        let y = try #require(dataset.targets.values).scalars
        #expect(ToyData.planeCoefficients == (2, -1))
        for (i, point) in Self.points(dataset).enumerated() {
            for value in [point.x1, point.x2] {
                #expect(value >= -1, "row \(i): \(value)")
                #expect(value < 1, "row \(i): \(value)")
            }
            #expect(abs(y[i] - (2 * point.x1 - point.x2)) < 1e-6, "row \(i)")
        }
        #expect(y.min()! < -2)
        #expect(y.max()! > 2)
    }
}
