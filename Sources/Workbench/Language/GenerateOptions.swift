/// Options of `generate [N]`.
public struct GenerateOptions: Equatable, Sendable {
    /// Words to generate in words mode, characters in text mode; `nil` takes the mode's
    /// default.
    public var count: Int?
    /// The sampling temperature, at least 0; 0 always takes the most likely character.
    public var temperature: Float
    /// Characters that every generated word or text starts with.
    public var prefix: String

    public init(count: Int? = nil, temperature: Float = 1, prefix: String = "") {
        self.count = count
        self.temperature = temperature
        self.prefix = prefix
    }
}
