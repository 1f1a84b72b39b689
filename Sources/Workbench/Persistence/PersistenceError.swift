import Engine

/// The reason that `save`, `load`, a checkpoint, the journal or an export failed. Each case names the file,
/// the value at fault and what to do, in `description`.
public enum PersistenceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The safetensors file is unreadable or breaks the format.
    case safeTensors(SafeTensorsError)
    /// An atomic write failed at one of its steps.
    case writeFailed(FileWriteError)
    case unreadableFile(path: String, reason: String)
    /// The saved session file is missing, not a regular file or not UTF-8.
    case sessionFile(SessionFileError)
    /// A line of the session file did not run.
    case sessionLine(path: String, line: Int, text: String, message: String)
    /// The session file ran but built no model to put the weights in.
    case noModel(path: String)
    /// The model that the session file builds has a tensor that the weights file lacks.
    case missingTensor(path: String, name: String, shape: [Int])
    /// The weights file has a tensor that the model does not have.
    case unexpectedTensor(path: String, name: String, known: [String])
    case shapeMismatch(path: String, name: String, expected: [Int], found: [Int])
    /// A tensor stored in a type that cannot hold its values, such as integer weights.
    case wrongDType(path: String, name: String, dtype: SafeTensorsDType, accepted: [SafeTensorsDType])
    /// A tensor with a NaN or infinite element, at `index` in each dimension.
    case nonFiniteValue(path: String, name: String, index: [Int], value: Float)
    /// The session file builds layers other than those the weights were saved from.
    case architectureMismatch(path: String, saved: String, built: String)
    case missingMetadata(path: String, key: String)
    case invalidMetadata(path: String, key: String, value: String, expected: String)
    /// A name given to `save`, `load` or `export` that cannot name a file.
    case invalidName(String, reason: String)
    /// A file name whose extension names no format of the export, with the formats there are.
    case unknownFormat(path: String, formats: [String])
    /// A layer that the target cannot express with the same outputs.
    case notExportable(layer: Int, kind: String, reason: String, fix: String)
    /// The journal could not be created or written.
    case journal(path: String, reason: String)
    /// `export pytorch` would replace the weights file of a `save` with bare weights.
    case wouldOverwriteSave(path: String, module: String)

    public var description: String {
        switch self {
        case .safeTensors(let error):
            return error.description
        case .writeFailed(let error):
            return error.description
        case .unreadableFile(let path, let reason):
            return "\(path): cannot read the file: \(reason); check the name and the folder"
        case .sessionFile(let error):
            return error.description
        case .sessionLine(let path, let line, let text, let message):
            return "\(path):\(line): `\(text)` failed: \(message); fix that line or save the "
                + "session again"
        case .noModel(let path):
            return "\(path): the session file builds no model, so there is nothing to put the "
                + "weights in; save the session again after adding layers"
        case .missingTensor(let path, let name, let shape):
            return "\(path): tensor \"\(name)\" \(formatShape(shape)) is missing, but the model "
                + "of the session file needs it; load the weights that were saved with this "
                + "session file"
        case .unexpectedTensor(let path, let name, let known):
            let list = known.count <= 8
                ? known.joined(separator: ", ")
                : known.prefix(8).joined(separator: ", ") + ", ..."
            return "\(path): tensor \"\(name)\" belongs to no parameter of the model (it has "
                + "\(list)); load the weights that were saved with this session file"
        case .shapeMismatch(let path, let name, let expected, let found):
            return "\(path): tensor \"\(name)\" has shape \(formatShape(found)), but the model "
                + "needs \(formatShape(expected)); the file was saved from another model, so "
                + "load it with its own session file"
        case .wrongDType(let path, let name, let dtype, let accepted):
            let list = accepted.map(\.rawValue).joined(separator: ", ")
            return "\(path): tensor \"\(name)\" is stored as \(dtype.rawValue), but it must be "
                + "one of \(list); convert it, e.g. with tensor.float() in PyTorch"
        case .nonFiniteValue(let path, let name, let index, let value):
            let indices = index.map(String.init).joined(separator: ", ")
            return "\(path): tensor \"\(name)\" has the value \(value) at index [\(indices)], "
                + "but LayerLab needs finite numbers; save the weights from before the training "
                + "diverged, or replace the values that are not finite"
        case .architectureMismatch(let path, let saved, let built):
            return "\(path): the weights were saved from \(saved), but the session file builds "
                + "\(built); use the session file that was saved with them"
        case .missingMetadata(let path, let key):
            return "\(path): the metadata has no \"\(key)\" entry, which `load` needs; save the "
                + "session again with `save`"
        case .invalidMetadata(let path, let key, let value, let expected):
            let shown = value.count > 60 ? String(value.prefix(60)) + "..." : value
            return "\(path): metadata \"\(key)\" is \"\(shown)\", but it must be \(expected); "
                + "save the session again with `save`"
        case .invalidName(let name, let reason):
            return "'\(name)' cannot be used as a file name: \(reason); give a name such as "
                + "`mymodel` or `runs/mymodel`"
        case .unknownFormat(let path, let formats):
            if formats.count == 1 {
                return "\(path): unknown format; give the file the extension \(formats[0])"
            }
            return "\(path): unknown format; give the file one of the extensions "
                + formats.joined(separator: ", ")
        case .notExportable(let layer, let kind, let reason, let fix):
            return "layer \(layer) (\(kind)) \(reason); \(fix)"
        case .journal(let path, let reason):
            return "\(path): the journal cannot be written: \(reason); commands still run, but "
                + "a crash would lose them, so check that the folder is writable"
        case .wouldOverwriteSave(let path, let module):
            let stem = String(module.dropLast(3))
            return "\(path) is a LayerLab save, and exporting \(module) would replace it with"
                + " bare weights, losing the optimizer state and the training position; add"
                + " `weights=\(path)` to make the module load the saved weights, or give the"
                + " module another name, such as \(stem)-torch.py"
        }
    }
}
