/// Convolutions as ops: cross-correlation with zero padding and stride, as PyTorch's `conv1d`
/// and `conv2d` compute it (the kernel is not flipped). Each op's pullback sits right after
/// its forward code.

/// 2-D convolution of a batch of NCHW images.
///
/// ```
/// y[n, o, i, j] = b[o] + Σ_c Σ_u Σ_v w[o, c, u, v] · x[n, c, i·sh − ph + u, j·sw − pw + v]
/// oh = ⌊(H − kh + 2·ph) / sh⌋ + 1        ow = ⌊(W − kw + 2·pw) / sw⌋ + 1
/// ```
/// x is zero outside the input. Each sample n is one GEMM on its im2col matrix,
/// `y[n] = w [out, C·kh·kw] · columns[n] [C·kh·kw, oh·ow]` plus the bias, and the pullback
/// takes two GEMMs and col2im per sample:
/// ```
/// ∂L/∂w = Σ_n ∂L/∂y[n] · columns[n]ᵀ        ∂L/∂columns[n] = wᵀ · ∂L/∂y[n]
/// ∂L/∂b[o] = Σ_n Σ_i Σ_j ∂L/∂y[n, o, i, j]
/// ```
/// Shapes: `x [batch, inChannels, H, W]`, `weight [outChannels, inChannels, kh, kw]`,
/// `bias [outChannels]` → `y [batch, outChannels, oh, ow]`.
///
/// - Parameters:
///   - stride: (sh, sw), the step between windows; at least 1.
///   - padding: (ph, pw), zeros added on each side; the kernel must fit the padded input.
public func conv2d(
    _ x: Variable, weight: Variable, bias: Variable?, stride: Size2D = 1, padding: Size2D = 0
) -> Variable {
    precondition(x.value.rank == 4, "conv2d needs an NCHW batch, got \(x.shape)")
    precondition(
        weight.value.rank == 4 && weight.shape[1] == x.shape[1],
        "conv2d weight must be [out, \(x.shape[1]), kh, kw], got \(weight.shape)")
    let kernel = Size2D(height: weight.shape[2], width: weight.shape[3])
    let geometry = WindowGeometry(nchw: x.shape, kernel: kernel, stride: stride, padding: padding)
    let outputShape = [x.shape[0], weight.shape[0], geometry.outHeight, geometry.outWidth]
    return convolution(
        "conv2d", x, weight: weight, bias: bias, geometry: geometry, outputShape: outputShape)
}

/// 1-D convolution of a batch of NCL sequences.
///
/// ```
/// y[n, o, i] = b[o] + Σ_c Σ_u w[o, c, u] · x[n, c, i·s − p + u]
/// ol = ⌊(L − k + 2·p) / s⌋ + 1
/// ```
/// x is zero outside the input. It is computed as `conv2d` on a height of 1.
/// Shapes: `x [batch, inChannels, L]`, `weight [outChannels, inChannels, k]`,
/// `bias [outChannels]` → `y [batch, outChannels, ol]`.
///
/// - Parameters:
///   - stride: s, the step between windows; at least 1.
///   - padding: p, zeros added on each side; the kernel must fit the padded input.
public func conv1d(
    _ x: Variable, weight: Variable, bias: Variable?, stride: Int = 1, padding: Int = 0
) -> Variable {
    precondition(x.value.rank == 3, "conv1d needs an NCL batch, got \(x.shape)")
    precondition(
        weight.value.rank == 3 && weight.shape[1] == x.shape[1],
        "conv1d weight must be [out, \(x.shape[1]), k], got \(weight.shape)")
    let geometry = WindowGeometry(
        ncl: x.shape, kernel: weight.shape[2], stride: stride, padding: padding)
    let outputShape = [x.shape[0], weight.shape[0], geometry.outWidth]
    return convolution(
        "conv1d", x, weight: weight, bias: bias, geometry: geometry, outputShape: outputShape)
}

/// Records the convolution `op` of `x` laid out as `geometry` describes. `weight` and `bias`
/// have PyTorch's layout, whose scalars are those of `[out, C, kh, kw]` for either rank.
private func convolution(
    _ op: String, _ x: Variable, weight: Variable, bias: Variable?, geometry: WindowGeometry,
    outputShape: [Int]
) -> Variable {
    let plan = ConvolutionPlan(geometry: geometry, outChannels: weight.shape[0])
    if let bias {
        precondition(
            bias.shape == [plan.outChannels],
            "\(op) bias \(bias.shape) must be [\(plan.outChannels)]")
    }
    let output = plan.forward(
        x.value.scalars, weight: weight.value.scalars, bias: bias?.value.scalars)
    let y = Tensor(shape: outputShape, scalars: output)

    return Variable(value: y, op: op, inputs: [x, weight] + (bias.map { [$0] } ?? [])) { dy in
        var dx = x.requiresGrad ? Tensor(shape: x.shape) : nil
        var dw = weight.requiresGrad ? Tensor(shape: weight.shape) : nil
        plan.backward(
            dy.scalars, input: x.value.scalars, weight: weight.value.scalars,
            dx: &dx, dw: &dw)
        var db: Tensor?
        if let bias, bias.requiresGrad {
            db = Tensor(shape: [plan.outChannels], scalars: plan.channelSums(dy.scalars))
        }
        return [dx, dw, db]
    }
}

