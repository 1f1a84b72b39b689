import Engine

/// Everything a training command changes, saved before it runs so `undo` can put it back bit
/// for bit: parameters, buffers, optimizer state, progress counters, the epoch's position and
/// the random generator.
struct UndoPoint {
    /// What `undo` rewinds, such as "step 12" or "train 5 epochs".
    let description: String
    let model: Sequential
    let parameters: [Tensor]
    let buffers: [Tensor]
    let optimizer: (any Optimizer)?
    let optimizerState: [String: Tensor]
    let optimizerStepCount: Int
    let learningRate: Float?
    let epochsTrained: Int
    let stepsTrained: Int
    let epochCursor: EpochCursor?
    let random: RandomGenerator

    init(lab: Lab, model: Sequential, description: String) {
        self.description = description
        self.model = model
        parameters = model.namedParameters.map(\.variable.value)
        buffers = model.namedBuffers.map(\.variable.value)
        optimizer = lab.optimizer
        optimizerState = lab.optimizer?.state ?? [:]
        optimizerStepCount = lab.optimizer?.stepCount ?? 0
        learningRate = lab.optimizer?.learningRate
        epochsTrained = lab.epochsTrained
        stepsTrained = lab.stepsTrained
        epochCursor = lab.epochCursor
        random = lab.random
    }

    /// Puts the saved state back into `lab` and its model.
    func restore(into lab: Lab) {
        for ((_, variable), value) in zip(model.namedParameters, parameters) {
            variable.value = value
            variable.grad = nil
        }
        for ((_, variable), value) in zip(model.namedBuffers, buffers) {
            variable.value = value
        }
        lab.optimizer = optimizer
        optimizer?.state = optimizerState
        optimizer?.stepCount = optimizerStepCount
        if let learningRate { optimizer?.learningRate = learningRate }
        lab.epochsTrained = epochsTrained
        lab.stepsTrained = stepsTrained
        lab.epochCursor = epochCursor
        lab.random = random
    }
}
