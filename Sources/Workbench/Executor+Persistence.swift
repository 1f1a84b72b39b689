import Engine
import Foundation

extension Executor {
    /// Writes the session to NAME.lab and NAME.safetensors.
    func save(_ name: String) throws(WorkbenchError) {
        let model = try existingModel()
        guard !model.layers.isEmpty else {
            throw .missing(
                what: "the model has no layers to save", fix: "add some, for example `dense 16`")
        }
        do throws(PersistenceError) {
            let files = try SessionFiles(name: name)
            try SessionArchive.save(lab, model: model, to: files)
            output.message(
                "saved \(files.script) and \(files.weights) (epoch \(lab.epochsTrained), step "
                    + "\(lab.stepsTrained), \(grouped(model.parameterCount)) parameters)")
        } catch {
            throw .persistence(error)
        }
    }

    /// Replaces the session with the one saved as NAME, after checking both files.
    func load(_ name: String) throws(WorkbenchError) {
        do throws(PersistenceError) {
            let files = try SessionFiles(name: resolvePath(name.hasSuffix(".lab") ? name : name + ".lab"))
            let restored = try SessionArchive.read(files)
            lab.adopt(restored)
            let parameters = restored.model?.parameterCount ?? 0
            let loss = restored.metrics.stepLosses.last.map { ", loss \($0)" } ?? ""
            output.message(
                "loaded \(files.name): \(restored.layerSpecs.count) layers, "
                    + "\(grouped(parameters)) parameters, epoch \(restored.epochsTrained), step "
                    + "\(restored.stepsTrained)\(loss)")
        } catch {
            throw .persistence(error)
        }
    }

    /// Lists the session's commands, numbered from 1.
    func showHistory() {
        let commands = commandHistory
        guard !commands.isEmpty else {
            output.message("no commands yet")
            return
        }
        let width = String(commands.count).count
        output.message(
            commands.enumerated().map { index, line in
                Report.pad(index + 1, width) + "  " + line
            }.joined(separator: "\n"))
    }
}
