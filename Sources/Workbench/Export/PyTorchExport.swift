import Datasets
import Engine

/// Writes a self-contained Python module that rebuilds a LayerLab model with torch.nn.
///
/// The module defines `build_model()` as an `nn.Sequential` with the layers at the same
/// indices, so `0.weight` in a LayerLab weights file is `0.weight` of the PyTorch model, and
/// `load_model(path)` loads a safetensors file with `safetensors.torch.load_file` and
/// `load_state_dict(strict=True)`, dropping LayerLab's optimizer and metric tensors. Run as a
/// script, it prints the outputs for a few rows of the session's data, with the `predict` line
/// that gives the same numbers in LayerLab.
///
/// Recurrent layers become subclasses of `nn.RNN`, `nn.LSTM` and `nn.GRU` with
/// `batch_first=True`, whose `forward` returns the last hidden state `[batch, hidden]` (or all of
/// them with `sequences=yes`), as LayerLab's layers do; subclassing keeps the parameter names.
enum PyTorchExport {
    /// The rows the script runs: raw input rows as `predict` takes them, and the statistics
    /// that `predict` standardizes them with.
    struct DemoRows {
        var rows: [[Float]]
        var mean: [Float]?
        var standardDeviation: [Float]?
        /// The series scaling that `predict` undoes on its output after `data window`, or nil.
        var outputScaler: SeriesScaler?
    }

    /// Returns the module's source.
    ///
    /// - Parameters:
    ///   - weightsPath: the weights file as the module should find it: relative to the module's
    ///     folder, or absolute.
    ///   - foldedActivation: the activation that LayerLab's loss applies to the logits when the
    ///     model does not end with it, so the script's predictions match `predict`.
    static func module(
        model: Sequential, weightsPath: String, moduleName: String, demo: DemoRows,
        foldedActivation: Activation?
    ) throws(PersistenceError) -> String {
        var layerLines: [String] = []
        var usesRecurrent: Set<String> = []
        for (index, layer) in model.layers.enumerated() {
            let expression = try self.expression(for: layer, index: index)
            if let recurrent = layer as? any RecurrentLayer {
                usesRecurrent.insert(recurrent.kind)
            }
            layerLines.append("        \(expression),  # \(index): \(layer.kind)")
        }
        let prediction: String
        if let folded = foldedActivation,
            (model.layers.last as? ActivationLayer)?.activation != folded
        {
            prediction = folded == .softmax ? "softmax" : "sigmoid"
        } else {
            prediction = "output"
        }

        var text = header(model: model, moduleName: moduleName)
        text += "import json\nimport sys\nfrom pathlib import Path\n\n"
        text += "import torch\nfrom safetensors.torch import load_file\nfrom torch import nn\n\n"
        text += "WEIGHTS = " + pythonPath(weightsPath) + "\n"
        text += "INPUT_SHAPE = (" + model.inputShape.map(String.init).joined(separator: ", ")
            + (model.inputShape.count == 1 ? ",)" : ")") + "\n"
        text += "# How LayerLab's `predict` reads the output: output, softmax or sigmoid.\n"
        text += "PREDICTION = \"\(prediction)\"\n"
        text += "# Raw input rows of the session's data, as `predict` takes them.\n"
        text += "ROWS = " + pythonRows(demo.rows) + "\n"
        text += "# The statistics `predict` standardizes a row with, or None.\n"
        text += "MEAN = " + (demo.mean.map(pythonList) ?? "None") + "\n"
        text += "STD = " + (demo.standardDeviation.map(pythonList) ?? "None") + "\n"
        text += "# The series scaling `predict` undoes on the output: value * SCALE + OFFSET.\n"
        text += "OUTPUT_SCALE = " + (demo.outputScaler.map { number($0.scale) } ?? "None") + "\n"
        text += "OUTPUT_OFFSET = " + (demo.outputScaler.map { number($0.offset) } ?? "0.0")
            + "\n\n"
        for kind in ["RNN", "LSTM", "GRU"] where usesRecurrent.contains(kind) {
            text += recurrentClasses(kind)
        }
        text += "\ndef build_model():\n"
        text += "    \"\"\"Returns the model with PyTorch's default initial weights.\"\"\"\n"
        text += "    return nn.Sequential(\n" + layerLines.joined(separator: "\n") + "\n    )\n"
        text += footer
        return text
    }

