/// A dense, row-major array of `Float` values with a shape.
///
/// The scalars live in a Swift `Array`, so a `Tensor` is a value with copy-on-write storage:
/// copies share memory until one of them is mutated. Hot loops reach the memory through
/// `withUnsafeBufferPointer` and `withUnsafeMutableBufferPointer`.
///
/// Shapes are written outermost first: a batch of 32 rows of 4 features is `[32, 4]`.
public struct Tensor: Equatable, Sendable {
    public private(set) var shape: [Int]
    public var scalars: [Float]

    /// Creates a tensor from scalars in row-major order; `scalars.count` must equal the product
    /// of `shape`.
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor shape \(shape) has a negative dimension")
        precondition(
            Tensor.count(of: shape) == scalars.count,
            "Tensor shape \(shape) needs \(Tensor.count(of: shape)) scalars, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
    }

    /// Creates a tensor of the given shape with every scalar equal to `value`.
    public init(shape: [Int], repeating value: Float = 0) {
        self.init(shape: shape, scalars: [Float](repeating: value, count: Tensor.count(of: shape)))
    }

    /// Creates a tensor of the given shape whose scalars are produced by `body` in row-major order.
    public init(shape: [Int], generating body: (Int) -> Float) {
        self.init(shape: shape, scalars: (0..<Tensor.count(of: shape)).map(body))
    }

    /// Creates a tensor of the given shape whose scalars `body` writes, skipping the zero fill.
    ///
    /// `body` receives uninitialized memory for all `Tensor.count(of: shape)` scalars and must
    /// write every one of them.
    @inlinable
    public init(
        shape: [Int], uninitializedScalars body: (UnsafeMutableBufferPointer<Float>) -> Void
    ) {
        let count = Tensor.count(of: shape)
        let scalars = [Float](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            body(buffer)
            initializedCount = count
        }
        self.init(shape: shape, scalars: scalars)
    }

    /// Creates a rank-0 tensor holding one value.
    public init(scalar: Float) {
        self.init(shape: [], scalars: [scalar])
    }

    /// Creates a matrix from rows of equal length.
    public init(rows: [[Float]]) {
        let columns = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == columns }, "Tensor rows differ in length")
        self.init(shape: [rows.count, columns], scalars: rows.flatMap { $0 })
    }

    /// Returns the number of scalars a tensor of `shape` holds.
    public static func count(of shape: [Int]) -> Int {
        shape.reduce(1, *)
    }

    public var count: Int { scalars.count }
    public var rank: Int { shape.count }

    /// The only value of a tensor with one scalar.
    public var scalar: Float {
        precondition(scalars.count == 1, "Tensor of shape \(shape) is not a single scalar")
        return scalars[0]
    }

    /// Returns the same scalars viewed with another shape of equal size.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, scalars: scalars)
    }

    /// Reads or writes the scalar at a multi-dimensional index.
    public subscript(index: Int...) -> Float {
        get { scalars[flatIndex(index)] }
        set { scalars[flatIndex(index)] = newValue }
    }

    /// Returns the row-major offset of a multi-dimensional index.
    public func flatIndex(_ index: [Int]) -> Int {
        precondition(index.count == shape.count, "Index \(index) has the wrong rank for \(shape)")
        var offset = 0
        for (i, dimension) in Swift.zip(index, shape) {
            precondition(i >= 0 && i < dimension, "Index \(index) is out of bounds for \(shape)")
            offset = offset * dimension + i
        }
        return offset
    }

    /// Returns rows `range` of a tensor whose first dimension indexes samples.
    public func rows(_ range: Range<Int>) -> Tensor {
        precondition(rank >= 1 && range.lowerBound >= 0 && range.upperBound <= shape[0])
        let width = shape.dropFirst().reduce(1, *)
        let slice = Array(scalars[(range.lowerBound * width)..<(range.upperBound * width)])
        return Tensor(shape: [range.count] + shape.dropFirst(), scalars: slice)
    }

    /// Returns the rows at `indices`, in that order, of a tensor whose first dimension indexes
    /// samples.
    public func gathering(rows indices: [Int]) -> Tensor {
        precondition(rank >= 1)
        let width = shape.dropFirst().reduce(1, *)
        var result = [Float](repeating: 0, count: indices.count * width)
        scalars.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                for (row, index) in indices.enumerated() {
                    precondition(index >= 0 && index < shape[0], "Row \(index) is out of bounds")
                    for j in 0..<width {
                        target[row * width + j] = source[index * width + j]
                    }
                }
            }
        }
        return Tensor(shape: [indices.count] + shape.dropFirst(), scalars: result)
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        "Tensor(shape: \(shape), scalars: \(scalars.prefix(8))\(scalars.count > 8 ? "…" : ""))"
    }
}
