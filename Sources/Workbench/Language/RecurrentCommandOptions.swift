/// The values of the recurrent layer commands `rnn`, `lstm` and `gru`.

/// The form of a GRU, which decides where its reset gate acts, as `gru form=` names it.
public enum GRUFormKind: String, Equatable, Sendable, CaseIterable {
    /// The original form that textbooks print: r scales h(t-1) before the matrix product.
    case chapter
    /// PyTorch's `nn.GRU`: r scales the product, which weights exported to PyTorch need.
    case pytorch
}

/// The cell of a recurrent layer.
public enum RecurrentCellKind: Equatable, Sendable {
    case rnn
    case lstm
    case gru(GRUFormKind)

    /// The command word: `rnn`, `lstm` or `gru`.
    public var keyword: String {
        switch self {
        case .rnn: "rnn"
        case .lstm: "lstm"
        case .gru: "gru"
        }
    }
}

/// Options of `rnn UNITS`, `lstm UNITS` and `gru UNITS`.
public struct RecurrentOptions: Equatable, Sendable {
    public var cell: RecurrentCellKind
    /// Units of the hidden state, H, at least 1.
    public var units: Int
    /// Whether the layer outputs every hidden state `[steps, H]` instead of the last `[H]`.
    public var returnSequences: Bool

    public init(cell: RecurrentCellKind, units: Int, returnSequences: Bool = false) {
        self.cell = cell
        self.units = units
        self.returnSequences = returnSequences
    }
}
