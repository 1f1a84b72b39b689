/// The parse function of the generated two-feature sets, `data spiral N` to `data plane N`.
extension LineParser {
    /// Parses the line of the generated set that `entry` names, such as `data spiral`.
    func parseToyData(_ entry: CommandEntry) throws(ParseError) -> Command {
        guard let kind = ToyDataKind(rawValue: entry.words[1]) else {
            preconditionFailure("\(entry.name) is not a generated set")
        }
        var arguments = try reader(entry.name, argumentsFrom: 2)
        let countToken = try arguments.required("N")
        try arguments.finish()

        let maximum = CommandCatalog.maximumToyDataCount
        let count = try ValueParser.integer(countToken, subject: "N", minimum: 4)
        guard count <= maximum else {
            throw ValueParser.invalid(
                countToken, subject: "N", expected: "a whole number from 4 to \(maximum)")
        }

        var options = ToyDataOptions(kind: kind, count: count)
        options.noise = try arguments.float("noise", .nonNegative)
        options.testFraction = try arguments.number("test", .unitInterval)
        options.standardize = try arguments.yesNo("standardize")
        if entry.option(named: "classes") != nil {
            options.classes = try classCount(arguments, pointCount: count)
        }
        return .dataToy(options)
    }

    /// Reads `classes=K`, which must leave each class at least 2 of the `pointCount` points.
    private func classCount(
        _ arguments: ArgumentReader, pointCount: Int
    ) throws(ParseError) -> Int {
        guard let token = arguments.optionOrDefault("classes") else {
            preconditionFailure("option 'classes' needs a catalog default")
        }
        let maximum = pointCount / 2
        guard let classes = Int(token.value), classes >= 2, classes <= maximum else {
            throw ValueParser.invalid(
                token, subject: "classes",
                expected: "a whole number from 2 to \(maximum), half of the \(pointCount) points,"
                    + " so each class has at least 2")
        }
        return classes
    }
}
