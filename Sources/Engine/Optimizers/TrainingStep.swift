/// One optimization step: forward pass, loss, backward pass and parameter update.
///
/// Returns the loss of the batch before the update.
@discardableResult
public func trainingStep(
    model: Sequential, loss: Loss, optimizer: any Optimizer, inputs: Tensor, target: Target,
    context: ForwardContext
) -> Float {
    let parameters = model.namedParameters
    for (_, parameter) in parameters { parameter.grad = nil }
    let pass = model.forward(inputs, context: context)
    let objective = loss.compute(loss.lossInput(of: pass, model: model), target: target)
    objective.backward()
    optimizer.update(parameters)
    return objective.value.scalar
}
