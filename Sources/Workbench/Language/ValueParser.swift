/// Conversions from token values to the numbers, flags and keywords of a `Command`.
///
/// Each function throws a `ParseError` that points at the value's columns and states what would
/// be valid.
enum ValueParser {
    /// Reads a whole number of at least `minimum`, such as `16`.
    static func integer(
        _ token: Token, subject: String, minimum: Int
    ) throws(ParseError) -> Int {
        guard let value = Int(token.value), value >= minimum else {
            throw invalid(
                token, subject: subject, expected: "a whole number of at least \(minimum)")
        }
        return value
    }

    /// Reads a whole number from 0 to `UInt64.max`, such as a seed.
    static func unsignedInteger(_ token: Token, subject: String) throws(ParseError) -> UInt64 {
        guard let value = UInt64(token.value) else {
            throw invalid(
                token, subject: subject, expected: "a whole number from 0 to \(UInt64.max)")
        }
        return value
    }

    /// Reads a decimal number such as `0.01`, `1e-3` or `7` that lies in `range`.
    ///
    /// Only digits, `.`, `e`, `E`, `+` and `-` are accepted, so `nan`, `inf` and hexadecimal
    /// forms are rejected.
    static func number(
        _ token: Token, subject: String, range: NumberRange
    ) throws(ParseError) -> Double {
        let text = token.value
        // Double parses `inf`, `nan` and `1e999` to values that no setting accepts.
        if let value = Double(text), !value.isFinite {
            throw invalid(token, subject: subject, expected: range.finiteExpectation)
        }
        let allowed = Set("0123456789.eE+-")
        guard text.contains(where: \.isNumber), text.allSatisfy(allowed.contains),
            let value = Double(text), value.isFinite, range.contains(value)
        else {
            throw invalid(token, subject: subject, expected: range.expectation)
        }
        return value
    }

    /// Reads a number in `range` that is also finite as a 32-bit `Float`.
    static func float(
        _ token: Token, subject: String, range: NumberRange
    ) throws(ParseError) -> Float {
        let value = Float(try number(token, subject: subject, range: range))
        guard value.isFinite else {
            throw invalid(
                token, subject: subject, expected: range.expectation + " below 3.4e38 in size")
        }
        // Rounding can leave the range, as 1e-50 becomes 0 and 0.999999999 becomes 1.
        guard range.contains(Double(value)) else {
            throw invalid(
                token, subject: subject,
                expected: range.expectation + " after rounding to a 32-bit float")
        }
        return value
    }

    /// Reads `yes` or `no`, also accepting `true` and `false`, in any case.
    static func yesNo(_ token: Token, subject: String) throws(ParseError) -> Bool {
        switch token.value.lowercased() {
        case "yes", "true": return true
        case "no", "false": return false
        default:
            throw ParseError.unknown(
                .invalidValue(token.value, subject: subject, expected: nil), typed: token.value,
                columns: token.valueColumns, alternatives: ["yes", "no"],
                accepted: ["yes", "no", "true", "false"])
        }
    }

    /// Reads an option value that must be one of `choices`, ignoring case.
    static func choice<Value>(
        _ token: Token, subject: String, _ choices: [(word: String, value: Value)]
    ) throws(ParseError) -> Value {
        let typed = token.value.lowercased()
        guard let match = choices.first(where: { $0.word == typed }) else {
            let words = choices.map(\.word)
            throw ParseError.unknown(
                .invalidValue(token.value, subject: subject, expected: nil), typed: token.value,
                columns: token.valueColumns, alternatives: words)
        }
        return match.value
    }

    /// Reads a keyword argument such as a loss or activation name, ignoring case.
    ///
    /// `shown` lists the words the error offers as alternatives. `choices` may contain more
    /// spellings, such as aliases, and all of them count for the suggestion.
    static func keyword<Value>(
        _ token: Token, category: ParseError.WordCategory,
        _ choices: [(word: String, value: Value)], shown: [String]? = nil
    ) throws(ParseError) -> Value {
        let typed = token.value.lowercased()
        guard token.isPositional, let match = choices.first(where: { $0.word == typed }) else {
            let words = choices.map(\.word)
            throw ParseError.unknown(
                .unknownWord(token.text, category: category), typed: token.value,
                columns: token.columns, alternatives: shown ?? words, accepted: words)
        }
        return match.value
    }

    static func invalid(_ token: Token, subject: String, expected: String) -> ParseError {
        ParseError(
            .invalidValue(token.value, subject: subject, expected: expected),
            columns: token.valueColumns)
    }
}

/// The valid interval of a numeric value.
enum NumberRange {
    /// Any finite number.
    case any
    /// Greater than 0, as a learning rate.
    case positive
    /// 0 or greater, as a weight decay.
    case nonNegative
    /// From 0 up to but not including 1, as a momentum or a test fraction.
    case unitInterval

    func contains(_ value: Double) -> Bool {
        switch self {
        case .any: true
        case .positive: value > 0
        case .nonNegative: value >= 0
        case .unitInterval: value >= 0 && value < 1
        }
    }

    /// The valid values in words, completing "Expected …".
    var expectation: String {
        switch self {
        case .any: "a number"
        case .positive: "a number greater than 0"
        case .nonNegative: "a number of at least 0"
        case .unitInterval: "a number from 0 up to but not including 1"
        }
    }

    /// The valid values in words for a value that is infinite or NaN.
    var finiteExpectation: String {
        "a finite number" + expectation.dropFirst("a number".count)
    }
}
