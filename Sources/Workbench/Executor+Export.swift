import Datasets
import Engine
import Foundation

extension Executor {
    /// Writes the file that `request` names, atomically.
    func export(_ request: ExportRequest) throws(WorkbenchError) {
        do throws(PersistenceError) {
            switch request {
            case .pytorch(let path, let weights):
                try exportPyTorch(path, weights: weights)
            case .metrics(let path):
                let history = lab.metrics.visible(steps: lab.stepsTrained, epochs: lab.epochsTrained)
                let isCSV = try chooseFormat(path, MetricsExport.formats) == ".csv"
                try write(
                    isCSV ? MetricsExport.csv(history) : MetricsExport.jsonLines(history), to: path)
                output.message(
                    "wrote \(path): \(history.epochs.count) epochs, \(history.stepLosses.count) steps")
            case .lossPlot(let path):
                let format = try plotFormat(path)
                let history = lab.metrics.visible(steps: lab.stepsTrained, epochs: lab.epochsTrained)
                try write(PlotExport.loss(history, format: format), to: path)
                output.message("wrote \(path): loss of \(history.stepLosses.count) steps")
            case .histogram(let layer, let source, let path):
                let format = try plotFormat(path)
                let (values, title) = try histogramValues(layer: layer, source: source)
                try write(PlotExport.histogram(values, title: title, format: format), to: path)
                output.message("wrote \(path): \(title)")
            case .boundary(let path):
                let format = try plotFormat(path)
                let (boundary, classNames) = try decisionBoundary(
                    columns: format == .svg ? 48 : 64, rows: format == .svg ? 48 : 32)
                try write(
                    PlotExport.boundary(boundary, classNames: classNames, format: format), to: path)
                output.message("wrote \(path): decision boundary over the training points")
            }
        } catch {
            throw .persistence(error)
        }
    }

    private func exportPyTorch(_ path: String, weights: String?) throws(PersistenceError) {
        guard let model = lab.model, !model.layers.isEmpty else {
            throw .noModel(path: path)
        }
        _ = try chooseFormat(path, [".py"])
        let moduleFolder = (path as NSString).deletingLastPathComponent
        let folder = moduleFolder.isEmpty ? "." : moduleFolder
        let weightsFile: String
        if let weights {
            let file: SafeTensorsFile
            do {
                file = try SafeTensorsFile(contentsOf: weights)
            } catch {
                throw .safeTensors(error)
            }
            try ModelWeights.check(
                file, path: weights, model: model,
                otherPrefixes: [CheckpointKey.optimizerPrefix, CheckpointKey.stepLossTensor])
            weightsFile = weights
        } else {
            weightsFile = String(path.dropLast(3)) + ".safetensors"
            if Self.isSave(weightsFile) {
                throw .wouldOverwriteSave(path: weightsFile, module: path)
            }
            var tensors: [String: Tensor] = [:]
            for (name, variable) in ModelWeights.namedTensors(of: model) {
                tensors[name] = variable.value
            }
            let file = SafeTensorsFile(
                tensors: tensors,
                metadata: [
                    CheckpointKey.version: layerLabVersion,
                    CheckpointKey.architecture: ArchitectureSummary.text(of: model),
                ])
            do {
                try file.write(to: weightsFile)
            } catch {
                throw .safeTensors(error)
            }
        }
        let moduleName = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let source = try PyTorchExport.module(
            model: model,
            weightsPath: LabScript.relativePath(
                weightsFile, from: FileManager.default.currentDirectoryPath, to: folder),
            moduleName: moduleName, demo: demoRows(model),
            foldedActivation: (try? lab.effectiveLoss())?.foldedActivation)
        try write(source, to: path)
        output.message(
            "wrote \(path), which loads \(weightsFile); run `python \(path)` to print the outputs "
                + "of \(demoRows(model).rows.count) rows")
    }

    /// Returns whether `path` is the weights file of a `save` or a checkpoint, judged by the
    /// format entry of its header. A missing or unreadable file is not a save.
    static func isSave(_ path: String) -> Bool {
        guard let header = try? SafeTensorsHeader(contentsOf: path) else { return false }
        return header.metadata[CheckpointKey.format] != nil
    }

