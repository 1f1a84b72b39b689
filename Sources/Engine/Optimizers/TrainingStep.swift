/// Runs the forward pass and the loss, then fills `grad` of every parameter by backpropagation.
///
/// The parameters' gradients are reset first, so they hold this batch's gradient only.
/// Returns the loss variable and the recorded pass, whose layer outputs the teaching and health
/// views read.
public func computeGradients(
    model: Sequential, loss: Loss, inputs: Tensor, target: Target, context: ForwardContext
) -> (loss: Variable, pass: ForwardPass) {
    for (_, parameter) in model.namedParameters { parameter.grad = nil }
    let pass = model.forward(inputs, context: context)
    let objective = loss.compute(loss.lossInput(of: pass, model: model), target: target)
    objective.backward()
    return (objective, pass)
}

/// One optimization step: forward pass, loss, backward pass and parameter update.
///
/// Returns the loss of the batch before the update.
@discardableResult
public func trainingStep(
    model: Sequential, loss: Loss, optimizer: any Optimizer, inputs: Tensor, target: Target,
    context: ForwardContext
) -> Float {
    let (objective, _) = computeGradients(
        model: model, loss: loss, inputs: inputs, target: target, context: context)
    optimizer.update(model.namedParameters)
    return objective.value.scalar
}
