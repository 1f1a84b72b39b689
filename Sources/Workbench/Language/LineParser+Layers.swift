/// Parse functions for the convolution, pooling, flatten, dropout and batch normalization
/// layers.
extension LineParser {
    func parseConv2D() throws(ParseError) -> Command {
        var arguments = try reader("conv2d", argumentsFrom: 1)
        let filters = try ValueParser.integer(
            arguments.required("FILTERS"), subject: "FILTERS", minimum: 1)
        let activationToken = arguments.optional()
        try arguments.finish()

        var options = Conv2DOptions(
            filters: filters,
            kernel: try windowExtent(arguments.requiredOption("kernel"), minimum: 1))
        if let token = arguments.optionOrDefault("stride") {
            options.stride = try windowExtent(token, minimum: 1)
        }
        if let token = arguments.optionOrDefault("pad") {
            options.padding = try windowExtent(token, minimum: 0)
        }
        if let activationToken {
            options.activation = try makeActivation(activationToken, options: arguments)
        }
        options.initializer = try initializer(arguments)
        options.bias = try arguments.yesNo("bias")
        return .conv2d(options)
    }

    func parseConv1D() throws(ParseError) -> Command {
        var arguments = try reader("conv1d", argumentsFrom: 1)
        let filters = try ValueParser.integer(
            arguments.required("FILTERS"), subject: "FILTERS", minimum: 1)
        let activationToken = arguments.optional()
        try arguments.finish()

        var options = Conv1DOptions(
            filters: filters,
            kernel: try ValueParser.integer(
                arguments.requiredOption("kernel"), subject: "kernel", minimum: 1))
        if let token = arguments.optionOrDefault("stride") {
            options.stride = try ValueParser.integer(token, subject: "stride", minimum: 1)
        }
        if let token = arguments.optionOrDefault("pad") {
            options.padding = try ValueParser.integer(token, subject: "pad", minimum: 0)
        }
        if let activationToken {
            options.activation = try makeActivation(activationToken, options: arguments)
        }
        options.initializer = try initializer(arguments)
        options.bias = try arguments.yesNo("bias")
        return .conv1d(options)
    }

    /// Parses `maxpool SIZE ...` or `avgpool SIZE ...`, as `kind` selects.
    func parsePool(_ kind: PoolingKind) throws(ParseError) -> Command {
        var arguments = try reader(kind.rawValue, argumentsFrom: 1)
        let sizeToken = try arguments.required("SIZE")
        try arguments.finish()

        var options = PoolOptions(kind: kind, size: try windowExtent(sizeToken, minimum: 1))
        if let token = arguments.option("stride") {
            options.stride = try windowExtent(token, minimum: 1)
        }
        if let token = arguments.optionOrDefault("pad") {
            options.padding = try windowExtent(token, minimum: 0)
        }
        if kind == .average {
            options.countIncludePadding = try arguments.yesNo("count_include_pad")
        }
        return .pool(options)
    }

    func parseDropout() throws(ParseError) -> Command {
        var arguments = try reader("dropout", argumentsFrom: 1)
        let token = try arguments.required("RATE")
        try arguments.finish()
        return .dropout(rate: try ValueParser.float(token, subject: "RATE", range: .unitInterval))
    }

    func parseBatchNorm() throws(ParseError) -> Command {
        let arguments = try reader("batchnorm", argumentsFrom: 1)
        try arguments.finish()

        let momentum = try arguments.float("momentum", .positive)
        if momentum > 1, let token = arguments.optionOrDefault("momentum") {
            throw ValueParser.invalid(
                token, subject: "momentum", expected: "a number greater than 0 and at most 1")
        }
        return .batchNorm(momentum: momentum, epsilon: try arguments.float("eps", .positive))
    }

    /// Reads `init=xavier|he`, or `nil` when the line leaves the choice to LayerLab.
    private func initializer(_ arguments: ArgumentReader) throws(ParseError) -> InitializerKind? {
        guard let token = arguments.option("init") else { return nil }
        let choices = InitializerKind.allCases.map { (word: $0.rawValue, value: $0) }
        return try ValueParser.choice(token, subject: "init", choices)
    }

    /// Reads a window size `K` or `HxW` whose sizes are at least `minimum`.
    private func windowExtent(_ token: Token, minimum: Int) throws(ParseError) -> WindowExtent {
        let subject = token.optionName ?? "SIZE"
        let parts = token.value.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        let sizes = parts.compactMap { Int($0) }.filter { $0 >= minimum }
        guard sizes.count == parts.count, sizes.count == 1 || sizes.count == 2 else {
            throw ValueParser.invalid(
                token, subject: subject,
                expected: "a whole number of at least \(minimum), or two joined by x as in 3x3")
        }
        return sizes.count == 1 ? .uniform(sizes[0]) : .plane(height: sizes[0], width: sizes[1])
    }
}
