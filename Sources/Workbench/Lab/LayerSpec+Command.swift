import Engine

extension LayerSpec {
    /// Returns the command that adds this convolution, pooling, flatten, dropout or batch
    /// normalization layer, with every setting written out, for `save`. The activation after a
    /// convolution is a layer of its own, so it gets its own line.
    var layerFamilyCommand: String {
        switch self {
        case .conv2d(let filters, let kernel, let stride, let padding, let initializer, let bias):
            return "conv2d \(filters) kernel=\(kernel) stride=\(stride) pad=\(padding)"
                + " init=\(initializer.rawValue)" + (bias ? "" : " bias=no")
        case .conv1d(let filters, let kernel, let stride, let padding, let initializer, let bias):
            return "conv1d \(filters) kernel=\(kernel) stride=\(stride) pad=\(padding)"
                + " init=\(initializer.rawValue)" + (bias ? "" : " bias=no")
        case .pool(let options):
            var line = "\(options.kind.rawValue) \(options.size) pad=\(options.padding)"
            if let stride = options.stride { line += " stride=\(stride)" }
            if options.kind == .average {
                line += " count_include_pad=\(options.countIncludePadding ? "yes" : "no")"
            }
            return line
        case .flatten:
            return "flatten"
        case .dropout(let rate):
            return "dropout \(LabScript.number(rate))"
        case .batchNorm(let momentum, let epsilon):
            return "batchnorm momentum=\(LabScript.number(momentum))"
                + " eps=\(LabScript.number(epsilon))"
        default:
            preconditionFailure("\(self) has its own command elsewhere")
        }
    }

    /// The convolution or pooling layer as a command would add it, with the settings that
    /// differ from their defaults, such as `conv2d 8 kernel=5 pad=1`, or `nil` for other layers.
    ///
    /// Shape errors from the engine name a window layer by PyTorch's settings (`padding=`),
    /// so the executor puts this in their place: an error then names only options that the
    /// command accepts.
    var windowCommand: String? {
        let line: String
        let stride: WindowExtent?
        let padding: WindowExtent
        switch self {
        case .conv2d(let filters, let kernel, let convolutionStride, let convolutionPadding, _, _):
            line = "conv2d \(filters) kernel=\(kernel)"
            stride = convolutionStride == .uniform(1) ? nil : convolutionStride
            padding = convolutionPadding
        case .conv1d(let filters, let kernel, let convolutionStride, let convolutionPadding, _, _):
            line = "conv1d \(filters) kernel=\(kernel)"
            stride = convolutionStride == 1 ? nil : .uniform(convolutionStride)
            padding = .uniform(convolutionPadding)
        case .pool(let options):
            line = "\(options.kind.rawValue) \(options.size)"
            stride = options.stride
            padding = options.padding
        default:
            return nil
        }
        return line + (stride.map { " stride=\($0)" } ?? "")
            + (padding == .uniform(0) ? "" : " pad=\(padding)")
    }
}
