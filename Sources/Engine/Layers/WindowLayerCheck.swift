/// The settings of a convolution or pooling layer, checked against a per-sample input shape.
///
/// Sizes are listed per spatial dimension, outermost first: `[height, width]` for 2-D layers
/// and `[length]` for 1-D layers. Every check throws a `ShapeError` that gives the input shape,
/// the kernel, the rule and the fix, so a bad layer is rejected when it is added.
struct WindowLayerCheck {
    /// The layer as error messages name it, e.g. `"conv2d 8 kernel=3x3 stride=1x1 padding=1x1"`.
    let layer: String
    /// The names of the spatial dimensions: `["height", "width"]` or `["length"]`.
    let dimensionNames: [String]
    let kernel: [Int]
    let stride: [Int]
    let padding: [Int]
    /// The input channels the layer's weight was built for, or `nil` for pooling.
    let inChannels: Int?
    /// The output channels of a convolution, or `nil` for pooling, which keeps the channels.
    let outChannels: Int?
    /// PyTorch's pooling rule: padding at most half the kernel, so that every window covers at
    /// least one input value.
    let paddingAtMostHalfKernel: Bool

    private var spatialRank: Int { dimensionNames.count }

    /// Returns `[channels, outputSizes…]` for `inputShape = [channels, inputSizes…]`.
    func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] {
        try checkSettings(inputShape)
        try checkRank(inputShape)
        let channels = inputShape[0]
        let sizes = Array(inputShape.dropFirst())
        if let index = sizes.firstIndex(where: { $0 < 1 }) {
            throw error(
                inputShape, rule: "its \(dimensionNames[index]) is \(sizes[index]), not positive",
                fix: "give the model an input with every size at least 1")
        }
        if channels < 1 {
            throw error(
                inputShape, rule: "it has \(channels) channels",
                fix: "give the model an input with at least 1 channel")
        }
        if let inChannels, channels != inChannels {
            throw error(
                inputShape,
                rule: "the weight \(weightShape(inChannels: inChannels)) expects"
                    + " \(count(inChannels, "input channel")) but the input has \(channels)",
                fix: "add the layer again so that it is built for"
                    + " \(count(channels, "input channel"))")
        }
        for d in 0..<spatialRank where kernel[d] > sizes[d] + 2 * padding[d] {
            let name = dimensionNames[d]
            let paddingNeeded = (kernel[d] - sizes[d] + 1) / 2
            throw error(
                inputShape,
                rule: "the kernel \(formatShape(kernel)) must fit in the padded input"
                    + " (F ≤ N + 2Q in O = ⌊(N − F + 2Q)/s⌋ + 1), but along \(name)"
                    + " F = \(kernel[d]) > N + 2Q = \(sizes[d]) + 2·\(padding[d])",
                fix: "use a kernel of at most \(sizes[d] + 2 * padding[d]) along \(name)"
                    + " or a padding of at least \(paddingNeeded)")
        }
        let outputSizes = (0..<spatialRank).map { d in
            SlidingWindow.outputSize(
                inputSize: sizes[d], kernelSize: kernel[d], stride: stride[d], padding: padding[d])
        }
        return [outChannels ?? channels] + outputSizes
    }

    /// Rejects settings that no input could satisfy.
    private func checkSettings(_ inputShape: [Int]) throws(ShapeError) {
        if kernel.contains(where: { $0 < 1 }) {
            throw error(
                inputShape, rule: "its kernel size \(sizes(kernel)) is not positive",
                fix: "add the layer again with a kernel of at least 1")
        }
        if stride.contains(where: { $0 < 1 }) {
            throw error(
                inputShape, rule: "its stride \(sizes(stride)) is not positive",
                fix: "add the layer again with a stride of at least 1")
        }
        if padding.contains(where: { $0 < 0 }) {
            throw error(
                inputShape, rule: "its padding \(sizes(padding)) is negative",
                fix: "add the layer again with a padding of 0 or more")
        }
        if let inChannels, inChannels < 1 {
            throw error(
                inputShape, rule: "it was built for \(inChannels) input channels",
                fix: "add the layer again with at least 1 input channel")
        }
        if let outChannels, outChannels < 1 {
            throw error(
                inputShape, rule: "it has \(outChannels) output channels",
                fix: "add the layer again with at least 1 output channel")
        }
        if paddingAtMostHalfKernel {
            for d in 0..<spatialRank where padding[d] > kernel[d] / 2 {
                throw error(
                    inputShape,
                    rule: "its padding \(padding[d]) along \(dimensionNames[d]) exceeds half"
                        + " its kernel \(kernel[d]) (pooling needs padding ≤ kernel/2, as in"
                        + " PyTorch, so that every window covers an input value)",
                    fix: "add the layer again with a padding of at most \(kernel[d] / 2)")
            }
        }
    }

    private func checkRank(_ inputShape: [Int]) throws(ShapeError) {
        guard inputShape.count != spatialRank + 1 else { return }
        let expected = "[" + (["channels"] + dimensionNames).joined(separator: ", ") + "]"
        let fix: String
        switch (spatialRank, inputShape.count) {
        case (2, 2): fix = "use a 1-D layer for [channels, length] input"
        case (1, 3): fix = "use a 2-D layer for [channels, height, width] input"
        case (2, _): fix = "give the model an image input of shape \(expected), such as [1, 28, 28]"
        default: fix = "give the model a sequence input of shape \(expected), such as [1, 100]"
        }
        throw error(
            inputShape, rule: "it needs a per-sample input of shape \(expected)", fix: fix)
    }

    private func weightShape(inChannels: Int) -> String {
        formatShape([outChannels ?? inChannels, inChannels] + kernel)
    }

    /// Formats a count with its noun, plural unless the count is 1: "1 input channel".
    private func count(_ value: Int, _ noun: String) -> String {
        value == 1 ? "\(value) \(noun)" : "\(value) \(noun)s"
    }

    /// Formats per-dimension sizes as `3x5`, or `3` for one dimension.
    private func sizes(_ values: [Int]) -> String {
        values.map(String.init).joined(separator: "x")
    }

    private func error(_ inputShape: [Int], rule: String, fix: String) -> ShapeError {
        ShapeError(layer: layer, inputShape: inputShape, rule: rule, fix: fix)
    }
}
