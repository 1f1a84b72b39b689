import Testing

@testable import Workbench

/// Lines that parse, with the command each must produce.
@Suite struct ParserTests {
    static let dataCases: [(String, Command)] = [
        (
            "data load samples/iris.csv label=species test=0.2",
            .dataLoad(
                DataLoadOptions(
                    path: "samples/iris.csv", label: .name("species"), testFraction: 0.2))
        ),
        (
            "data load x.csv",
            .dataLoad(
                DataLoadOptions(
                    path: "x.csv", label: nil, testFraction: 0.2, standardize: true, task: nil))
        ),
        (
            "data load x.csv label=4 test=0 standardize=no task=regression",
            .dataLoad(
                DataLoadOptions(
                    path: "x.csv", label: .index(4), testFraction: 0, standardize: false,
                    task: .regression))
        ),
        (
            #"data load "my data.csv" label="3" task=Classification"#,
            .dataLoad(
                DataLoadOptions(path: "my data.csv", label: .name("3"), task: .classification))
        ),
        (
            "DATA LOAD Samples/X.csv LABEL=Species STANDARDIZE=True",
            .dataLoad(DataLoadOptions(path: "Samples/X.csv", label: .name("Species")))
        ),
        ("data", .dataInfo),
        ("data info", .dataInfo),
        ("Data Info # what is loaded?", .dataInfo),
    ]

    static let modelCases: [(String, Command)] = [
        ("input 4", .input(shape: [4])),
        ("input 1 8 8", .input(shape: [1, 8, 8])),
        ("input 1x8x8", .input(shape: [1, 8, 8])),
        ("input 1X28X28", .input(shape: [1, 28, 28])),
        ("dense 16", .dense(units: 16, activation: nil, initializer: nil, bias: true)),
        (
            "dense 16 relu init=he bias=no",
            .dense(units: 16, activation: .relu, initializer: .he, bias: false)
        ),
        (
            "dense 8 leakyrelu slope=0.2",
            .dense(units: 8, activation: .leakyReLU(slope: 0.2), initializer: nil, bias: true)
        ),
        (
            "dense 8 leakyrelu",
            .dense(units: 8, activation: .leakyReLU(slope: 0.01), initializer: nil, bias: true)
        ),
        (
            "dense 8 elu alpha=0.5",
            .dense(units: 8, activation: .elu(alpha: 0.5), initializer: nil, bias: true)
        ),
        (
            "Dense 3 SoftMax init=Xavier",
            .dense(units: 3, activation: .softmax, initializer: .xavier, bias: true)
        ),
        (
            "dense init=he 4 tanh",
            .dense(units: 4, activation: .tanh, initializer: .he, bias: true)
        ),
        ("relu", .activation(.relu)),
        ("leakyrelu", .activation(.leakyReLU(slope: 0.01))),
        ("leakyrelu slope=0.1", .activation(.leakyReLU(slope: 0.1))),
        ("elu", .activation(.elu(alpha: 1))),
        ("elu alpha=2", .activation(.elu(alpha: 2))),
        ("sigmoid", .activation(.sigmoid)),
        ("tanh", .activation(.tanh)),
        ("softmax", .activation(.softmax)),
        ("pop", .pop),
        ("clear", .clear),
        ("reset", .reset),
    ]

