// Catalog text is ASCII only, so help reads the same when the locale is not UTF-8.
extension CommandCatalog {
    static let modelEntries: [CommandEntry] =
        [inputEntry, denseEntry] + activationEntries + [
            CommandEntry(
                "pop", group: .model, usage: "pop",
                summary: "Removes the last layer.",
                example: "pop",
                help: "Removes the layer added last, with its weights. The input shape stays."),
            CommandEntry(
                "clear", group: .model, usage: "clear",
                summary: "Removes every layer.",
                example: "clear",
                help: "Removes all layers and their weights, to build a new model on the same"
                    + " data."),
            CommandEntry(
                "reset", group: .model, usage: "reset",
                summary: "Reinitializes all weights, keeping the layers.",
                example: "reset",
                help: "Draws new weights for every layer from its initializer, as if the layers"
                    + " had just been added, so training starts over with the same model."),
        ]

    private static let inputEntry = CommandEntry(
        "input", group: .model,
        usage: "input SIZE [SIZE ...]",
        summary: "Sets the shape of one input sample.",
        arguments: [
            ArgumentInfo(
                "SIZE", .shape, repeated: true,
                meaning: "One dimension of a sample, at least 1. 1x8x8 is the same as 1 8 8.")
        ],
        example: "input 4",
        help: "The shape leaves out the batch dimension: input 4 takes rows of 4 features, and"
            + " input 1x8x8 takes one channel of 8 by 8 pixels. Each layer added afterwards"
            + " is checked against the shape of its input. When the loaded data has as many"
            + " values per sample in another layout, input reads each sample in the new shape,"
            + " row by row, so input 1x8x8 turns 64 flat pixel features into an image.")

    private static let denseEntry = CommandEntry(
        "dense", group: .model,
        usage: "dense UNITS [ACTIVATION] [init=xavier|he] [bias=yes|no]",
        summary: "Adds a fully connected layer.",
        arguments: [
            ArgumentInfo("UNITS", .integer, meaning: "Number of output features, at least 1."),
            ArgumentInfo(
                "ACTIVATION", .choice(activationWords), optional: true,
                meaning: "An activation applied to the layer's output, with the options of"
                    + " the activation command."),
        ],
        options: [
            OptionInfo(
                "init", .choice(InitializerKind.allCases.map(\.rawValue)), default: nil,
                meaning: "Weight initializer: xavier (Glorot uniform) or he (Kaiming"
                    + " uniform). Biases start at 0. Without init=, LayerLab uses he before"
                    + " relu, leakyrelu and elu, and xavier otherwise."),
            OptionInfo(
                "bias", .yesNo, default: "yes",
                meaning: "Whether the layer adds a learned bias vector."),
            OptionInfo(
                "slope", .number, default: "0.01", requiredWord: "leakyrelu",
                meaning: "With leakyrelu, the slope for negative inputs, at least 0."),
            OptionInfo(
                "alpha", .number, default: "1", requiredWord: "elu",
                meaning: "With elu, the scale of the negative branch, at least 0."),
        ],
        example: "dense 16 relu",
        help: "It computes\n    y = x * W^T + b\nwhich maps [batch, inFeatures] to"
            + " [batch, UNITS]. The weight W has shape [UNITS, inFeatures] and the bias b has"
            + " shape [UNITS]. inFeatures is the output size of the previous layer, or the"
            + " input size for the first layer. An activation word after UNITS adds that"
            + " activation, as in dense 8 leakyrelu slope=0.2.")

    /// The activation words, in the order help lists them.
    static let activationWords = ["relu", "leakyrelu", "elu", "sigmoid", "tanh", "softmax"]

    private static let shapeNote =
        " Like every activation, it keeps the shape of its input, [batch, features]."

    private static let activationEntries: [CommandEntry] = [
        CommandEntry(
            "relu", group: .model, usage: "relu",
            summary: "Adds a ReLU activation: max(0, z).",
            example: "relu",
            help: "It computes\n    relu(z) = max(0, z)\nIts gradient is 0 for z < 0, so a"
                + " unit whose input stays negative stops learning, which is called a dead"
                + " ReLU." + shapeNote),
        CommandEntry(
            "leakyrelu", group: .model, usage: "leakyrelu [slope=X]",
            summary: "Adds a leaky ReLU: z, or slope * z below 0.",
            options: [
                OptionInfo(
                    "slope", .number, default: "0.01",
                    meaning: "The slope for negative inputs, at least 0.")
            ],
            example: "leakyrelu slope=0.1",
            help: "It computes\n    leakyrelu(z) = z            for z >= 0\n"
                + "    leakyrelu(z) = slope * z    for z < 0\nThe small slope keeps a gradient"
                + " flowing for negative inputs." + shapeNote),
        CommandEntry(
            "elu", group: .model, usage: "elu [alpha=X]",
            summary: "Adds an ELU: z, or alpha * (exp(z) - 1) below 0.",
            options: [
                OptionInfo(
                    "alpha", .number, default: "1",
                    meaning: "The scale of the negative branch, at least 0. The output tends"
                        + " to -alpha for very negative inputs.")
            ],
            example: "elu alpha=1",
            help: "It computes\n    elu(z) = z                       for z >= 0\n"
                + "    elu(z) = alpha * (exp(z) - 1)    for z < 0\nSome texts misprint the"
                + " negative branch as alpha * exp(z - 1), which is not 0 at z = 0. LayerLab"
                + " computes the form above." + shapeNote),
        CommandEntry(
            "sigmoid", group: .model, usage: "sigmoid",
            summary: "Adds a sigmoid activation: 1 / (1 + exp(-z)).",
            example: "sigmoid",
            help: "It computes\n    sigmoid(z) = 1 / (1 + exp(-z))\nwith outputs in (0, 1)."
                + " Before loss bce a final sigmoid layer is folded into the loss." + shapeNote),
        CommandEntry(
            "tanh", group: .model, usage: "tanh",
            summary: "Adds a hyperbolic tangent activation.",
            example: "tanh",
            help: "It computes\n    tanh(z) = (exp(z) - exp(-z)) / (exp(z) + exp(-z))\n"
                + "with outputs in (-1, 1)." + shapeNote),
        CommandEntry(
            "softmax", group: .model, usage: "softmax",
            summary: "Adds a softmax over the features of each sample.",
            example: "softmax",
            help: "It computes\n    softmax(z)_i = exp(z_i) / sum_j exp(z_j)\nover the last"
                + " dimension, so each sample's outputs are positive and sum to 1. Before loss"
                + " crossentropy a final softmax layer is folded into the loss." + shapeNote),
    ]
}
