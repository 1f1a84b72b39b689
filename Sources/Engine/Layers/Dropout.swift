/// Inverted dropout (Srivastava et al., 2014), as PyTorch's `nn.Dropout`.
///
/// ```
/// training:    m_i = 1 with probability 1 − p, else 0        y_i = m_i · x_i / (1 − p)
/// evaluation:  y = x
/// ```
/// Scaling the survivors by 1/(1 − p) during training keeps the expected value of every unit
/// unchanged, so evaluation uses the full network without any rescaling. Each forward pass in
/// training draws a fresh mask from `ForwardContext.random`, so a session with a fixed seed
/// replays the same masks.
///
/// Shapes: any per-sample shape, `[batch, …] → [batch, …]`; the mask has the input's shape.
///
/// - Parameters:
///   - probability: p in [0, 1), the probability that a unit is zeroed.
public final class Dropout: Layer {
    public let probability: Float
    /// The 0/1 mask of the latest training-mode forward pass (1 keeps a unit), for the teaching
    /// views. It is `nil` until the layer runs in training mode, and evaluation leaves it
    /// unchanged.
    public private(set) var lastMask: Tensor?

    public init(probability: Float) {
        precondition(
            probability >= 0 && probability < 1,
            "Dropout probability \(probability) is outside [0, 1); pass a value such as 0.5")
        self.probability = probability
    }

    public var kind: String { "Dropout" }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] {
        inputShape
    }

    public func forward(_ input: Variable, context: ForwardContext) -> Variable {
        guard context.isTraining else {
            return Variable(value: input.value, op: "dropout", inputs: [input]) { dy in [dy] }
        }
        let mask = Dropout.drawMask(
            shape: input.shape, probability: probability, random: &context.random)
        lastMask = mask
        return dropout(input, mask: mask, probability: probability)
    }

    /// Returns a mask of `shape` whose entries are 0 with probability `probability`, else 1.
    ///
    /// Each entry consumes one draw of `random` (none when `probability` is 0).
    public static func drawMask(
        shape: [Int], probability: Float, random: inout RandomGenerator
    ) -> Tensor {
        var mask = Tensor(shape: shape, repeating: 1)
        guard probability > 0 else { return mask }
        mask.scalars.withUnsafeMutableBufferPointer { m in
            var generator = random
            for i in 0..<m.count {
                m[i] = generator.nextUniform() < probability ? 0 : 1
            }
            random = generator
        }
        return mask
    }
}

/// Applies a given dropout mask with inverted scaling.
///
/// ```
/// y = x ⊙ m / (1 − p)        ∂L/∂x = ∂L/∂y ⊙ m / (1 − p)
/// ```
/// Shapes: `x` and `mask` equal; mask entries are 0 or 1.
///
/// - Parameters:
///   - mask: m, 1 for a kept unit and 0 for a dropped one.
///   - probability: p in [0, 1), the drop probability that the mask was drawn with.
public func dropout(_ x: Variable, mask: Tensor, probability: Float) -> Variable {
    precondition(x.shape == mask.shape, "Dropout mask \(mask.shape) does not match \(x.shape)")
    precondition(probability >= 0 && probability < 1, "Dropout probability \(probability)")
    let scale = 1 / (1 - probability)
    let y = x.value.zip(mask) { x, m in x * m * scale }
    return Variable(value: y, op: "dropout", inputs: [x]) { dy in
        [dy.zip(mask) { g, m in g * m * scale }]
    }
}
