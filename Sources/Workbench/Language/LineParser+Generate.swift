/// The parse function of `generate`, which samples text from a trained character model.
extension LineParser {
    func parseGenerate() throws(ParseError) -> Command {
        var arguments = try reader("generate", argumentsFrom: 1)
        let countToken = arguments.optional()
        try arguments.finish()

        var options = GenerateOptions()
        if let countToken {
            let maximum = CommandCatalog.maximumGenerateCount
            let count = try ValueParser.integer(countToken, subject: "N", minimum: 1)
            guard count <= maximum else {
                throw ValueParser.invalid(
                    countToken, subject: "N", expected: "a whole number from 1 to \(maximum)")
            }
            options.count = count
        }
        options.temperature = try arguments.float("temperature", .nonNegative)
        options.prefix = arguments.option("prefix")?.value ?? ""
        return .generate(options)
    }
}
