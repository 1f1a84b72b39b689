/// Parse functions for saving, loading and exporting, and for `history`.
extension LineParser {
    func parseSave() throws(ParseError) -> Command {
        .save(try singlePath("save", placeholder: "NAME"))
    }

    func parseLoad() throws(ParseError) -> Command {
        .load(try singlePath("load", placeholder: "NAME"))
    }

    /// Parses `export pytorch FILE`, `export metrics FILE` and `export plot KIND ...`.
    func parseExport() throws(ParseError) -> Command {
        guard let entry = try subcommandEntry(of: "export", category: .subcommand(of: "export"))
        else {
            throw missingSubcommand(of: "export", placeholder: "WHAT")
        }
        var arguments = try reader(entry.name, argumentsFrom: 2)
        switch entry.name {
        case "export pytorch":
            let path = try pathValue(arguments.required("FILE"), subject: "FILE")
            try arguments.finish()
            let weights = try arguments.option("weights").map {
                (token) throws(ParseError) in try pathValue(token, subject: "weights")
            }
            return .export(.pytorch(path: path, weights: weights))
        case "export metrics":
            let path = try pathValue(arguments.required("FILE"), subject: "FILE")
            try arguments.finish()
            return .export(.metrics(path: path))
        default:
            return .export(try parsePlotExport(&arguments))
        }
    }

    private func parsePlotExport(_ arguments: inout ArgumentReader) throws(ParseError)
        -> ExportRequest
    {
        let kinds: [(word: String, value: String)] = [
            ("loss", "loss"), ("hist", "hist"), ("histogram", "hist"), ("boundary", "boundary"),
        ]
        let kind = try ValueParser.choice(
            arguments.required("KIND"), subject: "KIND", kinds)
        switch kind {
        case "hist":
            let layerToken = try arguments.required("LAYER")
            let layer = try ValueParser.integer(layerToken, subject: "LAYER", minimum: 0)
            let path = try pathValue(arguments.required("FILE"), subject: "FILE")
            try arguments.finish()
            var source = HistogramSource.weights
            if let token = arguments.option("of") {
                let choices = HistogramSource.allCases.map { (word: $0.rawValue, value: $0) }
                source = try ValueParser.choice(token, subject: "of", choices)
            }
            return .histogram(layer: layer, of: source, path: path)
        case "boundary":
            let path = try pathValue(arguments.required("FILE"), subject: "FILE")
            try arguments.finish()
            return .boundary(path: path)
        default:
            let path = try pathValue(arguments.required("FILE"), subject: "FILE")
            try arguments.finish()
            return .lossPlot(path: path)
        }
    }

    /// Reads the one path argument of `save` or `load`.
    private func singlePath(_ name: String, placeholder: String) throws(ParseError) -> String {
        var arguments = try reader(name, argumentsFrom: 1)
        let path = try pathValue(arguments.required(placeholder), subject: placeholder)
        try arguments.finish()
        return path
    }

    private func pathValue(_ token: Token, subject: String) throws(ParseError) -> String {
        guard !token.value.isEmpty else {
            throw ValueParser.invalid(token, subject: subject, expected: "a file name")
        }
        return token.value
    }
}
