/// The forward and backward passes of average pooling, shared by `avgPool1d` and `avgPool2d`.

/// Records average pooling of `x` laid out as `geometry` describes. Each window's divisor is
/// the kernel area when `countIncludePadding` is true, else the number of inputs it covers.
func avgPool(
    _ op: String, _ x: Variable, geometry g: WindowGeometry, outputShape: [Int],
    countIncludePadding: Bool
) -> Variable {
    checkPoolingPadding(g)
    let planes = g.batch * g.channels

    /// Returns the divisor of window (i, j) and the input rows and columns it covers.
    func window(_ i: Int, _ j: Int) -> (divisor: Float, rows: Range<Int>, columns: Range<Int>) {
        let rows = windowRange(
            i, kernel: g.kernel.height, stride: g.stride.height, padding: g.padding.height,
            size: g.height)
        let columns = windowRange(
            j, kernel: g.kernel.width, stride: g.stride.width, padding: g.padding.width,
            size: g.width)
        // Under the floor rule every window ends inside the padded input, so with padding
        // counted the divisor is the full kernel area.
        let count = countIncludePadding ? g.kernelArea : rows.count * columns.count
        return (Float(count), rows, columns)
    }

    var y = Tensor(shape: outputShape)
    x.value.scalars.withUnsafeBufferPointer { input in
        y.scalars.withUnsafeMutableBufferPointer { output in
            for plane in 0..<planes {
                let source = input.baseAddress! + plane * g.inputPlane
                var outIndex = plane * g.outputPlane
                for i in 0..<g.outHeight {
                    for j in 0..<g.outWidth {
                        let (divisor, rows, columns) = window(i, j)
                        var total: Float = 0
                        for r in rows {
                            for s in columns { total += source[r * g.width + s] }
                        }
                        output[outIndex] = total / divisor
                        outIndex += 1
                    }
                }
            }
        }
    }

    return Variable(value: y, op: op, inputs: [x]) { dy in
        var dx = Tensor(shape: x.shape)
        dy.scalars.withUnsafeBufferPointer { dy in
            dx.scalars.withUnsafeMutableBufferPointer { dx in
                for plane in 0..<planes {
                    let target = dx.baseAddress! + plane * g.inputPlane
                    var outIndex = plane * g.outputPlane
                    for i in 0..<g.outHeight {
                        for j in 0..<g.outWidth {
                            let (divisor, rows, columns) = window(i, j)
                            let share = dy[outIndex] / divisor
                            for r in rows {
                                for s in columns { target[r * g.width + s] += share }
                            }
                            outIndex += 1
                        }
                    }
                }
            }
        }
        return [dx]
    }
}

