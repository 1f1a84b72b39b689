import Engine
import Foundation
import Testing

@testable import Workbench

/// The chain-rule ledger must agree with autodiff and with a finite difference.
struct ChainRuleLedgerTests {
    static let iris = LayerLabPaths.samples.appendingPathComponent("iris.csv").path

    static func ledger(_ executor: Executor, _ entry: String) throws -> ChainRuleLedger {
        let model = try #require(executor.lab.model)
        let reference = try ChainRuleLedger.parse(entry, model: model)
        return try ChainRuleLedger.build(reference, problem: try executor.nextBatchProblem())
    }

    static func expectAgreement(_ ledger: ChainRuleLedger, _ entry: String) {
        #expect(ledger.agrees, "\(entry): ledger \(ledger.ledgerValue) autodiff \(ledger.autodiffValue)")
        let scale = max(abs(ledger.autodiffValue), 1e-3)
        #expect(
            abs(ledger.finiteDifference - ledger.autodiffValue) / scale < 2e-2,
            "\(entry): finite difference \(ledger.finiteDifference) vs \(ledger.autodiffValue)")
    }

    @Test func denseLedgerMatchesAutodiffThroughEveryLayer() throws {
        let (executor, _) = try OutputRecorder.executor([
            "seed 2", "data load \(Self.iris) test=0.2", "input 4", "dense 3 tanh",
            "dense 3 sigmoid", "dense 3 softmax", "loss crossentropy", "optimizer sgd lr=0.1",
            "batch 16", "regularize l2=0.001", "train 2",
        ].filter { !$0.hasPrefix("regularize") })
        executor.lab.weightL2 = 0.001
        for entry in ["0.weight[2,1]", "0.bias[1]", "2.weight[0,2]", "4.weight[1,0]", "4.bias[2]"] {
            Self.expectAgreement(try Self.ledger(executor, entry), entry)
        }
        let ledger = try Self.ledger(executor, "2.weight[0,2]")
        #expect(ledger.lines.contains { $0.contains("paths from h(2)_0") })
        #expect(ledger.lines.contains { $0.contains("+ L2 penalty") })
    }

    @Test func convolutionLedgerSumsOverPositions() throws {
        var random = RandomGenerator(seed: 5)
        let model = Sequential(inputShape: [1, 6, 6])
        try model.append(Conv2D(inChannels: 1, outChannels: 2, kernelSize: 3, stride: 1, padding: 1, initializer: .he, random: &random))
        // tanh rather than ReLU: a ReLU kink within ±ε of a position would spoil the finite
        // difference, which is the independent check here.
        try model.append(ActivationLayer(.tanh))
        try model.append(Flatten())
        try model.append(Dense(inFeatures: 72, outFeatures: 3, initializer: .xavier, random: &random))
        let inputs = Tensor(shape: [4, 1, 6, 6]) { _ in random.nextUniform(in: -1, 1) }
        let problem = ChainRuleLedger.Problem(
            model: model, objective: Objective(loss: .crossEntropy), inputs: inputs,
            target: .classes([0, 1, 2, 1]), random: random)
        for entry in ["0.weight[1,0,2,0]", "0.weight[0,0,1,1]", "0.bias[1]"] {
            let ledger = try ChainRuleLedger.build(
                try ChainRuleLedger.parse(entry, model: model), problem: problem)
            Self.expectAgreement(ledger, entry)
            #expect(ledger.lines.contains { $0.contains("positions") })
        }
    }

    @Test func lstmLedgerSumsOverTimeSteps() throws {
        var random = RandomGenerator(seed: 6)
        let model = Sequential(inputShape: [5, 2])
        try model.append(LSTM(inputSize: 2, hiddenSize: 3, random: &random))
        try model.append(Dense(inFeatures: 3, outFeatures: 1, initializer: .xavier, random: &random))
        let inputs = Tensor(shape: [4, 5, 2]) { _ in random.nextUniform(in: -1, 1) }
        let targets = Tensor(shape: [4, 1]) { _ in random.nextUniform(in: -1, 1) }
        let problem = ChainRuleLedger.Problem(
            model: model, objective: Objective(loss: .meanSquaredError), inputs: inputs,
            target: .values(targets), random: random)
        for entry in ["0.weight_ih_l0[4,1]", "0.weight_hh_l0[7,2]", "0.bias_hh_l0[10]", "0.bias_ih_l0[1]"] {
            let ledger = try ChainRuleLedger.build(
                try ChainRuleLedger.parse(entry, model: model), problem: problem)
            Self.expectAgreement(ledger, entry)
            #expect(ledger.lines.contains { $0.contains("step 5:") })
        }
    }

    @Test func badEntriesAreRejectedWithTheFix() throws {
        let (executor, _) = try OutputRecorder.executor([
            "data load \(Self.iris)", "input 4", "dense 3 tanh", "dense 3 softmax",
        ])
        let model = try #require(executor.lab.model)
        for entry in ["1.weight[0,0]", "0.weight[3,0]", "0.weight[0]", "weight[0,0]", "0.weight[a,0]"] {
            #expect(throws: WorkbenchError.self, "\(entry)") {
                _ = try ChainRuleLedger.parse(entry, model: model)
            }
        }
    }
}

/// The table of `gradcheck` states the criterion that its pass and FAIL apply.
struct GradientCheckReportTests {
    @Test func reportStatesPassCriterion() throws {
        let (executor, output) = try OutputRecorder.executor([
            "seed 1", "data xor 40", "input 2", "dense 4 tanh", "dense 2", "loss crossentropy",
            "gradcheck",
        ])
        _ = executor
        let report = try #require(output.messages.last)
        #expect(
            report.contains(
                "an entry passes when |autodiff - numerical| <= 0.0001 + 0.002"
                    + " * max(|autodiff|, |numerical|)"))
        #expect(report.hasSuffix("all 4 tensors pass"))
    }
}
