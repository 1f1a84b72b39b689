/// Max pooling whose windows tile the input: the stride equals the kernel and there is no
/// padding, as in `maxpool 2`. Each input then lies in at most one window.
///
/// The forward pass of 2×2 windows reads two input rows as 8-float vectors and splits them
/// into even and odd columns, so four windows are compared at once with SIMD selects. The
/// backward pass of any tiling writes each entry of ∂L/∂x once, band by band, instead of
/// zeroing the whole gradient and then scattering into it.

extension WindowGeometry {
    /// Whether the windows are 2×2 with stride 2 and no padding.
    var isTwoByTwoTiling: Bool {
        kernel == 2 && stride == 2 && padding == 0
    }

    /// Whether the windows tile the input: stride equal to the kernel and no padding.
    var windowsTileInput: Bool {
        stride == kernel && padding == 0
    }
}

/// Fills the 2×2 window maxima of the plane at `source` and the input offsets that hold them.
///
/// ```
/// window (i, j) reads a = x[2i, 2j], b = x[2i, 2j + 1], c = x[2i + 1, 2j], d = x[2i + 1, 2j + 1]
/// maximum = a; then for v in b, c, d: if v > maximum or v is NaN { maximum = v }
/// ```
/// This is the rule of `scanWindows` in the same row-major order: ties keep the first
/// maximum, and a window with NaN reports its last NaN. The geometry must be a 2×2 tiling.
func fillTwoByTwoMaxima(
    _ source: UnsafePointer<Float>, _ g: WindowGeometry, maxima: UnsafeMutablePointer<Float>,
    offsets: UnsafeMutablePointer<Int32>
) {
    let width = g.width
    for i in 0..<g.outHeight {
        let top = source + 2 * i * width
        let bottom = top + width
        let rowMaxima = maxima + i * g.outWidth
        let rowOffsets = offsets + i * g.outWidth
        let rowStart = Int32(2 * i * width)
        /// Fills windows j…j + 3 from 8 floats of each row, columns 2j…2j + 7.
        @inline(__always)
        func fillFourWindows(at j: Int) {
            let upper = UnsafeRawPointer(top + 2 * j).loadUnaligned(as: SIMD8<Float>.self)
            let lower = UnsafeRawPointer(bottom + 2 * j).loadUnaligned(as: SIMD8<Float>.self)
            let offsetA = rowStart &+ 2 &* (Int32(j) &+ SIMD4<Int32>(0, 1, 2, 3))
            var best = upper.evenHalf
            var offset = offsetA
            func consider(_ value: SIMD4<Float>, at valueOffset: SIMD4<Int32>) {
                let replaces = (value .> best) .| (value .!= value)
                best.replace(with: value, where: replaces)
                offset.replace(with: valueOffset, where: replaces)
            }
            consider(upper.oddHalf, at: offsetA &+ 1)
            consider(lower.evenHalf, at: offsetA &+ Int32(width))
            consider(lower.oddHalf, at: offsetA &+ Int32(width + 1))
            UnsafeMutableRawPointer(rowMaxima + j).storeBytes(of: best, as: SIMD4<Float>.self)
            UnsafeMutableRawPointer(rowOffsets + j).storeBytes(of: offset, as: SIMD4<Int32>.self)
        }

        guard g.outWidth >= 4 else {
            for j in 0..<g.outWidth {
                let a = 2 * i * width + 2 * j
                var best = source[a]
                var bestOffset = a
                for candidate in [a + 1, a + width, a + width + 1] {
                    let value = source[candidate]
                    if value > best || value.isNaN {
                        best = value
                        bestOffset = candidate
                    }
                }
                rowMaxima[j] = best
                rowOffsets[j] = Int32(truncatingIfNeeded: bestOffset)
            }
            continue
        }
        var j = 0
        while j + 4 <= g.outWidth {
            fillFourWindows(at: j)
            j += 4
        }
        // The last windows are computed again from the last four, which gives the same values.
        if j < g.outWidth {
            fillFourWindows(at: g.outWidth - 4)
        }
    }
}

/// Returns ∂L/∂x of max pooling whose windows tile the input, written plane by plane with
/// `writeTiledGradient`.
func tiledGradient(_ dy: Tensor, argmax: [Int32], _ g: WindowGeometry, inputShape: [Int])
    -> Tensor
{
    let count = g.batch * g.channels * g.inputPlane
    // Every entry is written below.
    let dx = [Float](unsafeUninitializedCapacity: count) { dx, initialized in
        dy.scalars.withUnsafeBufferPointer { dy in
            argmax.withUnsafeBufferPointer { argmax in
                for plane in 0..<(g.batch * g.channels) {
                    writeTiledGradient(
                        dy.baseAddress! + plane * g.outputPlane,
                        argmax: argmax.baseAddress! + plane * g.outputPlane, g,
                        dx: dx.baseAddress! + plane * g.inputPlane)
                }
            }
        }
        initialized = count
    }
    return Tensor(shape: inputShape, scalars: dx)
}

/// Writes ∂L/∂x of one plane whose windows tile it, every entry once.
///
/// ```
/// ∂L/∂x[r, s] = ∂L/∂y[i, j] if (r, s) is the maximum of window (i, j), else 0
/// ```
/// The kh input rows under output row i are zeroed while they sit in cache, then receive their
/// windows' gradients. Rows below the last window get zeros.
///
/// - Parameters:
///   - dy: ∂L/∂y of the plane, `[oh·ow]`.
///   - argmax: the input offset of each window's maximum, `[oh·ow]`.
///   - dx: ∂L/∂x of the plane, `[H·W]`; its previous contents are overwritten.
func writeTiledGradient(
    _ dy: UnsafePointer<Float>, argmax: UnsafePointer<Int32>, _ g: WindowGeometry,
    dx: UnsafeMutablePointer<Float>
) {
    let band = g.kernel.height * g.width
    for i in 0..<g.outHeight {
        (dx + i * band).update(repeating: 0, count: band)
        for k in (i * g.outWidth)..<((i + 1) * g.outWidth) {
            dx[Int(argmax[k])] = dy[k]
        }
    }
    let covered = g.outHeight * band
    (dx + covered).update(repeating: 0, count: g.inputPlane - covered)
}
