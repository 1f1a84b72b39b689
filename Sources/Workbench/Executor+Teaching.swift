import Engine

extension Executor {
    /// Whether `command` may run while a training step is being stepped through; any other
    /// command abandons the stepping first. `undo` abandons it itself, and does nothing more.
    static func keepsStepping(_ command: Command) -> Bool {
        switch command {
        case .forward, .backward, .next, .previous, .explain, .graph, .gradientCheck, .summary,
            .help, .say, .wait, .dataInfo, .eval, .predict, .undo:
            true
        default:
            false
        }
    }

    /// Drops a step that was being stepped through, leaving the model and the epoch as they were.
    func abandonStepping() {
        guard let stepper = lab.stepThrough else { return }
        for ((_, variable), value) in zip(stepper.runner.model.namedBuffers, stepper.buffersBefore) {
            variable.value = value
        }
        lab.epochCursor = stepper.cursorBefore
        lab.random = stepper.randomBefore
        lab.stepThrough = nil
        output.message("the stepped training step was not applied; the model is unchanged")
    }

    /// `forward` and `backward`: starts stepping through the next training step if needed, then
    /// shows the next stage of the forward or backward pass.
    func stepThrough(backward: Bool, byOp: Bool = false) throws(WorkbenchError) {
        let granularity: StepThrough.Granularity = byOp ? .op : .layer
        if let stepper = lab.stepThrough, !backward, stepper.granularity != granularity {
            abandonStepping()
        }
        let stepper: StepThrough
        if let active = lab.stepThrough {
            stepper = active
        } else {
            stepper = try beginStepping(granularity)
        }
        guard let stage = stepper.advance(backward: backward) else {
            throw .invalid(
                backward
                    ? "the step is complete; type `forward` to step through the next one"
                    : "the forward pass is done; type `backward` to step the gradient back")
        }
        try show(stage, of: stepper)
    }

    /// `next` and `prev`.
    func moveStepping(by offset: Int) throws(WorkbenchError) {
        guard let stepper = lab.stepThrough else {
            throw .missing(what: "no training step is being stepped through", fix: "type `forward` to start one")
        }
        guard let stage = stepper.move(by: offset) else {
            throw .invalid(offset < 0 ? "this is the first stage of the step" : "the step is complete")
        }
        try show(stage, of: stepper)
    }

    private func beginStepping(_ granularity: StepThrough.Granularity) throws(WorkbenchError) -> StepThrough {
        let (model, data, objective) = try readyToTrain()
        if lab.optimizer == nil { lab.optimizer = lab.optimizerSpec.makeOptimizer() }
        let randomBefore = lab.random
        let cursorBefore = lab.epochCursor
        let buffersBefore = model.namedBuffers.map(\.variable.value)
        let runner = TrainingRunner(
            lab: lab, model: model, objective: objective, optimizer: lab.optimizer!, data: data)
        var cursor = cursorBefore ?? EpochCursor(rowCount: data.train.rowCount, random: &runner.context.random)
        let prepared = try runner.prepareStep(&cursor)
        let stepper = StepThrough(
            runner: runner, prepared: prepared, cursor: cursor, cursorBefore: cursorBefore,
            randomBefore: randomBefore, granularity: granularity)
        stepper.buffersBefore = buffersBefore
        stepper.gradients = model.namedParameters.map(\.variable.grad)
        for (index, layer) in model.layers.enumerated() {
            if let trace = (layer as? any RecurrentLayer)?.lastTrace {
                stepper.recurrentTraces[index] = trace
            }
        }
        lab.stepThrough = stepper
        lab.stepThroughCount += 1
        output.message(
            "stepping through training step \(lab.stepsTrained + 1) on \(prepared.rows.count) rows"
                + " (\(stepper.units.count) \(granularity == .layer ? "layers" : "ops")):"
                + " `forward`, `backward`, `next`, `prev`")
        return stepper
    }

    private func show(_ stage: StepThrough.Stage, of stepper: StepThrough) throws(WorkbenchError) {
        // Other teaching commands recompute gradients; the step shows and applies its own.
        for ((_, variable), gradient) in zip(stepper.runner.model.namedParameters, stepper.gradients) {
            variable.grad = gradient
        }
        for (index, trace) in stepper.recurrentTraces {
            (stepper.runner.model.layers[index] as? any RecurrentLayer)?.lastTrace = trace
        }
        let lines = StepRenderer.render(stepper, stage: stage, optimizerSummary: lab.optimizerSpec.summary)
        output.message(lines.joined(separator: "\n"))
        stepper.captureView()
        if case .update = stage {
            try applySteppedUpdate(stepper)
        }
    }

