/// Runs the forward pass and every term of the objective, then fills `grad` of every parameter
/// by backpropagating their sum.
///
/// The parameters' gradients are reset first, so they hold this batch's gradient only.
/// Returns the recorded terms and the pass, whose layer outputs the teaching and health views
/// read.
///
/// - Throws: `RegularizationError` when a KL sparsity penalty reads a code outside [0, 1].
public func computeGradients(
    model: Sequential, objective: Objective, inputs: Tensor, target: Target,
    context: ForwardContext
) throws(RegularizationError) -> (terms: ObjectiveTerms, pass: ForwardPass) {
    for (_, parameter) in model.namedParameters { parameter.grad = nil }
    let pass = model.forward(inputs, context: context)
    let terms = try objective.terms(of: pass, model: model, target: target)
    terms.total.backward()
    return (terms, pass)
}

/// One optimization step: forward pass, loss, backward pass and parameter update.
///
/// Returns the loss of the batch before the update.
@discardableResult
public func trainingStep(
    model: Sequential, loss: Loss, optimizer: any Optimizer, inputs: Tensor, target: Target,
    context: ForwardContext
) -> Float {
    // A plain loss has no code penalty, so it cannot throw.
    let (terms, _) = try! computeGradients(
        model: model, objective: Objective(loss: loss), inputs: inputs, target: target,
        context: context)
    optimizer.update(model.namedParameters)
    return terms.data.value.scalar
}
