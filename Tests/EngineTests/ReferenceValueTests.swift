import Engine
import Foundation
import Testing

/// Losses, activations and optimizer steps compared with values computed by PyTorch.
///
/// The fixtures and the scripts that wrote them are in Fixtures/ next to this file; rerun
/// `make_reference_values.py` and `make_optimizer_reference.py` to regenerate them.
struct ReferenceValueTests {
    struct LossCase: Decodable, CustomTestStringConvertible, Sendable {
        let name: String
        let loss: String
        let input_shape: [Int]
        let input: [Float]
        let target: [Float]
        let value: Float
        let grad_input: [Float]
        var testDescription: String { name }
    }

    struct ActivationCase: Decodable, CustomTestStringConvertible, Sendable {
        let name: String
        let activation: String
        let parameter: Float?
        let input_shape: [Int]
        let input: [Float]
        let upstream: [Float]
        let output: [Float]
        let grad_input: [Float]
        var testDescription: String { name }
    }

    struct References: Decodable {
        let losses: [LossCase]
        let activations: [ActivationCase]
    }

    struct OptimizerReferences: Decodable {
        struct Case: Decodable {
            let name: String
            let optimizer: String
            let options: [String: OptionValue]
            let after_each_step: [[Float]]
            /// State tensors after the last step under PyTorch's names, for some optimizers.
            let final_state: [String: [Float]]?
        }
        let shape: [Int]
        let initial: [Float]
        let gradients: [[Float]]
        let cases: [Case]
    }

