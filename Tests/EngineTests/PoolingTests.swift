import Engine
import Testing

/// Returns a leaf whose values are a shuffled ramp, distinct and at least 0.05 apart. The
/// gradient check moves one value by ±0.01, so no window's maximum changes place.
func distinctLeaf(_ shape: [Int], seed: UInt64) -> Variable {
    var random = RandomGenerator(seed: seed)
    let count = Tensor.count(of: shape)
    let order = random.permutation(count)
    let value = Tensor(shape: shape) { 0.05 * Float(order[$0] - count / 2) }
    return Variable(value, requiresGrad: true)
}

struct PoolingTests {
    static let gradientCases: [WindowOpCase] = [
        WindowOpCase(name: "maxpool2d kernel 2") { [distinctLeaf([2, 3, 6, 6], seed: 1)] } build: {
            maxPool2d($0[0], kernel: 2)
        },
        WindowOpCase(name: "maxpool2d kernel 3, stride 2, padding 1") {
            [distinctLeaf([2, 2, 7, 5], seed: 2)]
        } build: {
            maxPool2d($0[0], kernel: 3, stride: 2, padding: 1)
        },
        WindowOpCase(name: "maxpool2d kernel 2x3, stride 1x2, padding 1") {
            [distinctLeaf([1, 2, 4, 6], seed: 3)]
        } build: {
            maxPool2d(
                $0[0], kernel: Size2D(height: 2, width: 3), stride: Size2D(height: 1, width: 2),
                padding: 1)
        },
        WindowOpCase(name: "avgpool2d kernel 2") { [distinctLeaf([2, 3, 6, 6], seed: 4)] } build: {
            avgPool2d($0[0], kernel: 2)
        },
        WindowOpCase(name: "avgpool2d kernel 3, stride 2, padding 1") {
            [distinctLeaf([2, 2, 7, 5], seed: 5)]
        } build: {
            avgPool2d($0[0], kernel: 3, stride: 2, padding: 1)
        },
        WindowOpCase(name: "avgpool2d padding excluded from the divisor") {
            [distinctLeaf([2, 2, 7, 5], seed: 6)]
        } build: {
            avgPool2d($0[0], kernel: 3, stride: 2, padding: 1, countIncludePadding: false)
        },
        WindowOpCase(name: "maxpool1d kernel 3, stride 2, padding 1") {
            [distinctLeaf([2, 3, 9], seed: 7)]
        } build: {
            maxPool1d($0[0], kernel: 3, stride: 2, padding: 1)
        },
        WindowOpCase(name: "avgpool1d kernel 3, stride 2, padding 1") {
            [distinctLeaf([2, 3, 9], seed: 8)]
        } build: {
            avgPool1d($0[0], kernel: 3, stride: 2, padding: 1)
        },
    ]

