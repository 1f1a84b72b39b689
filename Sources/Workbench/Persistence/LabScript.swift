import Engine
import Foundation

/// The commands that rebuild a lab's data set-up and model, which `save` writes to `NAME.lab`.
///
/// The script is generated from the lab's state, not from what was typed: the seed, the data
/// command with all its options, `input`, the layers, the loss, the optimizer, the batch size
/// and the penalties, in that order. The weights, the optimizer's state and the progress are
/// not in it; `save` writes them to `NAME.safetensors` next to it.
enum LabScript {
    /// Returns the script for `lab`, one command per line after the `header` comment lines.
    ///
    /// - Parameters:
    ///   - directory: the folder the script is written to; a relative data path is written
    ///     relative to it.
    ///   - header: comment lines (without `#`) that name the program and the files.
    static func text(for lab: Lab, directory: String, header: [String])
        throws(PersistenceError) -> String
    {
        var lines = header.map { "# " + $0 }
        lines += try dataLines(lab, directory: directory)
        if let shape = lab.model?.inputShape ?? lab.inputShape {
            lines.append("input " + shape.map(String.init).joined(separator: " "))
        }
        for (index, spec) in lab.layerSpecs.enumerated() {
            lines.append(try layerLine(spec, index: index))
            if lab.codeLayer == index {
                lines.append(codeLine(lab.codePenalty))
            } else if lab.codeLayer == index {
                lines.append("code")
            }
        }
        if lab.reconstructsInput {
            lines.append("loss reconstruction")
        } else if let loss = lab.chosenLoss {
            lines.append("loss " + loss.rawValue)
        }
        lines.append("optimizer " + lab.optimizerSpec.summary)
        switch lab.batchSize {
        case .all: lines.append("batch all")
        case .size(let size): lines.append("batch \(size)")
        }
        if lab.weightL1 != 0 || lab.weightL2 != 0 {
            lines.append("regularize l1=\(number(lab.weightL1)) l2=\(number(lab.weightL2))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Returns the `seed` and data lines. The seed comes first so that the data command draws the same
    /// split (and the same points, for generated sets) when the script runs again.
    private static func dataLines(_ lab: Lab, directory: String) throws(PersistenceError)
        -> [String]
    {
        guard let source = lab.dataSource, lab.data != nil else {
            return ["seed \(lab.seed)"]
        }
        var lines = ["seed \(source.seed)"]
        if source.random != RandomGenerator(seed: source.seed) {
            lines.append(
                "# The data was drawn after other random draws; `load` restores that generator "
                    + "state from \(CheckpointKey.dataRandomState) in the weights file.")
        }
        lines.append(try dataCommand(source, directory: directory))
        if lab.seed != source.seed {
            lines.append("seed \(lab.seed)")
        }
        return lines
    }

    /// Returns the data command with every option written out, so a later change of a default does not
    /// change what the script loads.
    static func dataCommand(_ source: DataSource, directory: String) throws(PersistenceError)
        -> String
    {
        switch source.command {
        case .dataLoad(let options):
            var line = "data load " + quotedIfNeeded(
                relativePath(options.path, from: source.directory, to: directory))
            switch options.label {
            case nil: break
            case .name(let name)?: line += " label=" + quotedIfNeeded(name)
            case .index(let index)?: line += " label=\(index)"
            }
            line += " test=\(options.testFraction)"
            line += " standardize=\(options.standardize ? "yes" : "no")"
            if let task = options.task { line += " task=\(task.rawValue)" }
            return line
        case .dataToy(let options):
            // Only `spiral` and `gaussian` take a class count; the other sets reject the option.
            let takesClasses = options.kind == .spiral || options.kind == .gaussian
            return "data \(options.kind.rawValue) \(options.count) noise=\(number(options.noise))"
                + (takesClasses ? " classes=\(options.classes)" : "")
                + " test=\(options.testFraction) standardize=\(options.standardize ? "yes" : "no")"
        default:
            // NOTE: other data commands are written as typed, with the paths that
            // `recordDataSource` knows rewritten for the saved file's folder. A path it does not
            // know resolves from that folder or from the working directory.
            guard let line = source.line else {
                throw .invalidName(
                    source.command.word, reason: "the data command cannot be written back")
            }
            return rewritingPaths(line, source.paths, directory: directory)
        }
    }

    /// Returns `line` with each word or quoted value found in `paths` replaced by its path as
    /// seen from `directory`, and the tokens joined by single spaces.
    static func rewritingPaths(_ line: String, _ paths: [String: String], directory: String)
        -> String
    {
        guard !paths.isEmpty, let tokens = try? Tokenizer.tokenize(line) else {
            return line.trimmingCharacters(in: .whitespaces)
        }
        return tokens.map { token in
            guard token.kind == .word || token.kind == .quoted, let absolute = paths[token.value]
            else { return token.text }
            return quotedIfNeeded(relativePath(absolute, from: "/", to: directory))
        }.joined(separator: " ")
    }

    /// Returns the command that adds the layer of `spec`.
    static func layerLine(_ spec: LayerSpec, index: Int) throws(PersistenceError) -> String {
        switch spec {
        case .dense(let units, let initializer, let bias):
            guard let word = initializerWord(initializer) else {
                throw .notExportable(
                    layer: index, kind: "dense", reason: "uses an initializer without a command",
                    fix: "use init=xavier or init=he")
            }
            return "dense \(units) init=\(word)" + (bias ? "" : " bias=no")
        case .activation(let kind):
            return activationLine(kind)
        case .conv2d, .conv1d, .pool, .flatten, .dropout, .batchNorm:
            return spec.layerFamilyCommand
        case .rnn, .lstm, .gru:
            return spec.recurrentCommand
        @unknown default:
            // NOTE: layer kinds added to LayerSpec after this file need a line here.
            throw .notExportable(
                layer: index, kind: "\(spec)", reason: "cannot be written as a command yet",
                fix: "remove the layer with `pop` before saving")
        }
    }

    static func activationLine(_ kind: ActivationKind) -> String {
        switch kind {
        case .leakyReLU(let slope): "leakyrelu slope=\(number(slope))"
        case .elu(let alpha): "elu alpha=\(number(alpha))"
        default: kind.keyword
        }
    }

    /// Returns the `code` line that marks the code layer, with its penalty if any.
    private static func codeLine(_ penalty: CodePenalty?) -> String {
        switch penalty?.kind {
        case nil:
            "code"
        case .l1(let coefficient)?:
            "code l1=\(number(coefficient))"
        case .sparsity(let target, let coefficient)?:
            "code sparsity=\(number(target)) beta=\(number(coefficient))"
        }
    }

    private static func initializerWord(_ initializer: Initializer) -> String? {
        InitializerKind.allCases.first { $0.engineInitializer == initializer }?.rawValue
    }

    /// Writes a `Float` so that reading it back as the parser does (through `Double`) gives the
    /// same value: the shortest form when that works, else nine significant digits.
    static func number(_ value: Float) -> String {
        let text = "\(value)"
        if let parsed = Double(text), Float(parsed) == value { return text }
        return String(format: "%.9g", Double(value))
    }

    /// Puts quotes around a value that contains spaces, `#` or quotes, escaping as the tokenizer
    /// reads them.
    static func quotedIfNeeded(_ text: String) -> String {
        let plain = !text.isEmpty && !text.contains { $0.isWhitespace || $0 == "#" || $0 == "\"" }
        if plain { return text }
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
        return "\"" + escaped + "\""
    }

    /// Returns `path`, which was resolved from `base`, as seen from `directory`: relative when
    /// it climbs at most two folders, else absolute.
    static func relativePath(_ path: String, from base: String, to directory: String) -> String {
        let absolute = absolutePath(path, base: base)
        let target = absolutePath(directory, base: FileManager.default.currentDirectoryPath)
        let pathParts = absolute.split(separator: "/")
        let directoryParts = target.split(separator: "/")
        var common = 0
        while common < pathParts.count, common < directoryParts.count,
            pathParts[common] == directoryParts[common]
        {
            common += 1
        }
        let ups = directoryParts.count - common
        guard ups <= 2, common > 0 else { return absolute }
        let parts = Array(repeating: "..", count: ups) + pathParts[common...].map(String.init)
        return parts.joined(separator: "/")
    }

    /// Returns `path` made absolute against `base`, with `.` and `..` removed.
    static func absolutePath(_ path: String, base: String) -> String {
        let joined = path.hasPrefix("/") ? path : base + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
