// Catalog text is ASCII only, so help reads the same when the locale is not UTF-8.
extension CommandCatalog {
    static let trainingEntries: [CommandEntry] = [
        CommandEntry(
            "loss", group: .training,
            usage: "loss mse|bce|crossentropy|reconstruction",
            summary: "Sets the training loss.",
            arguments: [
                ArgumentInfo(
                    "LOSS", .choice(LossKind.allCases.map(\.rawValue)),
                    meaning: "mse, bce, crossentropy or reconstruction.")
            ],
            example: "loss crossentropy",
            help: "mse is the mean squared error between output and target, for regression."
                + " bce is binary cross-entropy for targets of 0 or 1, and crossentropy is"
                + " categorical cross-entropy for class targets. bce and crossentropy take"
                + " logits, so a final sigmoid (bce) or softmax (crossentropy) layer is folded"
                + " into the loss, which is then computed stably for any input. Each loss"
                + " reports the mean over the batch. ce and cross_entropy are accepted for"
                + " crossentropy, and binary_crossentropy for bce. reconstruction trains an"
                + " autoencoder: it is the mean squared error between the output and the"
                + " model's own input, so the labels are not used, and eval compares it with"
                + " the error of always predicting the mean training sample."),
        CommandEntry(
            "optimizer sgd", aliases: ["optimizer gd"], group: .training,
            usage: "optimizer sgd [lr=X] [momentum=X] [nesterov=yes|no] [weight_decay=X]",
            summary: "Uses stochastic gradient descent.",
            options: sgdOptions(momentum: "0"),
            example: "optimizer sgd lr=0.1",
            help: "Each step updates every weight w from its gradient dL/dw as follows, where"
                + " the velocity v starts as the first g.\n"
                + "    g <- dL/dw + weight_decay * w\n"
                + "    w <- w - lr * g                     when momentum = 0\n"
                + "    v <- momentum * v + g               when momentum > 0\n"
                + "    w <- w - lr * v                     and nesterov=no\n"
                + "    w <- w - lr * (g + momentum * v)    and nesterov=yes\n"
                + "This is PyTorch's SGD. With batch all it is full-batch gradient descent."),
        CommandEntry(
            "optimizer momentum", group: .training,
            usage: "optimizer momentum [lr=X] [momentum=X] [nesterov=yes|no] [weight_decay=X]",
            summary: "Uses gradient descent with momentum 0.9.",
            options: sgdOptions(momentum: "0.9"),
            example: "optimizer momentum lr=0.05 nesterov=yes",
            help: "The same as optimizer sgd with momentum=0.9 by default. The velocity"
                + " averages recent gradients, which damps oscillation across a narrow valley"
                + " and speeds travel along it."),
        CommandEntry(
            "optimizer adam", group: .training,
            usage: "optimizer adam [lr=X] [beta1=X] [beta2=X] [eps=X] [weight_decay=X]",
            summary: "Uses Adam.",
            options: [
                learningRateOption(default: "0.001"),
                OptionInfo(
                    "beta1", .number, default: "0.9",
                    meaning: "Decay rate of the running mean of gradients, from 0 up to but"
                        + " not including 1."),
                OptionInfo(
                    "beta2", .number, default: "0.999",
                    meaning: "Decay rate of the running mean of squared gradients, from 0 up"
                        + " to but not including 1."),
                OptionInfo(
                    "eps", .number, default: "1e-8",
                    meaning: "Added to the denominator after the square root, greater than"
                        + " 0."),
                weightDecayOption,
            ],
            example: "optimizer adam lr=0.01",
            help: "Each step t updates every weight w from its gradient dL/dw as follows,"
                + " where m and v start at 0.\n"
                + "    g <- dL/dw + weight_decay * w\n"
                + "    m <- beta1 * m + (1 - beta1) * g\n"
                + "    v <- beta2 * v + (1 - beta2) * g^2\n"
                + "    w <- w - lr * mhat / (sqrt(vhat) + eps)\n"
                + "Here mhat = m / (1 - beta1^t) and vhat = v / (1 - beta2^t) correct the bias"
                + " of m and v toward 0 in the first steps. This is PyTorch's Adam, so"
                + " weight_decay is an L2 penalty on the gradient and not the decoupled decay"
                + " of AdamW."),
    ] + adaptiveOptimizerEntries + [
        CommandEntry(
            "batch", group: .training,
            usage: "batch N|all",
            summary: "Sets the mini-batch size.",
            arguments: [
                ArgumentInfo(
                    "SIZE", .integerOrAll,
                    meaning: "Samples per mini-batch, at least 1, or all for every training"
                        + " sample.")
            ],
            example: "batch 32",
            help: "Each training step computes the gradient on one mini-batch. batch all"
                + " uses every training sample in one batch, which is full-batch gradient"
                + " descent."),
        CommandEntry(
            "seed", group: .training,
            usage: "seed N",
            summary: "Seeds the random number generator.",
            arguments: [
                ArgumentInfo(
                    "SEED", .integer, meaning: "A whole number from 0 to \(UInt64.max).")
            ],
            example: "seed 7",
            help: "LayerLab draws all its randomness from one seeded generator, so a session"
                + " that sets the seed first replays the same way on the same machine."),
    ]

    private static func sgdOptions(momentum: String) -> [OptionInfo] {
        [
            learningRateOption(default: "0.01"),
            OptionInfo(
                "momentum", .number, default: momentum,
                meaning: "Momentum factor, from 0 up to but not including 1. 0 turns momentum"
                    + " off."),
            OptionInfo(
                "nesterov", .yesNo, default: "no",
                meaning: "Whether to use Nesterov momentum, which needs momentum greater than"
                    + " 0."),
            weightDecayOption,
        ]
    }

    private static func learningRateOption(default value: String) -> OptionInfo {
        OptionInfo(
            "lr", .number, default: value,
            meaning: "Learning rate, the step size, greater than 0.")
    }

    private static let weightDecayOption = OptionInfo(
        "weight_decay", .number, default: "0",
        meaning: "L2 penalty coefficient, at least 0. It adds weight_decay * w to the gradient"
            + " of every parameter, biases included.")
}
