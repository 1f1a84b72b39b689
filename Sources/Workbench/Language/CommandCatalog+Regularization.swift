// Catalog text is ASCII only, so help reads the same when the locale is not UTF-8.
extension CommandCatalog {
    /// `optimizer adagrad` and `optimizer adadelta`, listed after `optimizer adam`.
    static let adaptiveOptimizerEntries: [CommandEntry] = [
        CommandEntry(
            "optimizer adagrad", group: .training,
            usage: "optimizer adagrad [lr=X] [eps=X] [weight_decay=X]",
            summary: "Uses Adagrad.",
            options: [
                OptionInfo(
                    "lr", .number, default: "0.01",
                    meaning: "Learning rate, the step size, greater than 0."),
                OptionInfo(
                    "eps", .number, default: "1e-10",
                    meaning: "Added to the denominator after the square root, greater than"
                        + " 0."),
                adaptiveWeightDecayOption,
            ],
            example: "optimizer adagrad lr=0.05",
            help: "Each step updates every weight w from its gradient dL/dw as follows, where"
                + " s starts at 0.\n"
                + "    g <- dL/dw + weight_decay * w\n"
                + "    s <- s + g^2\n"
                + "    w <- w - lr * g / (sqrt(s) + eps)\n"
                + "s sums every squared gradient so far, so weights with large gradients take"
                + " ever smaller steps. This is PyTorch's Adagrad with eps outside the square"
                + " root, which some texts place inside it."),
        CommandEntry(
            "optimizer adadelta", group: .training,
            usage: "optimizer adadelta [lr=X] [rho=X] [eps=X] [weight_decay=X]",
            summary: "Uses Adadelta.",
            options: [
                OptionInfo(
                    "lr", .number, default: "1.0",
                    meaning: "Scale of each update, greater than 0. 1 gives Zeiler's original"
                        + " method, which has no learning rate."),
                OptionInfo(
                    "rho", .number, default: "0.9",
                    meaning: "Decay rate of both running means, from 0 to 1."),
                OptionInfo(
                    "eps", .number, default: "1e-6",
                    meaning: "Added inside both square roots, greater than 0."),
                adaptiveWeightDecayOption,
            ],
            example: "optimizer adadelta rho=0.95",
            help: "Each step updates every weight w from its gradient dL/dw as follows, where"
                + " v and u start at 0.\n"
                + "    g <- dL/dw + weight_decay * w\n"
                + "    v <- rho * v + (1 - rho) * g^2\n"
                + "    d <- sqrt(u + eps) / sqrt(v + eps) * g\n"
                + "    u <- rho * u + (1 - rho) * d^2\n"
                + "    w <- w - lr * d\n"
                + "v is the running mean of squared gradients and u that of squared updates,"
                + " so the step has the units of the weight. This is PyTorch's Adadelta, with"
                + " eps inside both square roots."),
    ]

    private static let adaptiveWeightDecayOption = OptionInfo(
        "weight_decay", .number, default: "0",
        meaning: "L2 penalty coefficient, at least 0. It adds weight_decay * w to the gradient"
            + " of every parameter, biases included. regularize l2= penalizes weights only.")

    /// `regularize` and `code`, listed under Training.
    static let regularizationEntries: [CommandEntry] = [
        CommandEntry(
            "regularize", group: .training,
            usage: "regularize [l1=X] [l2=X]",
            summary: "Sets L1 and L2 penalties on the weights, or shows them.",
            options: [
                OptionInfo(
                    "l1", .number, default: nil,
                    meaning: "lambda1 of the L1 penalty, at least 0. 0 turns it off. Without"
                        + " l1=, the value stays as it was."),
                OptionInfo(
                    "l2", .number, default: nil,
                    meaning: "lambda2 of the L2 penalty, at least 0. 0 turns it off. Without"
                        + " l2=, the value stays as it was."),
            ],
            example: "regularize l2=0.0001",
            help: "Training then minimizes\n"
                + "    J = loss + l1 * sum |w| + l2 * sum w^2\n"
                + "over the connection weights of dense, convolution and recurrent layers."
                + " Biases and batchnorm's gamma and beta are not penalized. The gradient of"
                + " the L2 term is 2 * l2 * w, so the optimizer option weight_decay=d, which"
                + " adds d * w to the gradient of every parameter including biases, matches"
                + " l2 = d/2 on the weights. Some texts write the L2 term as (lambda/2) * sum"
                + " w^2; here l2 multiplies sum w^2 directly. Each epoch line shows the data"
                + " loss and every penalty as separate terms. regularize alone shows the"
                + " setting, and regularize l1=0 l2=0 turns both penalties off."),
        CommandEntry(
            "code", group: .training,
            usage: "code [l1=X] [sparsity=RHO] [beta=X]",
            summary: "Marks the last layer as an autoencoder's code, with a penalty.",
            options: [
                OptionInfo(
                    "l1", .number, default: nil,
                    meaning: "lambda of an L1 penalty on the code, at least 0."),
                OptionInfo(
                    "sparsity", .number, syntax: "RHO", default: nil,
                    meaning: "Target mean activation rho of each code unit for the KL"
                        + " sparsity penalty, greater than 0 and less than 1, such as 0.05."
                        + " The code layer must be a sigmoid."),
                OptionInfo(
                    "beta", .number, default: "3", requiredOption: "sparsity",
                    meaning: "Weight of the KL sparsity penalty, at least 0."),
            ],
            example: "code sparsity=0.05 beta=3",
            help: "The layer added last becomes the code: the layers up to it form the"
                + " encoder, and the layers after it the decoder. Without options there is no"
                + " penalty. l1=X adds\n"
                + "    X * (1/B) * sum_b,j |h[b,j]|\n"
                + "for a batch of B codes h, and sparsity=RHO adds\n"
                + "    beta * sum_j (RHO*log(RHO/r_j) + (1-RHO)*log((1-RHO)/(1-r_j)))\n"
                + "where r_j is the mean activation of code unit j over the batch, kept within"
                + " [1e-6, 1 - 1e-6]. Some texts print r_j as a sum over the samples; it is"
                + " a mean, because it is compared with the probability RHO. Only one of l1="
                + " and sparsity= can be set. Each epoch line shows the reconstruction and"
                + " the penalty as separate terms, and eval shows the mean code activation."
                + " pop and clear remove the mark along with the layer."),
    ]
}
