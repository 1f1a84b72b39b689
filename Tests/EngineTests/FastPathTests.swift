import Engine
import Foundation
import Testing

/// The evaluation path without a graph, the one-row product and the sigmoid activation, each
/// checked against the slower computation it replaces.
struct FastPathTests {
    static func denseModel(ending activation: Activation, seed: UInt64) -> Sequential {
        var random = RandomGenerator(seed: seed)
        let model = Sequential(inputShape: [6])
        try! model.append(Dense(inFeatures: 6, outFeatures: 5, initializer: .he, random: &random))
        try! model.append(ActivationLayer(.relu))
        try! model.append(Dense(inFeatures: 5, outFeatures: 4, initializer: .xavier, random: &random))
        try! model.append(ActivationLayer(activation))
        try! model.append(Dense(inFeatures: 4, outFeatures: 3, initializer: .xavier, random: &random))
        return model
    }

    static let activations: [Activation] = [
        .relu, .leakyReLU(slope: 0.1), .elu(alpha: 1), .sigmoid, .tanh, .softmax,
    ]

    @Test(arguments: activations, [1, 7])
    func evaluateEqualsRecordedForward(activation: Activation, batch: Int) {
        let model = Self.denseModel(ending: activation, seed: 11)
        var random = RandomGenerator(seed: 12)
        let input = Tensor(shape: [batch, 6]) { _ in random.nextNormal() * 2 }
        let context = ForwardContext(isTraining: false)
        let recorded = model.forward(input, context: context).output.value
        let evaluated = model.evaluate(input, context: context)
        #expect(evaluated.shape == recorded.shape)
        #expect(evaluated.scalars == recorded.scalars)
    }

    @Test func evaluateRunsLayersWithoutAnOwnPath() {
        // Dropout and batch normalization have no evaluate of their own, so they run forward.
        var random = RandomGenerator(seed: 5)
        let model = Sequential(inputShape: [4])
        try! model.append(Dense(inFeatures: 4, outFeatures: 3, initializer: .he, random: &random))
        try! model.append(BatchNorm(features: 3))
        try! model.append(Dropout(probability: 0.5))
        let input = Tensor(shape: [3, 4]) { _ in random.nextNormal() }
        let training = ForwardContext(isTraining: true, random: RandomGenerator(seed: 1))
        _ = model.forward(input, context: training)
        let evaluation = ForwardContext(isTraining: false)
        let recorded = model.forward(input, context: evaluation).output.value
        #expect(model.evaluate(input, context: evaluation).scalars == recorded.scalars)
    }

    @Test(arguments: [false, true], [false, true])
    func oneRowProductMatchesNaiveSum(transposeSelf: Bool, transposeOther: Bool) {
        var random = RandomGenerator(seed: 8)
        let (k, n) = (37, 9)
        let row = Tensor(shape: [1, k]) { _ in random.nextUniform(in: -1, 1) }
        let matrix = Tensor(shape: [k, n]) { _ in random.nextUniform(in: -1, 1) }
        let product = (transposeSelf ? row.transposed() : row).matmul(
            transposeOther ? matrix.transposed() : matrix, transposeSelf: transposeSelf,
            transposeOther: transposeOther)
        #expect(product.shape == [1, n])
        for j in 0..<n {
            var total = 0.0
            for l in 0..<k { total += Double(row[0, l]) * Double(matrix[l, j]) }
            #expect(abs(Double(product[0, j]) - total) < 1e-5, "column \(j)")
        }
    }

