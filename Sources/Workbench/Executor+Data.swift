import Datasets
import Engine
import Foundation

extension Executor {
    /// Loads a CSV file, splits it into training and test rows with the session's generator,
    /// and standardizes the features with statistics of the training rows.
    func loadData(_ options: DataLoadOptions) throws(WorkbenchError) {
        let path = resolvePath(options.path)
        let label: CSVColumn
        switch options.label {
        case nil: label = .last
        case .name(let name)?: label = .name(name)
        case .index(let index)?: label = .index(index)
        }
        let task: Dataset.Task? = options.task.map { $0 == .classification ? .classification : .regression }

        do {
            let raw = try CSVDataset.load(path: path, label: label, task: task)
            let split = try raw.split(testFraction: options.testFraction, using: &lab.random)
            var train = split.train
            var test = split.test
            var standardizer: Standardizer?
            if options.standardize && train.rowCount > 0 {
                let fitted = Standardizer(fitting: train.features)
                train = train.standardized(by: fitted)
                test = test.standardized(by: fitted)
                standardizer = fitted
            }
            lab.data = LoadedData(
                path: path, raw: raw, split: split, train: train, test: test, standardizer: standardizer)
        } catch {
            throw .dataset(error)
        }
        lab.resetTraining()
        try describeData()
        if let model = lab.model, model.inputShape != lab.data!.featureShape {
            output.message(
                "note: the model takes input \(formatShape(model.inputShape)) but the data has "
                    + "\(formatShape(lab.data!.featureShape)); type `input \(lab.data!.raw.featureCount)`"
                    + " and add the layers again")
        }
    }

    func describeData() throws(WorkbenchError) {
        guard let data = lab.data else {
            throw .missing(what: "no data is loaded", fix: "type `data load FILE.csv`")
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
