import Engine

extension Executor {
    /// Adds a 2-D convolution, followed by its activation when the line names one.
    func addConv2D(_ options: Conv2DOptions) throws(WorkbenchError) {
        var specs = [
            LayerSpec.conv2d(
                filters: options.filters, kernel: options.kernel, stride: options.stride,
                padding: options.padding,
                initializer: Self.initializer(options.initializer, before: options.activation),
                bias: options.bias)
        ]
        if let activation = options.activation { specs.append(.activation(activation)) }
        try addLayers(specs)
    }

    /// Adds a 1-D convolution, followed by its activation when the line names one.
    func addConv1D(_ options: Conv1DOptions) throws(WorkbenchError) {
        var specs = [
            LayerSpec.conv1d(
                filters: options.filters, kernel: options.kernel, stride: options.stride,
                padding: options.padding,
                initializer: Self.initializer(options.initializer, before: options.activation),
                bias: options.bias)
        ]
        if let activation = options.activation { specs.append(.activation(activation)) }
        try addLayers(specs)
    }

    /// Returns the initializer that a line requested, or else He before the ReLU family and
    /// Xavier otherwise, the rule that `dense` follows too.
    static func initializer(_ chosen: InitializerKind?, before activation: ActivationKind?)
        -> Initializer
    {
        chosen?.engineInitializer
            ?? (activation?.prefersHeInitialization == true ? .he : .xavier)
    }

    /// Throws unless every training batch gives each batch normalization layer more than one
    /// value per feature, which the batch variance needs.
    ///
    /// The batches of an epoch contain `batchSize` rows each, except the last one, which
    /// contains the remaining rows.
    func checkBatchNormBatches(model: Sequential, rowCount: Int) throws(WorkbenchError) {
        let batchSize: Int
        switch lab.batchSize {
        case .all: batchSize = rowCount
        case .size(let size): batchSize = min(size, rowCount)
        }
        let remainder = batchSize > 0 ? rowCount % batchSize : 0
        let smallest = remainder > 0 ? remainder : batchSize
        for (index, layer) in model.layers.enumerated() {
            guard let norm = layer as? BatchNorm else { continue }
            let inputShape = index == 0 ? model.inputShape : model.outputShapes[index - 1]
            do {
                try norm.validateTrainingBatch(size: smallest, inputShape: inputShape)
            } catch {
                var fix = "load more training rows"
                if let size = (batchSize + 1...max(batchSize + 1, rowCount)).first(where: {
                    rowCount % $0 != 1
                }) {
                    fix = "choose another batch size, such as `batch \(size)`"
                }
                throw .invalid(
                    "layer \(index) (\(norm.kind)) needs more than one value per feature in"
                        + " every training batch, but \(rowCount) training rows in batches of"
                        + " \(batchSize) leave a last batch of \(smallest); \(fix)")
            }
        }
    }
}