    @Test func oneRowGemmOverwritesWithBetaZero() {
        // With beta 0 the previous contents of C, NaN here, must not leak into the result.
        let a: [Float] = [1, 2, 3]
        let b: [Float] = [1, 0, 0, 1, 1, 1]  // [2, 3], used transposed as [3, 2]
        var c: [Float] = [.nan, .nan]
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    BLAS.gemm(
                        transposeA: false, transposeB: true, m: 1, n: 2, k: 3,
                        a: a.baseAddress!, b: b.baseAddress!, c: c.baseAddress!)
                }
            }
        }
        #expect(c == [1, 6])
    }

    /// Rows around the four-row blocks and columns around the eight-column steps of the
    /// one-sample product, with alpha and beta, against a sum in Double.
    @Test(arguments: [1, 3, 4, 5, 9, 128], [1, 7, 8, 9, 17, 784])
    func oneRowProductWithAlphaAndBeta(rows: Int, columns: Int) {
        var random = RandomGenerator(seed: UInt64(rows * 1000 + columns))
        let x = (0..<columns).map { _ in random.nextUniform(in: -1, 1) }
        let w = (0..<rows * columns).map { _ in random.nextUniform(in: -1, 1) }
        let start = (0..<rows).map { _ in random.nextUniform(in: -1, 1) }
        var y = start
        let (alpha, beta): (Float, Float) = (0.5, -2)
        x.withUnsafeBufferPointer { x in
            w.withUnsafeBufferPointer { w in
                y.withUnsafeMutableBufferPointer { y in
                    BLAS.gemm(
                        transposeA: false, transposeB: true, m: 1, n: rows, k: columns,
                        alpha: alpha, a: x.baseAddress!, b: w.baseAddress!, beta: beta,
                        c: y.baseAddress!)
                }
            }
        }
        for r in 0..<rows {
            var dot = 0.0
            for i in 0..<columns { dot += Double(w[r * columns + i]) * Double(x[i]) }
            let expected = Double(alpha) * dot + Double(beta) * Double(start[r])
            #expect(abs(Double(y[r]) - expected) < 1e-5 * Double(columns), "row \(r)")
        }
    }

    @Test func evaluateLeavesTheCallersInputAlone() {
        // The first layer is an activation, which writes in place when it owns its input. The
        // caller keeps a reference to this input, so the layer must write a new tensor.
        var random = RandomGenerator(seed: 3)
        let model = Sequential(inputShape: [4])
        try! model.append(ActivationLayer(.relu))
        try! model.append(Dense(inFeatures: 4, outFeatures: 2, initializer: .he, random: &random))
        try! model.append(ActivationLayer(.sigmoid))
        let input = Tensor(shape: [2, 4], scalars: [-1, 2, -3, 4, 5, -6, 7, -8])
        let copy = input.scalars
        let context = ForwardContext(isTraining: false)
        let first = model.evaluate(input, context: context)
        let second = model.evaluate(input, context: context)
        #expect(input.scalars == copy)
        #expect(first.scalars == second.scalars)
        #expect(first.scalars == model.forward(input, context: context).output.value.scalars)
    }

    @Test func activationInPlaceEqualsNewTensor() {
        let a = Tensor(shape: [2, 4], scalars: [-2, -0.5, 0, 0.25, 1, 3, -7, 40])
        for activation in Self.activations {
            var b = a
            activation.apply(inPlace: &b)
            #expect(b.scalars == activation.apply(a).scalars, "\(activation)")
            #expect(a.scalars == [-2, -0.5, 0, 0.25, 1, 3, -7, 40], "\(activation)")
        }
    }

    @Test func sigmoidActivationIsAccurateOverADenseRange() {
        // Every 1/4096 from −80 to 80 against Foundation's exp in Double precision. The worst
        // case measured with LayerLab's coefficients was 2.57·10⁻⁷.
        var worst = 0.0
        for i in -80 * 4096...80 * 4096 {
            let x = Float(i) / 4096
            let exact = 1 / (1 + Foundation.exp(-Double(x)))
            worst = max(worst, abs(Double(vectorizableSigmoid(x)) - exact) / exact)
        }
        #expect(worst < 3e-7, "sigmoid relative error \(worst)")
    }

    @Test func sigmoidTensorMatchesScalarFunction() {
        let a = Tensor(shape: [2, 3], scalars: [-100, -3, -0.5, 0, 2, 90])
        let h = sigmoid(a)
        #expect(h.scalars == a.scalars.map(vectorizableSigmoid))
        #expect(h[1, 0] == 0.5)
        #expect(h[1, 2] == 1)
    }
}
