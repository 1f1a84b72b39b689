import Testing

@testable import Workbench

private func parseError(_ line: String) -> ParseError? {
    do {
        _ = try Parser.parse(line: line)
        return nil
    } catch {
        return error
    }
}

/// The layer, regularization, autoencoder and adaptive optimizer commands: lines that parse,
/// with the command each must produce, and lines that fail with the message shown.
@Suite struct LayerParserTests {
    static let layerCases: [(String, Command)] = [
        (
            "conv2d 8 kernel=3",
            .conv2d(Conv2DOptions(filters: 8, kernel: .uniform(3)))
        ),
        (
            "conv2d 16 kernel=3x5 stride=2 pad=1x2 relu init=xavier bias=no",
            .conv2d(
                Conv2DOptions(
                    filters: 16, kernel: .plane(height: 3, width: 5), stride: .uniform(2),
                    padding: .plane(height: 1, width: 2), activation: .relu,
                    initializer: .xavier, bias: false))
        ),
        (
            "CONV2D 4 Kernel=2X2 leakyrelu slope=0.2",
            .conv2d(
                Conv2DOptions(
                    filters: 4, kernel: .plane(height: 2, width: 2),
                    activation: .leakyReLU(slope: 0.2)))
        ),
        (
            "conv1d 16 kernel=5",
            .conv1d(Conv1DOptions(filters: 16, kernel: 5))
        ),
        (
            "conv1d 6 kernel=3 stride=2 pad=1 tanh init=he",
            .conv1d(
                Conv1DOptions(
                    filters: 6, kernel: 3, stride: 2, padding: 1, activation: .tanh,
                    initializer: .he))
        ),
        ("maxpool 2", .pool(PoolOptions(kind: .max, size: .uniform(2)))),
        (
            "maxpool 3x2 stride=1 pad=1",
            .pool(
                PoolOptions(
                    kind: .max, size: .plane(height: 3, width: 2), stride: .uniform(1),
                    padding: .uniform(1)))
        ),
        ("avgpool 2", .pool(PoolOptions(kind: .average, size: .uniform(2)))),
        (
            "avgpool 3 stride=2 pad=1 count_include_pad=no",
            .pool(
                PoolOptions(
                    kind: .average, size: .uniform(3), stride: .uniform(2),
                    padding: .uniform(1), countIncludePadding: false))
        ),
        ("flatten", .flatten),
        ("dropout 0.5", .dropout(rate: 0.5)),
        ("dropout 0", .dropout(rate: 0)),
        ("batchnorm", .batchNorm(momentum: 0.1, epsilon: 1e-5)),
        ("batchnorm momentum=1 eps=0.001", .batchNorm(momentum: 1, epsilon: 0.001)),
    ]

    static let trainingCases: [(String, Command)] = [
        ("regularize", .regularize(l1: nil, l2: nil)),
        ("regularize l2=0.0001", .regularize(l1: nil, l2: 0.0001)),
        ("regularize l1=1e-5 l2=0", .regularize(l1: 1e-5, l2: 0)),
        ("code", .code(.none)),
        ("code l1=0.001", .code(.l1(0.001))),
        ("code sparsity=0.05", .code(.sparsity(target: 0.05, beta: 3))),
        ("code sparsity=0.1 beta=0.5", .code(.sparsity(target: 0.1, beta: 0.5))),
        ("loss reconstruction", .loss(.reconstruction)),
        (
            "optimizer adagrad",
            .optimizer(.adagrad(learningRate: 0.01, epsilon: 1e-10, weightDecay: 0))
        ),
        (
            "optimizer adagrad lr=0.1 eps=1e-8 weight_decay=0.01",
            .optimizer(.adagrad(learningRate: 0.1, epsilon: 1e-8, weightDecay: 0.01))
        ),
        (
            "optimizer adadelta",
            .optimizer(.adadelta(learningRate: 1, rho: 0.9, epsilon: 1e-6, weightDecay: 0))
        ),
        (
            "optimizer adadelta lr=0.5 rho=0.95 eps=1e-7 weight_decay=0.001",
            .optimizer(
                .adadelta(learningRate: 0.5, rho: 0.95, epsilon: 1e-7, weightDecay: 0.001))
        ),
    ]

    @Test(arguments: layerCases) func layerCommand(line: String, expected: Command) throws {
        #expect(try Parser.parse(line: line) == expected)
    }

    @Test(arguments: trainingCases) func trainingCommand(line: String, expected: Command) throws {
        #expect(try Parser.parse(line: line) == expected)
    }

    @Test(arguments: [
        (
            "conv2d 8", 9...9,
            "missing argument kernel=K[xK]. Usage: conv2d FILTERS kernel=K[xK] [stride=S[xS]]"
                + " [pad=P[xP]] [ACTIVATION] [init=xavier|he] [bias=yes|no]"
        ),
        (
            "conv2d kernel=3", 16...16,
            "missing argument FILTERS. Usage: conv2d FILTERS kernel=K[xK] [stride=S[xS]]"
                + " [pad=P[xP]] [ACTIVATION] [init=xavier|he] [bias=yes|no]"
        ),
        (
            "conv1d 4", 9...9,
            "missing argument kernel=K. Usage: conv1d FILTERS kernel=K [stride=S] [pad=P]"
                + " [ACTIVATION] [init=xavier|he] [bias=yes|no]"
        ),
        (
            "maxpool", 8...8,
            "missing argument SIZE. Usage: maxpool SIZE [stride=S[xS]] [pad=P[xP]]"
        ),
        ("dropout", 8...8, "missing argument RATE. Usage: dropout RATE"),
    ])
    func missingArgument(line: String, columns: ClosedRange<Int>, message: String) throws {
        let error = try #require(parseError(line))
        #expect(error.columns == columns)
        #expect(error.message == message)
    }

