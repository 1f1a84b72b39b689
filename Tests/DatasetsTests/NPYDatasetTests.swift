import Datasets
import Engine
import Foundation
import Testing

@Suite struct NPYDatasetTests {
    let directory: FixtureDirectory
    let features = fixturePath("features_f4.npy")

    init() throws {
        directory = try FixtureDirectory()
    }

    @Test func integerLabelsGiveClasses() throws {
        let dataset = try NPYDataset.load(features: features, labels: fixturePath("labels_i8.npy"))
        #expect(dataset.name == "features_f4.npy")
        #expect(dataset.features.shape == [5, 6])
        #expect(dataset.sampleShape == [2, 3])
        #expect(dataset.features.scalars == (0..<30).map { Float($0) * 0.5 })
        #expect(dataset.task == .classification)
        #expect(dataset.classNames == ["1", "3", "7"])
        #expect(dataset.targets.classIndices == [1, 0, 1, 2, 0])
    }

    @Test func floatLabelsGiveRegression() throws {
        let dataset = try NPYDataset.load(features: features, labels: fixturePath("labels_f4.npy"))
        #expect(dataset.task == .regression)
        #expect(dataset.targets.values?.shape == [5, 1])
        #expect(dataset.targets.values?.scalars == [0.5, 1.5, -2, 3.25, 0])
    }

    @Test func twoDimensionalLabelsGiveOutputs() throws {
        let dataset = try NPYDataset.load(
            features: features, labels: fixturePath("labels_f8_2d.npy"))
        #expect(dataset.targets.values?.shape == [5, 2])
        #expect(dataset.targets.values?.scalars == (0..<10).map { Float($0) / 4 })
    }

    @Test func taskOverridesDtype() throws {
        let regression = try NPYDataset.load(
            features: features, labels: fixturePath("labels_i8.npy"), task: .regression)
        #expect(regression.targets.values?.scalars == [3, 1, 3, 7, 1])

        let labels = fixturePath("labels_f4.npy")
        #expect(throws: DatasetError.nonIntegerClassLabel(path: labels, index: 0, value: 0.5)) {
            try NPYDataset.load(features: features, labels: labels, task: .classification)
        }
    }

    @Test func oneDimensionalFeaturesGetOneColumn() throws {
        let dataset = try NPYDataset.load(
            features: fixturePath("version2_f4.npy"), labels: fixturePath("version3_f4.npy"))
        #expect(dataset.features.shape == [3, 1])
        #expect(dataset.sampleShape == [1])
    }

    @Test func countMismatchRejected() {
        let labels = fixturePath("version2_f4.npy")
        #expect(
            throws: DatasetError.sampleCountMismatch(
                featuresPath: features, featureRows: 5, labelsPath: labels, labelRows: 3)
        ) { try NPYDataset.load(features: features, labels: labels) }
    }

    @Test func labelShapeRejected() {
        #expect(throws: DatasetError.invalidLabelShape(path: features, shape: [5, 2, 3])) {
            try NPYDataset.load(features: features, labels: features)
        }
        let pairs = fixturePath("labels_f8_2d.npy")
        #expect(throws: DatasetError.invalidLabelShape(path: pairs, shape: [5, 2])) {
            try NPYDataset.load(features: features, labels: pairs, task: .classification)
        }
    }

    @Test func scalarFeaturesRejected() {
        let scalar = fixturePath("scalar_f8.npy")
        #expect(
            throws: DatasetError.malformedFile(
                path: scalar, offset: 10, isDecompressed: false,
                problem: .invalidDimensionCount(found: 0, expected: "at least 1, the samples"))
        ) { try NPYDataset.load(features: scalar, labels: scalar) }
    }

    @Test func nonFiniteFeatureNamesElement() throws {
        let bytes = npyBytes(
            header: "{'descr': '<f4', 'fortran_order': True, 'shape': (3, 2), }",
            payload: littleEndianBytes([1, 2, 3, 4, .nan, 6]))
        let path = try directory.write("nan.npy", bytes: bytes)
        let labels = try directory.write(
            "labels.npy",
            bytes: npyBytes(
                header: "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }",
                payload: littleEndianBytes([0, 1, 2])))
        let error = #expect(throws: DatasetError.self) {
            try NPYDataset.load(features: path, labels: labels)
        }
        // Fortran order stores column 1 after column 0, so file element 4 is row 1, column 1.
        #expect(
            error
                == .malformedFile(
                    path: path, offset: 128 + 16, isDecompressed: false,
                    problem: .nonFiniteValue(index: [1, 1], value: "nan")))
    }
}
