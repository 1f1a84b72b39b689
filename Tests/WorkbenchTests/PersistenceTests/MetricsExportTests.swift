import Foundation
import Testing

@testable import Workbench

/// `export metrics` and `export plot`: the rows and series they write, and the formats they
/// accept.
@Suite struct MetricsExportTests {
    static let setUp = [
        "seed 9", "data spiral 120 noise=0.1 test=0.25", "input 2", "dense 8 tanh",
        "dense 2 softmax", "optimizer adam lr=0.05", "batch 30", "train 2",
    ]

    static func trained() throws -> Executor {
        let executor = Executor(output: SilentOutput())
        try run(Self.setUp, on: executor)
        return executor
    }

    @Test func csvHasEpochAndStepRows() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let executor = try Self.trained()
        try executor.execute(line: "export metrics \(folder.file("run.csv"))")
        let lines = try String(contentsOfFile: folder.file("run.csv"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(
            lines.first
                == "kind,epoch,step,loss,train_accuracy,test_accuracy,test_loss,samples_per_second")
        // 90 training rows in batches of 30: 3 steps per epoch.
        #expect(lines.count == 1 + 2 + 6)
        let epochs = executor.lab.metrics.epochs
        let first = lines[1].split(separator: ",", omittingEmptySubsequences: false)
        #expect(first[0] == "epoch")
        #expect(first[1] == "1")
        #expect(first[2] == "")
        #expect(first[3] == "\(epochs[0].loss)")
        #expect(first[4] == "\(epochs[0].trainAccuracy!)")
        #expect(first[6] == "\(epochs[0].testLoss!)")
        let lastStep = lines[8].split(separator: ",", omittingEmptySubsequences: false)
        #expect(lastStep[0...3] == ["step", "", "6", "\(executor.lab.metrics.stepLosses[5])"])
        #expect(lastStep.count == first.count)
    }

    @Test func jsonLinesParse() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let executor = try Self.trained()
        try executor.execute(line: "export metrics \(folder.file("run.jsonl"))")
        let objects = try String(contentsOfFile: folder.file("run.jsonl"), encoding: .utf8)
            .split(separator: "\n").map { line in
                try #require(
                    try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            }
        #expect(objects.count == 8)
        #expect(objects.filter { $0["type"] as? String == "epoch" }.count == 2)
        #expect(objects[2]["type"] as? String == "step")
        #expect(objects[2]["step"] as? Int == 1)
        #expect(objects[0]["test_loss"] is Double)
    }

    @Test func lossPlotInBothFormats() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let executor = try Self.trained()
        try executor.execute(line: "export plot loss \(folder.file("loss.svg"))")
        try executor.execute(line: "export plot loss \(folder.file("loss.txt"))")
        let svg = try String(contentsOfFile: folder.file("loss.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.contains("step loss"))
        #expect(svg.contains("test loss"))
        let text = try String(contentsOfFile: folder.file("loss.txt"), encoding: .utf8)
        #expect(text.hasPrefix("Loss by step\n"))
        #expect(text.contains("epoch loss"))
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test func lossSeriesPlaceEpochsAtTheirLastStep() throws {
        let executor = try Self.trained()
        let series = PlotExport.lossSeries(executor.lab.metrics)
        #expect(series.map(\.name) == ["step loss", "epoch loss", "test loss"])
        #expect(series[0].x == [1, 2, 3, 4, 5, 6])
        #expect(series[1].x == [3, 6])
    }

    @Test func histogramOfWeightsAndActivations() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let executor = try Self.trained()
        try executor.execute(line: "export plot hist 0 \(folder.file("w.svg"))")
        try executor.execute(line: "export plot hist 1 \(folder.file("a.txt")) of=activations")
        let svg = try String(contentsOfFile: folder.file("w.svg"), encoding: .utf8)
        #expect(svg.contains("Layer 0 (Dense): 0.weight"))
        let text = try String(contentsOfFile: folder.file("a.txt"), encoding: .utf8)
        #expect(text.hasPrefix("Layer 1 (Tanh): outputs over 90 training rows"))
        do {
            try executor.execute(line: "export plot hist 1 \(folder.file("x.svg"))")
            Issue.record("a layer without weights was drawn")
        } catch {
            #expect(error.description == "layer 1 (Tanh) has no weights; give a layer with weights, or add of=activations")
        }
        #expect(throws: WorkbenchError.self) {
            try executor.execute(line: "export plot hist 9 \(folder.file("x.svg"))")
        }
    }

    @Test func boundaryInBothFormats() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let executor = try Self.trained()
        try executor.execute(line: "export plot boundary \(folder.file("b.svg"))")
        try executor.execute(line: "export plot boundary \(folder.file("b.txt"))")
        let svg = try String(contentsOfFile: folder.file("b.svg"), encoding: .utf8)
        #expect(svg.components(separatedBy: "<rect x=").count - 1 == 48 * 48 + 1)
        #expect(svg.components(separatedBy: "<circle").count - 1 == 90)
        let lines = try String(contentsOfFile: folder.file("b.txt"), encoding: .utf8)
            .split(separator: "\n")
        #expect(lines[0] == "Decision boundary")
        #expect(lines.filter { $0.hasPrefix("|") }.count == 32)
        #expect(lines.filter { $0.hasPrefix("|") }.allSatisfy { $0.count == 66 })
        #expect(lines.last?.hasPrefix("classes: 0 = ") == true)
    }

    @Test(arguments: [
        ("export metrics m.xlsx", "m.xlsx: unknown format; give the file one of the extensions .csv, .jsonl"),
        ("export plot loss l.png", "l.png: unknown format; give the file one of the extensions .svg, .txt"),
        ("export plot boundary .svg", ".svg: unknown format; give the file one of the extensions .svg, .txt"),
        ("export pytorch model.txt", "model.txt: unknown format; give the file the extension .py"),
    ])
    func unknownFormatListsTheFormats(line: String, message: String) throws {
        let executor = try Self.trained()
        do {
            try executor.execute(line: line)
            Issue.record("\(line) was accepted")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func boundaryNeedsTwoFeatures() throws {
        let executor = Executor(output: SilentOutput())
        let iris = LayerLabPaths.samples.appendingPathComponent("iris.csv").path
        try run(["data load \(iris)", "dense 3 softmax"], on: executor)
        #expect(throws: WorkbenchError.self) {
            try executor.execute(line: "export plot boundary b.svg")
        }
    }
}
