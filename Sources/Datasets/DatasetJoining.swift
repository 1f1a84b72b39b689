import Engine

extension DatasetSplit {
    /// Joins a training set and a test set that arrive apart, such as MNIST's, into one data
    /// set and the split that recovers them.
    ///
    /// The whole set contains the training rows first, then the test rows, so `trainRows` is
    /// `0..<train.rowCount` and `testRows` follows it. The whole set is a new copy of both
    /// feature matrices, about 220 MB more for the full MNIST. `train` and `test` are kept as
    /// they are.
    ///
    /// - Parameters:
    ///   - train: The training rows.
    ///   - test: The test rows, with the same features, sample shape and targets' kind (the
    ///     same class names, or the same number of regression outputs).
    ///   - name: The whole set's name.
    public static func joining(
        train: Dataset, test: Dataset, name: String
    ) -> (whole: Dataset, split: DatasetSplit) {
        precondition(
            train.featureNames == test.featureNames && train.sampleShape == test.sampleShape,
            "Joined data sets need the same features, got \(train.sampleShape) and "
                + "\(test.sampleShape)")
        let targets: Targets
        switch (train.targets, test.targets) {
        case (
            .classification(let trainIndices, let names),
            .classification(let testIndices, let testNames)
        ):
            precondition(names == testNames, "Joined data sets need the same class names")
            targets = .classification(classIndices: trainIndices + testIndices, classNames: names)
        case (.regression(let trainValues), .regression(let testValues)):
            precondition(
                trainValues.shape[1] == testValues.shape[1],
                "Joined data sets need the same number of regression outputs")
            targets = .regression(
                Tensor(
                    shape: [trainValues.shape[0] + testValues.shape[0], trainValues.shape[1]],
                    scalars: trainValues.scalars + testValues.scalars))
        default:
            preconditionFailure("Joined data sets need the same task")
        }

        let features = Tensor(
            shape: [train.rowCount + test.rowCount, train.featureCount],
            scalars: train.features.scalars + test.features.scalars)
        let whole = Dataset(
            name: name, features: features, featureNames: train.featureNames, targets: targets,
            sampleShape: train.sampleShape)
        let split = DatasetSplit(
            train: train, test: test, trainRows: Array(0..<train.rowCount),
            testRows: Array(train.rowCount..<(train.rowCount + test.rowCount)))
        return (whole, split)
    }
}