    /// The torch.nn constructor call for one layer.
    static func expression(for layer: any Layer, index: Int) throws(PersistenceError) -> String {
        switch layer {
        case let dense as Dense:
            return "nn.Linear(\(dense.inFeatures), \(dense.outFeatures), bias=\(python(dense.bias != nil)))"
        case let activation as ActivationLayer:
            return activationExpression(activation.activation)
        case let conv as Conv2D:
            return "nn.Conv2d(\(conv.inChannels), \(conv.outChannels), "
                + "kernel_size=\(pair(conv.kernelSize)), stride=\(pair(conv.stride)), "
                + "padding=\(pair(conv.padding)), bias=\(python(conv.bias != nil)))"
        case let conv as Conv1D:
            return "nn.Conv1d(\(conv.inChannels), \(conv.outChannels), "
                + "kernel_size=\(conv.kernelSize), stride=\(conv.stride), "
                + "padding=\(conv.padding), bias=\(python(conv.bias != nil)))"
        case let pool as MaxPool2D:
            return "nn.MaxPool2d(kernel_size=\(pair(pool.kernelSize)), "
                + "stride=\(pair(pool.stride)), padding=\(pair(pool.padding)))"
        case let pool as AvgPool2D:
            return "nn.AvgPool2d(kernel_size=\(pair(pool.kernelSize)), "
                + "stride=\(pair(pool.stride)), padding=\(pair(pool.padding)), "
                + "count_include_pad=\(python(pool.countIncludePadding)))"
        case let pool as MaxPool1D:
            return "nn.MaxPool1d(kernel_size=\(pool.kernelSize), stride=\(pool.stride), "
                + "padding=\(pool.padding))"
        case let pool as AvgPool1D:
            return "nn.AvgPool1d(kernel_size=\(pool.kernelSize), stride=\(pool.stride), "
                + "padding=\(pool.padding), "
                + "count_include_pad=\(python(pool.countIncludePadding)))"
        case is Flatten:
            return "nn.Flatten()"
        case let dropout as Dropout:
            return "nn.Dropout(p=\(number(dropout.probability)))"
        case let norm as BatchNorm:
            let momentum = norm.momentum.map(number) ?? "None"
            return "nn.\(norm.variant.rawValue)(\(norm.features), eps=\(number(norm.epsilon)), "
                + "momentum=\(momentum), affine=\(python(norm.weight != nil)))"
        case let gru as GRU:
            guard gru.form == .pytorch else {
                throw .notExportable(
                    layer: index, kind: gru.kind,
                    reason: "uses the chapter's form, where the reset gate scales h(t-1) before "
                        + "W_hn, but PyTorch's nn.GRU applies it after the product, so the "
                        + "outputs would differ",
                    fix: "build the layer with `gru \(gru.hiddenSize) form=pytorch` and train it "
                        + "again before exporting")
            }
            return recurrentExpression(gru)
        case let recurrent as any RecurrentLayer:
            return recurrentExpression(recurrent)
        default:
            throw .notExportable(
                layer: index, kind: layer.kind, reason: "has no PyTorch equivalent in the export",
                fix: "remove it with `pop` or export the layers before it")
        }
    }

    private static func recurrentExpression(_ layer: any RecurrentLayer) -> String {
        let suffix = layer.returnSequences ? "Sequence" : "Last"
        return "\(layer.kind)\(suffix)(\(layer.inputSize), \(layer.hiddenSize), batch_first=True)"
    }

    private static func activationExpression(_ activation: Activation) -> String {
        switch activation {
        case .relu: "nn.ReLU()"
        case .leakyReLU(let slope): "nn.LeakyReLU(negative_slope=\(number(slope)))"
        case .elu(let alpha): "nn.ELU(alpha=\(number(alpha)))"
        case .sigmoid: "nn.Sigmoid()"
        case .tanh: "nn.Tanh()"
        case .softmax: "nn.Softmax(dim=-1)"
        }
    }

