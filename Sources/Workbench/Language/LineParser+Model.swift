/// Parse functions for the commands that build the model.
extension LineParser {
    func parseInput() throws(ParseError) -> Command {
        var arguments = try reader("input", argumentsFrom: 1)
        let first = try arguments.required("SIZE")

        var shape: [Int] = []
        for token in [first] + arguments.remaining() {
            shape += try dimensions(token)
        }
        return .input(shape: shape)
    }

    func parseDense() throws(ParseError) -> Command {
        var arguments = try reader("dense", argumentsFrom: 1)
        let units = try ValueParser.integer(
            arguments.required("UNITS"), subject: "UNITS", minimum: 1)
        let activationToken = arguments.optional()
        try arguments.finish()

        let activation: ActivationKind?
        if let activationToken {
            activation = try makeActivation(activationToken, options: arguments)
        } else {
            activation = nil
        }

        var initializer: InitializerKind?
        if let token = arguments.option("init") {
            let choices = InitializerKind.allCases.map { (word: $0.rawValue, value: $0) }
            initializer = try ValueParser.choice(token, subject: "init", choices)
        }
        let bias = try arguments.yesNo("bias")
        return .dense(units: units, activation: activation, initializer: initializer, bias: bias)
    }

    /// Parses an activation on its own line, such as `leakyrelu slope=0.2`.
    func parseActivation(_ word: String) throws(ParseError) -> Command {
        let arguments = try reader(word, argumentsFrom: 1)
        try arguments.finish()
        return .activation(try makeActivation(tokens[0], options: arguments))
    }

    /// Returns the activation that `token` names, with its `slope` or `alpha` read from
    /// `options`.
    func makeActivation(
        _ token: Token, options: ArgumentReader
    ) throws(ParseError) -> ActivationKind {
        let words = CommandCatalog.activationWords.map { (word: $0, value: $0) }
        switch try ValueParser.keyword(token, category: .activation, words) {
        case "relu": return .relu
        case "leakyrelu": return .leakyReLU(slope: try options.float("slope", .nonNegative))
        case "elu": return .elu(alpha: try options.float("alpha", .nonNegative))
        case "sigmoid": return .sigmoid
        case "tanh": return .tanh
        case "softmax": return .softmax
        case let word: preconditionFailure("activation word '\(word)' has no ActivationKind")
        }
    }

    /// Returns the sizes in one `input` argument: `4` gives [4] and `1x8x8` gives [1, 8, 8].
    private func dimensions(_ token: Token) throws(ParseError) -> [Int] {
        let parts = token.value.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        var sizes: [Int] = []
        for part in parts {
            guard let size = Int(part), size >= 1 else {
                throw ValueParser.invalid(
                    token, subject: "SIZE",
                    expected: "a whole number of at least 1, or sizes joined by x as in 1x8x8")
            }
            sizes.append(size)
        }
        return sizes
    }
}
