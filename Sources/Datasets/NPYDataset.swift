import Engine
import Foundation

/// Builds a `Dataset` from two NumPy `.npy` files: features `[n, ...]` and labels `[n]`.
///
/// The task follows the labels' dtype unless the caller sets it: integer labels give
/// classification and float labels give regression. Classes are the distinct label values in
/// ascending order, each named by its value, so labels 0 to 9 become classes "0" to "9" and
/// labels 1, 5, 7 become classes 0, 1, 2 named "1", "5", "7".
///
/// Shapes: features `[n, d1, ..., dk]` become rows `[n, d1 × ... × dk]` with `sampleShape`
/// `[d1, ..., dk]`, and features `[n]` become `[n, 1]`. Labels `[n]` give one class or one
/// regression output per row, and float labels `[n, outputs]` give several outputs.
public enum NPYDataset {
    /// Reads the two files and builds a data set named after the features file.
    ///
    /// - Parameters:
    ///   - features: The NPY file of features, with samples along the first dimension.
    ///   - labels: The NPY file of labels, `[n]`, or `[n, outputs]` for regression.
    ///   - task: Classification or regression. `nil` follows the labels' dtype.
    /// - Throws: The errors of `NPYArray.read(path:)`.
    ///   `DatasetError.malformedFile` for 0-dimensional features or a NaN or infinite value.
    ///   `DatasetError.invalidLabelShape` for labels that are not `[n]` or `[n, outputs]`.
    ///   `DatasetError.sampleCountMismatch` when the first dimensions differ.
    ///   `DatasetError.nonIntegerClassLabel` for a fractional label under classification.
    public static func load(
        features: String, labels: String, task: Dataset.Task? = nil
    ) throws(DatasetError) -> Dataset {
        let featureArray = try NPYArray.read(path: features)
        let labelArray = try NPYArray.read(path: labels)
        guard let rowCount = featureArray.shape.first else {
            throw .malformedFile(
                path: features, offset: featureArray.headerOffset, isDecompressed: false,
                problem: .invalidDimensionCount(found: 0, expected: "at least 1, the samples"))
        }
        let sampleShape =
            featureArray.shape.count == 1 ? [1] : Array(featureArray.shape.dropFirst())
        let featureValues = try finiteTensor(featureArray, path: features)
        let featureMatrix = featureValues.reshaped([rowCount, Tensor.count(of: sampleShape)])

        let labelShape = labelArray.shape
        guard labelShape.count == 1 || labelShape.count == 2 else {
            throw .invalidLabelShape(path: labels, shape: labelShape)
        }
        guard labelShape[0] == rowCount else {
            throw .sampleCountMismatch(
                featuresPath: features, featureRows: rowCount, labelsPath: labels,
                labelRows: labelShape[0])
        }

        let targets: Targets
        switch task ?? (labelArray.elementType.isInteger ? .classification : .regression) {
        case .classification:
            guard labelShape.count == 1 || labelShape[1] == 1 else {
                throw .invalidLabelShape(path: labels, shape: labelShape)
            }
            targets = try classificationTargets(labelArray, path: labels)
        case .regression:
            let values = try finiteTensor(labelArray, path: labels)
            let outputCount = labelShape.count == 2 ? labelShape[1] : 1
            targets = .regression(values.reshaped([rowCount, outputCount]))
        }
        return Dataset(
            name: (features as NSString).lastPathComponent, features: featureMatrix,
            targets: targets, sampleShape: sampleShape)
    }

    /// Numbers the distinct labels in ascending order and names each class by its value.
    private static func classificationTargets(
        _ array: NPYArray, path: String
    ) throws(DatasetError) -> Targets {
        let labels: [Int64]
        if let integers = array.integers() {
            labels = integers
        } else {
            let values = array.tensor().scalars
            var converted: [Int64] = []
            converted.reserveCapacity(values.count)
            for (index, value) in values.enumerated() {
                guard value.isFinite, value == value.rounded(), abs(value) < 0x1p62 else {
                    throw .nonIntegerClassLabel(path: path, index: index, value: Double(value))
                }
                converted.append(Int64(value))
            }
            labels = converted
        }
        let classes = Set(labels).sorted()
        var classOfLabel: [Int64: Int] = [:]
        for (index, label) in classes.enumerated() { classOfLabel[label] = index }
        return .classification(
            classIndices: labels.map { classOfLabel[$0]! }, classNames: classes.map { String($0) })
    }

    /// Returns the array's values, rejecting the first that is not finite in Float32.
    private static func finiteTensor(_ array: NPYArray, path: String) throws(DatasetError) -> Tensor
    {
        let tensor = array.tensor()
        guard let index = tensor.scalars.firstIndex(where: { !$0.isFinite }) else { return tensor }
        var multiIndex = [Int](repeating: 0, count: array.shape.count)
        var remainder = index
        for axis in array.shape.indices.reversed() {
            multiIndex[axis] = remainder % array.shape[axis]
            remainder /= array.shape[axis]
        }
        throw .malformedFile(
            path: path, offset: array.fileOffset(ofElementAt: index), isDecompressed: false,
            problem: .nonFiniteValue(index: multiIndex, value: String(tensor.scalars[index])))
    }
}
