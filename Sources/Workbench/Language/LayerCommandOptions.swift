/// The values of the layer commands `conv2d`, `conv1d`, `maxpool` and `avgpool`, and of `code`.

/// A window size as typed: `3` for the same size along every spatial dimension, or `3x5` for
/// height 3 and width 5.
public enum WindowExtent: Equatable, Sendable, CustomStringConvertible {
    case uniform(Int)
    case plane(height: Int, width: Int)

    /// Returns the sizes for a layer with `rank` spatial dimensions, or `nil` when a `plane` size is
    /// given to a 1-D layer.
    public func sizes(rank: Int) -> [Int]? {
        switch self {
        case .uniform(let size): [Int](repeating: size, count: rank)
        case .plane(let height, let width): rank == 2 ? [height, width] : nil
        }
    }

    /// The size as the command language writes it: `3` or `3x5`.
    public var description: String {
        switch self {
        case .uniform(let size): "\(size)"
        case .plane(let height, let width): "\(height)x\(width)"
        }
    }
}

/// Options of `conv2d FILTERS kernel=K[xK] [stride=S[xS]] [pad=P[xP]] [ACTIVATION] ...`.
public struct Conv2DOptions: Equatable, Sendable {
    /// Output channels, at least 1.
    public var filters: Int
    public var kernel: WindowExtent
    public var stride: WindowExtent
    /// Zeros added on each side of the input.
    public var padding: WindowExtent
    /// An activation added after the convolution, as `dense` does.
    public var activation: ActivationKind?
    /// `nil` picks He before the ReLU family and Xavier otherwise, as `dense` does.
    public var initializer: InitializerKind?
    public var bias: Bool

    public init(
        filters: Int, kernel: WindowExtent, stride: WindowExtent = .uniform(1),
        padding: WindowExtent = .uniform(0), activation: ActivationKind? = nil,
        initializer: InitializerKind? = nil, bias: Bool = true
    ) {
        self.filters = filters
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.activation = activation
        self.initializer = initializer
        self.bias = bias
    }
}

/// Options of `conv1d FILTERS kernel=K [stride=S] [pad=P] [ACTIVATION] ...`.
public struct Conv1DOptions: Equatable, Sendable {
    public var filters: Int
    public var kernel: Int
    public var stride: Int
    public var padding: Int
    public var activation: ActivationKind?
    public var initializer: InitializerKind?
    public var bias: Bool

    public init(
        filters: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
        activation: ActivationKind? = nil, initializer: InitializerKind? = nil, bias: Bool = true
    ) {
        self.filters = filters
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.activation = activation
        self.initializer = initializer
        self.bias = bias
    }
}

/// Max or average pooling.
public enum PoolingKind: String, Equatable, Sendable {
    case max = "maxpool"
    case average = "avgpool"
}

/// Options of `maxpool SIZE [stride=S] [pad=P]` and `avgpool SIZE ...`. Whether the layer is
/// 1-D or 2-D follows from the rank of its input when it is added.
public struct PoolOptions: Equatable, Sendable {
    public var kind: PoolingKind
    public var size: WindowExtent
    /// `nil` means the window size, as in PyTorch.
    public var stride: WindowExtent?
    public var padding: WindowExtent
    /// Whether padded zeros count in an average's divisor (PyTorch's `count_include_pad`);
    /// max pooling ignores it.
    public var countIncludePadding: Bool

    public init(
        kind: PoolingKind, size: WindowExtent, stride: WindowExtent? = nil,
        padding: WindowExtent = .uniform(0), countIncludePadding: Bool = true
    ) {
        self.kind = kind
        self.size = size
        self.stride = stride
        self.padding = padding
        self.countIncludePadding = countIncludePadding
    }
}

/// The penalty that `code` puts on the code layer's output.
public enum CodePenaltyChoice: Equatable, Sendable {
    /// The layer is the code, without a penalty: `eval` reports its mean activation.
    case none
    /// λ · (1/B) Σ|h|, from `code l1=X`.
    case l1(Float)
    /// β · Σ_j KL(ρ ‖ ρ̂_j), from `code sparsity=RHO beta=B`.
    case sparsity(target: Float, beta: Float)
}
