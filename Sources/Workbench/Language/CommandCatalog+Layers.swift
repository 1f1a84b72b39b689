// Catalog text is ASCII only, so help reads the same when the locale is not UTF-8.
extension CommandCatalog {
    /// Convolution, pooling, flatten, dropout and batch normalization, listed under Model.
    static let layerEntries: [CommandEntry] = [
        conv2dEntry, conv1dEntry, poolEntry(.max), poolEntry(.average), flattenEntry,
        dropoutEntry, batchNormEntry,
    ]

    /// The rule for output sizes that every convolution and pooling help text states.
    private static let outputSizeRule =
        "\nEach output size is\n    O = floor((N - F + 2*P) / S) + 1\nfor input size N, window"
        + " F, padding P and stride S. The division rounds down, as in PyTorch, so input at the"
        + " end that does not fill a whole window is left out. Some texts print the rule"
        + " without the floor. A window larger than the padded input (F > N + 2*P) is"
        + " rejected when the layer is added."

    private static let conv2dEntry = CommandEntry(
        "conv2d", group: .model,
        usage: "conv2d FILTERS kernel=K[xK] [stride=S[xS]] [pad=P[xP]] [ACTIVATION]"
            + " [init=xavier|he] [bias=yes|no]",
        summary: "Adds a 2-D convolution over images.",
        arguments: [
            ArgumentInfo("FILTERS", .integer, meaning: "Number of output channels, at least 1."),
            ArgumentInfo(
                "ACTIVATION", .choice(activationWords), optional: true,
                meaning: "An activation applied to the layer's output, with the options of"
                    + " the activation command."),
        ],
        options: [
            OptionInfo(
                "kernel", .shape, syntax: "K[xK]", default: nil, required: true,
                meaning: "Window height and width, at least 1; one number gives a square"
                    + " window."),
            OptionInfo(
                "stride", .shape, syntax: "S[xS]", default: "1",
                meaning: "Step between windows along height and width, at least 1."),
            OptionInfo(
                "pad", .shape, syntax: "P[xP]", default: "0",
                meaning: "Zeros added on each side along height and width, at least 0."),
        ] + convolutionOptions(filterShape: "[FILTERS, channels, kh, kw]"),
        example: "conv2d 8 kernel=3 pad=1 relu",
        help: "It computes\n"
            + "    y[o,i,j] = b[o] + sum_c,u,v w[o,c,u,v] * x[c, i*sh-ph+u, j*sw-pw+v]\n"
            + "which maps [batch, channels, H, W] to [batch, FILTERS, oh, ow], PyTorch's"
            + " Conv2d on NCHW input. The weight w has shape [FILTERS, channels, kh, kw] and"
            + " the bias b has shape [FILTERS]. The input must be [channels, height, width]"
            + " per sample: input 1x8x8 reads 64 flat features as one 8 by 8 channel, row by"
            + " row." + outputSizeRule)

    private static let conv1dEntry = CommandEntry(
        "conv1d", group: .model,
        usage: "conv1d FILTERS kernel=K [stride=S] [pad=P] [ACTIVATION] [init=xavier|he]"
            + " [bias=yes|no]",
        summary: "Adds a 1-D convolution over sequences.",
        arguments: [
            ArgumentInfo("FILTERS", .integer, meaning: "Number of output channels, at least 1."),
            ArgumentInfo(
                "ACTIVATION", .choice(activationWords), optional: true,
                meaning: "An activation applied to the layer's output, with the options of"
                    + " the activation command."),
        ],
        options: [
            OptionInfo(
                "kernel", .integer, syntax: "K", default: nil, required: true,
                meaning: "Window length, at least 1."),
            OptionInfo(
                "stride", .integer, syntax: "S", default: "1",
                meaning: "Step between windows, at least 1."),
            OptionInfo(
                "pad", .integer, syntax: "P", default: "0",
                meaning: "Zeros added at each end, at least 0."),
        ] + convolutionOptions(filterShape: "[FILTERS, channels, k]"),
        example: "conv1d 16 kernel=5 relu",
        help: "It computes\n"
            + "    y[o,i] = b[o] + sum_c,u w[o,c,u] * x[c, i*s-p+u]\n"
            + "which maps [batch, channels, L] to [batch, FILTERS, ol], PyTorch's Conv1d on"
            + " NCL input. The weight w has shape [FILTERS, channels, k] and the bias b has"
            + " shape [FILTERS]. The input must be [channels, length] per sample, such as"
            + " input 1x100 for one series of 100 steps." + outputSizeRule)

    /// Returns the initializer, bias and activation options that `conv2d` and `conv1d`
    /// share with `dense`.
    private static func convolutionOptions(filterShape: String) -> [OptionInfo] {
        [
            OptionInfo(
                "init", .choice(InitializerKind.allCases.map(\.rawValue)), default: nil,
                meaning: "Weight initializer: xavier (Glorot uniform) or he (Kaiming uniform),"
                    + " with fan-in channels*window and fan-out FILTERS*window. Biases start"
                    + " at 0. Without init=, LayerLab uses he before relu, leakyrelu and elu,"
                    + " and xavier otherwise."),
            OptionInfo(
                "bias", .yesNo, default: "yes",
                meaning: "Whether the layer adds a learned bias per filter."),
            OptionInfo(
                "slope", .number, default: "0.01", requiredWord: "leakyrelu",
                meaning: "With leakyrelu, the slope for negative inputs, at least 0."),
            OptionInfo(
                "alpha", .number, default: "1", requiredWord: "elu",
                meaning: "With elu, the scale of the negative branch, at least 0."),
        ]
    }

