import Engine
import Testing

/// A convolution or pooling op under test: the leaves it reads and a function that builds it.
struct WindowOpCase: CustomTestStringConvertible, Sendable {
    let name: String
    let leaves: @Sendable () -> [Variable]
    let build: @Sendable ([Variable]) -> Variable

    var testDescription: String { name }

    /// Checks every leaf's gradient against finite differences and returns a message for each
    /// leaf that fails.
    func gradientFailures() -> [String] {
        let inputs = leaves()
        let named = inputs.enumerated().map { ("input\($0.offset)", $0.element) }
        let results = GradientCheck.check(named) { OpGradientTests.probe(build(inputs)) }
        return results.filter { !$0.passed }.map {
            "\(name) \($0.name): max error \($0.maxAbsoluteError) at \($0.worstIndex)"
        }
    }

    /// Corrupts the largest gradient entry of leaf `index` by 1% inside the pullback and
    /// returns the check's result for that leaf, with the corrupted entry.
    func checkWithOneEntryOff(leaf index: Int) throws
        -> (result: GradientCheck.Result, entry: Int)
    {
        let inputs = leaves()
        let named = inputs.enumerated().map { ("input\($0.offset)", $0.element) }
        OpGradientTests.probe(build(inputs)).backward()
        let gradient = try #require(inputs[index].grad)
        let target = argmax(gradient.scalars.map(abs))

        let results = GradientCheck.check(named) {
            let correct = build(inputs)
            let corrupted = Variable(
                value: correct.value, op: "corrupted", inputs: correct.inputs
            ) { dy in
                var gradients = correct.pullback!(dy)
                gradients[index]!.scalars[target] *= 1.01
                return gradients
            }
            return OpGradientTests.probe(corrupted)
        }
        return (results[index], target)
    }
}

/// PyTorch's outputs and gradients for convolution and pooling cases, read from
/// Fixtures/convolution_reference.json (written by make_convolution_reference.py there).
struct ConvolutionReference: Decodable {
    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        let name: String
        let op: String
        let kernel: [Int]?
        let stride: [Int]
        let padding: [Int]
        let count_include_pad: Bool?
        let input_shape: [Int]
        let input: [Float]
        let weight_shape: [Int]?
        let weight: [Float]?
        let bias: [Float]?
        let upstream: [Float]
        let output_shape: [Int]
        let output: [Float]
        let grad_input: [Float]
        let grad_weight: [Float]?
        let grad_bias: [Float]?

        var testDescription: String { name }
    }

    let cases: [Case]

    static let all = ReferenceValueTests.fixture(
        "convolution_reference.json", as: ConvolutionReference.self
    ).cases

    /// Expects every entry of `ours` within 1e-5 (absolute plus relative) of `theirs`. The
    /// references are float64 results, and float32 sums of a few dozen products stay that close.
    static func expectClose(
        _ ours: [Float], _ theirs: [Float], _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            ours.count == theirs.count, "\(what): \(ours.count) vs \(theirs.count) entries",
            sourceLocation: sourceLocation)
        for (i, (a, b)) in zip(ours, theirs).enumerated() {
            #expect(
                ReferenceValueTests.close(a, b, relative: 1e-5, absolute: 1e-5),
                "\(what) entry \(i): \(a) vs \(b)", sourceLocation: sourceLocation)
        }
    }
}

/// Returns leaves of `shapes` with uniform values in [−2, 2] drawn from `seed`.
func uniformLeaves(_ shapes: [[Int]], seed: UInt64) -> [Variable] {
    var random = RandomGenerator(seed: seed)
    return shapes.map { shape in
        Variable(Tensor(shape: shape) { _ in random.nextUniform(in: -2, 2) }, requiresGrad: true)
    }
}

