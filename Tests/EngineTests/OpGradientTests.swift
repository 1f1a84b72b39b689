import Testing

import Engine

/// Finite-difference checks of every op's pullback, and proof that the check catches a pullback
/// that is wrong by 1% in a single entry.
struct OpGradientTests {
    /// One op under test: the leaves it reads and a function that builds it from them.
    struct OpCase: CustomTestStringConvertible, Sendable {
        let name: String
        let inputShapes: [[Int]]
        /// Keeps inputs at least this far from zero, away from the kink of ReLU-like ops.
        let awayFromZero: Float
        let build: @Sendable ([Variable]) -> Variable

        var testDescription: String { name }
    }

    static let classes = [2, 0, 1, 2]

    static let cases: [OpCase] = [
        OpCase(name: "relu", inputShapes: [[3, 4]], awayFromZero: 0.05) { relu($0[0]) },
        OpCase(name: "leakyrelu", inputShapes: [[3, 4]], awayFromZero: 0.05) {
            leakyReLU($0[0], slope: 0.1)
        },
        OpCase(name: "elu", inputShapes: [[3, 4]], awayFromZero: 0.05) { elu($0[0], alpha: 1.5) },
        OpCase(name: "sigmoid", inputShapes: [[3, 4]], awayFromZero: 0) { sigmoid($0[0]) },
        OpCase(name: "tanh", inputShapes: [[3, 4]], awayFromZero: 0) { tanh($0[0]) },
        OpCase(name: "softmax", inputShapes: [[3, 4]], awayFromZero: 0) { softmax($0[0]) },
        OpCase(name: "matmul", inputShapes: [[3, 4], [4, 2]], awayFromZero: 0) {
            matmul($0[0], $0[1])
        },
        OpCase(name: "linear", inputShapes: [[3, 4], [2, 4], [2]], awayFromZero: 0) {
            linear($0[0], weight: $0[1], bias: $0[2])
        },
        OpCase(name: "add", inputShapes: [[3, 4], [3, 4]], awayFromZero: 0) { $0[0] + $0[1] },
        OpCase(name: "subtract", inputShapes: [[3, 4], [3, 4]], awayFromZero: 0) { $0[0] - $0[1] },
        OpCase(name: "multiply", inputShapes: [[3, 4], [3, 4]], awayFromZero: 0) { $0[0] * $0[1] },
        OpCase(name: "scale", inputShapes: [[3, 4]], awayFromZero: 0) { 2.5 * $0[0] },
        OpCase(name: "sum", inputShapes: [[3, 4]], awayFromZero: 0) { sum($0[0]) },
        OpCase(name: "mean", inputShapes: [[3, 4]], awayFromZero: 0) { mean($0[0]) },
        OpCase(name: "reshape", inputShapes: [[3, 4]], awayFromZero: 0) { reshape($0[0], [2, 6]) },
        OpCase(name: "mse", inputShapes: [[3, 4]], awayFromZero: 0) {
            meanSquaredError($0[0], target: Tensor(shape: [3, 4]) { Float($0 % 5) * 0.3 - 0.5 })
        },
        OpCase(name: "bce", inputShapes: [[3, 4]], awayFromZero: 0) {
            binaryCrossEntropyWithLogits($0[0], target: Tensor(shape: [3, 4]) { Float($0 % 2) })
        },
        OpCase(name: "crossentropy", inputShapes: [[4, 3]], awayFromZero: 0) {
            crossEntropyWithLogits($0[0], classes: classes)
        },
    ]

    /// Leaves with values in [−2, 2], pushed at least `awayFromZero` away from zero.
    static func leaves(for opCase: OpCase, seed: UInt64) -> [Variable] {
        var random = RandomGenerator(seed: seed)
        return opCase.inputShapes.map { shape in
            let value = Tensor(shape: shape) { _ in
                let x = random.nextUniform(in: -2, 2)
                return abs(x) < opCase.awayFromZero ? x + 2 * opCase.awayFromZero : x
            }
            return Variable(value, requiresGrad: true)
        }
    }

    /// A scalar loss that weights every output entry by a fixed random factor, so each entry's
    /// gradient reaches the inputs with a different weight.
    static func probe(_ output: Variable) -> Variable {
        var random = RandomGenerator(seed: 99)
        let weights = Tensor(shape: output.shape) { _ in random.nextUniform(in: -1, 1) }
        return sum(output * Variable(weights))
    }

    @Test(arguments: cases)
    func gradientMatchesFiniteDifferences(_ opCase: OpCase) {
        let inputs = Self.leaves(for: opCase, seed: 1)
        let named = inputs.enumerated().map { ("input\($0.offset)", $0.element) }
        let results = GradientCheck.check(named) { Self.probe(opCase.build(inputs)) }
        for result in results {
            #expect(result.passed, "\(opCase.name) \(result.name): \(result.maxAbsoluteError)")
        }
    }

    @Test(arguments: cases)
    func checkFailsWhenOneEntryIsOnePercentOff(_ opCase: OpCase) throws {
        let inputs = Self.leaves(for: opCase, seed: 1)
        let named = inputs.enumerated().map { ("input\($0.offset)", $0.element) }

        // Find the largest gradient entry of the first input, then corrupt only that entry.
        Self.probe(opCase.build(inputs)).backward()
        let gradient = try #require(inputs[0].grad)
        let target = argmax(gradient.scalars.map(abs))

        let results = GradientCheck.check(named) {
            let correct = opCase.build(inputs)
            let corrupted = Variable(value: correct.value, op: "corrupted", inputs: correct.inputs) {
                dy in
                var gradients = correct.pullback!(dy)
                gradients[0]!.scalars[target] *= 1.01
                return gradients
            }
            return Self.probe(corrupted)
        }
        #expect(!results[0].passed, "\(opCase.name): a 1% error went unnoticed")
        #expect(results[0].worstIndex == target)
    }

    @Test func gradientsAddUpOverEveryPath() {
        // y = x·x + x uses x three times: dy/dx = 2x + 1.
        let x = Variable(Tensor(shape: [3], scalars: [0.5, -1, 2]), requiresGrad: true)
        sum(x * x + x).backward()
        #expect(x.grad == Tensor(shape: [3], scalars: [2, -1, 5]))
    }

    @Test func constantsReceiveNoGradient() {
        let x = Variable(Tensor(shape: [2], scalars: [1, 2]), requiresGrad: true)
        let c = Variable(Tensor(shape: [2], scalars: [3, 4]))
        sum(x * c).backward()
        #expect(x.grad == Tensor(shape: [2], scalars: [3, 4]))
        #expect(c.grad == nil)
    }
}
