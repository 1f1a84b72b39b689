/// Parse functions for the weight penalties, the autoencoder's code layer and the adaptive
/// optimizers Adagrad and Adadelta.
extension LineParser {
    func parseRegularize() throws(ParseError) -> Command {
        let arguments = try reader("regularize", argumentsFrom: 1)
        try arguments.finish()
        var l1: Float?
        var l2: Float?
        if let token = arguments.option("l1") {
            l1 = try ValueParser.float(token, subject: "l1", range: .nonNegative)
        }
        if let token = arguments.option("l2") {
            l2 = try ValueParser.float(token, subject: "l2", range: .nonNegative)
        }
        return .regularize(l1: l1, l2: l2)
    }

    func parseCode() throws(ParseError) -> Command {
        let arguments = try reader("code", argumentsFrom: 1)
        try arguments.finish()

        let l1Token = arguments.option("l1")
        let sparsityToken = arguments.option("sparsity")
        if let l1Token, sparsityToken != nil {
            throw ValueParser.invalid(
                l1Token, subject: "l1",
                expected: "no l1= together with sparsity=; choose one code penalty")
        }
        if let l1Token {
            return .code(.l1(try ValueParser.float(l1Token, subject: "l1", range: .nonNegative)))
        }
        guard let sparsityToken else { return .code(.none) }

        let target = try ValueParser.float(sparsityToken, subject: "sparsity", range: .positive)
        guard target < 1 else {
            throw ValueParser.invalid(
                sparsityToken, subject: "sparsity",
                expected: "a mean activation greater than 0 and less than 1, such as 0.05")
        }
        return .code(.sparsity(target: target, beta: try arguments.float("beta", .nonNegative)))
    }

    /// Parses the options of `optimizer adagrad` or `optimizer adadelta`, as `entry` names.
    func parseAdaptiveOptimizer(_ arguments: ArgumentReader) throws(ParseError) -> Command {
        let learningRate = try arguments.float("lr", .positive)
        let epsilon = try arguments.float("eps", .positive)
        let weightDecay = try arguments.float("weight_decay", .nonNegative)
        guard arguments.entry.name == "optimizer adadelta" else {
            return .optimizer(
                .adagrad(learningRate: learningRate, epsilon: epsilon, weightDecay: weightDecay))
        }
        let rho = try arguments.float("rho", .nonNegative)
        if rho > 1, let token = arguments.optionOrDefault("rho") {
            throw ValueParser.invalid(token, subject: "rho", expected: "a number from 0 to 1")
        }
        return .optimizer(
            .adadelta(
                learningRate: learningRate, rho: rho, epsilon: epsilon, weightDecay: weightDecay))
    }
}
