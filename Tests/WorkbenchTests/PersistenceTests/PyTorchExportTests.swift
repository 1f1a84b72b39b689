import Engine
import Foundation
import Testing

@testable import Workbench

/// `export pytorch`: the module's layers for every kind of layer, the clear error for the GRU
/// form PyTorch lacks, and, with LAYERLAB_TORCH_PYTHON set to a Python that has torch and
/// safetensors, the outputs of the exported modules in PyTorch against LayerLab's.
@Suite struct PyTorchExportTests {
    /// Models that use every exportable layer, with statistics and weights drawn at random so
    /// that batch normalization's running values matter.
    static func models() throws -> [(name: String, model: Sequential)] {
        var random = RandomGenerator(seed: 17)
        let image = Sequential(inputShape: [1, 8, 8])
        try image.append(
            Conv2D(
                inChannels: 1, outChannels: 3, kernelSize: 3, padding: 1, initializer: .he,
                random: &random))
        try image.append(BatchNorm(features: 3, variant: .batchNorm2d))
        try image.append(ActivationLayer(.relu))
        try image.append(MaxPool2D(kernelSize: 2))
        try image.append(AvgPool2D(kernelSize: 2, stride: 1, padding: 1, countIncludePadding: false))
        try image.append(Dropout(probability: 0.3))
        try image.append(Flatten())
        try image.append(Dense(inFeatures: 75, outFeatures: 4, initializer: .xavier, random: &random))
        try image.append(ActivationLayer(.softmax))

        let signal = Sequential(inputShape: [2, 12])
        try signal.append(
            Conv1D(
                inChannels: 2, outChannels: 4, kernelSize: 3, stride: 1, padding: 1,
                initializer: .he, random: &random))
        try signal.append(ActivationLayer(.elu(alpha: 0.7)))
        try signal.append(MaxPool1D(kernelSize: 2))
        try signal.append(AvgPool1D(kernelSize: 2, padding: 1, countIncludePadding: true))
        try signal.append(BatchNorm(features: 4, variant: .batchNorm1d, momentum: nil))
        try signal.append(Flatten())
        try signal.append(Dense(inFeatures: 16, outFeatures: 2, bias: false, initializer: .xavier, random: &random))

        let sequence = Sequential(inputShape: [5, 3])
        try sequence.append(LSTM(inputSize: 3, hiddenSize: 4, returnSequences: true, random: &random))
        try sequence.append(
            GRU(inputSize: 4, hiddenSize: 4, returnSequences: true, form: .pytorch, random: &random))
        try sequence.append(RNN(inputSize: 4, hiddenSize: 3, random: &random))
        try sequence.append(Dense(inFeatures: 3, outFeatures: 3, initializer: .xavier, random: &random))
        try sequence.append(ActivationLayer(.leakyReLU(slope: 0.2)))
        try sequence.append(Dense(inFeatures: 3, outFeatures: 1, initializer: .xavier, random: &random))
        try sequence.append(ActivationLayer(.sigmoid))

        for model in [image, signal] {
            for layer in model.layers {
                guard let norm = layer as? BatchNorm else { continue }
                norm.runningMean.value = Tensor(shape: [norm.features]) { _ in random.nextNormal() }
                norm.runningVariance.value = Tensor(shape: [norm.features]) { _ in
                    0.5 + random.nextUniform()
                }
                norm.batchesTracked.value = Tensor(scalar: 12)
                norm.weight?.value = Tensor(shape: [norm.features]) { _ in 1 + random.nextNormal() / 4 }
                norm.bias?.value = Tensor(shape: [norm.features]) { _ in random.nextNormal() / 4 }
            }
        }
        return [("image", image), ("signal", signal), ("sequence", sequence)]
    }

    static func exporter(_ model: Sequential) -> Executor {
        let executor = Executor(output: SilentOutput())
        executor.lab.model = model
        executor.lab.inputShape = model.inputShape
        return executor
    }

