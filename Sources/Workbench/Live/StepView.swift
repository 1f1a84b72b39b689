/// One stage of a stepped training step as the step pane draws it: the formulas in the
/// chapter's notation and the tensors they name.
///
/// h(k) is layer k's output, a(k) its pre-activation, W(k) and b(k) its parameters and
/// Δ(h(k), o) = ∂L/∂h(k). The output log gets the same stage as text.
public struct StepView: Equatable, Sendable {
    public enum Phase: Equatable, Sendable {
        case forward
        case loss
        case backward
        case update
    }

    public var phase: Phase
    /// The stage, such as `forward · layer 1 of 2`.
    public var title: String
    /// The data the stage works on, such as `batch of 4 rows`, or empty.
    public var detail: String
    /// The stage's formulas, one per line.
    public var formulas: [String]
    /// The values the formulas name, in the order they are computed.
    public var tensors: [StepTensor]
    /// A recurrent layer's unrolled sequence, one entry per time step from t = 1; empty for
    /// other layers.
    public var timeSteps: [StepTimeStep]
    /// Further facts as sentences: dropout's mask, batch normalization's statistics, a folded
    /// activation.
    public var notes: [String]

    public init(
        phase: Phase, title: String, detail: String = "", formulas: [String] = [],
        tensors: [StepTensor] = [], timeSteps: [StepTimeStep] = [], notes: [String] = []
    ) {
        self.phase = phase
        self.title = title
        self.detail = detail
        self.formulas = formulas
        self.tensors = tensors
        self.timeSteps = timeSteps
        self.notes = notes
    }
}

/// A tensor of a step stage: every value when it is small, and always its statistics and a
/// histogram.
public struct StepTensor: Equatable, Sendable {
    /// The maximum number of values kept one by one.
    public static let fullLimit = 12
    /// The number of equal bins from `minimum` to `maximum` in `histogram`.
    public static let histogramBins = 16

    /// The chapter's symbol, such as `a(1)` or `∂L/∂W(2)`.
    public var symbol: String
    /// The value's role or parameter name, such as `pre-activation` or `0.weight`, or empty.
    public var name: String
    public var shape: [Int]
    /// Every value in row-major order when there are at most `fullLimit`, else `nil`.
    public var values: [Float]?
    /// Statistics of the finite values, NaN when there are none.
    ///
    /// ```
    /// mean = Σ x / n,  norm = √(Σ x²)
    /// ```
    public var minimum: Double
    public var mean: Double
    public var maximum: Double
    public var norm: Double
    /// Counts of the finite values in `histogramBins` equal bins from `minimum` to `maximum`;
    /// empty when there are no finite values.
    public var histogram: [Int]

    /// - Parameters:
    ///   - scalars: The values in row-major order, `shape`'s product of them.
    public init(symbol: String, name: String, shape: [Int], scalars: [Float]) {
        self.symbol = symbol
        self.name = name
        self.shape = shape
        values = scalars.count <= Self.fullLimit ? scalars : nil
        let finite = scalars.filter(\.isFinite).map(Double.init)
        guard let low = finite.min(), let high = finite.max() else {
            minimum = .nan
            mean = .nan
            maximum = .nan
            norm = .nan
            histogram = []
            return
        }
        minimum = low
        maximum = high
        mean = finite.reduce(0, +) / Double(finite.count)
        norm = finite.reduce(0) { $0 + $1 * $1 }.squareRoot()
        var counts = [Int](repeating: 0, count: Self.histogramBins)
        let width = (high - low) / Double(Self.histogramBins)
        for x in finite {
            let bin = width > 0 ? Int((x - low) / width) : Self.histogramBins / 2
            counts[min(max(bin, 0), Self.histogramBins - 1)] += 1
        }
        histogram = counts
    }
}

/// One time step of a recurrent layer's unrolled sequence.
public struct StepTimeStep: Equatable, Sendable {
    /// The time step, from 1.
    public var t: Int
    /// h(t) over the batch, `[B, H]`.
    public var hidden: StepTensor
    /// The gate activations at t under the cell's gate names: `i`, `f`, `g`, `o` for an LSTM
    /// and `r`, `z`, `n` for a GRU. A plain RNN has none.
    public var gates: [StepTensor]
    /// ‖∂L/∂h(t)‖ during the backward pass, `nil` in the forward pass or when no gradient
    /// reached the step.
    public var gradientNorm: Double?

    public init(t: Int, hidden: StepTensor, gates: [StepTensor] = [], gradientNorm: Double? = nil) {
        self.t = t
        self.hidden = hidden
        self.gates = gates
        self.gradientNorm = gradientNorm
    }
}
