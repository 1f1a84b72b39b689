/// im2col and its adjoint col2im: the data movement that turns a convolution into a GEMM.
///
/// ```
/// columns[(c·kh + u)·kw + v, i·ow + j] = x[c, i·sh − ph + u, j·sw − pw + v]
/// ```
/// with x = 0 outside the input (zero padding). Row r of `columns` holds, for one kernel
/// position (c, u, v), the input value under it at every output position of one sample, so
/// `weight [out, C·kh·kw] · columns [C·kh·kw, oh·ow]` is that sample's convolution.
/// Shapes: one sample `x [C, H, W]` ↔ `columns [C·kh·kw, oh·ow]`.
///
/// Both functions compute, per kernel position, the output rows and columns whose window reads
/// the input (`WindowGeometry.validOutputRows` and `validOutputColumns`), so the innermost loop
/// has no bounds tests. With stride 1 and an output as wide as the input ("same" padding),
/// a row of `columns` is the input plane shifted by a constant, so it moves as one block.

/// Fills `columns` (`[C·kh·kw, oh·ow]`, every entry written) from one sample `x` (`[C, H, W]`).
func im2col(
    _ x: UnsafePointer<Float>, geometry g: WindowGeometry, columns: UnsafeMutablePointer<Float>
) {
    var row = columns
    for c in 0..<g.channels {
        let plane = x + c * g.inputPlane
        for u in 0..<g.kernel.height {
            let validRows = g.validOutputRows(kernelRow: u)
            for v in 0..<g.kernel.width {
                let validColumns = g.validOutputColumns(kernelColumn: v)
                if validRows.isEmpty || validColumns.isEmpty {
                    row.update(repeating: 0, count: g.outputPlane)
                } else if g.isShiftedPlane {
                    copyShiftedPlane(
                        plane, g, kernelRow: u, kernelColumn: v, validRows: validRows,
                        validColumns: validColumns, row: row)
                } else {
                    copyWindows(
                        plane, g, kernelRow: u, kernelColumn: v, validRows: validRows,
                        validColumns: validColumns, row: row)
                }
                row += g.outputPlane
            }
        }
    }
}

/// Adds every entry of `columns` (`[C·kh·kw, oh·ow]`) to the input position of one sample
/// that `im2col` copied it from, accumulating into `dx` (`[C, H, W]`). Entries that came from
/// padding are dropped. This is the pullback of `im2col`, so `dx` must start at zero.
/// `columns` is scratch: the entries that came from padding are set to zero.
func col2im(
    _ columns: UnsafeMutablePointer<Float>, geometry g: WindowGeometry,
    dx: UnsafeMutablePointer<Float>
) {
    var row = columns
    for c in 0..<g.channels {
        let plane = dx + c * g.inputPlane
        for u in 0..<g.kernel.height {
            let validRows = g.validOutputRows(kernelRow: u)
            for v in 0..<g.kernel.width {
                let validColumns = g.validOutputColumns(kernelColumn: v)
                if validRows.isEmpty || validColumns.isEmpty {
                    // Every entry of this row came from padding.
                } else if g.isShiftedPlane {
                    addShiftedPlane(
                        row, g, kernelRow: u, kernelColumn: v, validRows: validRows,
                        validColumns: validColumns, plane: plane)
                } else {
                    addWindows(
                        row, g, kernelRow: u, kernelColumn: v, validRows: validRows,
                        validColumns: validColumns, plane: plane)
                }
                row += g.outputPlane
            }
        }
    }
}

extension WindowGeometry {
    /// Whether output position k reads input position k + shift for every kernel position:
    /// stride 1 and an output as large as the input, as with a 3×3 kernel and padding 1.
    fileprivate var isShiftedPlane: Bool {
        stride == 1 && outHeight == height && outWidth == width
    }

    /// Returns the offset of the input that output (i, 0) reads under kernel position (u, v).
    /// Output (i, j) reads the input `j·sw` further on.
    fileprivate func inputOffset(row i: Int, kernelRow u: Int, kernelColumn v: Int) -> Int {
        (i * stride.height - padding.height + u) * width + v - padding.width
    }
}

