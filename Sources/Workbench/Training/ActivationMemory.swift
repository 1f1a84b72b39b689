import Engine

/// An estimate of the memory that training on one batch allocates.
///
/// Each layer's output is kept for the backward pass, and the backward pass makes a gradient of
/// the same shape. Parameter-sized tensors come on top: the undo copy of the weights that each
/// `train` makes, and before the first step the parameters' gradients and the optimizer state.
/// Until OpenBLAS's first matrix product, its work buffer `W` comes on top as well. For a batch
/// of `B` samples, `P` parameters and `s` parameter-sized tensors still to allocate:
/// ```
/// bytes(k) = 2 · B · count(outputShape(k)) · 4        (value and gradient, Float32)
/// total    = Σₖ bytes(k) + s · P · 4 + W
/// ```
/// NOTE: temporaries that live only inside an op, such as a convolution's unfolded input, are
/// not counted, so the true peak is higher.
public struct ActivationMemory: Equatable, Sendable {
    /// The layer whose output and gradient take the most memory.
    public struct Layer: Equatable, Sendable {
        var index: Int
        var kind: String
        var bytes: Int
    }

    /// The batch size the estimate is for.
    var batchSize: Int
    /// The layers' outputs and their gradients.
    var activationBytes: Int
    /// The parameter-sized tensors still to allocate.
    var parameterStateBytes: Int
    /// OpenBLAS's work buffers still to allocate, `W`.
    var workBufferBytes: Int
    var largest: Layer

    public var totalBytes: Int {
        Self.saturatingSum(Self.saturatingSum(activationBytes, parameterStateBytes), workBufferBytes)
    }

    /// Estimates the memory of training `model` on a batch of `batchSize` samples, or returns
    /// nil for a model without layers.
    ///
    /// - Parameters:
    ///   - parameterTensors: the parameter-sized tensors still to allocate, `s`.
    ///   - workBufferBytes: OpenBLAS's work buffers still to allocate, `W`.
    init?(model: Sequential, batchSize: Int, parameterTensors: Int, workBufferBytes: Int = 0) {
        guard !model.layers.isEmpty else { return nil }
        self.batchSize = batchSize
        self.workBufferBytes = workBufferBytes
        activationBytes = 0
        parameterStateBytes = [parameterTensors, model.parameterCount, MemoryLayout<Float>.size]
            .reduce(1, Self.saturatingProduct)
        largest = Layer(index: 0, kind: model.layers[0].kind, bytes: 0)
        for (index, shape) in model.outputShapes.enumerated() {
            // Multiplying with overflow checks keeps an absurd model from wrapping to a small
            // estimate; such a product saturates at Int.max.
            let bytes = [2, batchSize, Tensor.count(of: shape), MemoryLayout<Float>.size]
                .reduce(1, Self.saturatingProduct)
            activationBytes = Self.saturatingSum(activationBytes, bytes)
            if bytes > largest.bytes {
                largest = Layer(index: index, kind: model.layers[index].kind, bytes: bytes)
            }
        }
    }

    private static func saturatingProduct(_ a: Int, _ b: Int) -> Int {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? Int.max : product
    }

    private static func saturatingSum(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }
}
