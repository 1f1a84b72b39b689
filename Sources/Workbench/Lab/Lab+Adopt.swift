extension Lab {
    /// Replaces this lab's whole state with that of `other`, which `load` and recovery build
    /// on their own first, so that a file that fails a check changes nothing.
    ///
    /// The lab keeps its identity, so the executor and the screen keep working with it. `undo`
    /// and a stepped training step do not carry over.
    ///
    /// NOTE: a stored property added to `Lab` needs a line here, or `load` leaves it as it was.
    func adopt(_ other: Lab) {
        reseed(other.seed)
        random = other.random
        data = other.data
        dataSource = other.dataSource
        inputShape = other.inputShape
        model = other.model
        layerSpecs = other.layerSpecs
        chosenLoss = other.chosenLoss
        optimizerSpec = other.optimizerSpec
        optimizer = other.optimizer
        batchSize = other.batchSize
        weightL1 = other.weightL1
        weightL2 = other.weightL2
        codePenalty = other.codePenalty
        codeLayer = other.codeLayer
        reconstructsInput = other.reconstructsInput
        epochsTrained = other.epochsTrained
        stepsTrained = other.stepsTrained
        epochCursor = other.epochCursor
        metrics = other.metrics
        undoPoint = nil
        stepThrough = nil
        loadCount += 1
    }
}
