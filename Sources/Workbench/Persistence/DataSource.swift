import Engine
import Foundation

/// How the session's data was made, so `save` can write a data command that makes it again:
/// the command, the line as typed and the random generator it drew its split (and points) from.
public struct DataSource: Equatable, Sendable {
    /// The command, with a `data load` path made absolute.
    public var command: Command
    /// The line as typed, written back for data commands that `LabScript` has no case for.
    public var line: String?
    /// The seed in force and the generator's state just before the command ran.
    public var seed: UInt64
    public var random: RandomGenerator
    /// The folder that relative paths in `line` were resolved from.
    public var directory: String
    /// The file and folder paths of `line` as typed, each with the absolute path it named, so
    /// that `save` can write them for the folder of the saved file.
    public var paths: [String: String] = [:]
}

extension Executor {
    /// Remembers how the data was made after a data command succeeded. `random` and `seed` are
    /// the generator and seed from before the command.
    func recordDataSource(_ command: Command, line: String?, seed: UInt64, random: RandomGenerator) {
        guard command.word.hasPrefix("data "), lab.data != nil else { return }
        let workingDirectory = FileManager.default.currentDirectoryPath
        var recorded = command
        if case .dataLoad(var options) = command {
            options.path = LabScript.absolutePath(
                resolvePath(options.path), base: workingDirectory)
            recorded = .dataLoad(options)
        }
        var typedPaths: [String] = []
        switch command {
        case .dataMNIST(let options): typedPaths = [options.directory]
        case .dataNPY(let options): typedPaths = [options.featuresPath, options.labelsPath]
        case .dataWindow(let options): typedPaths = [options.path]
        case .dataText(let options): typedPaths = [options.path]
        default: break
        }
        var paths: [String: String] = [:]
        for path in typedPaths {
            paths[path] = LabScript.absolutePath(resolvePath(path), base: workingDirectory)
        }
        lab.dataSource = DataSource(
            command: recorded, line: line, seed: seed, random: random,
            directory: sessionDirectory ?? workingDirectory, paths: paths)
    }
}
