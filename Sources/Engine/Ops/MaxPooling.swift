/// The forward and backward passes of max pooling, shared by `maxPool1d` and `maxPool2d`.
///
/// The forward pass visits the kernel positions (u, v) in row-major order and, for each,
/// updates every output of the plane, four at a time with SIMD selects. No output waits for
/// another and no compare becomes a branch, which random data would mispredict, so the loop
/// avoids the stalls of scanning one window at a time. Padding is handled by copying the plane
/// into a buffer bordered with −∞, so every window lies inside it.
/// Planes that contain NaN are scanned window by window, following PyTorch's rule.
/// Windows that tile the input take the paths of TiledMaxPooling.swift: 2×2 windows in the
/// forward pass, and every tiling in the backward pass.

/// Records max pooling of `x` laid out as `geometry` describes.
///
/// The gradient of each output goes to the first maximum of its window in row-major order,
/// as in PyTorch. A window with a NaN outputs NaN and sends its gradient to its last NaN,
/// which is what PyTorch 2.13's CPU kernel does.
func maxPool(_ op: String, _ x: Variable, geometry g: WindowGeometry, outputShape: [Int])
    -> Variable
{
    checkPoolingPadding(g)
    let planes = g.batch * g.channels
    let windows = g.isTwoByTwoTiling ? nil : PaddedWindows(g)
    let count = planes * g.outputPlane
    // Both are filled plane by plane below.
    var maxima = [Float](unsafeUninitializedCapacity: count) { _, filled in filled = count }
    // The offset within its input plane of each output's maximum, for the pullback.
    var argmax = [Int32](unsafeUninitializedCapacity: count) { _, filled in filled = count }
    x.value.scalars.withUnsafeBufferPointer { input in
        maxima.withUnsafeMutableBufferPointer { maxima in
            argmax.withUnsafeMutableBufferPointer { argmax in
                var padded = [Float](repeating: -.infinity, count: windows?.paddedPlane ?? 0)
                padded.withUnsafeMutableBufferPointer { padded in
                    for plane in 0..<planes {
                        let source = input.baseAddress! + plane * g.inputPlane
                        let planeMaxima = maxima.baseAddress! + plane * g.outputPlane
                        let planeOffsets = argmax.baseAddress! + plane * g.outputPlane
                        guard let windows else {
                            fillTwoByTwoMaxima(
                                source, g, maxima: planeMaxima, offsets: planeOffsets)
                            continue
                        }
                        let found = windows.fillMaxima(
                            source, padded: padded.baseAddress!, maxima: planeMaxima,
                            offsets: planeOffsets)
                        if !found {
                            scanWindows(source, g, maxima: planeMaxima, offsets: planeOffsets)
                        }
                    }
                }
            }
        }
    }
    let y = Tensor(shape: outputShape, scalars: maxima)

    return Variable(value: y, op: op, inputs: [x]) { [argmax] dy in
        if g.windowsTileInput {
            return [tiledGradient(dy, argmax: argmax, g, inputShape: x.shape)]
        }
        var dx = Tensor(shape: x.shape)
        dy.scalars.withUnsafeBufferPointer { dy in
            argmax.withUnsafeBufferPointer { argmax in
                dx.scalars.withUnsafeMutableBufferPointer { dx in
                    for plane in 0..<planes {
                        let target = dx.baseAddress! + plane * g.inputPlane
                        for k in (plane * g.outputPlane)..<((plane + 1) * g.outputPlane) {
                            target[Int(argmax[k])] += dy[k]
                        }
                    }
                }
            }
        }
        return [dx]
    }
}

/// The windows of one plane laid over a copy of it bordered by the padding, filled with −∞.
///
/// The copy is `(H + 2·ph) × (W + 2·pw)`, and the window of output k starts at `start[k]`
/// in it, so the input under kernel position (u, v) is at `start[k] + u·(W + 2·pw) + v`.
private struct PaddedWindows {
    let geometry: WindowGeometry
    let paddedWidth: Int
    let paddedPlane: Int
    /// The offset in the padded copy of each window's top-left corner.
    let start: [Int32]
    /// The offset in the input plane of each window's top-left corner, negative when the
    /// corner lies in the padding.
    let corner: [Int]
    /// The offset in the input plane of each window's first input, which a window of −∞
    /// reports.
    let firstInput: [Int32]

    init(_ g: WindowGeometry) {
        geometry = g
        paddedWidth = g.width + 2 * g.padding.width
        paddedPlane = (g.height + 2 * g.padding.height) * paddedWidth
        precondition(paddedPlane <= Int(Int32.max), "Pooling plane \(paddedPlane) is too large")
        var start: [Int32] = []
        var corner: [Int] = []
        var firstInput: [Int32] = []
        for i in 0..<g.outHeight {
            for j in 0..<g.outWidth {
                let (row, column) = (i * g.stride.height, j * g.stride.width)
                start.append(Int32(row * paddedWidth + column))
                corner.append((row - g.padding.height) * g.width + column - g.padding.width)
                let firstRow = max(0, row - g.padding.height)
                let firstColumn = max(0, column - g.padding.width)
                firstInput.append(Int32(firstRow * g.width + firstColumn))
            }
        }
        self.start = start
        self.corner = corner
        self.firstInput = firstInput
    }

