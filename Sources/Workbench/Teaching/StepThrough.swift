import Engine

/// One training step taken apart for teaching: the forward pass shown layer by layer (or op by
/// op), then the loss, the backward pass from the output down, and finally the update.
///
/// All numbers are computed when stepping starts, by the same code as an ordinary training
/// step (`TrainingRunner.prepareStep`), and the update at the end is that step's update, so
/// stepping through a step changes the model exactly as `step` would.
final class StepThrough {
    enum Granularity: Equatable {
        /// A chapter layer: a weighted layer with the activation that follows it.
        case layer
        /// One recorded op of the computation graph.
        case op
    }

    enum Stage {
        case forward(Int)
        case loss
        case backward(Int)
        case update
    }

    let runner: TrainingRunner
    let prepared: PreparedStep
    let granularity: Granularity
    /// The epoch position and generator before the step, restored if stepping is abandoned.
    let cursorBefore: EpochCursor?
    let randomBefore: RandomGenerator
    /// The epoch position after the step's rows were taken.
    var cursor: EpochCursor
    /// The buffers before the step's forward pass changed them (batch norm's running
    /// statistics), and the parameters' gradients it computed, which other teaching commands
    /// may overwrite before the update.
    var buffersBefore: [Tensor] = []
    var gradients: [Tensor?] = []
    /// The recurrent layers' traces of the step's forward pass, by layer index. Every later
    /// forward pass replaces a layer's trace, the data pane's included.
    var recurrentTraces: [Int: RecurrentTrace] = [:]
    let units: [StepUnit]
    let stages: [Stage]
    private(set) var position = -1

    init(
        runner: TrainingRunner, prepared: PreparedStep, cursor: EpochCursor,
        cursorBefore: EpochCursor?, randomBefore: RandomGenerator, granularity: Granularity
    ) {
        self.runner = runner
        self.prepared = prepared
        self.cursor = cursor
        self.cursorBefore = cursorBefore
        self.randomBefore = randomBefore
        self.granularity = granularity
        units = granularity == .layer
            ? StepUnit.chapterLayers(of: runner.model, pass: prepared.pass)
            : StepUnit.ops(of: prepared.terms.total, model: runner.model)
        stages = units.indices.map { Stage.forward($0) } + [.loss]
            + units.indices.reversed().map { Stage.backward($0) } + [.update]
    }

    var stage: Stage? { stages.indices.contains(position) ? stages[position] : nil }

    /// The current stage for the step pane, built when the stage was shown. Later commands such
    /// as `explain` run other forward passes, which replace a recurrent layer's trace and
    /// dropout's mask, so the view cannot be built again from the model.
    private(set) var view: StepView?

    /// Builds `view` from the current stage, while the model still contains the step's values.
    func captureView() {
        view = stage.map { StepViewBuilder.view(of: self, stage: $0) }
    }
    var isFinished: Bool { position >= stages.count - 1 }

    /// Moves by `offset` stages and returns the new stage, or `nil` past either end.
    func move(by offset: Int) -> Stage? {
        let target = position + offset
        guard stages.indices.contains(target) else { return nil }
        position = target
        return stages[target]
    }

    /// Moves to the next stage of the forward pass (`backward: false`) or of the backward pass.
    func advance(backward: Bool) -> Stage? {
        guard backward else {
            return position + 1 <= units.count ? move(by: 1) : nil
        }
        let firstBackward = units.count + 1
        if position < firstBackward - 1 {
            position = firstBackward - 1
        }
        return move(by: 1)
    }
}

/// A part of the network that one stage shows: a chapter layer or a single op.
struct StepUnit {
    /// The chapter's layer number k (from 1), or the op's position in the graph.
    let number: Int
    /// The model layers it covers, in order; empty for an op that is not a layer's output.
    let layerIndices: [Int]
    /// The value it starts from, and the values it computes (the pre-activation, if there is
    /// one, then the output).
    let input: Variable
    let outputs: [Variable]
    /// For op units, the op's own variable.
    let op: Variable?

    /// Groups the model's layers the way the chapter numbers them: a weighted layer and the
    /// activation after it form layer k, with a(k) its pre-activation and h(k) its output.
    static func chapterLayers(of model: Sequential, pass: ForwardPass) -> [StepUnit] {
        var units: [StepUnit] = []
        var index = 0
        let outputs = pass.layerOutputs
        while index < outputs.count {
            let input = index == 0 ? pass.input : outputs[index - 1]
            let nextIsActivation = index + 1 < outputs.count
                && model.layers[index + 1] is ActivationLayer
                && !(model.layers[index] is ActivationLayer)
            let covered = nextIsActivation ? [index, index + 1] : [index]
            units.append(
                StepUnit(
                    number: units.count + 1, layerIndices: covered, input: input,
                    outputs: covered.map { outputs[$0] }, op: nil))
            index += covered.count
        }
        return units
    }

    /// Every recorded op that depends on a parameter or the input, in the order it ran.
    static func ops(of loss: Variable, model: Sequential) -> [StepUnit] {
        loss.topologicalOrder().filter { $0.op != "leaf" }.enumerated().map { number, variable in
            StepUnit(
                number: number + 1, layerIndices: [], input: variable.inputs.first ?? variable,
                outputs: [variable], op: variable)
        }
    }
}
