import Datasets
import Engine

/// Mappings from the command language's values to the engine's types.

extension ActivationKind {
    var engineActivation: Activation {
        switch self {
        case .relu: .relu
        case .leakyReLU(let slope): .leakyReLU(slope: slope)
        case .elu(let alpha): .elu(alpha: alpha)
        case .sigmoid: .sigmoid
        case .tanh: .tanh
        case .softmax: .softmax
        }
    }

    /// Whether weights feeding this activation are best drawn with He initialization.
    var prefersHeInitialization: Bool {
        switch self {
        case .relu, .leakyReLU, .elu: true
        case .sigmoid, .tanh, .softmax: false
        }
    }
}

extension InitializerKind {
    var engineInitializer: Initializer {
        switch self {
        case .xavier: .xavier
        case .he: .he
        }
    }
}

extension LossKind {
    var engineLoss: Loss {
        switch self {
        case .mse: .meanSquaredError
        case .bce: .binaryCrossEntropy
        case .crossentropy: .crossEntropy
        case .reconstruction: .meanSquaredError
        }
    }
}

extension OptimizerSpec {
    func makeOptimizer() -> any Optimizer {
        switch self {
        case .sgd(let learningRate, let momentum, let nesterov, let weightDecay):
            SGD(learningRate: learningRate, momentum: momentum, nesterov: nesterov,
                weightDecay: weightDecay)
        case .adam(let learningRate, let beta1, let beta2, let epsilon, let weightDecay):
            Adam(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
                 weightDecay: weightDecay)
        case .adagrad(let learningRate, let epsilon, let weightDecay):
            Adagrad(learningRate: learningRate, weightDecay: weightDecay, epsilon: epsilon)
        case .adadelta(let learningRate, let rho, let epsilon, let weightDecay):
            Adadelta(learningRate: learningRate, rho: rho, epsilon: epsilon, weightDecay: weightDecay)
        }
    }

    var learningRate: Float {
        switch self {
        case .sgd(let learningRate, _, _, _): learningRate
        case .adam(let learningRate, _, _, _, _): learningRate
        case .adagrad(let learningRate, _, _): learningRate
        case .adadelta(let learningRate, _, _, _): learningRate
        }
    }

    var summary: String {
        switch self {
        case .sgd(let lr, let momentum, let nesterov, let weightDecay):
            var text = momentum > 0 ? "sgd lr=\(lr) momentum=\(momentum)" : "sgd lr=\(lr)"
            if nesterov { text += " nesterov=yes" }
            if weightDecay > 0 { text += " weight_decay=\(weightDecay)" }
            return text
        case .adam(let lr, let beta1, let beta2, let epsilon, let weightDecay):
            var text = "adam lr=\(lr) beta1=\(beta1) beta2=\(beta2) eps=\(epsilon)"
            if weightDecay > 0 { text += " weight_decay=\(weightDecay)" }
            return text
        case .adagrad(let lr, let epsilon, let weightDecay):
            var text = "adagrad lr=\(lr) eps=\(epsilon)"
            if weightDecay > 0 { text += " weight_decay=\(weightDecay)" }
            return text
        case .adadelta(let lr, let rho, let epsilon, let weightDecay):
            var text = "adadelta lr=\(lr) rho=\(rho) eps=\(epsilon)"
            if weightDecay > 0 { text += " weight_decay=\(weightDecay)" }
            return text
        }
    }
}

extension Targets {
    /// The engine's view of these targets: class indices or values.
    var engineTarget: Target {
        switch self {
        case .classification(let classIndices, _): .classes(classIndices)
        case .regression(let values): .values(values)
        }
    }
}