    @Test(arguments: gradientCases)
    func gradientMatchesFiniteDifferences(_ opCase: WindowOpCase) {
        let failures = opCase.gradientFailures()
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test(arguments: gradientCases)
    func onePercentErrorIsCaught(_ opCase: WindowOpCase) throws {
        let (result, entry) = try opCase.checkWithOneEntryOff(leaf: 0)
        #expect(!result.passed, "\(opCase.name): a 1% error went unnoticed")
        #expect(result.worstIndex == entry, "\(opCase.name)")
    }

    static let references = ConvolutionReference.all.filter { $0.op.contains("pool") }

    @Test(arguments: references)
    func poolingMatchesPyTorch(_ reference: ConvolutionReference.Case) throws {
        let x = Variable(
            Tensor(shape: reference.input_shape, scalars: reference.input), requiresGrad: true)
        let kernel = try #require(reference.kernel)
        let (stride, padding) = (reference.stride, reference.padding)
        let includePadding = reference.count_include_pad ?? true
        let y: Variable
        switch reference.op {
        case "max_pool2d":
            y = maxPool2d(
                x, kernel: Size2D(height: kernel[0], width: kernel[1]),
                stride: Size2D(height: stride[0], width: stride[1]),
                padding: Size2D(height: padding[0], width: padding[1]))
        case "avg_pool2d":
            y = avgPool2d(
                x, kernel: Size2D(height: kernel[0], width: kernel[1]),
                stride: Size2D(height: stride[0], width: stride[1]),
                padding: Size2D(height: padding[0], width: padding[1]),
                countIncludePadding: includePadding)
        case "max_pool1d":
            y = maxPool1d(x, kernel: kernel[0], stride: stride[0], padding: padding[0])
        default:
            y = avgPool1d(
                x, kernel: kernel[0], stride: stride[0], padding: padding[0],
                countIncludePadding: includePadding)
        }
        y.backward(seed: Tensor(shape: reference.output_shape, scalars: reference.upstream))

        #expect(y.shape == reference.output_shape)
        ConvolutionReference.expectClose(y.value.scalars, reference.output, "output")
        ConvolutionReference.expectClose(x.grad?.scalars ?? [], reference.grad_input, "∂L/∂x")
    }

    @Test func maxGradientGoesToFirstOfTiedMaxima() {
        let x = Variable(
            Tensor(shape: [1, 1, 2, 4], scalars: [1, 3, 2, 0, 3, 1, 2, 2]), requiresGrad: true)
        let y = maxPool2d(x, kernel: 2)
        #expect(y.value.scalars == [3, 2])
        y.backward(seed: Tensor(shape: [1, 1, 1, 2], scalars: [10, 20]))
        #expect(x.grad?.scalars == [0, 10, 20, 0, 0, 0, 0, 0])
    }

    @Test func maxPoolPropagatesNaN() {
        // PyTorch 2.13 outputs NaN and sends the gradient to the window's last NaN.
        let nan = Float.nan
        let x = Variable(
            Tensor(shape: [1, 1, 2, 4], scalars: [1, nan, 3, 4, nan, 5, 2, 1]),
            requiresGrad: true)
        let y = maxPool2d(x, kernel: 2)
        #expect(y.value.scalars[0].isNaN)
        #expect(y.value.scalars[1] == 4)
        y.backward(seed: Tensor(shape: [1, 1, 1, 2], scalars: [10, 20]))
        #expect(x.grad?.scalars == [0, 0, 0, 20, 10, 0, 0, 0])
    }

    @Test func maxPoolPropagatesNaNUnderPadding() {
        let nan = Float.nan
        let x = Variable(Tensor(shape: [1, 1, 5], scalars: [nan, 2, 7, nan, 1]), requiresGrad: true)
        let y = maxPool1d(x, kernel: 3, stride: 2, padding: 1)
        #expect(y.value.scalars.count == 3)
        #expect(y.value.scalars[0].isNaN)
        #expect(y.value.scalars[1].isNaN)
        #expect(y.value.scalars[2].isNaN)
        y.backward(seed: Tensor(shape: [1, 1, 3], scalars: [1, 10, 100]))
        #expect(x.grad?.scalars == [1, 0, 0, 110, 0])
    }

    @Test func maxPaddingNeverWins() {
        let x = Variable(Tensor(shape: [1, 1, 3], repeating: -5), requiresGrad: true)
        let y = maxPool1d(x, kernel: 3, stride: 1, padding: 1)
        #expect(y.value.scalars == [-5, -5, -5])
        sum(y).backward()
        // Each window sends its gradient to its first input position.
        #expect(x.grad?.scalars == [2, 1, 0])
    }

    @Test func averageDivisorFollowsCountIncludePadding() {
        let x = Variable(Tensor(shape: [1, 1, 2], scalars: [3, 6]))
        let included = avgPool1d(x, kernel: 2, stride: 1, padding: 1)
        #expect(included.value.scalars == [1.5, 4.5, 3])
        let excluded = avgPool1d(x, kernel: 2, stride: 1, padding: 1, countIncludePadding: false)
        #expect(excluded.value.scalars == [3, 4.5, 6])
    }

    @Test func strideDefaultsToKernel() throws {
        #expect(MaxPool2D(kernelSize: 3).stride == 3)
        let rectangle = Size2D(height: 2, width: 3)
        #expect(AvgPool2D(kernelSize: rectangle).stride == rectangle)
        #expect(MaxPool1D(kernelSize: 4).stride == 4)
        #expect(AvgPool1D(kernelSize: 2, stride: 1).stride == 1)
        #expect(try MaxPool2D(kernelSize: 2).outputShape(for: [8, 28, 28]) == [8, 14, 14])
        let average = AvgPool2D(kernelSize: 3, stride: 2, padding: 1)
        #expect(try average.outputShape(for: [2, 7, 5]) == [2, 4, 3])
        let maximum = MaxPool1D(kernelSize: 3, stride: 2, padding: 1)
        #expect(try maximum.outputShape(for: [3, 9]) == [3, 5])
        #expect(try AvgPool1D(kernelSize: 2).outputShape(for: [3, 9]) == [3, 4])
    }

    @Test func paddingAboveHalfKernelIsRejected() throws {
        let error = try #require(
            ConvolutionTests.shapeError(
                MaxPool2D(kernelSize: 3, padding: 2), inputShape: [1, 8, 8]))
        #expect(error.rule.contains("padding 2 along height exceeds half its kernel 3"), "\(error)")
        #expect(error.fix.contains("padding of at most 1"), "\(error)")

        let halfOfEven = ConvolutionTests.shapeError(
            AvgPool1D(kernelSize: 2, padding: 1), inputShape: [1, 8])
        #expect(halfOfEven == nil)
        let oneD = try #require(
            ConvolutionTests.shapeError(AvgPool1D(kernelSize: 1, padding: 1), inputShape: [1, 8]))
        #expect(oneD.rule.contains("padding 1 along length exceeds half its kernel 1"), "\(oneD)")
    }

    @Test func poolingShapeErrorsNameInputAndKernel() throws {
        let large = try #require(
            ConvolutionTests.shapeError(MaxPool2D(kernelSize: 4), inputShape: [2, 3, 9]))
        #expect(large.description.contains("[2, 3, 9]"), "\(large)")
        #expect(large.rule.contains("kernel [4, 4]"), "\(large)")
        #expect(large.rule.contains("along height F = 4 > N + 2Q = 3 + 2·0"), "\(large)")

        let rank = try #require(
            ConvolutionTests.shapeError(MaxPool1D(kernelSize: 2), inputShape: [16]))
        #expect(rank.rule.contains("[channels, length]"), "\(rank)")

        let stride = try #require(
            ConvolutionTests.shapeError(AvgPool2D(kernelSize: 2, stride: 0), inputShape: [1, 4, 4]))
        #expect(stride.rule.contains("stride 0x0"), "\(stride)")

        let kernel = try #require(
            ConvolutionTests.shapeError(MaxPool1D(kernelSize: 0), inputShape: [1, 4]))
        #expect(kernel.rule.contains("kernel size 0"), "\(kernel)")
    }
}
