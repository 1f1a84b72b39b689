import Datasets
import Engine
import Foundation

extension Executor {
    /// Loads a CSV file and installs it as the session's data with `install`.
    func loadData(_ options: DataLoadOptions) throws(WorkbenchError) {
        let path = resolvePath(options.path)
        let label: CSVColumn
        switch options.label {
        case nil: label = .last
        case .name(let name)?: label = .name(name)
        case .index(let index)?: label = .index(index)
        }
        let task: Dataset.Task? = options.task.map { $0 == .classification ? .classification : .regression }

        let raw: Dataset
        do {
            raw = try CSVDataset.load(path: path, label: label, task: task)
        } catch {
            throw .dataset(error)
        }
        try install(
            raw, source: path, testFraction: options.testFraction, standardize: options.standardize)
    }

    /// Generates a two-feature toy set with the session's generator and installs it with
    /// `install`.
    ///
    /// The generator draws the points first and the split second, so `seed N` followed by the
    /// same `data` line gives the same points and the same split.
    func generateToyData(_ options: ToyDataOptions) throws(WorkbenchError) {
        let count = options.count
        let noise = options.noise
        let raw: Dataset
        switch options.kind {
        case .spiral:
            raw = ToyData.spiral(
                count: count, noise: noise, classes: options.classes, using: &lab.random)
        case .circle: raw = ToyData.circle(count: count, noise: noise, using: &lab.random)
        case .xor: raw = ToyData.xor(count: count, noise: noise, using: &lab.random)
        case .gaussian:
            raw = ToyData.gaussian(
                count: count, noise: noise, classes: options.classes, using: &lab.random)
        case .moons: raw = ToyData.moons(count: count, noise: noise, using: &lab.random)
        case .plane: raw = ToyData.plane(count: count, noise: noise, using: &lab.random)
        }
        try install(
            raw, source: "data \(options.kind.rawValue) \(count) noise=\(noise)",
            testFraction: options.testFraction, standardize: options.standardize)
    }

    /// Makes `raw` the session's data: splits it into training and test rows with the
    /// session's generator (stratified for classification), standardizes the features with
    /// statistics of the training rows when asked, resets the training progress, and prints
    /// the summary.
    ///
    /// - Parameters:
    ///   - raw: The whole data set.
    ///   - source: Where the data came from, such as the CSV path, stored as `LoadedData.path`.
    ///   - testFraction: The share of rows held out for testing, in [0, 1).
    ///   - standardize: Whether to scale each feature to mean 0 and standard deviation 1.
    func install(
        _ raw: Dataset, source: String, testFraction: Double, standardize: Bool
    ) throws(WorkbenchError) {
        let split: DatasetSplit
        do {
            split = try raw.split(testFraction: testFraction, using: &lab.random)
        } catch {
            throw .dataset(error)
        }
        try install(raw, split: split, source: source, standardize: standardize)
    }

    /// Makes `raw`, already divided into `split`, the session's data, as the function above
    /// does after its split. Data with a split of its own comes here directly: MNIST's
    /// training and test files, a series split by time, a word list split by word.
    ///
    /// - Parameter sequences: The series or text behind the samples, for `eval`, `generate`
    ///   and the summary.
    func install(
        _ raw: Dataset, split: DatasetSplit, source: String, standardize: Bool,
        sequences: SequenceSource? = nil
    ) throws(WorkbenchError) {
        var train = split.train
        var test = split.test
        var standardizer: Standardizer?
        if standardize && train.rowCount > 0 {
            let fitted = Standardizer(fitting: train.features)
            train = train.standardized(by: fitted)
            test = test.standardized(by: fitted)
            standardizer = fitted
        }
        lab.data = LoadedData(
            path: source, raw: raw, split: split, train: train, test: test,
            standardizer: standardizer, sequences: sequences)
        lab.resetTraining()
        try describeData()
        if let model = lab.model {
            reinterpretSamples(as: model.inputShape)
        }
        if let model = lab.model, model.inputShape != lab.data!.featureShape {
            output.message(
                "note: the model takes input \(formatShape(model.inputShape)) but the data has "
                    + "\(formatShape(lab.data!.featureShape)); type `input "
                    + lab.data!.featureShape.map(String.init).joined(separator: " ") + "`"
                    + " and add the layers again")
        }
    }

    func describeData() throws(WorkbenchError) {
        guard let data = lab.data else {
            throw .missing(
                what: "no data is loaded",
                fix: "type `data load FILE.csv`, or `data spiral 400` for generated points")
        }
        if let description = specialDescription(of: data) {
            output.message(description)
            return
        }
        let summary = DatasetSummary(
            dataset: data.raw, split: data.split, standardizer: data.standardizer)
        output.message(summary.description)
    }

    /// Resolves a relative path the way a session file means it: from the session file's
    /// folder when that file exists, else from the working directory (as typed at the prompt).
    func resolvePath(_ path: String) -> String {
        guard !path.hasPrefix("/"), let directory = sessionDirectory else { return path }
        let candidate = (directory as NSString).appendingPathComponent(path)
        return FileManager.default.fileExists(atPath: candidate) ? candidate : path
    }
}
