// Catalog text is ASCII only, so help reads the same when the locale is not UTF-8.
extension CommandCatalog {
    /// The entries of the recurrent layers `rnn`, `lstm` and `gru`.
    static let recurrentEntries: [CommandEntry] = [
        CommandEntry(
            "rnn", group: .model,
            usage: "rnn UNITS [sequences=yes|no]",
            summary: "Adds a simple recurrent layer with tanh (Elman RNN).",
            arguments: [unitsArgument],
            options: [sequencesOption],
            example: "rnn 16",
            help: "For a sequence x(1), ..., x(T) it computes\n"
                + "    h(t) = tanh(W_hh h(t-1) + W_hx x(t) + b_h),    h(0) = 0\n"
                + "The chapter's output y(t) = alpha_y(W_yh h(t) + b_y) is the dense layer"
                + " added after it. Some printings feed x(t-1) into h(t); LayerLab uses x(t)."
                + " The parameters follow PyTorch's nn.RNN: weight_ih_l0 is W_hx [H, I],"
                + " weight_hh_l0 is W_hh [H, H], and b_h is the sum of bias_ih_l0 and"
                + " bias_hh_l0 [H], so the layer has H * (I + H + 2) parameters for I input"
                + " features." + sharedNote),
        CommandEntry(
            "lstm", group: .model,
            usage: "lstm UNITS [sequences=yes|no]",
            summary: "Adds a long short-term memory layer.",
            arguments: [unitsArgument],
            options: [sequencesOption],
            example: "lstm 32",
            help: "With s the sigmoid and * the elementwise product, each step computes\n"
                + "    f(t)  = s(W_f x(t) + U_f h(t-1) + b_f)        forget gate\n"
                + "    i(t)  = s(W_i x(t) + U_i h(t-1) + b_i)        input gate\n"
                + "    o(t)  = s(W_o x(t) + U_o h(t-1) + b_o)        output gate\n"
                + "    C~(t) = tanh(W_c x(t) + U_c h(t-1) + b_c)     candidate cell\n"
                + "    C(t)  = f(t) * C(t-1) + i(t) * C~(t)\n"
                + "    h(t)  = o(t) * tanh(C(t)),    h(0) = C(0) = 0\n"
                + "The parameters follow PyTorch's nn.LSTM, which stacks the gates in the"
                + " order i, f, g, o, where g is the candidate C~: weight_ih_l0 is"
                + " [W_i; W_f; W_c; W_o] of shape [4H, I], weight_hh_l0 is"
                + " [U_i; U_f; U_c; U_o] of shape [4H, H], and each b is the sum of its"
                + " blocks of bias_ih_l0 and bias_hh_l0 [4H]. The layer has"
                + " 4H * (I + H + 2) parameters for I input features." + sharedNote),
        CommandEntry(
            "gru", group: .model,
            usage: "gru UNITS [form=chapter|pytorch] [sequences=yes|no]",
            summary: "Adds a gated recurrent unit layer.",
            arguments: [unitsArgument],
            options: [
                OptionInfo(
                    "form", .choice(GRUFormKind.allCases.map(\.rawValue)), default: "chapter",
                    meaning: "Where the reset gate acts: chapter, the original form, scales"
                        + " h(t-1) before the product with U; pytorch, the form of"
                        + " PyTorch's nn.GRU, scales the product. Weights exported to"
                        + " PyTorch need form=pytorch."),
                sequencesOption,
            ],
            example: "gru 32 form=pytorch",
            help: "With s the sigmoid and * the elementwise product, each step computes\n"
                + "    z(t) = s(W_z x(t) + U_z h(t-1) + b_z)         update gate\n"
                + "    r(t) = s(W_r x(t) + U_r h(t-1) + b_r)         reset gate\n"
                + "    chapter: h~(t) = tanh(W x(t) + U (r(t) * h(t-1)) + b)\n"
                + "    pytorch: h~(t) = tanh(W x(t) + b_in + r(t) * (U h(t-1) + b_hn))\n"
                + "    h(t) = (1 - z(t)) * h(t-1) + z(t) * h~(t),    h(0) = 0\n"
                + "The chapter's form (Cho et al., 2014) is the default. PyTorch's nn.GRU"
                + " applies r(t) after the product, so weights trained in one form give other"
                + " outputs in the other. The parameters follow nn.GRU, which stacks the"
                + " gates in the order r, z, n, where n is the candidate h~: weight_ih_l0"
                + " [3H, I], weight_hh_l0 [3H, H], bias_ih_l0 and bias_hh_l0 [3H], so the"
                + " layer has 3H * (I + H + 2) parameters for I input features. Like PyTorch,"
                + " LayerLab keeps the weight on h(t-1) as its update gate, which is 1 - z(t)"
                + " above. Since 1 - s(a) = s(-a), the two describe the same layer with"
                + " W_z, U_z and b_z negated." + sharedNote),
    ]

    private static let unitsArgument = ArgumentInfo(
        "UNITS", .integer, meaning: "Units of the hidden state, H, at least 1.")

    private static let sequencesOption = OptionInfo(
        "sequences", .yesNo, default: "no",
        meaning: "Whether the layer outputs the hidden state of every step, [steps, UNITS],"
            + " instead of the last one, [UNITS]. A recurrent layer after it needs yes.")

    private static let sharedNote =
        " The input must be a sequence [steps, features], as data window and data text"
        + " give. Every weight and bias starts uniform in [-1/sqrt(H), 1/sqrt(H)], as in"
        + " PyTorch."
}
