import Engine

/// Checks the tensors of a safetensors file against a model, and copies them into it.
///
/// A model's tensors are its parameters and buffers under their PyTorch names (`0.weight`,
/// `1.running_mean`), so a `torch.nn.Sequential` state dict of the same layers fits.
public enum ModelWeights {
    /// The element types accepted for weights; LayerLab converts them to Float32 on reading.
    static let floatTypes: [SafeTensorsDType] = [.float32, .float64, .float16, .bfloat16]

    /// Returns every tensor the model saves, with its name, in parameter then buffer order.
    static func namedTensors(of model: Sequential) -> [(name: String, variable: Variable)] {
        model.namedParameters + model.namedBuffers
    }

    /// Checks that `file` has every parameter and buffer of `model` with its shape, a
    /// floating-point type and only finite values. `num_batches_tracked` may be I64, as PyTorch
    /// stores it. Other tensors are rejected unless their names start with one of
    /// `otherPrefixes`.
    public static func check(
        _ file: SafeTensorsFile, path: String, model: Sequential, otherPrefixes: [String] = []
    ) throws(PersistenceError) {
        let expected = namedTensors(of: model)
        for (name, variable) in expected {
            guard let entry = file.entries[name] else {
                throw .missingTensor(path: path, name: name, shape: variable.value.shape)
            }
            let accepted = name.hasSuffix(".num_batches_tracked")
                ? floatTypes + [.int64] : floatTypes
            guard accepted.contains(entry.storedDType) else {
                throw .wrongDType(
                    path: path, name: name, dtype: entry.storedDType, accepted: accepted)
            }
            guard entry.tensor.shape == variable.value.shape else {
                throw .shapeMismatch(
                    path: path, name: name, expected: variable.value.shape,
                    found: entry.tensor.shape)
            }
            try checkFinite(entry.tensor, path: path, name: name)
        }
        let known = Set(expected.map(\.name))
        for name in file.names where !known.contains(name) {
            guard otherPrefixes.contains(where: { name.hasPrefix($0) }) else {
                throw .unexpectedTensor(path: path, name: name, known: expected.map(\.name))
            }
        }
    }

    /// Rejects a tensor with a NaN or infinite element, naming the first one by its index in
    /// each dimension, because a model with such a weight cannot train or predict.
    static func checkFinite(_ tensor: Tensor, path: String, name: String) throws(PersistenceError) {
        guard let flat = tensor.scalars.firstIndex(where: { !$0.isFinite }) else { return }
        var index: [Int] = []
        var rest = flat
        for size in tensor.shape.reversed() {
            index.insert(rest % max(size, 1), at: 0)
            rest /= max(size, 1)
        }
        throw .nonFiniteValue(path: path, name: name, index: index, value: tensor.scalars[flat])
    }

    /// Copies the model's tensors from `file` into its parameters and buffers, clearing the
    /// gradients. Call `check` first: a missing tensor leaves its variable as it was.
    public static func apply(_ file: SafeTensorsFile, to model: Sequential) {
        for (name, variable) in namedTensors(of: model) {
            guard let tensor = file[name] else { continue }
            variable.value = tensor
            variable.grad = nil
        }
    }

    /// Reads the safetensors file at `path`, checks it against `model` and copies its tensors
    /// in; on any error the model is unchanged.
    public static func load(path: String, into model: Sequential) throws(PersistenceError) {
        let file: SafeTensorsFile
        do {
            file = try SafeTensorsFile(contentsOf: path)
        } catch {
            throw .safeTensors(error)
        }
        try check(file, path: path, model: model)
        apply(file, to: model)
    }
}
