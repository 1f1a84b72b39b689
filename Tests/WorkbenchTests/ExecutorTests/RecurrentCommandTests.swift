import Engine
import Testing

@testable import Workbench

private func samplePath(_ name: String) -> String {
    SequenceFixtures.samplePath(name)
}

private func failure(_ lines: [String]) throws -> WorkbenchError {
    try SequenceFixtures.failure(lines)
}

/// `rnn`, `lstm` and `gru` added to a model: shapes, parameter counts and shape errors.
@Suite struct RecurrentCommandTests {
    @Test func stackedLayersHavePyTorchParameterCounts() throws {
        let (executor, output) = try OutputRecorder.executor([
            "input 5 3", "rnn 4 sequences=yes", "lstm 6 sequences=yes", "gru 7", "dense 1",
            "summary",
        ])
        let model = try #require(executor.lab.model)
        #expect(model.layers.map(\.kind) == ["RNN", "LSTM", "GRU", "Dense"])
        #expect(model.outputShapes == [[5, 4], [5, 6], [7], [1]])
        // H * (I + H + 2) per block: 1 block for the RNN, 4 for the LSTM, 3 for the GRU.
        #expect(
            model.layers.map(\.parameterCount)
                == [4 * (3 + 4 + 2), 4 * 6 * (4 + 6 + 2), 3 * 7 * (6 + 7 + 2), 7 + 1])
        #expect(output.messages.contains("1 LSTM → [N, 5, 6], 288 parameters"))
        let summary = try #require(output.messages.last)
        #expect(summary.contains("2 (GRU)"))
        #expect(summary.contains("Total params: 647 "))
    }

    @Test func gruFormAndSequencesReachTheLayer() throws {
        let (executor, _) = try OutputRecorder.executor([
            "input 6 2", "gru 3 form=pytorch sequences=yes", "gru 3",
        ])
        let layers = try #require(executor.lab.model?.layers)
        let first = try #require(layers[0] as? GRU)
        let second = try #require(layers[1] as? GRU)
        #expect(first.form == .pytorch)
        #expect(first.returnSequences)
        #expect(second.form == .chapter)
        #expect(!second.returnSequences)
        #expect(second.inputSize == 3)
    }

    @Test func resetRebuildsTheSameLayers() throws {
        let (executor, _) = try OutputRecorder.executor([
            "seed 4", "input 6 2", "gru 3 form=pytorch", "dense 2", "reset",
        ])
        let layers = try #require(executor.lab.model?.layers)
        #expect(layers.count == 2)
        let gru = try #require(layers[0] as? GRU)
        #expect(gru.form == .pytorch)
        #expect(
            executor.lab.layerSpecs.first == .gru(units: 3, form: .pytorch, returnSequences: false))
    }

    @Test func savedLinesParseBackToTheSameLayers() throws {
        let specs: [LayerSpec] = [
            .rnn(units: 4, returnSequences: true), .lstm(units: 5, returnSequences: false),
            .gru(units: 6, form: .pytorch, returnSequences: false),
        ]
        var lines: [String] = []
        for (index, spec) in specs.enumerated() {
            lines.append(try LabScript.layerLine(spec, index: index))
        }
        #expect(
            lines == [
                "rnn 4 sequences=yes", "lstm 5 sequences=no", "gru 6 form=pytorch sequences=no",
            ])
        for (line, spec) in zip(lines, specs) {
            guard case .recurrent(let options)? = try Parser.parse(line: line) else {
                Issue.record("`\(line)` is not a recurrent layer command")
                continue
            }
            #expect(LayerSpec.recurrent(options) == spec)
        }
    }

    @Test func flatInputNamesTheInputCommand() throws {
        let error = try failure(["input 4", "rnn 8"])
        #expect(
            error.description
                == "rnn 8 cannot take input of shape [4]: it needs a sequence of shape"
                + " [steps, features]; start the model with `input STEPS FEATURES`, such as"
                + " `input 4 1` for 4 steps of one feature")
    }

    @Test func lastStepOutputNamesSequencesYes() throws {
        let error = try failure(["input 10 1", "lstm 8", "gru 4"])
        #expect(
            error.description
                == "gru 4 cannot take input of shape [8]: it needs a sequence of shape"
                + " [steps, features]; the layer before it outputs only its last step, so type"
                + " `pop` and add it again with sequences=yes: `lstm 8 sequences=yes`")
    }

    @Test func nothingIsAddedOnAShapeError() throws {
        let (executor, _) = try OutputRecorder.executor(["input 10 1", "lstm 8"])
        #expect(throws: WorkbenchError.self) { try executor.execute(line: "rnn 2") }
        #expect(executor.lab.model?.layers.count == 1)
        #expect(executor.lab.layerSpecs.count == 1)
    }

    @Test func tableDataNamesTheSequenceCommands() throws {
        let error = try failure(["data load \(samplePath("iris.csv"))", "lstm 4"])
        #expect(
            error.description
                == "lstm 4 cannot take input of shape [4]: it needs a sequence of shape"
                + " [steps, features]; the data's samples are not sequences, so load a series"
                + " with `data window` or a text with `data text`")
    }

    @Test func layerAfterDenseNamesTheOrder() throws {
        let error = try failure(["input 3 2", "rnn 2", "dense 4", "lstm 2"])
        #expect(error.description.hasSuffix(
            "put recurrent layers first, or after a recurrent layer with sequences=yes"))
    }

    @Test func imageInputIsRejected() throws {
        let error = try failure(["input 1 8 8", "gru 3"])
        #expect(
            error.description
                == "gru 3 cannot take input of shape [1, 8, 8]: it needs a sequence of shape"
                + " [steps, features]; start the model with `input STEPS FEATURES`")
    }
}
