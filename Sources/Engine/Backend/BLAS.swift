import COpenBLAS

/// The engine's link to OpenBLAS. No other file imports `COpenBLAS`.
public enum BLAS {
    /// Sets how many threads OpenBLAS uses for each call. LayerLab starts with one: on a machine
    /// with few cores a second BLAS thread competes with the screen and the training loop.
    public static func setThreadCount(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// The number of threads OpenBLAS currently uses.
    public static var threadCount: Int {
        Int(openblas_get_num_threads())
    }

    /// Computes `C = alpha · op(A) · op(B) + beta · C` on row-major matrices.
    ///
    /// `op(A)` is `[m, k]` and `op(B)` is `[k, n]`; with `transposeA` the stored `A` is `[k, m]`,
    /// with `transposeB` the stored `B` is `[n, k]`. `C` is `[m, n]`. With `beta` 0, `C` is
    /// written without being read.
    ///
    /// A product with one row (`m` = 1, one sample through a dense layer) skips `sgemm`, which
    /// would first copy `B` into its packed layout: with `B` stored `[n, k]` (a weight matrix)
    /// it takes one dot product per row of `B` in `rowDotProducts`, otherwise `sgemv`. Either
    /// way `B` streams through once.
    @inlinable
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
        beta: Float = 0, c: UnsafeMutablePointer<Float>
    ) {
        // With m = 1, op(A) is one contiguous row of k values whether or not it is transposed.
        if m == 1 && transposeB {
            rowDotProducts(
                rows: n, columns: k, alpha: alpha, matrix: b, vector: a, beta: beta, into: c)
            return
        }
        if m == 1 {
            if beta == 0 { c.update(repeating: 0, count: n) }
            // Row-major B [k, n] times a is the transposed sgemv.
            cblas_sgemv(
                CblasRowMajor, CblasTrans, Int32(k), Int32(n), alpha, b, Int32(n), a, 1, beta, c, 1)
            return
        }
        let lda = transposeA ? m : k
        let ldb = transposeB ? k : n
        cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k),
            alpha, a, Int32(lda), b, Int32(ldb),
            beta, c, Int32(n))
    }
}