    @Test(arguments: [
        (
            "conv2d 0 kernel=3", 8...8,
            "invalid value '0' for FILTERS. Expected a whole number of at least 1"
        ),
        (
            "conv2d 8 kernel=0", 17...17,
            "invalid value '0' for kernel. Expected a whole number of at least 1, or two joined"
                + " by x as in 3x3"
        ),
        (
            "conv2d 8 kernel=3x3x3", 17...21,
            "invalid value '3x3x3' for kernel. Expected a whole number of at least 1, or two"
                + " joined by x as in 3x3"
        ),
        (
            "conv2d 8 kernel=3 pad=-1", 23...24,
            "invalid value '-1' for pad. Expected a whole number of at least 0, or two joined by"
                + " x as in 3x3"
        ),
        (
            "conv1d 8 kernel=3x3", 17...19,
            "invalid value '3x3' for kernel. Expected a whole number of at least 1"
        ),
        (
            "maxpool 2x", 9...10,
            "invalid value '2x' for SIZE. Expected a whole number of at least 1, or two joined"
                + " by x as in 3x3"
        ),
        (
            "avgpool 2 stride=0", 18...18,
            "invalid value '0' for stride. Expected a whole number of at least 1, or two joined"
                + " by x as in 3x3"
        ),
        (
            "dropout 1", 9...9,
            "invalid value '1' for RATE. Expected a number from 0 up to but not including 1"
        ),
        (
            "batchnorm momentum=1.5", 20...22,
            "invalid value '1.5' for momentum. Expected a number greater than 0 and at most 1"
        ),
        (
            "batchnorm momentum=0", 20...20,
            "invalid value '0' for momentum. Expected a number greater than 0"
        ),
        (
            "batchnorm eps=0", 15...15,
            "invalid value '0' for eps. Expected a number greater than 0"
        ),
        (
            "regularize l2=-0.1", 15...18,
            "invalid value '-0.1' for l2. Expected a number of at least 0"
        ),
        (
            "code sparsity=1", 15...15,
            "invalid value '1' for sparsity. Expected a mean activation greater than 0 and less"
                + " than 1, such as 0.05"
        ),
        (
            "code sparsity=0", 15...15,
            "invalid value '0' for sparsity. Expected a number greater than 0"
        ),
        (
            "code l1=0.1 sparsity=0.05", 9...11,
            "invalid value '0.1' for l1. Expected no l1= together with sparsity=; choose one"
                + " code penalty"
        ),
        (
            "optimizer adadelta rho=1.5", 24...26,
            "invalid value '1.5' for rho. Expected a number from 0 to 1"
        ),
        (
            "optimizer adagrad eps=0", 23...23,
            "invalid value '0' for eps. Expected a number greater than 0"
        ),
    ])
    func invalidValue(line: String, columns: ClosedRange<Int>, message: String) throws {
        let error = try #require(parseError(line))
        #expect(error.columns == columns)
        #expect(error.message == message)
    }

    @Test func betaNeedsSparsity() throws {
        let error = try #require(parseError("code beta=3"))
        #expect(error.reason == .optionNeedsWord("beta", word: "sparsity=RHO"))
        #expect(error.columns == 6...11)
        #expect(error.message == "option 'beta' is only valid with sparsity=RHO")
    }

    @Test func countIncludePadIsOnlyForAveragePooling() throws {
        let error = try #require(parseError("maxpool 2 count_include_pad=no"))
        #expect(error.reason == .unknownOption("count_include_pad", command: "maxpool"))
        #expect(error.message == "unknown option 'count_include_pad' for maxpool. Valid options: stride, pad")
    }

    @Test func convolutionActivationOptionNeedsItsActivation() throws {
        let error = try #require(parseError("conv2d 8 kernel=3 relu slope=0.1"))
        #expect(error.reason == .optionNeedsWord("slope", word: "leakyrelu"))
    }

    @Test func unknownLossListsReconstruction() throws {
        let error = try #require(parseError("loss reconstruct"))
        #expect(error.suggestion == "reconstruction")
        #expect(error.alternatives == ["mse", "bce", "crossentropy", "reconstruction"])
    }

    @Test func unknownOptimizerListsAdaptiveOnes() throws {
        let error = try #require(parseError("optimizer adagard"))
        #expect(error.suggestion == "adagrad")
        #expect(error.alternatives.contains("adadelta"))
    }

    @Test func convolutionExtraArgumentShowsUsage() throws {
        let error = try #require(parseError("conv2d 8 kernel=3 relu 4"))
        #expect(error.reason == .extraArgument("4"))
        #expect(error.columns == 24...24)
    }
}
