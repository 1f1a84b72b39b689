import Datasets
import Engine

extension Executor {
    func train(count: Int, unit: TrainUnit) throws(WorkbenchError) {
        let (model, data, objective) = try readyToTrain()
        try checkBatchNormBatches(model: model, rowCount: data.train.rowCount)
        try checkActivationMemory(model: model, rowCount: data.train.rowCount)
        let loss = objective.loss
        if lab.optimizer == nil {
            lab.optimizer = lab.optimizerSpec.makeOptimizer()
        }
        if lab.stepsTrained == 0 && lab.epochCursor == nil {
            output.message(
                "training with loss \(loss.rawValue), optimizer \(lab.optimizerSpec.summary), "
                    + "batch \(batchDescription(data))")
        }
        let runner = TrainingRunner(
            lab: lab, model: model, objective: objective, optimizer: lab.optimizer!, data: data)
        lab.undoPoint = UndoPoint(
            lab: lab, model: model,
            description: unit == .steps && count == 1
                ? "step \(lab.stepsTrained + 1)" : "train \(count) \(unit.rawValue)")
        let checkpointer = persistence.checkpointer
        checkpointer?.trainingStarted()
        runner.checkpointer = checkpointer
        if let worker, unit == .epochs {
            runner.observer = worker
            let output = self.output
            worker.start(lab: lab, runner: runner, epochsRequested: count) {
                do throws(WorkbenchError) {
                    output.trainingFinished(try runner.runEpochs(count, output: SilentOutput()))
                } catch {
                    worker.fail(error.description)
                }
                checkpointer?.trainingFinished(runner.lab)
            }
            return
        }
        defer { checkpointer?.trainingFinished(lab) }
        runner.stopCheck = trainingStopCheck
        switch unit {
        case .epochs:
            let report = try runner.runEpochs(count, output: output)
            output.trainingFinished(report)
            if report.epochs < count { reportStop() }
        case .steps:
            let report = try runner.runSteps(count, output: output)
            output.stepsFinished(report)
            if report.steps > 0 {
                output.message(
                    "step \(lab.stepsTrained): loss \(format(report.lastStepLoss, digits: 4))")
            }
            if report.steps < count { reportStop() }
        }
    }

    /// Reports a training command that `trainingStopCheck` ended early.
    private func reportStop() {
        let position = lab.epochCursor.map { cursor in
            cursor.steps > 0 ? " (\(grouped(cursor.steps)) steps into epoch \(lab.epochsTrained + 1))"
                : ""
        } ?? ""
        output.message(
            "stopped after step \(grouped(lab.stepsTrained))\(position); the model keeps its"
                + " training so far, and `train` goes on from there")
    }

    func evaluate(_ split: EvalSplit) throws(WorkbenchError) {
        let (model, data, objective) = try readyToTrain()
        let dataset = split == .train ? data.train : data.test
        guard dataset.rowCount > 0 else {
            // The default test=0.2 holds out a window from 3 windows on, so fewer windows
            // need a shorter window or more data rather than a test fraction.
            if case .series(let series)? = data.sequences, series.windows.whole.rowCount < 3 {
                let windows = series.windows
                let count = windows.whole.rowCount
                throw .missing(
                    what: "the \(split.rawValue) set is empty: a series of \(windows.values.count)"
                        + " values gives \(count) window\(count == 1 ? "" : "s") of length"
                        + " \(windows.window), too few to hold any out",
                    fix: "load it again with a shorter window (length=) or a longer series")
            }
            throw .missing(
                what: "the \(split.rawValue) set is empty",
                fix: "load the data with a test fraction, for example `test=0.2`")
        }
        let result = Evaluation.evaluate(
            model: model, objective: objective, dataset: dataset,
            context: ForwardContext(isTraining: false, random: lab.random))
        output.message(
            Report.evaluation(result, split: split, classNames: data.classNames, loss: objective.loss))
        reportSequenceEvaluation(result, split: split, data: data, loss: objective.loss)
        if objective.reconstructsInput || lab.codeLayer != nil {
            reportAutoencoder(model: model, data: data, dataset: dataset, evaluation: result)
        }
    }