struct ConvolutionTests {
    static let gradientCases: [WindowOpCase] = [
        WindowOpCase(name: "conv2d stride 2, padding 1, kernel 3x2") {
            uniformLeaves([[2, 3, 5, 6], [4, 3, 3, 2], [4]], seed: 1)
        } build: {
            conv2d($0[0], weight: $0[1], bias: $0[2], stride: 2, padding: 1)
        },
        WindowOpCase(name: "conv2d stride 2x1, padding 1x2, kernel 2x3") {
            uniformLeaves([[2, 2, 5, 4], [3, 2, 2, 3], [3]], seed: 2)
        } build: {
            conv2d(
                $0[0], weight: $0[1], bias: $0[2], stride: Size2D(height: 2, width: 1),
                padding: Size2D(height: 1, width: 2))
        },
        WindowOpCase(name: "conv2d same padding, kernel 3x5") {
            uniformLeaves([[2, 2, 4, 6], [3, 2, 3, 5], [3]], seed: 5)
        } build: {
            conv2d($0[0], weight: $0[1], bias: $0[2], padding: Size2D(height: 1, width: 2))
        },
        WindowOpCase(name: "conv1d same padding, kernel 3") {
            uniformLeaves([[2, 3, 7], [2, 3, 3], [2]], seed: 6)
        } build: {
            conv1d($0[0], weight: $0[1], bias: $0[2], padding: 1)
        },
        WindowOpCase(name: "conv1d stride 2, padding 1, kernel 4") {
            uniformLeaves([[2, 3, 9], [4, 3, 4], [4]], seed: 3)
        } build: {
            conv1d($0[0], weight: $0[1], bias: $0[2], stride: 2, padding: 1)
        },
        WindowOpCase(name: "flatten") {
            uniformLeaves([[2, 3, 2, 2]], seed: 4)
        } build: {
            Flatten().forward($0[0], context: ForwardContext(isTraining: true))
        },
    ]