    private static func poolEntry(_ kind: PoolingKind) -> CommandEntry {
        let isMax = kind == .max
        var options = [
            OptionInfo(
                "stride", .shape, syntax: "S[xS]", default: nil,
                meaning: "Step between windows, at least 1. Without stride=, it is the"
                    + " window size, so windows do not overlap."),
            OptionInfo(
                "pad", .shape, syntax: "P[xP]", default: "0",
                meaning: isMax
                    ? "Positions added on each side, at least 0 and at most half the window."
                        + " They count as minus infinity, so they never win."
                    : "Zeros added on each side, at least 0 and at most half the window."),
        ]
        if !isMax {
            options.append(
                OptionInfo(
                    "count_include_pad", .yesNo, default: "yes",
                    meaning: "Whether padded zeros count in the divisor: yes divides every"
                        + " window by its full size, as PyTorch does by default, and no"
                        + " divides by the positions inside the input."))
        }
        let formula = isMax
            ? "It computes\n    y[c,i,j] = max over u,v of x[c, i*sh-ph+u, j*sw-pw+v]\n"
            : "It computes\n    y[c,i,j] = (1/d) * sum_u,v x[c, i*sh-ph+u, j*sw-pw+v]\n"
        let convention = isMax
            ? " When several values in a window tie for the maximum, the gradient goes to the"
                + " first of them in row-major order, as in PyTorch."
            : " The divisor d is the window size kh*kw with count_include_pad=yes, or the"
                + " number of window positions inside the input with count_include_pad=no."
        return CommandEntry(
            kind.rawValue, group: .model,
            usage: "\(kind.rawValue) SIZE [stride=S[xS]] [pad=P[xP]]"
                + (isMax ? "" : " [count_include_pad=yes|no]"),
            summary: isMax
                ? "Adds max pooling: the largest value of each window."
                : "Adds average pooling: the mean of each window.",
            arguments: [
                ArgumentInfo(
                    "SIZE", .shape,
                    meaning: "Window size, at least 1: K, or KxK for height and width.")
            ],
            options: options,
            example: isMax ? "maxpool 2" : "avgpool 2 stride=1",
            help: formula
                + "over each channel, keeping the number of channels. It is 2-D (PyTorch's"
                + " \(isMax ? "MaxPool2d" : "AvgPool2d")) after an input of [channels, height,"
                + " width] and 1-D (\(isMax ? "MaxPool1d" : "AvgPool1d")) after [channels,"
                + " length], where SIZE must be a single number. It has no parameters."
                + convention + outputSizeRule)
    }

    private static let flattenEntry = CommandEntry(
        "flatten", group: .model, usage: "flatten",
        summary: "Adds a layer that flattens each sample into a vector.",
        example: "flatten",
        help: "It maps [batch, d1, ..., dk] to [batch, d1*...*dk] in row-major order, as"
            + " PyTorch's Flatten does, so [8, 4, 4] becomes [128] with the 16 values of the"
            + " first channel first. A dense layer after a convolution or pooling layer needs"
            + " it. It has no parameters.")

    private static let dropoutEntry = CommandEntry(
        "dropout", group: .model, usage: "dropout RATE",
        summary: "Adds dropout, which zeroes random values while training.",
        arguments: [
            ArgumentInfo(
                "RATE", .number,
                meaning: "Probability that a value is zeroed, from 0 up to but not including"
                    + " 1.")
        ],
        example: "dropout 0.5",
        help: "This is inverted dropout, as in PyTorch:\n"
            + "    training:    y = m * x / (1 - RATE),  m = 0 with probability RATE, else 1\n"
            + "    evaluation:  y = x\n"
            + "Scaling the kept values by 1/(1 - RATE) while training keeps each value's"
            + " expected size, so evaluation, eval, predict and the test figures of each"
            + " epoch use the whole network unchanged. Each training step draws a new mask"
            + " from the session's seeded generator. The shape is kept.")

    private static let batchNormEntry = CommandEntry(
        "batchnorm", group: .model, usage: "batchnorm [momentum=X] [eps=X]",
        summary: "Adds batch normalization.",
        options: [
            OptionInfo(
                "momentum", .number, default: "0.1",
                meaning: "Weight of each new batch in the running statistics, greater than 0"
                    + " and at most 1. This is PyTorch's momentum; Keras's momentum is"
                    + " 1 minus it."),
            OptionInfo(
                "eps", .number, default: "1e-5",
                meaning: "Added to the variance before the square root, greater than 0."),
        ],
        example: "batchnorm momentum=0.1",
        help: "While training it normalizes each feature with the statistics of the batch:\n"
            + "    y = gamma * (x - mean) / sqrt(var + eps) + beta\n"
            + "    running_mean <- (1 - momentum) * running_mean + momentum * mean\n"
            + "    running_var  <- (1 - momentum) * running_var + momentum * var * n/(n-1)\n"
            + "Here var is the biased batch variance (divided by n), while running_var"
            + " tracks the unbiased one (divided by n - 1), as in PyTorch. Evaluation uses"
            + " running_mean and running_var instead of the batch. Statistics are per"
            + " feature for [features] input (BatchNorm1d) and per channel over all positions"
            + " for [channels, length] (BatchNorm1d) and [channels, height, width]"
            + " (BatchNorm2d). gamma starts at 1 and beta at 0, and both are trained."
            + " running_mean, running_var and num_batches_tracked are buffers: saved with the"
            + " weights but not trained, and summary lists them as non-trainable. Training"
            + " needs more than one value per feature in every batch.")
}