/// Copies, for one kernel position, the input under every window into `row` (`[oh·ow]`),
/// one output row at a time, with zeros where windows cover padding.
private func copyWindows(
    _ plane: UnsafePointer<Float>, _ g: WindowGeometry, kernelRow u: Int, kernelColumn v: Int,
    validRows: Range<Int>, validColumns: Range<Int>, row: UnsafeMutablePointer<Float>
) {
    row.update(repeating: 0, count: validRows.lowerBound * g.outWidth)
    for i in validRows {
        let target = row + i * g.outWidth
        let source = plane + g.inputOffset(row: i, kernelRow: u, kernelColumn: v)
        for j in 0..<validColumns.lowerBound { target[j] = 0 }
        if g.stride.width == 1 {
            for j in validColumns { target[j] = source[j] }
        } else {
            for j in validColumns { target[j] = source[j * g.stride.width] }
        }
        for j in validColumns.upperBound..<g.outWidth { target[j] = 0 }
    }
    let end = validRows.upperBound * g.outWidth
    (row + end).update(repeating: 0, count: g.outputPlane - end)
}

/// Copies the shifted input plane into `row` as one block, then zeroes the entries that belong
/// to padding. Those are the output rows outside `validRows`, and in the other rows the
/// columns outside `validColumns`, which the block copy filled from the neighbouring input row.
private func copyShiftedPlane(
    _ plane: UnsafePointer<Float>, _ g: WindowGeometry, kernelRow u: Int, kernelColumn v: Int,
    validRows: Range<Int>, validColumns: Range<Int>, row: UnsafeMutablePointer<Float>
) {
    let shift = g.inputOffset(row: 0, kernelRow: u, kernelColumn: v)
    // From the first valid entry to the last, every read stays inside the plane.
    let first = validRows.lowerBound * g.width + validColumns.lowerBound
    let last = (validRows.upperBound - 1) * g.width + validColumns.upperBound
    (row + first).update(from: plane + first + shift, count: last - first)
    row.update(repeating: 0, count: first)
    (row + last).update(repeating: 0, count: g.outputPlane - last)
    zeroColumns(outside: validColumns, rows: validRows, g, of: row)
}

/// Zeroes, in each of `rows`, the entries of a `[oh·ow]` row of columns outside the valid
/// output columns: at most 2·pw entries per row, so the loop runs down the columns.
private func zeroColumns(
    outside validColumns: Range<Int>, rows: Range<Int>, _ g: WindowGeometry,
    of row: UnsafeMutablePointer<Float>
) {
    for j in 0..<validColumns.lowerBound {
        for i in rows { row[i * g.outWidth + j] = 0 }
    }
    for j in validColumns.upperBound..<g.outWidth {
        for i in rows { row[i * g.outWidth + j] = 0 }
    }
}

/// Adds the entries of `row` that came from the input back to their input positions in
/// `plane`. This is the adjoint of `copyWindows`.
private func addWindows(
    _ row: UnsafePointer<Float>, _ g: WindowGeometry, kernelRow u: Int, kernelColumn v: Int,
    validRows: Range<Int>, validColumns: Range<Int>, plane: UnsafeMutablePointer<Float>
) {
    for i in validRows {
        let source = row + i * g.outWidth
        let target = plane + g.inputOffset(row: i, kernelRow: u, kernelColumn: v)
        if g.stride.width == 1 {
            for j in validColumns { target[j] += source[j] }
        } else {
            for j in validColumns { target[j * g.stride.width] += source[j] }
        }
    }
}

/// Zeroes the entries of `row` that came from padding, then adds the valid block to the
/// shifted plane in one pass. This is the adjoint of `copyShiftedPlane`.
private func addShiftedPlane(
    _ row: UnsafeMutablePointer<Float>, _ g: WindowGeometry, kernelRow u: Int,
    kernelColumn v: Int, validRows: Range<Int>, validColumns: Range<Int>,
    plane: UnsafeMutablePointer<Float>
) {
    let shift = g.inputOffset(row: 0, kernelRow: u, kernelColumn: v)
    let first = validRows.lowerBound * g.width + validColumns.lowerBound
    let last = (validRows.upperBound - 1) * g.width + validColumns.upperBound
    zeroColumns(outside: validColumns, rows: validRows, g, of: row)
    let target = plane + shift
    for k in first..<last { target[k] += row[k] }
}