    @Test(arguments: gradientCases)
    func gradientMatchesFiniteDifferences(_ opCase: WindowOpCase) {
        let failures = opCase.gradientFailures()
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test(arguments: gradientCases)
    func onePercentErrorIsCaught(_ opCase: WindowOpCase) throws {
        for leaf in opCase.leaves().indices {
            let (result, entry) = try opCase.checkWithOneEntryOff(leaf: leaf)
            #expect(!result.passed, "\(opCase.name) input\(leaf): a 1% error went unnoticed")
            #expect(result.worstIndex == entry, "\(opCase.name) input\(leaf)")
        }
    }

    static let references = ConvolutionReference.all.filter { $0.op.hasPrefix("conv") }

    @Test(arguments: references)
    func convolutionMatchesPyTorch(_ reference: ConvolutionReference.Case) throws {
        let x = Variable(
            Tensor(shape: reference.input_shape, scalars: reference.input), requiresGrad: true)
        let weightShape = try #require(reference.weight_shape)
        let weight = Variable(
            Tensor(shape: weightShape, scalars: try #require(reference.weight)), requiresGrad: true)
        let bias = reference.bias.map {
            Variable(Tensor(shape: [$0.count], scalars: $0), requiresGrad: true)
        }
        let y: Variable
        if reference.op == "conv2d" {
            y = conv2d(
                x, weight: weight, bias: bias,
                stride: Size2D(height: reference.stride[0], width: reference.stride[1]),
                padding: Size2D(height: reference.padding[0], width: reference.padding[1]))
        } else {
            y = conv1d(
                x, weight: weight, bias: bias, stride: reference.stride[0],
                padding: reference.padding[0])
        }
        y.backward(seed: Tensor(shape: reference.output_shape, scalars: reference.upstream))

        #expect(y.shape == reference.output_shape)
        ConvolutionReference.expectClose(y.value.scalars, reference.output, "output")
        ConvolutionReference.expectClose(x.grad?.scalars ?? [], reference.grad_input, "∂L/∂x")
        ConvolutionReference.expectClose(
            weight.grad?.scalars ?? [], try #require(reference.grad_weight), "∂L/∂w")
        if let bias {
            ConvolutionReference.expectClose(
                bias.grad?.scalars ?? [], try #require(reference.grad_bias), "∂L/∂b")
        }
    }

    @Test func outputSizeFloorsLikePyTorch() {
        // (N, F, s, Q, O): the chapter's example, exact fits and inputs the last window misses.
        let cases = [
            (5, 3, 2, 1, 3), (28, 3, 1, 1, 28), (28, 2, 2, 0, 14), (7, 2, 2, 0, 3),
            (6, 3, 2, 1, 3), (4, 4, 1, 0, 1), (1, 3, 5, 1, 1), (10, 3, 3, 0, 3),
        ]
        for (n, f, s, q, expected) in cases {
            let size = SlidingWindow.outputSize(inputSize: n, kernelSize: f, stride: s, padding: q)
            #expect(size == expected, "N=\(n) F=\(f) s=\(s) Q=\(q)")
        }
    }

    @Test func layersReportPyTorchShapesAndNames() throws {
        var random = RandomGenerator(seed: 5)
        let conv2 = Conv2D(
            inChannels: 3, outChannels: 8, kernelSize: Size2D(height: 3, width: 5), stride: 2,
            padding: Size2D(height: 1, width: 2), initializer: .he, random: &random)
        #expect(try conv2.outputShape(for: [3, 28, 27]) == [8, 14, 14])
        #expect(conv2.parameters.map(\.name) == ["weight", "bias"])
        #expect(conv2.weight.shape == [8, 3, 3, 5])
        #expect(conv2.bias?.shape == [8])
        #expect(conv2.bias?.value.scalars.allSatisfy { $0 == 0 } == true)

        let conv1 = Conv1D(
            inChannels: 2, outChannels: 4, kernelSize: 3, stride: 2, padding: 1, bias: false,
            initializer: .xavier, random: &random)
        #expect(try conv1.outputShape(for: [2, 10]) == [4, 5])
        #expect(conv1.parameters.map(\.name) == ["weight"])
        #expect(conv1.weight.shape == [4, 2, 3])

        #expect(try Flatten().outputShape(for: [16, 7, 7]) == [784])
        #expect(try Flatten().outputShape(for: [5]) == [5])
    }

    @Test func initializerUsesConvolutionFans() {
        var random = RandomGenerator(seed: 6)
        let he = Conv2D(
            inChannels: 4, outChannels: 6, kernelSize: 3, initializer: .he, random: &random)
        let heBound = (6 / Float(4 * 9)).squareRoot()
        let heLargest = he.weight.value.scalars.map(abs).max() ?? 0
        #expect(heLargest <= heBound)
        #expect(heLargest > 0.95 * heBound)

        let xavier = Conv1D(
            inChannels: 4, outChannels: 6, kernelSize: 5, initializer: .xavier, random: &random)
        let xavierBound = (6 / Float(4 * 5 + 6 * 5)).squareRoot()
        let xavierLargest = xavier.weight.value.scalars.map(abs).max() ?? 0
        #expect(xavierLargest <= xavierBound)
        #expect(xavierLargest > 0.95 * xavierBound)
    }

    @Test func flattenKeepsRowMajorOrder() {
        let x = Variable(Tensor(shape: [2, 2, 1, 3]) { Float($0) })
        let y = Flatten().forward(x, context: ForwardContext(isTraining: false))
        #expect(y.shape == [2, 6])
        #expect(y.value.scalars == (0..<12).map(Float.init))
    }

    /// Adds `layer` to a model with per-sample input `inputShape` and returns the error.
    static func shapeError(_ layer: any Layer, inputShape: [Int]) -> ShapeError? {
        let model = Sequential(inputShape: inputShape)
        do {
            try model.append(layer)
            return nil
        } catch {
            #expect(model.layers.isEmpty)
            return error
        }
    }

    static func conv2(
        in inChannels: Int = 1, out outChannels: Int = 4, kernel: Size2D = 3, stride: Size2D = 1,
        padding: Size2D = 0
    ) -> Conv2D {
        var random = RandomGenerator(seed: 7)
        return Conv2D(
            inChannels: inChannels, outChannels: outChannels, kernelSize: kernel, stride: stride,
            padding: padding, initializer: .he, random: &random)
    }

    @Test func kernelLargerThanPaddedInputIsRejected() throws {
        let error = try #require(
            Self.shapeError(Self.conv2(kernel: 5, padding: 1), inputShape: [1, 2, 8]))
        let message = error.description
        #expect(message.contains("[1, 2, 8]"), "\(message)")
        #expect(message.contains("kernel [5, 5]"), "\(message)")
        #expect(message.contains("⌊(N − F + 2Q)/s⌋ + 1"), "\(message)")
        #expect(message.contains("along height F = 5 > N + 2Q = 2 + 2·1"), "\(message)")
        #expect(message.contains("a padding of at least 2"), "\(message)")

        // A kernel that exactly fills the padded input is accepted.
        #expect(Self.shapeError(Self.conv2(kernel: 4, padding: 1), inputShape: [1, 2, 8]) == nil)
    }

    @Test func channelMismatchIsRejected() throws {
        let error = try #require(Self.shapeError(Self.conv2(in: 1), inputShape: [3, 8, 8]))
        #expect(error.description.contains("[3, 8, 8]"), "\(error)")
        #expect(
            error.description.contains("weight [4, 1, 3, 3] expects 1 input channel but"),
            "\(error)")
        #expect(error.fix.contains("built for 3 input channels"), "\(error)")
    }

    @Test func wrongRankIsRejected() throws {
        let flat = try #require(Self.shapeError(Self.conv2(), inputShape: [784]))
        #expect(flat.rule.contains("[channels, height, width]"), "\(flat)")
        #expect(flat.fix.contains("such as [1, 28, 28]"), "\(flat)")

        let sequence = try #require(Self.shapeError(Self.conv2(), inputShape: [1, 28]))
        #expect(sequence.fix.contains("1-D layer"), "\(sequence)")

        var random = RandomGenerator(seed: 8)
        let conv1 = Conv1D(
            inChannels: 1, outChannels: 2, kernelSize: 3, initializer: .he, random: &random)
        let image = try #require(Self.shapeError(conv1, inputShape: [1, 28, 28]))
        #expect(image.rule.contains("[channels, length]"), "\(image)")
        #expect(image.fix.contains("2-D layer"), "\(image)")
    }

    @Test func nonPositiveSizesAreRejected() throws {
        let zeroKernel = try #require(
            Self.shapeError(Self.conv2(kernel: Size2D(height: 0, width: 3)), inputShape: [1, 8, 8]))
        #expect(zeroKernel.rule.contains("kernel size 0x3"), "\(zeroKernel)")

        let zeroStride = try #require(Self.shapeError(Self.conv2(stride: 0), inputShape: [1, 8, 8]))
        #expect(zeroStride.rule.contains("stride 0x0"), "\(zeroStride)")

        let negativePadding = try #require(
            Self.shapeError(Self.conv2(padding: -1), inputShape: [1, 8, 8]))
        #expect(negativePadding.rule.contains("padding -1x-1"), "\(negativePadding)")

        let noOutputs = try #require(Self.shapeError(Self.conv2(out: 0), inputShape: [1, 8, 8]))
        #expect(noOutputs.rule.contains("0 output channels"), "\(noOutputs)")

        let emptyInput = try #require(
            Self.shapeError(Self.conv2(kernel: 1, padding: 1), inputShape: [1, 0, 8]))
        #expect(emptyInput.rule.contains("height is 0"), "\(emptyInput)")

        var random = RandomGenerator(seed: 9)
        let conv1 = Conv1D(
            inChannels: 1, outChannels: 2, kernelSize: 4, initializer: .he, random: &random)
        let short = try #require(Self.shapeError(conv1, inputShape: [1, 3]))
        #expect(short.rule.contains("along length F = 4 > N + 2Q = 3 + 2·0"), "\(short)")
    }