    /// Describes the values that `predict` expects for an input of `inputShape`: features for
    /// `[F]`, time steps for a sequence `[T, F]` and pixels for an image `[C, H, W]`.
    static func predictInputHint(inputShape: [Int]) -> String {
        let count = inputShape.reduce(1, *)
        switch inputShape.count {
        case 2 where inputShape[1] == 1:
            return "give one value per time step, \(count) in time order"
        case 2:
            return "give \(inputShape[1]) feature values per time step for \(inputShape[0]) steps,"
                + " \(count) in time order"
        case 3 where inputShape[0] == 1:
            return "give one value per pixel of the \(inputShape[1])x\(inputShape[2]) image,"
                + " \(count) row by row"
        case 3:
            return "give one value per pixel of each of the \(inputShape[0]) channels of the"
                + " \(inputShape[1])x\(inputShape[2]) image, \(count) channel by channel and row"
                + " by row"
        default:
            return "give one value per input feature, \(count) in all"
        }
    }

    func predict(_ values: [Double]) throws(WorkbenchError) {
        let model = try existingModel()
        guard model.inputShape.reduce(1, *) == values.count else {
            throw .invalid(
                "predict got \(values.count) values but the model takes "
                    + "\(model.inputShape.reduce(1, *)); "
                    + Self.predictInputHint(inputShape: model.inputShape))
        }
        if let index = values.firstIndex(where: { !Float($0).isFinite }) {
            throw .invalid(
                "predict value \(index + 1), \(values[index]), is beyond the Float32 range of"
                    + " about ±3.4e38; give a finite value in the units of the data")
        }
        let seriesScaler = seriesScaler(of: model)
        var scalars = values.map { Float($0) }
        if let seriesScaler {
            scalars = scalars.map(seriesScaler.transform)
        }
        var input = Tensor(shape: [1] + model.inputShape, scalars: scalars)
        if let standardizer = lab.data?.standardizer, standardizer.mean.count == values.count {
            // The statistics were fitted on flat rows, so an image or a sequence is
            // standardized flat and then given its shape back.
            let flat = standardizer.transform(input.reshaped([1, values.count]))
            input = flat.reshaped([1] + model.inputShape)
        }
        let pass = model.forward(input, context: ForwardContext(isTraining: false, random: lab.random))
        let loss = (try? lab.effectiveLoss()) ?? .meanSquaredError
        let prediction = loss.prediction(of: pass, model: model)
        if lab.reconstructsInput && prediction.count == input.count {
            reportReconstruction(prediction, input: input)
            return
        }
        if let seriesScaler, case .series(let series)? = lab.data?.sequences {
            output.message(
                Report.seriesPrediction(prediction, scaler: seriesScaler, column: series.column))
            return
        }
        // The cross-entropy losses apply a sigmoid or softmax, and MSE passes the output as it
        // is, which is a probability only after a final sigmoid.
        let endsWithSigmoid = (model.layers.last as? ActivationLayer)?.activation == .sigmoid
        output.message(
            Report.prediction(
                prediction, classNames: lab.data?.classNames ?? [],
                isProbability: loss != .meanSquaredError || endsWithSigmoid))
    }

    /// Prints an autoencoder's output for `predict`: its error against `input`, and the values
    /// in the data's units.
    private func reportReconstruction(_ prediction: Tensor, input: Tensor) {
        var squaredError = 0.0
        for (y, x) in zip(prediction.scalars, input.scalars) {
            squaredError += Double(y - x) * Double(y - x)
        }
        let meanSquaredError = squaredError / Double(max(1, input.count))
        var values = prediction.reshaped([1, prediction.count])
        let standardizer = lab.data?.standardizer
        let isStandardized = standardizer?.featureCount == prediction.count
        if let standardizer, isStandardized {
            values = standardizer.inverseTransform(values)
        }
        output.message(
            Report.reconstruction(
                values.scalars, meanSquaredError: meanSquaredError,
                isStandardized: isStandardized))
    }

    /// Returns the scaling of the `data window` data that `model` reads, which `predict`
    /// applies to its input and undoes on its output, or nil for other data and `scale=none`.
    func seriesScaler(of model: Sequential) -> SeriesScaler? {
        guard let data = lab.data, case .series(let series)? = data.sequences,
            series.windows.scaler.scaling != .none, data.featureShape == model.inputShape
        else { return nil }
        return series.windows.scaler
    }

    func summarize() throws(WorkbenchError) {
        let model = try existingModel()
        output.message(Report.summary(of: model))
    }