    /// Up to three raw rows of the session's data (test rows first), or fixed rows when the
    /// data does not fit the model.
    private func demoRows(_ model: Sequential) -> PyTorchExport.DemoRows {
        let width = model.inputShape.reduce(1, *)
        guard let data = lab.data, data.raw.featureCount == width else {
            let rows: [[Float]] = [
                Array(repeating: 0, count: width), Array(repeating: 0.5, count: width),
                (0..<width).map { $0 % 2 == 0 ? 1 : -1 },
            ]
            return PyTorchExport.DemoRows(rows: rows)
        }
        let indices = Array((data.split.testRows + data.split.trainRows).prefix(3))
        if let scaler = seriesScaler(of: model), case .series(let series)? = data.sequences {
            // Windows hold scaled values, and `predict` takes the series' own units: window i
            // reads values i to i + W - 1.
            let values = series.windows.values
            return PyTorchExport.DemoRows(
                rows: indices.map { Array(values[$0..<($0 + width)]) },
                mean: Array(repeating: scaler.offset, count: width),
                standardDeviation: Array(repeating: scaler.scale, count: width),
                outputScaler: scaler)
        }
        let features = data.raw.features.scalars
        let rows = indices.map { Array(features[($0 * width)..<(($0 + 1) * width)]) }
        // `predict` standardizes flat rows with statistics fitted on flat rows, of any shape.
        let standardizer = data.standardizer.flatMap { $0.mean.count == width ? $0 : nil }
        return PyTorchExport.DemoRows(
            rows: rows, mean: standardizer?.mean,
            standardDeviation: standardizer?.standardDeviation)
    }

    private func histogramValues(layer index: Int, source: HistogramSource)
        throws(PersistenceError) -> ([Float], String)
    {
        guard let model = lab.model, !model.layers.isEmpty else {
            throw .noModel(path: "export plot hist")
        }
        guard index < model.layers.count else {
            throw .notExportable(
                layer: index, kind: "none", reason: "does not exist",
                fix: "give a layer from 0 to \(model.layers.count - 1), as `summary` lists them")
        }
        let layer = model.layers[index]
        switch source {
        case .weights:
            guard let (name, parameter) = layer.parameters.first else {
                throw .notExportable(
                    layer: index, kind: layer.kind, reason: "has no weights",
                    fix: "give a layer with weights, or add of=activations")
            }
            return (parameter.value.scalars, "Layer \(index) (\(layer.kind)): \(index).\(name)")
        case .activations:
            guard let data = lab.data, data.featureShape == model.inputShape,
                data.train.rowCount > 0
            else {
                throw .notExportable(
                    layer: index, kind: layer.kind, reason: "has no outputs to count without data",
                    fix: "load data that fits the model's input first")
            }
            let rows = Array(0..<min(1024, data.train.rowCount))
            let pass = model.forward(
                data.train.inputs(rows: rows),
                context: ForwardContext(isTraining: false, random: lab.random),
                layerCount: index + 1)
            return (
                pass.output.value.scalars,
                "Layer \(index) (\(layer.kind)): outputs over \(rows.count) training rows"
            )
        }
    }

    private func decisionBoundary(columns: Int, rows: Int) throws(PersistenceError)
        -> (DecisionBoundary, [String])
    {
        guard let data = lab.data, data.featureShape == [2], let model = lab.model,
            !model.layers.isEmpty, model.inputShape == [2], let loss = try? lab.effectiveLoss()
        else {
            throw .notExportable(
                layer: 0, kind: "model",
                reason: "has no decision boundary to draw: it needs two-feature data and a model "
                    + "that takes it",
                fix: "use data with two features, such as `data spiral 400`, and `input 2`")
        }
        let boundary = SnapshotBuilder.decisionBoundary(
            data: data, model: model, loss: loss,
            context: ForwardContext(isTraining: false, random: lab.random), columns: columns,
            rows: rows)
        return (boundary, data.classNames)
    }

    private func plotFormat(_ path: String) throws(PersistenceError) -> PlotExport.Format {
        try chooseFormat(path, PlotExport.formats) == ".svg" ? .svg : .text
    }

    /// Returns the extension of `path` among `formats`, ignoring case, or throws the list.
    private func chooseFormat(_ path: String, _ formats: [String]) throws(PersistenceError)
        -> String
    {
        let lowered = path.lowercased()
        guard let format = formats.first(where: { lowered.hasSuffix($0) }),
            lowered.count > format.count
        else {
            throw .unknownFormat(path: path, formats: formats)
        }
        return format
    }

    private func write(_ text: String, to path: String) throws(PersistenceError) {
        do {
            try AtomicFile.write(Array(text.utf8), to: path)
        } catch {
            throw .writeFailed(error)
        }
    }
}
