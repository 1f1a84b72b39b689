/// The file that `export` writes, and its content.
public enum ExportRequest: Equatable, Sendable {
    /// `export pytorch FILE.py [weights=FILE.safetensors]`: a Python module that rebuilds the
    /// model with torch.nn and loads the weights. Without `weights`, the current weights are
    /// written next to the module, as FILE.safetensors.
    case pytorch(path: String, weights: String?)
    /// `export metrics FILE.csv|FILE.jsonl`: every epoch's metrics and every step's loss.
    case metrics(path: String)
    /// `export plot loss FILE.svg|FILE.txt`: the loss per step and per epoch.
    case lossPlot(path: String)
    /// `export plot hist LAYER FILE.svg|FILE.txt [of=weights|activations]`.
    case histogram(layer: Int, of: HistogramSource, path: String)
    /// `export plot boundary FILE.svg|FILE.txt`: the decision boundary of two-feature data.
    case boundary(path: String)
}

/// The values a histogram export counts.
public enum HistogramSource: String, Equatable, Sendable, CaseIterable {
    /// The layer's first parameter, usually its weight.
    case weights
    /// The layer's outputs over the training rows, in evaluation mode.
    case activations
}