    /// The model, data and objective of a session that can train, or an error saying what to
    /// fix.
    func readyToTrain() throws(WorkbenchError) -> (Sequential, LoadedData, Objective) {
        guard let data = lab.data else {
            throw .missing(what: "no data is loaded", fix: "type `data load FILE.csv` first")
        }
        let model = try existingModel()
        guard !model.layers.isEmpty else {
            throw .missing(what: "the model has no layers", fix: "add some, for example `dense 16 relu`")
        }
        guard model.inputShape == data.featureShape else {
            throw .invalid(
                "the model takes input \(formatShape(model.inputShape)) but the data has "
                    + "\(formatShape(data.featureShape)); start the model with "
                    + "`input \(data.featureShape.map(String.init).joined(separator: " "))`")
        }
        let objective = try lab.objective()
        if objective.reconstructsInput {
            guard model.outputShape == model.inputShape else {
                throw .invalid(
                    "an autoencoder must output its input's shape \(formatShape(model.inputShape)),"
                        + " but the model outputs \(formatShape(model.outputShape)); end the"
                        + " decoder with `dense \(model.inputShape.reduce(1, *))`")
            }
        } else {
            try checkOutput(model: model, data: data, loss: objective.loss)
        }
        return (model, data, objective)
    }

    /// Checks that the model's output fits the loss and the targets.
    private func checkOutput(model: Sequential, data: LoadedData, loss: Loss) throws(WorkbenchError) {
        let output = model.outputShape
        let width = output.reduce(1, *)
        let classes = data.classNames.count
        switch (loss, data.task) {
        case (.crossEntropy, .classification):
            guard output == [classes] else {
                throw .invalid(
                    "the model outputs \(formatShape(output)) but the data has \(classes) classes; "
                        + "end the model with `dense \(classes) softmax`")
            }
        case (.binaryCrossEntropy, .classification):
            guard classes == 2 else {
                throw .invalid(
                    "loss bce needs 2 classes but the data has \(classes); "
                        + "use `loss crossentropy` with `dense \(classes) softmax`")
            }
            guard output == [1] else {
                throw .invalid(
                    "loss bce needs one output unit but the model outputs \(formatShape(output)); "
                        + "end the model with `dense 1 sigmoid`")
            }
        case (.meanSquaredError, .classification):
            guard output == [classes] else {
                throw .invalid(
                    "loss mse on \(classes) classes compares one-hot targets with the output, "
                        + "which is \(formatShape(output)); end the model with `dense \(classes)`")
            }
        case (.meanSquaredError, .regression):
            let targetWidth = data.raw.targets.values.map { $0.count / max(1, $0.shape[0]) } ?? 1
            guard width == targetWidth && output.count == 1 else {
                throw .invalid(
                    "the model outputs \(formatShape(output)) but each target has \(targetWidth) "
                        + "value\(targetWidth == 1 ? "" : "s"); end the model with `dense \(targetWidth)`")
            }
        case (.crossEntropy, .regression), (.binaryCrossEntropy, .regression):
            throw .invalid(
                "loss \(loss.rawValue) needs class labels but the data is a regression task; "
                    + "use `loss mse`, or load the data with `task=classification`")
        }
    }

    /// Rejects a batch whose activations and their gradients would not fit in the memory
    /// that the process can still allocate, before training allocates them.
    func checkActivationMemory(model: Sequential, rowCount: Int) throws(WorkbenchError) {
        let batchSize: Int
        switch lab.batchSize {
        case .all: batchSize = rowCount
        case .size(let size): batchSize = min(size, rowCount)
        }
        // Each `train` copies the weights for `undo`. The first step also allocates the
        // gradients and the optimizer's per-parameter state, which later steps reuse.
        var parameterTensors = 1
        if lab.stepsTrained == 0 {
            parameterTensors += 1 + Self.optimizerStateTensors(lab.optimizerSpec)
        }
        guard
            let memory = ActivationMemory(
                model: model, batchSize: batchSize, parameterTensors: parameterTensors,
                workBufferBytes: pendingWorkBufferBytes()),
            let limit = memoryLimit(), memory.totalBytes > limit.availableBytes
        else { return }
        throw .batchTooLarge(memory, limit)
    }

    /// Returns the number of parameter-sized tensors that an optimizer keeps between steps.
    static func optimizerStateTensors(_ spec: OptimizerSpec) -> Int {
        switch spec {
        case .sgd(_, let momentum, _, _): momentum == 0 ? 0 : 1
        case .adam: 2
        case .adagrad: 1
        case .adadelta: 2
        }
    }

    private func batchDescription(_ data: LoadedData) -> String {
        switch lab.batchSize {
        case .all: "all (\(data.train.rowCount) rows)"
        case .size(let n): "\(n)"
        }
    }
}
