/// Parse functions for the commands that take a training step apart.
extension LineParser {
    func parseForward() throws(ParseError) -> Command {
        var arguments = try reader("forward", argumentsFrom: 1)
        let mode = arguments.optional()
        try arguments.finish()
        guard let mode else { return .forward(byOp: false) }
        _ = try ValueParser.keyword(mode, category: .subcommand(of: "forward"), [(word: "op", value: true)])
        return .forward(byOp: true)
    }

    func parseExplain() throws(ParseError) -> Command {
        var arguments = try reader("explain", argumentsFrom: 1)
        let parameter = try arguments.required("PARAMETER")
        try arguments.finish()
        return .explain(parameter.value)
    }
}
