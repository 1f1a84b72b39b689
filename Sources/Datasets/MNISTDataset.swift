import Engine
import Foundation

/// The MNIST handwritten digits (or a set in the same files, such as Fashion-MNIST): a training
/// and a test set read from IDX files.
///
/// Images are IDX unsigned bytes with 3 dimensions `[n, rows, cols]` (magic 0x00000803) and
/// labels are IDX unsigned bytes with 1 dimension `[n]` (magic 0x00000801). Each file may be
/// gzip-compressed. Pixels are scaled from 0...255 to [0, 1]:
///
/// ```
/// features[i, r * cols + c] = image[i, r, c] / 255
/// ```
///
/// Shapes: `features` is `[n, rows * cols]` with `sampleShape` `[1, rows, cols]`, one grey
/// channel as Conv2d expects (`[1, 28, 28]` for MNIST). The targets are classes "0" to "9",
/// class `k` being the digit `k`, whether or not every digit occurs.
public struct MNISTDataset: Equatable, Sendable {
    public let train: Dataset
    public let test: Dataset

    /// The class names, the digits "0" to "9" in order.
    public static let classNames = (0...9).map(String.init)

    /// Returns the file names tried for each part, in order: the plain file before the
    /// compressed one, and the names with a dash before those with a dot
    /// (`train-images.idx3-ubyte`), which some copies use.
    public static func candidateFileNames(prefix: String, kind: String) -> [String] {
        let dashed = "\(prefix)-\(kind)"
        let dotted = "\(prefix)-" + kind.replacingOccurrences(of: "-idx", with: ".idx")
        return [dashed, dashed + ".gz", dotted, dotted + ".gz"]
    }

    /// Reads the four MNIST files in `directory`: `train-images-idx3-ubyte`,
    /// `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte` and `t10k-labels-idx1-ubyte`, each
    /// with or without `.gz` (`candidateFileNames` lists every name tried).
    ///
    /// - Parameters:
    ///   - directory: The folder that contains the files.
    ///   - limit: Keep only the first rows of each set, at most this many, for quick demos.
    ///     `nil` keeps every row.
    /// - Throws: `DatasetError.missingDataFile` when a file is not in the folder, the errors of
    ///   `load(images:labels:limit:)`, and `DatasetError.sampleShapeMismatch` when the training
    ///   and test images differ in size.
    public static func load(directory: String, limit: Int? = nil) throws(DatasetError)
        -> MNISTDataset
    {
        let trainImages = try findFile(in: directory, prefix: "train", kind: "images-idx3-ubyte")
        let trainLabels = try findFile(in: directory, prefix: "train", kind: "labels-idx1-ubyte")
        let testImages = try findFile(in: directory, prefix: "t10k", kind: "images-idx3-ubyte")
        let testLabels = try findFile(in: directory, prefix: "t10k", kind: "labels-idx1-ubyte")
        let train = try load(images: trainImages, labels: trainLabels, limit: limit)
        let test = try load(images: testImages, labels: testLabels, limit: limit)
        guard train.sampleShape == test.sampleShape else {
            throw .sampleShapeMismatch(
                path: trainImages, shape: train.sampleShape, otherPath: testImages,
                otherShape: test.sampleShape)
        }
        return MNISTDataset(train: train, test: test)
    }

    /// Reads one pair of MNIST image and label files into a data set named after the images
    /// file.
    ///
    /// - Parameters:
    ///   - images: The IDX file of images `[n, rows, cols]`, plain or gzip-compressed.
    ///   - labels: The IDX file of labels `[n]`, plain or gzip-compressed.
    ///   - limit: Keep only the first rows, at most this many. `nil` keeps every row.
    /// - Throws: `DatasetError.invalidOption` for a limit below 1, the errors of
    ///   `IDXArray.read(path:maximumRows:)`, `DatasetError.malformedFile` for a wrong magic
    ///   number or a label above 9, and `DatasetError.sampleCountMismatch` when the files hold
    ///   different numbers of rows.
    public static func load(
        images: String, labels: String, limit: Int? = nil
    ) throws(DatasetError) -> Dataset {
        if let limit, limit < 1 {
            throw .invalidOption(name: "limit", value: String(limit), expected: "at least 1 row")
        }
        let labelArray = try IDXArray.read(
            path: labels, maximumRows: limit,
            requiredMagic: IDXArray.magic(.unsignedByte, dimensionCount: 1))
        let imageArray = try IDXArray.read(
            path: images, maximumRows: limit,
            requiredMagic: IDXArray.magic(.unsignedByte, dimensionCount: 3))
        guard imageArray.fileRowCount == labelArray.fileRowCount else {
            throw .sampleCountMismatch(
                featuresPath: images, featureRows: imageArray.fileRowCount, labelsPath: labels,
                labelRows: labelArray.fileRowCount)
        }

        var classIndices: [Int] = []
        classIndices.reserveCapacity(labelArray.bytes.count)
        for (i, label) in labelArray.bytes.enumerated() {
            guard Int(label) < classNames.count else {
                // The labels start after the 8-byte header: magic number and one size.
                throw .malformedFile(
                    path: labels, offset: 8 + i, isDecompressed: isGzip(labels),
                    problem: .labelOutOfRange(value: Int(label), classCount: classNames.count))
            }
            classIndices.append(Int(label))
        }

        let rowCount = imageArray.shape[0]
        let pixelCount = imageArray.shape[1] * imageArray.shape[2]
        let features = scaledPixels(imageArray.bytes, shape: [rowCount, pixelCount])
        return Dataset(
            name: fileName(of: images), features: features,
            targets: .classification(classIndices: classIndices, classNames: classNames),
            sampleShape: [1, imageArray.shape[1], imageArray.shape[2]])
    }

    /// Returns the pixels divided by 255 in a tensor of `shape`.
    private static func scaledPixels(_ bytes: [UInt8], shape: [Int]) -> Tensor {
        var values = [Float](repeating: 0, count: bytes.count)
        bytes.withUnsafeBufferPointer { source in
            values.withUnsafeMutableBufferPointer { target in
                for i in 0..<source.count {
                    target[i] = Float(source[i]) / 255
                }
            }
        }
        return Tensor(shape: shape, scalars: values)
    }

    private static func findFile(
        in directory: String, prefix: String, kind: String
    ) throws(DatasetError) -> String {
        let candidates = candidateFileNames(prefix: prefix, kind: kind)
        for name in candidates {
            let path = (directory as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        throw .missingDataFile(directory: directory, candidates: candidates)
    }

    /// Returns whether the file starts with the gzip magic bytes, for error offsets.
    private static func isGzip(_ path: String) -> Bool {
        (try? FileReader(path: path).peekStart(count: 2)) == GzipStream.magic
    }

    private static func fileName(of path: String) -> String {
        (path as NSString).lastPathComponent
    }
}
