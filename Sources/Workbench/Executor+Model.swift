import Engine

extension Executor {
    /// Starts a new, empty model that takes `shape` per sample.
    func setInput(_ shape: [Int]) {
        lab.inputShape = shape
        lab.model = Sequential(inputShape: shape)
        lab.layerSpecs = []
        lab.resetTraining()
        output.message("input \(formatShape(shape, batch: true))")
        forgetCodeLayer(keeping: 0)
        reinterpretSamples(as: shape)
    }

    /// Appends layers after checking each against the shape it receives; on a shape error
    /// nothing is added.
    func addLayers(_ specs: [LayerSpec]) throws(WorkbenchError) {
        let model = try currentModel()
        var random = lab.random
        var built: [any Layer] = []
        var shape = model.outputShape
        for spec in specs {
            try spec.checkSize(inputShape: shape, description: "this layer")
            do {
                let layer = try spec.makeLayer(inputShape: shape, random: &random)
                shape = try layer.outputShape(for: shape)
                built.append(layer)
            } catch {
                var renamed = error
                if let command = spec.windowCommand { renamed.layer = command }
                throw .shape(renamed)
            }
        }
        lab.random = random
        for (spec, layer) in zip(specs, built) {
            try! model.append(layer)
            lab.layerSpecs.append(spec)
            let index = model.layers.count - 1
            output.message(
                "\(index) \(layer.kind) → \(formatShape(model.outputShape, batch: true))"
                    + (layer.parameterCount > 0 ? ", \(layer.parameterCount) parameters" : ""))
        }
        lab.resetTraining()
    }

    func popLayer() throws(WorkbenchError) {
        let model = try existingModel()
        guard let removed = model.removeLast() else {
            throw .missing(what: "the model has no layers to remove", fix: "add one with `dense UNITS`")
        }
        lab.layerSpecs.removeLast()
        lab.resetTraining()
        output.message("removed \(model.layers.count) \(removed.kind)")
        forgetCodeLayer(keeping: model.layers.count)
    }

    func clearModel() {
        let shape = lab.model?.inputShape ?? lab.inputShape
        lab.model = shape.map { Sequential(inputShape: $0) }
        lab.layerSpecs = []
        lab.resetTraining()
        output.message("removed all layers")
        forgetCodeLayer(keeping: 0)
    }

    /// Draws fresh weights for every layer from the session's generator.
    func resetWeights() throws(WorkbenchError) {
        let model = try existingModel()
        let rebuilt = Sequential(inputShape: model.inputShape)
        for spec in lab.layerSpecs {
            // Each spec was built for this shape when it was added, so neither call throws.
            try! rebuilt.append(
                spec.makeLayer(inputShape: rebuilt.outputShape, random: &lab.random))
        }
        lab.model = rebuilt
        lab.resetTraining()
        output.message("weights reinitialized")
    }

    /// The model to add to, created from `input` or from the loaded data's feature shape.
    func currentModel() throws(WorkbenchError) -> Sequential {
        if let model = lab.model { return model }
        guard let shape = lab.inputShape ?? lab.data?.featureShape else {
            throw .missing(
                what: "the model has no input shape yet",
                fix: "type `input FEATURES` (for example `input 4`) or load data first")
        }
        let model = Sequential(inputShape: shape)
        lab.model = model
        lab.inputShape = shape
        output.message("input \(formatShape(shape, batch: true)) (from the data)")
        return model
    }

    func existingModel() throws(WorkbenchError) -> Sequential {
        guard let model = lab.model else {
            throw .missing(what: "there is no model yet", fix: "type `input FEATURES`, then add layers")
        }
        return model
    }
}
