import Engine

/// Building the convolution and pooling layers, whose spatial rank comes from the input.
extension LayerSpec {
    /// Builds a `conv2d`, `conv1d` or pooling layer for a per-sample input shape.
    ///
    /// A convolution takes its input channels from `inputShape[0]`. An input of the wrong rank
    /// still gives a layer, whose `outputShape(for:)` then throws with the fix. Pooling is 2-D
    /// for `[channels, height, width]` and 1-D for `[channels, length]`.
    ///
    /// - Throws: `ShapeError` for pooling on an input of another rank, or for a `KxK` window
    ///   on a sequence.
    func makeWindowLayer(inputShape: [Int], random: inout RandomGenerator) throws(ShapeError)
        -> any Layer
    {
        let channels = inputShape.first ?? 1
        switch self {
        case .conv2d(let filters, let kernel, let stride, let padding, let initializer, let bias):
            return Conv2D(
                inChannels: channels, outChannels: filters, kernelSize: size2D(kernel),
                stride: size2D(stride), padding: size2D(padding), bias: bias,
                initializer: initializer, random: &random)
        case .conv1d(let filters, let kernel, let stride, let padding, let initializer, let bias):
            return Conv1D(
                inChannels: channels, outChannels: filters, kernelSize: kernel, stride: stride,
                padding: padding, bias: bias, initializer: initializer, random: &random)
        case .pool(let options):
            return try makePool(options, inputShape: inputShape)
        default:
            preconditionFailure("\(self) is not a convolution or pooling layer")
        }
    }

    private func makePool(_ options: PoolOptions, inputShape: [Int]) throws(ShapeError)
        -> any Layer
    {
        let name = "\(options.kind.rawValue) \(options.size)"
        switch inputShape.count {
        case 3:
            let kernel = size2D(options.size)
            let stride = options.stride.map(size2D)
            let padding = size2D(options.padding)
            switch options.kind {
            case .max:
                return MaxPool2D(kernelSize: kernel, stride: stride, padding: padding)
            case .average:
                return AvgPool2D(
                    kernelSize: kernel, stride: stride, padding: padding,
                    countIncludePadding: options.countIncludePadding)
            }
        case 2:
            let kernel = try singleSize(
                options.size, written: options.kind.rawValue + " ", name, inputShape)
            let padding = try singleSize(options.padding, written: "pad=", name, inputShape)
            var stride: Int?
            if let extent = options.stride {
                stride = try singleSize(extent, written: "stride=", name, inputShape)
            }
            switch options.kind {
            case .max:
                return MaxPool1D(kernelSize: kernel, stride: stride, padding: padding)
            case .average:
                return AvgPool1D(
                    kernelSize: kernel, stride: stride, padding: padding,
                    countIncludePadding: options.countIncludePadding)
            }
        default:
            throw ShapeError(
                layer: name, inputShape: inputShape,
                rule: "pooling needs a per-sample input of shape [channels, length] or"
                    + " [channels, height, width]",
                fix: "start the model with an image shape such as `input 1x8x8`, or a sequence"
                    + " shape such as `input 1x100`, or leave pooling out after `flatten`")
        }
    }

    /// Returns the one size of a window setting for a 1-D layer, or throws when it has two.
    private func singleSize(
        _ extent: WindowExtent, written prefix: String, _ name: String, _ inputShape: [Int]
    ) throws(ShapeError) -> Int {
        guard let size = extent.sizes(rank: 1)?[0] else {
            throw ShapeError(
                layer: name, inputShape: inputShape,
                rule: "\(prefix)\(extent) gives height and width, but a sequence"
                    + " [channels, length] has one dimension",
                fix: "give one number, as in `\(prefix)2`")
        }
        return size
    }

    private func size2D(_ extent: WindowExtent) -> Size2D {
        switch extent {
        case .uniform(let size): Size2D(size)
        case .plane(let height, let width): Size2D(height: height, width: width)
        }
    }
}