/// The sizes of one convolution and its per-sample GEMMs.
///
/// Each sample takes one GEMM forward and two backward, on a `[C·kh·kw, oh·ow]` im2col buffer
/// that is reused across samples and small enough to stay in cache. The backward pass
/// rebuilds the buffer from the input instead of keeping every sample's copy.
private struct ConvolutionPlan {
    let geometry: WindowGeometry
    let outChannels: Int
    /// C·kh·kw, the rows of a sample's im2col matrix.
    var patchSize: Int { geometry.channels * geometry.kernelArea }
    /// oh·ow, the columns of a sample's im2col matrix.
    var positions: Int { geometry.outputPlane }
    var inputSize: Int { geometry.channels * geometry.inputPlane }
    var outputSize: Int { outChannels * positions }
    /// Whether the GEMMs have work to do; with no input channels the output is the bias.
    var hasProducts: Bool { outChannels > 0 && patchSize > 0 }

    /// Returns y `[N, out, oh·ow]`: the bias, plus for each sample n `w · columns[n]`.
    func forward(_ input: [Float], weight: [Float], bias: [Float]?) -> [Float] {
        let count = geometry.batch * outputSize
        var output = [Float](unsafeUninitializedCapacity: count) { output, initialized in
            for plane in 0..<(geometry.batch * outChannels) {
                (output.baseAddress! + plane * positions).initialize(
                    repeating: bias?[plane % outChannels] ?? 0, count: positions)
            }
            initialized = count
        }
        guard hasProducts else { return output }
        var columns = [Float](repeating: 0, count: patchSize * positions)
        input.withUnsafeBufferPointer { input in
            weight.withUnsafeBufferPointer { w in
                columns.withUnsafeMutableBufferPointer { columns in
                    output.withUnsafeMutableBufferPointer { output in
                        for n in 0..<geometry.batch {
                            im2col(
                                input.baseAddress! + n * inputSize, geometry: geometry,
                                columns: columns.baseAddress!)
                            BLAS.gemm(
                                transposeA: false, transposeB: false, m: outChannels,
                                n: positions, k: patchSize, a: w.baseAddress!,
                                b: columns.baseAddress!, beta: 1,
                                c: output.baseAddress! + n * outputSize)
                        }
                    }
                }
            }
        }
        return output
    }

    /// Adds ∂L/∂x into `dx` and ∂L/∂w into `dw`. Each is skipped when `nil` and must
    /// otherwise start at zero.
    func backward(
        _ dy: [Float], input: [Float], weight: [Float], dx: inout Tensor?, dw: inout Tensor?
    ) {
        guard hasProducts else { return }
        var scratch = [Float](repeating: 0, count: patchSize * positions)
        dy.withUnsafeBufferPointer { dy in
            input.withUnsafeBufferPointer { input in
                weight.withUnsafeBufferPointer { w in
                    scratch.withUnsafeMutableBufferPointer { scratch in
                        for n in 0..<geometry.batch {
                            let sampleGradient = dy.baseAddress! + n * outputSize
                            if dw != nil {
                                // ∂L/∂w [out, C·kh·kw] += ∂L/∂y[n] · columns[n]ᵀ
                                im2col(
                                    input.baseAddress! + n * inputSize, geometry: geometry,
                                    columns: scratch.baseAddress!)
                                dw!.scalars.withUnsafeMutableBufferPointer { dw in
                                    BLAS.gemm(
                                        transposeA: false, transposeB: true, m: outChannels,
                                        n: patchSize, k: positions, a: sampleGradient,
                                        b: scratch.baseAddress!, beta: 1, c: dw.baseAddress!)
                                }
                            }
                            if dx != nil {
                                // ∂L/∂columns[n] = wᵀ · ∂L/∂y[n], then col2im.
                                BLAS.gemm(
                                    transposeA: true, transposeB: false, m: patchSize,
                                    n: positions, k: outChannels, a: w.baseAddress!,
                                    b: sampleGradient, c: scratch.baseAddress!)
                                dx!.scalars.withUnsafeMutableBufferPointer { dx in
                                    col2im(
                                        scratch.baseAddress!, geometry: geometry,
                                        dx: dx.baseAddress! + n * inputSize)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Returns ∂L/∂b[o] = Σ_n Σ_p ∂L/∂y[n, o, p] for `dy` of shape `[N, out, oh·ow]`.
    func channelSums(_ dy: [Float]) -> [Float] {
        var sums = [Float](repeating: 0, count: outChannels)
        dy.withUnsafeBufferPointer { dy in
            for plane in 0..<(geometry.batch * outChannels) {
                let planeGradient = dy.baseAddress! + plane * positions
                sums[plane % outChannels] += sum(planeGradient, count: positions)
            }
        }
        return sums
    }
}

/// Returns the sum of `count` floats. Eight running sums break the chain of dependent
/// additions, so the loop runs at the speed of the loads.
private func sum(_ values: UnsafePointer<Float>, count: Int) -> Float {
    let raw = UnsafeRawPointer(values)
    let width = 8
    var partial = SIMD8<Float>()
    var i = 0
    while i + width <= count {
        partial += raw.loadUnaligned(
            fromByteOffset: i * MemoryLayout<Float>.stride, as: SIMD8<Float>.self)
        i += width
    }
    var total = partial.sum()
    for j in i..<count { total += values[j] }
    return total
}
