extension String {
    /// Returns the text without leading and trailing spaces and tabs.
    ///
    /// CSV keeps spaces as part of a field, but spreadsheets often write `5.1, 3.5`, so numbers,
    /// labels and column names are compared without them.
    func trimmingASCIIWhitespace() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }),
            let last = lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(self[first...last])
    }

    /// Returns the field as a finite `Float`, or `nil` when it is not a number or not finite
    /// in Float32.
    ///
    /// The text is trimmed first and then parsed by `Double`, which accepts decimal and
    /// exponent forms such as `-1.5e-3`, so `nan`, `inf` and `1e39` parse but are rejected as
    /// not finite.
    func finiteFloat() -> Float? {
        guard let number = Double(trimmingASCIIWhitespace()) else { return nil }
        let value = Float(number)
        return value.isFinite ? value : nil
    }
}