    /// Returns 8×8 images with one bright bar and noise, and their classes. Class 0 has the bar
    /// on a row of the top half and class 1 on a row of the bottom half. Classes 2 and 3 have
    /// it on a column of the left and of the right half.
    static func barImages(count: Int, random: inout RandomGenerator) -> (Tensor, [Int]) {
        var images = Tensor(shape: [count, 1, 8, 8])
        var classes: [Int] = []
        for sample in 0..<count {
            let label = random.nextIndex(below: 4)
            let line = random.nextIndex(below: 4) + (label % 2 == 1 ? 4 : 0)
            for r in 0..<8 {
                for c in 0..<8 {
                    let onBar = label < 2 ? r == line : c == line
                    images[sample, 0, r, c] = (onBar ? 1 : 0) + 0.1 * random.nextNormal()
                }
            }
            classes.append(label)
        }
        return (images, classes)
    }

    @Test func smallNetworkLearnsBarDirections() throws {
        var random = RandomGenerator(seed: 10)
        let model = Sequential(inputShape: [1, 8, 8])
        try model.append(
            Conv2D(
                inChannels: 1, outChannels: 4, kernelSize: 3, padding: 1, initializer: .he,
                random: &random))
        try model.append(ActivationLayer(.relu))
        try model.append(MaxPool2D(kernelSize: 2))
        try model.append(Flatten())
        try model.append(
            Dense(inFeatures: 64, outFeatures: 10, initializer: .xavier, random: &random))
        #expect(model.outputShapes == [[4, 8, 8], [4, 8, 8], [4, 4, 4], [64], [10]])
        #expect(model.namedParameters.map(\.name) == ["0.weight", "0.bias", "4.weight", "4.bias"])

        let optimizer = Adam(learningRate: 0.01)
        let context = ForwardContext(isTraining: true)
        var losses: [Float] = []
        for _ in 0..<40 {
            let (images, classes) = Self.barImages(count: 32, random: &random)
            losses.append(
                trainingStep(
                    model: model, loss: .crossEntropy, optimizer: optimizer, inputs: images,
                    target: .classes(classes), context: context))
        }
        let lastFive = losses.suffix(5).reduce(0, +) / 5
        #expect(lastFive < 0.1 * losses[0], "losses \(losses)")

        let (images, classes) = Self.barImages(count: 200, random: &random)
        let logits = model.forward(images, context: ForwardContext(isTraining: false)).output.value
        let predictions = (0..<200).map { argmax(logits.scalars[($0 * 10)..<($0 * 10 + 10)]) }
        let correct = zip(predictions, classes).filter { $0 == $1 }.count
        #expect(correct >= 190, "\(correct) of 200 held-out images correct")
    }
}