    /// The two subclasses of `nn.RNN`, `nn.LSTM` or `nn.GRU` that return the last hidden state
    /// and every hidden state.
    private static func recurrentClasses(_ kind: String) -> String {
        """


        class \(kind)Last(nn.\(kind)):
            \"\"\"nn.\(kind) with batch_first=True that returns the last hidden state [batch, hidden],
            as LayerLab's layer does; the parameter names stay those of nn.\(kind).\"\"\"

            def forward(self, x):
                output, _ = super().forward(x)
                return output[:, -1]


        class \(kind)Sequence(nn.\(kind)):
            \"\"\"nn.\(kind) with batch_first=True that returns every hidden state [batch, steps, hidden].\"\"\"

            def forward(self, x):
                output, _ = super().forward(x)
                return output

        """
    }

    private static func header(model: Sequential, moduleName: String) -> String {
        """
        \"\"\"A LayerLab model rebuilt with torch.nn, written by LayerLab \(layerLabVersion).

        Layers: \(ArchitectureSummary.text(of: model))

            python \(moduleName).py [WEIGHTS.safetensors] [--json]

        prints the outputs for a few rows of the session's data, with the `predict` line that
        gives the same numbers in LayerLab. In Python, `load_model()` returns the model with the
        exported weights.
        \"\"\"

        """
    }

    private static let footer = """


        def load_model(path=WEIGHTS):
            \"\"\"Returns the model with the weights of a LayerLab safetensors file, in eval mode.\"\"\"
            state = load_file(str(path))
            # LayerLab's files also hold the optimizer state and the step losses.
            state = {
                name: tensor
                for name, tensor in state.items()
                if not name.startswith(("optimizer.", "metrics."))
            }
            model = build_model()
            model.load_state_dict(state, strict=True)
            return model.eval()


        def predict(model, rows):
            \"\"\"Returns the outputs and the predictions as LayerLab's `predict` shows them.\"\"\"
            x = torch.tensor(rows, dtype=torch.float32)
            if MEAN is not None:
                # The statistics were fitted on flat rows, as `predict` applies them.
                x = (x - torch.tensor(MEAN)) / torch.tensor(STD)
            x = x.reshape(-1, *INPUT_SHAPE)
            with torch.no_grad():
                output = model(x)
            if PREDICTION == "softmax":
                prediction = torch.softmax(output, dim=-1)
            elif PREDICTION == "sigmoid":
                prediction = torch.sigmoid(output)
            else:
                prediction = output
            if OUTPUT_SCALE is not None:
                prediction = prediction * OUTPUT_SCALE + OUTPUT_OFFSET
            return output, prediction


        def main(arguments):
            as_json = "--json" in arguments
            paths = [argument for argument in arguments if argument != "--json"]
            model = load_model(paths[0] if paths else WEIGHTS)
            output, prediction = predict(model, ROWS)
            if as_json:
                print(json.dumps({
                    "rows": ROWS,
                    "outputs": output.reshape(len(ROWS), -1).tolist(),
                    "predictions": prediction.reshape(len(ROWS), -1).tolist(),
                }))
                return
            for row, values in zip(ROWS, prediction.reshape(len(ROWS), -1).tolist()):
                print("predict " + " ".join(repr(value) for value in row))
                print("    " + " ".join(f"{value:.6f}" for value in values))


        if __name__ == "__main__":
            main(sys.argv[1:])

        """

    private static func pythonPath(_ path: String) -> String {
        let literal = pythonString(path)
        return path.hasPrefix("/") ? "Path(\(literal))" : "Path(__file__).resolve().parent / \(literal)"
    }

    static func pythonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                result += "\\x" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    private static func pythonRows(_ rows: [[Float]]) -> String {
        "[\n" + rows.map { "    " + pythonList($0) + ",\n" }.joined() + "]"
    }

    private static func pythonList(_ values: [Float]) -> String {
        "[" + values.map(number).joined(separator: ", ") + "]"
    }

    /// Returns a Python float literal that reads back as the same 32-bit value.
    static func number(_ value: Float) -> String {
        guard value.isFinite else { return value.isNaN ? "float(\"nan\")" : (value > 0 ? "float(\"inf\")" : "-float(\"inf\")") }
        let text = LabScript.number(value)
        return text.contains(where: { ".en".contains($0) }) ? text : text + ".0"
    }

    private static func python(_ flag: Bool) -> String { flag ? "True" : "False" }

    private static func pair(_ size: Size2D) -> String { "(\(size.height), \(size.width))" }
}