    static let trainingCases: [(String, Command)] = [
        ("loss mse", .loss(.mse)),
        ("loss bce", .loss(.bce)),
        ("loss crossentropy", .loss(.crossentropy)),
        ("loss ce", .loss(.crossentropy)),
        ("loss cross_entropy", .loss(.crossentropy)),
        ("loss binary_crossentropy", .loss(.bce)),
        ("LOSS CE", .loss(.crossentropy)),
        (
            "optimizer sgd",
            .optimizer(.sgd(learningRate: 0.01, momentum: 0, nesterov: false, weightDecay: 0))
        ),
        (
            "optimizer gd lr=0.5",
            .optimizer(.sgd(learningRate: 0.5, momentum: 0, nesterov: false, weightDecay: 0))
        ),
        (
            "optimizer momentum",
            .optimizer(.sgd(learningRate: 0.01, momentum: 0.9, nesterov: false, weightDecay: 0))
        ),
        (
            "optimizer momentum momentum=0.5 nesterov=yes",
            .optimizer(.sgd(learningRate: 0.01, momentum: 0.5, nesterov: true, weightDecay: 0))
        ),
        (
            "optimizer sgd momentum=0.9 nesterov=yes weight_decay=1e-4 lr=.1",
            .optimizer(
                .sgd(learningRate: 0.1, momentum: 0.9, nesterov: true, weightDecay: 1e-4))
        ),
        (
            "optimizer adam",
            .optimizer(
                .adam(
                    learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-8,
                    weightDecay: 0))
        ),
        (
            "optimizer adam lr=0.01 beta1=0.8 beta2=0.99 eps=1e-6 weight_decay=0.001",
            .optimizer(
                .adam(
                    learningRate: 0.01, beta1: 0.8, beta2: 0.99, epsilon: 1e-6,
                    weightDecay: 0.001))
        ),
        (
            "optimizer adam lr=7",
            .optimizer(
                .adam(learningRate: 7, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0))
        ),
        ("batch 32", .batch(.size(32))),
        ("batch all", .batch(.all)),
        ("batch ALL", .batch(.all)),
        ("seed 7", .seed(7)),
        ("seed 0", .seed(0)),
        ("seed 18446744073709551615", .seed(UInt64.max)),
    ]

    static let runningCases: [(String, Command)] = [
        ("train 20", .train(count: 20, unit: .epochs)),
        ("train 20 epochs", .train(count: 20, unit: .epochs)),
        ("train 1 epoch", .train(count: 1, unit: .epochs)),
        ("train 5 steps", .train(count: 5, unit: .steps)),
        ("train 3 Step", .train(count: 3, unit: .steps)),
        ("eval", .eval(.test)),
        ("eval test", .eval(.test)),
        ("eval train", .eval(.train)),
        ("predict 5.1 3.5 1.4 0.2", .predict(values: [5.1, 3.5, 1.4, 0.2])),
        ("predict 1e-3 -2 7", .predict(values: [1e-3, -2, 7])),
        ("predict 1,2, 3", .predict(values: [1, 2, 3])),
        ("summary", .summary),
        ("pause", .pause),
        ("resume", .resume),
        ("stop", .stop),
        ("step", .step),
        ("set lr 0.001", .set(.learningRate(0.001))),
        ("set batch 64", .set(.batch(.size(64)))),
        ("set batch all", .set(.batch(.all))),
        ("set lr=0.5", .set(.learningRate(0.5))),
        ("set batch=all", .set(.batch(.all))),
    ]

    static let sessionCases: [(String, Command)] = [
        ("say Hello world", .say("Hello world")),
        (#"say "Hello # world""#, .say("Hello # world")),
        ("say  The  loss   falls  ", .say("The  loss   falls")),
        ("say", .say("")),
        (#"say Watch "this" now # comment"#, .say("Watch this now")),
        ("say lr=0.1 is small", .say("lr=0.1 is small")),
        ("wait", .wait),
        ("help", .help(topic: nil)),
        ("help dense", .help(topic: "dense")),
        ("help OPTIMIZER  adam", .help(topic: "optimizer adam")),
        ("help optimizer", .help(topic: "optimizer")),
        ("help exit", .help(topic: "exit")),
        ("quit", .quit),
        ("exit", .quit),
        ("QUIT", .quit),
    ]

    @Test(arguments: dataCases) func dataCommand(line: String, expected: Command) throws {
        #expect(try Parser.parse(line: line) == expected)
    }

    @Test(arguments: modelCases) func modelCommand(line: String, expected: Command) throws {
        #expect(try Parser.parse(line: line) == expected)
    }

    @Test(arguments: trainingCases) func trainingCommand(line: String, expected: Command) throws {
        #expect(try Parser.parse(line: line) == expected)
    }

    @Test(arguments: runningCases) func runningCommand(line: String, expected: Command) throws {
        #expect(try Parser.parse(line: line) == expected)
    }

    @Test(arguments: sessionCases) func sessionCommand(line: String, expected: Command) throws {
        #expect(try Parser.parse(line: line) == expected)
    }

    @Test(arguments: ["", "   ", "# a comment", "  # indented comment \"with quote"])
    func blankLineParsesToNil(line: String) throws {
        #expect(try Parser.parse(line: line) == nil)
    }

    @Test func dataLoadDefaultsMatchDataLoadOptions() throws {
        let parsed = try Parser.parse(line: "data load iris.csv")
        #expect(parsed == .dataLoad(DataLoadOptions(path: "iris.csv")))
    }
}
