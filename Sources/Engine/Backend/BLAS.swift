import COpenBLAS
import Synchronization

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

    /// Bytes of the work buffer that OpenBLAS allocates for a calling thread on its first
    /// `sgemm` and keeps until the process ends.
    ///
    /// OpenBLAS has no function that reports this size, so this is a fixed figure: its
    /// `BUFFER_SIZE` of 128 MiB plus one 4 KiB page, the `malloc(134221824)` that OpenBLAS
    /// 0.3.21 (Debian's libopenblas0-pthread, x86_64) makes inside `blas_memory_alloc`.
    /// NOTE: other versions and architectures may use another size.
    public static let workBufferBytes = 128 * 1024 * 1024 + 4096

    /// Whether an `sgemm` has returned in this process, so that OpenBLAS's work buffer exists.
    public static var workBufferAllocated: Bool {
        sgemmReturned.load(ordering: .relaxed)
    }

    @usableFromInline
    static let sgemmReturned = Atomic<Bool>(false)

    /// Computes `C = alpha · op(A) · op(B) + beta · C` on row-major matrices.
    ///
    /// `op(A)` is `[m, k]` and `op(B)` is `[k, n]`; with `transposeA` the stored `A` is `[k, m]`,
    /// with `transposeB` the stored `B` is `[n, k]`. `C` is `[m, n]`. With `beta` 0, `C` is
    /// written without being read.
    ///
    /// A product with one row (`m` = 1, one sample through a dense layer) skips `sgemm`, which
    /// would first copy `B` into its packed layout. With `B` stored `[n, k]` (a weight matrix)
    /// it takes one dot product per row of `B` in `rowDotProducts`, and otherwise it calls
    /// `sgemv`. Either way `B` is read once.
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
        // Loading first keeps the store, and its cache-line write, to the first call.
        if !sgemmReturned.load(ordering: .relaxed) {
            sgemmReturned.store(true, ordering: .relaxed)
        }
    }
}
