import Engine

extension Dataset {
    /// The inputs of the rows at `indices`, shaped `[rows] + sampleShape` as a model takes them:
    /// `[rows, 1, 28, 28]` for images, `[rows, steps, 1]` for series windows.
    public func inputs(rows indices: [Int]) -> Tensor {
        features.gathering(rows: indices).reshaped([indices.count] + sampleShape)
    }
}