    /// Fills the window maxima of the plane at `source` and the input offsets that hold them,
    /// the first in row-major order on ties. Returns false, with the outputs incomplete, when
    /// an input under a window is NaN.
    ///
    /// - Parameters:
    ///   - padded: a buffer of `paddedPlane` floats whose border is −∞.
    func fillMaxima(
        _ source: UnsafePointer<Float>, padded: UnsafeMutablePointer<Float>,
        maxima: UnsafeMutablePointer<Float>, offsets: UnsafeMutablePointer<Int32>
    ) -> Bool {
        let g = geometry
        let plane: UnsafePointer<Float>
        if g.padding == 0 {
            plane = source
        } else {
            for r in 0..<g.height {
                let row = padded + (r + g.padding.height) * paddedWidth + g.padding.width
                row.update(from: source + r * g.width, count: g.width)
            }
            plane = UnsafePointer(padded)
        }
        maxima.update(repeating: -.infinity, count: g.outputPlane)
        // The winning kernel position of each output as u·W + v, or −1 while none beats −∞.
        let winners = offsets
        winners.update(repeating: -1, count: g.outputPlane)
        var sawNaN = SIMDMask<SIMD4<Int32>>(repeating: false)
        start.withUnsafeBufferPointer { start in
            for u in 0..<g.kernel.height {
                for v in 0..<g.kernel.width {
                    let shift = Int32(u * paddedWidth + v)
                    let position = Int32(u * g.width + v)
                    var k = 0
                    while k + 4 <= g.outputPlane {
                        let offset = SIMD4(start[k], start[k + 1], start[k + 2], start[k + 3])
                            &+ shift
                        let value = SIMD4(
                            plane[Int(offset[0])], plane[Int(offset[1])], plane[Int(offset[2])],
                            plane[Int(offset[3])])
                        let best = UnsafeRawPointer(maxima + k).loadUnaligned(as: SIMD4<Float>.self)
                        let winner = UnsafeRawPointer(winners + k)
                            .loadUnaligned(as: SIMD4<Int32>.self)
                        // Strictly greater, so the first of equal values stays.
                        let greater = value .> best
                        UnsafeMutableRawPointer(maxima + k).storeBytes(
                            of: best.replacing(with: value, where: greater), as: SIMD4<Float>.self)
                        UnsafeMutableRawPointer(winners + k).storeBytes(
                            of: winner.replacing(with: position, where: greater),
                            as: SIMD4<Int32>.self)
                        sawNaN .|= value .!= value
                        k += 4
                    }
                    for k in k..<g.outputPlane {
                        let value = plane[Int(start[k] &+ shift)]
                        if value > maxima[k] {
                            maxima[k] = value
                            winners[k] = position
                        }
                        if value.isNaN { sawNaN[0] = true }
                    }
                }
            }
        }
        if any(sawNaN) { return false }

        for k in 0..<g.outputPlane {
            let winner = Int(winners[k])
            offsets[k] = winner < 0 ? firstInput[k] : Int32(truncatingIfNeeded: corner[k] + winner)
        }
        return true
    }
}

/// Fills one plane's window maxima and the offsets of the inputs that hold them, scanning each
/// window in row-major order with PyTorch's rule: a value replaces the maximum when it is
/// greater or NaN. A window that is all −∞ reports its first input.
private func scanWindows(
    _ source: UnsafePointer<Float>, _ g: WindowGeometry, maxima: UnsafeMutablePointer<Float>,
    offsets: UnsafeMutablePointer<Int32>
) {
    for i in 0..<g.outHeight {
        let rows = windowRange(
            i, kernel: g.kernel.height, stride: g.stride.height, padding: g.padding.height,
            size: g.height)
        for j in 0..<g.outWidth {
            let columns = windowRange(
                j, kernel: g.kernel.width, stride: g.stride.width, padding: g.padding.width,
                size: g.width)
            var best = -Float.infinity
            var bestOffset = rows.lowerBound * g.width + columns.lowerBound
            for r in rows {
                for c in columns {
                    let value = source[r * g.width + c]
                    if value > best || value.isNaN {
                        best = value
                        bestOffset = r * g.width + c
                    }
                }
            }
            maxima[i * g.outWidth + j] = best
            offsets[i * g.outWidth + j] = Int32(truncatingIfNeeded: bestOffset)
        }
    }
}
