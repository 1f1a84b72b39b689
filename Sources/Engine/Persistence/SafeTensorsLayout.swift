/// The checks that tie the header's tensors to the data buffer.
extension SafeTensorsHeader {
    /// Checks each tensor's byte count against its shape and dtype and against the buffer, then
    /// checks that the tensors tile the buffer exactly, and returns them sorted by offset.
    ///
    /// For each tensor, `end - begin` must equal `count × dtype size` (computed with overflow
    /// checks) and `end <= dataSize`. Sorted by `begin`, each tensor must start where the
    /// previous one ends, the first at 0 and the last ending at `dataSize`: the format forbids
    /// overlaps, holes and trailing bytes. Empty tensors take no bytes and may sit at any
    /// boundary.
    static func checkLayout(_ tensors: [TensorInfo], dataSize: Int, path: String)
        throws(SafeTensorsError) -> [TensorInfo]
    {
        for tensor in tensors {
            let expectedBytes = try byteCount(of: tensor, path: path)
            let offsets = tensor.dataOffsets
            guard offsets.count == expectedBytes else {
                throw .sizeMismatch(
                    path: path, tensor: tensor.name, dtype: tensor.dtype, shape: tensor.shape,
                    expectedBytes: expectedBytes, begin: offsets.lowerBound, end: offsets.upperBound
                )
            }
            guard offsets.upperBound <= dataSize else {
                throw .dataOffsetsOutOfBounds(
                    path: path, tensor: tensor.name, begin: offsets.lowerBound,
                    end: offsets.upperBound, dataSize: dataSize)
            }
        }

        let sorted = tensors.sorted { a, b in
            if a.dataOffsets.lowerBound != b.dataOffsets.lowerBound {
                return a.dataOffsets.lowerBound < b.dataOffsets.lowerBound
            }
            if a.dataOffsets.upperBound != b.dataOffsets.upperBound {
                return a.dataOffsets.upperBound < b.dataOffsets.upperBound
            }
            return a.name.utf8.lexicographicallyPrecedes(b.name.utf8)
        }
        var covered = 0
        var previous: TensorInfo?
        for tensor in sorted {
            let begin = tensor.dataOffsets.lowerBound
            if begin > covered {
                throw .gapBeforeTensor(
                    path: path, tensor: tensor.name, gapBegin: covered, gapEnd: begin)
            }
            if begin < covered, let previous {
                throw .overlappingTensors(
                    path: path, tensor: tensor.name, begin: begin, previous: previous.name,
                    previousEnd: covered)
            }
            covered = tensor.dataOffsets.upperBound
            previous = tensor
        }
        guard covered == dataSize else {
            throw .trailingBytes(path: path, dataEnd: covered, dataSize: dataSize)
        }
        return sorted
    }

    /// Returns the element count times the dtype's size, or throws when it overflows `Int`.
    private static func byteCount(of tensor: TensorInfo, path: String)
        throws(SafeTensorsError) -> Int
    {
        // Only readable dtypes get this far, and each of them has a whole-byte size.
        var total = tensor.dtype.byteCount!
        for dimension in tensor.shape {
            let (product, overflow) = total.multipliedReportingOverflow(by: dimension)
            guard !overflow else {
                throw .byteCountOverflow(
                    path: path, tensor: tensor.name, dtype: tensor.dtype, shape: tensor.shape)
            }
            total = product
        }
        return total
    }
}
