/// The parse function of the recurrent layers `rnn`, `lstm` and `gru`.
extension LineParser {
    /// Parses `rnn UNITS`, `lstm UNITS` or `gru UNITS`, named by `word`.
    func parseRecurrent(_ word: String) throws(ParseError) -> Command {
        var arguments = try reader(word, argumentsFrom: 1)
        let units = try ValueParser.integer(
            arguments.required("UNITS"), subject: "UNITS", minimum: 1)
        try arguments.finish()

        let cell: RecurrentCellKind
        switch word {
        case "rnn": cell = .rnn
        case "lstm": cell = .lstm
        case "gru":
            guard let token = arguments.optionOrDefault("form") else {
                preconditionFailure("option 'form' of gru needs a catalog default")
            }
            let choices = GRUFormKind.allCases.map { (word: $0.rawValue, value: $0) }
            cell = .gru(try ValueParser.choice(token, subject: "form", choices))
        default: preconditionFailure("'\(word)' is not a recurrent layer")
        }
        return .recurrent(
            RecurrentOptions(
                cell: cell, units: units, returnSequences: try arguments.yesNo("sequences")))
    }
}