    enum OptionValue: Decodable {
        case number(Float)
        case flag(Bool)
        case pair([Float])

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                self = .flag(flag)
            } else if let number = try? container.decode(Float.self) {
                self = .number(number)
            } else {
                self = .pair(try container.decode([Float].self))
            }
        }

        var number: Float? { if case .number(let x) = self { x } else { nil } }
        var flag: Bool? { if case .flag(let x) = self { x } else { nil } }
        var pair: [Float]? { if case .pair(let x) = self { x } else { nil } }
    }

    static func fixture<T: Decodable>(_ name: String, as type: T.Type) -> T {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
        do {
            return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
        } catch {
            fatalError("Cannot read fixture \(url.path): \(error)")
        }
    }

    static let references = fixture("reference_values.json", as: References.self)

    /// Whether two values agree to float32 rounding: 1e-6 relative, with an absolute floor for
    /// values near zero.
    static func close(_ a: Float, _ b: Float, relative: Float = 1e-5, absolute: Float = 1e-7)
        -> Bool
    {
        if a == b { return true }
        return abs(a - b) <= absolute + relative * max(abs(a), abs(b))
    }

    @Test(arguments: references.losses)
    func lossMatchesPyTorch(_ reference: LossCase) {
        let logits = Variable(
            Tensor(shape: reference.input_shape, scalars: reference.input), requiresGrad: true)
        let loss: Variable
        switch reference.loss {
        case "mse":
            loss = meanSquaredError(
                logits, target: Tensor(shape: reference.input_shape, scalars: reference.target))
        case "bce_logits":
            loss = binaryCrossEntropyWithLogits(
                logits, target: Tensor(shape: reference.input_shape, scalars: reference.target))
        default:
            loss = crossEntropyWithLogits(logits, classes: reference.target.map { Int($0) })
        }
        loss.backward()

        #expect(loss.value.scalar.isFinite)
        #expect(Self.close(loss.value.scalar, reference.value), "loss \(loss.value.scalar)")
        let gradient = logits.grad?.scalars ?? []
        #expect(gradient.allSatisfy { $0.isFinite })
        #expect(gradient.count == reference.grad_input.count)
        for (i, (ours, theirs)) in zip(gradient, reference.grad_input).enumerated() {
            #expect(Self.close(ours, theirs), "gradient entry \(i): \(ours) vs \(theirs)")
        }
    }

    @Test(arguments: references.activations)
    func activationMatchesPyTorch(_ reference: ActivationCase) throws {
        let activation: Activation
        switch reference.activation {
        case "relu": activation = .relu
        case "leaky_relu": activation = .leakyReLU(slope: try #require(reference.parameter))
        case "elu": activation = .elu(alpha: try #require(reference.parameter))
        case "sigmoid": activation = .sigmoid
        case "tanh": activation = .tanh
        default: activation = .softmax
        }
        let a = Variable(
            Tensor(shape: reference.input_shape, scalars: reference.input), requiresGrad: true)
        let h = activation.apply(a)
        h.backward(seed: Tensor(shape: reference.input_shape, scalars: reference.upstream))

        for (i, (ours, theirs)) in zip(h.value.scalars, reference.output).enumerated() {
            #expect(Self.close(ours, theirs), "output entry \(i): \(ours) vs \(theirs)")
        }
        let gradient = a.grad?.scalars ?? []
        #expect(gradient.count == reference.grad_input.count)
        for (i, (ours, theirs)) in zip(gradient, reference.grad_input).enumerated() {
            #expect(Self.close(ours, theirs), "gradient entry \(i): \(ours) vs \(theirs)")
        }
    }

    @Test func optimizersMatchPyTorchStepByStep() throws {
        let references = Self.fixture("optimizer_reference.json", as: OptimizerReferences.self)
        for reference in references.cases {
            let options = reference.options
            let optimizer: any Optimizer
            switch reference.optimizer {
            case "sgd":
                optimizer = SGD(
                    learningRate: try #require(options["lr"]?.number),
                    momentum: options["momentum"]?.number ?? 0,
                    nesterov: options["nesterov"]?.flag ?? false,
                    weightDecay: options["weight_decay"]?.number ?? 0)
            case "adagrad":
                optimizer = Adagrad(
                    learningRate: try #require(options["lr"]?.number),
                    learningRateDecay: options["lr_decay"]?.number ?? 0,
                    weightDecay: options["weight_decay"]?.number ?? 0,
                    initialAccumulatorValue: options["initial_accumulator_value"]?.number ?? 0,
                    epsilon: options["eps"]?.number ?? 1e-10)
            case "adadelta":
                optimizer = Adadelta(
                    learningRate: try #require(options["lr"]?.number),
                    rho: options["rho"]?.number ?? 0.9, epsilon: options["eps"]?.number ?? 1e-6,
                    weightDecay: options["weight_decay"]?.number ?? 0)
            case "adam":
                let betas = options["betas"]?.pair ?? [0.9, 0.999]
                optimizer = Adam(
                    learningRate: try #require(options["lr"]?.number), beta1: betas[0],
                    beta2: betas[1], epsilon: options["eps"]?.number ?? 1e-8,
                    weightDecay: options["weight_decay"]?.number ?? 0)
            default:
                Issue.record("\(reference.name): unknown optimizer \(reference.optimizer)")
                continue
            }
            let parameter = Variable(
                Tensor(shape: references.shape, scalars: references.initial), requiresGrad: true)
            for (step, gradient) in references.gradients.enumerated() {
                parameter.grad = Tensor(shape: references.shape, scalars: gradient)
                optimizer.update([("p", parameter)])
                let expected = reference.after_each_step[step]
                for (i, (ours, theirs)) in zip(parameter.value.scalars, expected).enumerated() {
                    #expect(
                        Self.close(ours, theirs, relative: 1e-5, absolute: 1e-6),
                        "\(reference.name) step \(step + 1) entry \(i): \(ours) vs \(theirs)")
                }
            }
            for (stateName, expected) in reference.final_state ?? [:] {
                let ours = try #require(
                    optimizer.state["p.\(stateName)"], "\(reference.name) has no p.\(stateName)")
                #expect(ours.scalars.count == expected.count)
                for (i, (ours, theirs)) in zip(ours.scalars, expected).enumerated() {
                    #expect(
                        Self.close(ours, theirs, relative: 1e-5, absolute: 1e-6),
                        "\(reference.name) \(stateName) entry \(i): \(ours) vs \(theirs)")
                }
            }
        }
    }
}
