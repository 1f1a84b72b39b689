import Engine
import Testing

/// Max pooling whose windows tile the input (stride equal to the kernel, no padding) takes its
/// own forward path for 2×2 windows and its own backward path for every tiling. These tests
/// hold both to a window-by-window scan written here with PyTorch's rule.
struct TiledMaxPoolingTests {
    /// Returns the window maxima of an unpadded `[batch, channels, H, W]` batch and the flat
    /// input index of each, scanning every window in row-major order. A value replaces the
    /// maximum when it is greater or NaN, so ties keep the first maximum and NaN the last NaN.
    static func scannedMaxima(_ x: Tensor, kernel: Size2D) -> (values: [Float], indices: [Int]) {
        let (planes, height, width) = (x.shape[0] * x.shape[1], x.shape[2], x.shape[3])
        let (outHeight, outWidth) = (height / kernel.height, width / kernel.width)
        var values: [Float] = []
        var indices: [Int] = []
        for plane in 0..<planes {
            for i in 0..<outHeight {
                for j in 0..<outWidth {
                    var best = -Float.infinity
                    var bestIndex = (plane * height + i * kernel.height) * width
                        + j * kernel.width
                    for u in 0..<kernel.height {
                        for v in 0..<kernel.width {
                            let index = (plane * height + i * kernel.height + u) * width
                                + j * kernel.width + v
                            let value = x.scalars[index]
                            if value > best || value.isNaN {
                                best = value
                                bestIndex = index
                            }
                        }
                    }
                    values.append(best)
                    indices.append(bestIndex)
                }
            }
        }
        return (values, indices)
    }

    /// Returns a batch of small integers, so ties are common, with NaN and −∞ sprinkled in.
    static func tiedBatch(_ shape: [Int], seed: UInt64) -> Tensor {
        var random = RandomGenerator(seed: seed)
        return Tensor(shape: shape) { _ in
            switch random.nextIndex(below: 20) {
            case 0: .nan
            case 1: -.infinity
            default: Float(random.nextIndex(below: 4))
            }
        }
    }

    /// Shapes whose output width is below 4, exactly 4, and above 4 but not a multiple of it,
    /// with odd heights and widths that leave input rows and columns outside every window.
    static let shapes: [[Int]] = [[1, 2, 4, 6], [2, 1, 8, 8], [2, 3, 7, 13], [3, 2, 14, 28]]

    @Test(arguments: shapes)
    func twoByTwoMatchesWindowScan(_ shape: [Int]) {
        let x = Variable(Self.tiedBatch(shape, seed: UInt64(shape.reduce(0, +))), requiresGrad: true)
        let y = maxPool2d(x, kernel: 2)
        let expected = Self.scannedMaxima(x.value, kernel: 2)

        #expect(y.value.scalars.count == expected.values.count)
        for (k, (actual, wanted)) in zip(y.value.scalars, expected.values).enumerated() {
            #expect(actual == wanted || (actual.isNaN && wanted.isNaN), "output \(k)")
        }

        // Distinct upstream values show which input each window sent its gradient to.
        let upstream = (0..<y.value.count).map { Float($0 + 1) }
        y.backward(seed: Tensor(shape: y.shape, scalars: upstream))
        var expectedGradient = [Float](repeating: 0, count: x.value.count)
        for (k, index) in expected.indices.enumerated() {
            expectedGradient[index] = upstream[k]
        }
        #expect(x.grad?.scalars == expectedGradient)
    }

    @Test func threeByThreeGradientGoesToScannedMaximum() {
        // Kernel 3 tiles an 8x7 plane with two rows and one column left over.
        let x = Variable(Self.tiedBatch([2, 2, 8, 7], seed: 9), requiresGrad: true)
        let y = maxPool2d(x, kernel: 3)
        let expected = Self.scannedMaxima(x.value, kernel: 3)
        let upstream = (0..<y.value.count).map { Float($0 + 1) }
        y.backward(seed: Tensor(shape: y.shape, scalars: upstream))
        var expectedGradient = [Float](repeating: 0, count: x.value.count)
        for (k, index) in expected.indices.enumerated() {
            expectedGradient[index] = upstream[k]
        }
        #expect(x.grad?.scalars == expectedGradient)
    }

    static let gradientCases: [WindowOpCase] = [
        WindowOpCase(name: "maxpool2d kernel 2, output width 7") {
            [distinctLeaf([2, 2, 9, 14], seed: 11)]
        } build: {
            maxPool2d($0[0], kernel: 2)
        },
        WindowOpCase(name: "maxpool2d kernel 3 on 8x7") {
            [distinctLeaf([1, 2, 8, 7], seed: 12)]
        } build: {
            maxPool2d($0[0], kernel: 3)
        },
        WindowOpCase(name: "maxpool1d kernel 2 on 9") {
            [distinctLeaf([2, 3, 9], seed: 13)]
        } build: {
            maxPool1d($0[0], kernel: 2)
        },
    ]

    @Test(arguments: gradientCases)
    func gradientMatchesFiniteDifferences(_ opCase: WindowOpCase) {
        let failures = opCase.gradientFailures()
        #expect(failures.isEmpty, "\(failures)")
    }
}
