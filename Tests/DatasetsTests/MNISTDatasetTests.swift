import Datasets
import Engine
import Foundation
import Testing

@Suite struct MNISTDatasetTests {
    let directory: FixtureDirectory

    init() throws {
        directory = try FixtureDirectory()
    }

    /// Writes an MNIST-style pair: `labels.count` images of 2 × 3 pixels, image `i` filled
    /// with pixel values `i * 10 + p`.
    func writePair(
        prefix: String, labels: [UInt8], compressed: Bool = false
    ) throws -> (images: String, labels: String) {
        let pixels = labels.indices.flatMap { i in (0..<6).map { UInt8(i * 10 + $0) } }
        var imageFile = idxBytes(shape: [labels.count, 2, 3], payload: pixels)
        var labelFile = idxBytes(shape: [labels.count], payload: labels)
        let suffix = compressed ? ".gz" : ""
        if compressed {
            imageFile = gzip(imageFile)
            labelFile = gzip(labelFile)
        }
        return (
            try directory.write("\(prefix)-images-idx3-ubyte\(suffix)", bytes: imageFile),
            try directory.write("\(prefix)-labels-idx1-ubyte\(suffix)", bytes: labelFile)
        )
    }

    @Test func pairScalesPixelsAndKeepsShape() throws {
        let (images, labels) = try writePair(prefix: "train", labels: [7, 2, 1])
        let dataset = try MNISTDataset.load(images: images, labels: labels)
        #expect(dataset.rowCount == 3)
        #expect(dataset.features.shape == [3, 6])
        #expect(dataset.sampleShape == [1, 2, 3])
        #expect(dataset.classNames == ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"])
        #expect(dataset.targets.classIndices == [7, 2, 1])
        #expect(Array(dataset.features.scalars[0..<6]) == (0..<6).map { Float($0) / 255 })
        #expect(dataset.features.scalars[17] == Float(25) / 255)
        #expect(dataset.name == "train-images-idx3-ubyte")
    }

    @Test func directoryPairsCompressedFiles() throws {
        _ = try writePair(prefix: "train", labels: [0, 1, 2, 3], compressed: true)
        _ = try writePair(prefix: "t10k", labels: [9, 8], compressed: true)
        let mnist = try MNISTDataset.load(directory: directory.path)
        #expect(mnist.train.rowCount == 4)
        #expect(mnist.test.rowCount == 2)
        #expect(mnist.test.targets.classIndices == [9, 8])
        #expect(mnist.train.sampleShape == [1, 2, 3])
    }

    @Test func limitKeepsFirstRows() throws {
        _ = try writePair(prefix: "train", labels: [5, 6, 7, 8])
        _ = try writePair(prefix: "t10k", labels: [1, 2, 3], compressed: true)
        let mnist = try MNISTDataset.load(directory: directory.path, limit: 2)
        #expect(mnist.train.targets.classIndices == [5, 6])
        #expect(mnist.test.targets.classIndices == [1, 2])
        #expect(mnist.test.features.shape == [2, 6])
    }

    @Test func joinedSplitRecoversParts() throws {
        _ = try writePair(prefix: "train", labels: [5, 6, 7])
        _ = try writePair(prefix: "t10k", labels: [1, 2])
        let mnist = try MNISTDataset.load(directory: directory.path)
        let (whole, split) = DatasetSplit.joining(
            train: mnist.train, test: mnist.test, name: "mnist")
        #expect(whole.rowCount == 5)
        #expect(whole.sampleShape == [1, 2, 3])
        #expect(whole.targets.classIndices == [5, 6, 7, 1, 2])
        #expect(split.trainRows == [0, 1, 2])
        #expect(split.testRows == [3, 4])
        #expect(whole.gathering(rows: split.testRows) == mnist.test.renamed("mnist"))
    }

    @Test func missingFileNamesCandidates() throws {
        _ = try writePair(prefix: "train", labels: [1])
        let error = #expect(throws: DatasetError.self) {
            try MNISTDataset.load(directory: directory.path)
        }
        #expect(
            error
                == .missingDataFile(
                    directory: directory.path,
                    candidates: [
                        "t10k-images-idx3-ubyte", "t10k-images-idx3-ubyte.gz",
                        "t10k-images.idx3-ubyte", "t10k-images.idx3-ubyte.gz",
                    ]))
    }

    @Test func countMismatchRejected() throws {
        let (images, _) = try writePair(prefix: "train", labels: [1, 2, 3])
        let labels = try directory.write("labels", bytes: idxBytes(shape: [2], payload: [1, 2]))
        let error = #expect(throws: DatasetError.self) {
            try MNISTDataset.load(images: images, labels: labels)
        }
        #expect(
            error
                == .sampleCountMismatch(
                    featuresPath: images, featureRows: 3, labelsPath: labels, labelRows: 2))
    }

    @Test func swappedFilesRejectedByMagic() throws {
        let (images, labels) = try writePair(prefix: "train", labels: [1, 2])
        let error = #expect(throws: DatasetError.self) {
            try MNISTDataset.load(images: labels, labels: images)
        }
        #expect(
            error
                == .malformedFile(
                    path: images, offset: 0, isDecompressed: false,
                    problem: .wrongMagic(
                        expected: "0x00000801 (unsigned byte, 1 dimension)",
                        found: "0x00000803 (unsigned byte, 3 dimensions)")))
    }

    @Test func labelAboveNineRejected() throws {
        let (images, labels) = try writePair(prefix: "train", labels: [1, 12], compressed: true)
        let error = #expect(throws: DatasetError.self) {
            try MNISTDataset.load(images: images, labels: labels)
        }
        #expect(
            error
                == .malformedFile(
                    path: labels, offset: 9, isDecompressed: true,
                    problem: .labelOutOfRange(value: 12, classCount: 10)))
    }

    @Test func limitBelowOneRejected() throws {
        let (images, labels) = try writePair(prefix: "train", labels: [1])
        let error = #expect(throws: DatasetError.self) {
            try MNISTDataset.load(images: images, labels: labels, limit: 0)
        }
        #expect(error == .invalidOption(name: "limit", value: "0", expected: "at least 1 row"))
    }

    /// The folder of the real MNIST files, from the environment variable `LAYERLAB_MNIST_DIR`,
    /// or `nil` when it is unset or names no folder.
    static let realMNISTDirectory: String? = {
        guard let path = ProcessInfo.processInfo.environment["LAYERLAB_MNIST_DIR"] else {
            return nil
        }
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    @Test(.enabled(if: realMNISTDirectory != nil, "set LAYERLAB_MNIST_DIR to the MNIST folder"))
    func realTestSetFirstLabels() throws {
        let mnist = try MNISTDataset.load(directory: Self.realMNISTDirectory!, limit: 100)
        #expect(mnist.test.rowCount == 100)
        #expect(mnist.train.rowCount == 100)
        #expect(mnist.test.sampleShape == [1, 28, 28])
        #expect(
            Array(mnist.test.targets.classIndices!.prefix(10)) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
        #expect(mnist.test.features.scalars.min() == 0)
        #expect(mnist.test.features.scalars.max() == 1)
    }
}

extension Dataset {
    /// Returns the data set under another name.
    func renamed(_ newName: String) -> Dataset {
        var copy = self
        copy.name = newName
        return copy
    }
}