    @Test func moduleWritesEveryLayerKind() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var sources: [String: String] = [:]
        for (name, model) in try Self.models() {
            try Self.exporter(model).execute(line: "export pytorch \(folder.file(name + ".py"))")
            sources[name] = try String(contentsOfFile: folder.file(name + ".py"), encoding: .utf8)
        }
        let image = try #require(sources["image"])
        for line in [
            "nn.Conv2d(1, 3, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=True),  # 0: Conv2D",
            "nn.BatchNorm2d(3, eps=1e-05, momentum=0.1, affine=True),  # 1: BatchNorm2d",
            "nn.ReLU(),  # 2: ReLU",
            "nn.MaxPool2d(kernel_size=(2, 2), stride=(2, 2), padding=(0, 0)),  # 3: MaxPool2D",
            "nn.AvgPool2d(kernel_size=(2, 2), stride=(1, 1), padding=(1, 1), count_include_pad=False),",
            "nn.Dropout(p=0.3),  # 5: Dropout",
            "nn.Flatten(),  # 6: Flatten",
            "nn.Linear(75, 4, bias=True),  # 7: Dense",
            "nn.Softmax(dim=-1),  # 8: Softmax",
            "INPUT_SHAPE = (1, 8, 8)",
        ] {
            #expect(image.contains(line), "image module lacks \(line)")
        }
        let signal = try #require(sources["signal"])
        for line in [
            "nn.Conv1d(2, 4, kernel_size=3, stride=1, padding=1, bias=True),  # 0: Conv1D",
            "nn.ELU(alpha=0.7),",
            "nn.MaxPool1d(kernel_size=2, stride=2, padding=0),",
            "nn.AvgPool1d(kernel_size=2, stride=2, padding=1, count_include_pad=True),",
            "nn.BatchNorm1d(4, eps=1e-05, momentum=None, affine=True),",
            "nn.Linear(16, 2, bias=False),",
        ] {
            #expect(signal.contains(line), "signal module lacks \(line)")
        }
        let sequence = try #require(sources["sequence"])
        for line in [
            "LSTMSequence(3, 4, batch_first=True),  # 0: LSTM",
            "GRUSequence(4, 4, batch_first=True),  # 1: GRU",
            "RNNLast(4, 3, batch_first=True),  # 2: RNN",
            "nn.LeakyReLU(negative_slope=0.2),",
            "class LSTMSequence(nn.LSTM):", "class GRULast(nn.GRU):", "class RNNLast(nn.RNN):",
            "return output[:, -1]",
            "INPUT_SHAPE = (5, 3)",
        ] {
            #expect(sequence.contains(line), "sequence module lacks \(line)")
        }
        let weights = try SafeTensorsFile(contentsOf: folder.file("image.safetensors"))
        #expect(weights.names.contains("1.running_var"))
        #expect(weights.names.allSatisfy { !$0.hasPrefix("optimizer.") })
    }

    @Test func chapterGRUIsRejectedWithTheOption() throws {
        var random = RandomGenerator(seed: 3)
        let model = Sequential(inputShape: [4, 2])
        try model.append(GRU(inputSize: 2, hiddenSize: 5, random: &random))
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        do {
            try Self.exporter(model).execute(line: "export pytorch \(folder.file("gru.py"))")
            Issue.record("the chapter's GRU was exported")
        } catch {
            #expect(error.description.hasPrefix("layer 0 (GRU) uses the chapter's form"))
            #expect(error.description.contains("`gru 5 form=pytorch`"))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file("gru.py")))
    }

    @Test func predictionFollowsTheFoldedActivation() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let executor = Executor(output: SilentOutput())
        try run(
            ["seed 1", "data xor 40 test=0.25", "input 2", "dense 4 tanh", "dense 2",
             "loss crossentropy"], on: executor)
        try executor.execute(line: "export pytorch \(folder.file("xor.py"))")
        let source = try String(contentsOfFile: folder.file("xor.py"), encoding: .utf8)
        #expect(source.contains("PREDICTION = \"softmax\""))
        #expect(source.contains("MEAN = None"))
        #expect(source.contains("WEIGHTS = Path(__file__).resolve().parent / \"xor.safetensors\""))
    }

    @Test func givenWeightsAreCheckedAgainstTheModel() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let executor = Executor(output: SilentOutput())
        try run(["seed 1", "input 2", "dense 3"], on: executor)
        let other = Executor(output: SilentOutput())
        try run(["seed 1", "data moons 40", "input 2", "dense 4", "dense 2", "train 1"], on: other)
        try other.execute(line: "save \(folder.file("other"))")
        #expect(throws: WorkbenchError.self) {
            try executor.execute(
                line: "export pytorch \(folder.file("m.py")) weights=\(folder.file("other.safetensors"))")
        }
        try other.execute(
            line: "export pytorch \(folder.file("m.py")) weights=\(folder.file("other.safetensors"))")
        let source = try String(contentsOfFile: folder.file("m.py"), encoding: .utf8)
        #expect(source.contains("\"other.safetensors\""))
    }

    @Test func exportKeepsSaveOfSameName() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let executor = Executor(output: SilentOutput())
        try run(
            ["seed 1", "data moons 40", "input 2", "dense 4 tanh", "dense 2", "loss crossentropy",
             "optimizer adam lr=0.01", "train 2"], on: executor)
        try executor.execute(line: "save \(folder.file("m"))")
        let saved = try Data(contentsOf: URL(fileURLWithPath: folder.file("m.safetensors")))
        var message = ""
        do {
            try executor.execute(line: "export pytorch \(folder.file("m.py"))")
        } catch {
            message = String(describing: error)
        }
        #expect(message.contains("\(folder.file("m.safetensors")) is a LayerLab save"))
        #expect(message.contains("weights=\(folder.file("m.safetensors"))"))
        #expect(message.contains("m-torch.py"))
        let after = try Data(contentsOf: URL(fileURLWithPath: folder.file("m.safetensors")))
        #expect(after == saved)
        #expect(!FileManager.default.fileExists(atPath: folder.file("m.py")))
        try executor.execute(line: "load \(folder.file("m"))")
        try executor.execute(
            line: "export pytorch \(folder.file("m.py")) weights=\(folder.file("m.safetensors"))")
        #expect(FileManager.default.fileExists(atPath: folder.file("m.py")))
    }

    @Test func exportReplacesItsOwnWeights() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let executor = Executor(output: SilentOutput())
        try run(["seed 1", "input 2", "dense 3"], on: executor)
        try executor.execute(line: "export pytorch \(folder.file("m.py"))")
        try executor.execute(line: "export pytorch \(folder.file("m.py"))")
        #expect(!Executor.isSave(folder.file("m.safetensors")))
    }

    /// Writes each model's module, weights and LayerLab's outputs on the module's rows into
    /// `folder`, as `pytorch_roundtrip.py check` reads them.
    static func writeExports(to folder: String) throws {
        var models = try Self.models()
        let iris = Executor(output: SilentOutput())
        try run(
            ["seed 3", "data load \(LayerLabPaths.samples.appendingPathComponent("iris.csv").path)",
             "dense 8 relu", "dense 3", "loss crossentropy", "optimizer adam lr=0.02", "train 3"],
            on: iris)
        models.append(("iris", iris.lab.model!))
        let digits = Executor(output: SilentOutput())
        try run(
            ["seed 5",
             "data load \(LayerLabPaths.samples.appendingPathComponent("digits.csv").path) label=label",
             "input 1x8x8", "conv2d 4 kernel=3 pad=1 relu", "maxpool 2", "flatten", "dense 10",
             "loss crossentropy", "train 1"],
            on: digits)
        models.append(("digits", digits.lab.model!))
        let trained = ["iris": iris, "digits": digits]
        for (name, model) in models {
            let executor = trained[name] ?? Self.exporter(model)
            try executor.execute(line: "export pytorch \(folder)/\(name).py")
            let source = try String(contentsOfFile: "\(folder)/\(name).py", encoding: .utf8)
            let rows = try Self.rows(in: source)
            var input = Tensor(shape: [rows.count, rows[0].count], scalars: rows.flatMap { $0 })
            if let standardizer = trained[name]?.lab.data?.standardizer {
                input = standardizer.transform(input)
            }
            input = input.reshaped([rows.count] + model.inputShape)
            let pass = model.forward(input, context: ForwardContext(isTraining: false))
            let prediction = trained[name] != nil
                ? Loss.crossEntropy.prediction(of: pass, model: model) : pass.output.value
            let expected: [String: [Float]] = [
                "outputs": pass.output.value.scalars, "predictions": prediction.scalars,
            ]
            try JSONEncoder().encode(expected).write(
                to: URL(fileURLWithPath: "\(folder)/\(name).expected.json"))
        }
    }

    /// Reads the ROWS list of an exported module.
    static func rows(in source: String) throws -> [[Float]] {
        let start = try #require(source.range(of: "ROWS = [\n"))
        let end = try #require(source.range(of: "\n]", range: start.upperBound..<source.endIndex))
        return source[start.upperBound..<end.lowerBound].split(separator: "\n").map { line in
            line.trimmingCharacters(in: CharacterSet(charactersIn: " [],"))
                .split(separator: ",").map { Float($0.trimmingCharacters(in: .whitespaces))! }
        }
    }

    static let python = ProcessInfo.processInfo.environment["LAYERLAB_TORCH_PYTHON"]

    @Test(.enabled(if: python != nil, "set LAYERLAB_TORCH_PYTHON to a Python with torch"))
    func exportedModulesMatchInPyTorch() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Self.writeExports(to: folder.path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.python))
        process.arguments = [
            PyTorchWeightsTests.fixtures.appendingPathComponent("pytorch_roundtrip.py").path,
            "check", folder.path,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        for name in ["image", "signal", "sequence", "iris", "digits"] {
            #expect(output.contains("\(name).py: ok"), "\(output)")
        }
    }
}