    /// Applies the stepped step's update exactly as an ordinary training step does.
    private func applySteppedUpdate(_ stepper: StepThrough) throws(WorkbenchError) {
        let model = stepper.runner.model
        // The undo point holds the state before the step, buffers included.
        let current = model.namedBuffers.map(\.variable.value)
        for ((_, variable), value) in zip(model.namedBuffers, stepper.buffersBefore) { variable.value = value }
        lab.epochCursor = stepper.cursorBefore
        lab.random = stepper.randomBefore
        lab.undoPoint = UndoPoint(lab: lab, model: model, description: "step \(lab.stepsTrained + 1)")
        for ((_, variable), value) in zip(model.namedBuffers, current) { variable.value = value }

        var cursor = stepper.cursor
        // The step waited for the user between its stages, so its time is no throughput.
        let value = try stepper.runner.finishStep(stepper.prepared, cursor: &cursor, timed: false)
        if cursor.isFinished {
            output.epochFinished(stepper.runner.finishEpoch(cursor, epochInRun: 1, epochsInRun: 1))
            cursor = EpochCursor(
                rowCount: stepper.runner.data.train.rowCount, random: &stepper.runner.context.random)
        }
        lab.epochCursor = cursor
        lab.random = stepper.runner.context.random
        lab.stepThrough = nil
        output.message("applied: step \(lab.stepsTrained), loss \(format(Double(value), digits: 6)); `undo` rewinds it")
    }

    /// `undo`: abandons a step being stepped through, or else rewinds the last training command.
    func undo() throws(WorkbenchError) {
        // The abandoned step never changed the model, so this `undo` has nothing more to rewind.
        if lab.stepThrough != nil {
            abandonStepping()
            return
        }
        guard let point = lab.undoPoint, point.model === lab.model else {
            throw .missing(what: "there is no training step to undo", fix: "`undo` follows `step`, `train` or a stepped update")
        }
        point.restore(into: lab)
        lab.undoPoint = nil
        output.message("undid \(point.description): back to step \(lab.stepsTrained), epoch \(lab.epochsTrained)")
    }

    /// The inputs and targets of the batch the next training step would use, without taking it,
    /// and the generator state its dropout masks would draw from.
    func nextBatchProblem(maximumRows: Int? = nil) throws(WorkbenchError) -> ChainRuleLedger.Problem {
        let (model, data, objective) = try readyToTrain()
        if let stepper = lab.stepThrough {
            let rows = Array(stepper.prepared.rows.prefix(maximumRows ?? Int.max))
            return ChainRuleLedger.Problem(
                model: model, objective: objective, inputs: data.train.inputs(rows: rows),
                target: data.train.targets.gathering(rows: rows).engineTarget, random: stepper.randomBefore)
        }
        var random = lab.random
        let cursor = lab.epochCursor ?? EpochCursor(rowCount: data.train.rowCount, random: &random)
        let size: Int
        switch lab.batchSize {
        case .all: size = data.train.rowCount
        case .size(let n): size = n
        }
        let rows = Array(cursor.peekRows(size: min(size, maximumRows ?? Int.max)))
        return ChainRuleLedger.Problem(
            model: model, objective: objective, inputs: data.train.inputs(rows: rows),
            target: data.train.targets.gathering(rows: rows).engineTarget, random: random)
    }

    func explain(_ text: String) throws(WorkbenchError) {
        let model = try existingModel()
        let reference = try ChainRuleLedger.parse(text, model: model)
        let problem = try nextBatchProblem()
        let ledger = try ChainRuleLedger.build(reference, problem: problem)
        output.message(ledger.lines.joined(separator: "\n"))
        restoreSteppedGradients()
    }

    func graph() throws(WorkbenchError) {
        let problem = try nextBatchProblem(maximumRows: 2)
        let (terms, _) = try problem.gradients()
        output.message(GraphView.render(loss: terms.total, model: problem.model))
        restoreSteppedGradients()
    }

    func gradientCheck() throws(WorkbenchError) {
        let problem = try nextBatchProblem()
        output.message(try GradientCheckReport.render(problem))
        restoreSteppedGradients()
    }

    private func restoreSteppedGradients() {
        guard let stepper = lab.stepThrough else { return }
        for ((_, variable), gradient) in zip(stepper.runner.model.namedParameters, stepper.gradients) {
            variable.grad = gradient
        }
    }
}
