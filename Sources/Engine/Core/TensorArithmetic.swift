/// Elementwise helpers that the ops build on. They allocate one result, left uninitialized until
/// the loop writes it, and loop over raw buffers, so debug builds stay usable and release builds
/// vectorize.
extension Tensor {
    /// Returns a tensor of the same shape with `transform` applied to every scalar.
    ///
    /// Always inlined, so `transform` is inlined into the loop and the loop can vectorize.
    @inlinable @inline(__always)
    public func map(_ transform: (Float) -> Float) -> Tensor {
        scalars.withUnsafeBufferPointer { x in
            Tensor(shape: shape, uninitializedScalars: { y in
                for i in 0..<x.count { y[i] = transform(x[i]) }
            })
        }
    }

    /// Replaces every scalar `x` with `transform(x)`. The scalars are copied first only when
    /// another tensor shares them.
    ///
    /// Always inlined, so `transform` is inlined into the loop and the loop can vectorize.
    @inlinable @inline(__always)
    public mutating func updateEach(_ transform: (Float) -> Float) {
        scalars.withUnsafeMutableBufferPointer { x in
            for i in 0..<x.count { x[i] = transform(x[i]) }
        }
    }

    /// Returns `combine(self[i], other[i])` for every position; both shapes must be equal.
    ///
    /// Always inlined, so `combine` is inlined into the loop and the loop can vectorize.
    @inlinable @inline(__always)
    public func zip(_ other: Tensor, _ combine: (Float, Float) -> Float) -> Tensor {
        precondition(shape == other.shape, "Shapes \(shape) and \(other.shape) differ")
        return scalars.withUnsafeBufferPointer { a in
            other.scalars.withUnsafeBufferPointer { b in
                Tensor(shape: shape, uninitializedScalars: { y in
                    for i in 0..<a.count { y[i] = combine(a[i], b[i]) }
                })
            }
        }
    }

    /// Adds `other` to this tensor in place; both shapes must be equal.
    @inlinable
    public mutating func add(_ other: Tensor) {
        precondition(shape == other.shape, "Shapes \(shape) and \(other.shape) differ")
        other.scalars.withUnsafeBufferPointer { b in
            scalars.withUnsafeMutableBufferPointer { a in
                for i in 0..<a.count { a[i] += b[i] }
            }
        }
    }

    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.zip(rhs, +) }
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.zip(rhs, -) }
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.zip(rhs, *) }
    public static func * (lhs: Float, rhs: Tensor) -> Tensor { rhs.map { lhs * $0 } }

    /// The sum of all scalars, accumulated in `Double`.
    public var sum: Double {
        scalars.withUnsafeBufferPointer { x in
            var total = 0.0
            for value in x { total += Double(value) }
            return total
        }
    }

    /// The Euclidean norm of all scalars, accumulated in `Double`.
    public var norm: Double {
        scalars.withUnsafeBufferPointer { x in
            var total = 0.0
            for value in x { total += Double(value) * Double(value) }
            return total.squareRoot()
        }
    }

    /// Whether every scalar is finite.
    public var isFinite: Bool {
        scalars.allSatisfy { $0.isFinite }
    }

    /// Returns the matrix product of two rank-2 tensors, `[m, k] · [k, n] → [m, n]`.
    public func matmul(_ other: Tensor, transposeSelf: Bool = false, transposeOther: Bool = false)
        -> Tensor
    {
        precondition(rank == 2 && other.rank == 2, "matmul needs matrices, got \(shape), \(other.shape)")
        let m = transposeSelf ? shape[1] : shape[0]
        let k = transposeSelf ? shape[0] : shape[1]
        let k2 = transposeOther ? other.shape[1] : other.shape[0]
        let n = transposeOther ? other.shape[0] : other.shape[1]
        precondition(k == k2, "matmul inner dimensions differ: \(shape) and \(other.shape)")
        guard m > 0 && n > 0 && k > 0 else { return Tensor(shape: [m, n]) }
        // With beta = 0, BLAS writes C without reading it, so C needs no zero fill.
        return scalars.withUnsafeBufferPointer { a in
            other.scalars.withUnsafeBufferPointer { b in
                Tensor(shape: [m, n], uninitializedScalars: { c in
                    BLAS.gemm(
                        transposeA: transposeSelf, transposeB: transposeOther, m: m, n: n, k: k,
                        a: a.baseAddress!, b: b.baseAddress!, c: c.baseAddress!)
                })
            }
        }
    }

    /// Returns the transpose of a matrix.
    public func transposed() -> Tensor {
        precondition(rank == 2, "transposed() needs a matrix, got \(shape)")
        let (rows, columns) = (shape[0], shape[1])
        var result = [Float](repeating: 0, count: count)
        scalars.withUnsafeBufferPointer { x in
            result.withUnsafeMutableBufferPointer { y in
                for i in 0..<rows {
                    for j in 0..<columns { y[j * rows + i] = x[i * columns + j] }
                }
            }
        }
        return Tensor(shape: [columns, rows], scalars: result)
    }

    /// Returns the sums over the first dimension: `[n, features…] → [features…]`.
    public func sumOverRows() -> Tensor {
        precondition(rank >= 1)
        let width = shape.dropFirst().reduce(1, *)
        let rows = shape[0]
        var result = [Float](repeating: 0, count: width)
        scalars.withUnsafeBufferPointer { x in
            result.withUnsafeMutableBufferPointer { y in
                // A pointer per row keeps overflow-checked index arithmetic out of the inner
                // loop, which then vectorizes.
                for row in 0..<rows {
                    let xRow = x.baseAddress! + row * width
                    for j in 0..<width { y[j] += xRow[j] }
                }
            }
        }
        return Tensor(shape: Array(shape.dropFirst()), scalars: result)
    }
}
