import Engine

extension Executor {
    /// Adds an RNN, LSTM or GRU after checking that it receives a sequence.
    func addRecurrent(_ options: RecurrentOptions) throws(WorkbenchError) {
        let model = try currentModel()
        let shape = model.outputShape
        guard shape.count == 2 else {
            throw .shape(
                ShapeError(
                    layer: "\(options.cell.keyword) \(options.units)", inputShape: shape,
                    rule: "it needs a sequence of shape [steps, features]",
                    fix: sequenceFix(for: shape, model: model)))
        }
        try addLayers([.recurrent(options)])
    }

    /// Returns the fix for a recurrent layer that would receive `shape`, which is not a sequence.
    private func sequenceFix(for shape: [Int], model: Sequential) -> String {
        if let previous = lab.layerSpecs.last, previous.isRecurrent {
            return "the layer before it outputs only its last step, so type `pop` and add it"
                + " again with sequences=yes: `\(previous.returningSequences().recurrentCommand)`"
        }
        guard model.layers.isEmpty else {
            return "put recurrent layers first, or after a recurrent layer with sequences=yes"
        }
        if lab.data != nil {
            return "the data's samples are not sequences, so load a series with `data window`"
                + " or a text with `data text`"
        }
        guard shape.count == 1 else { return "start the model with `input STEPS FEATURES`" }
        return "start the model with `input STEPS FEATURES`, such as `input \(shape[0]) 1` for"
            + " \(shape[0]) steps of one feature"
    }
}
