import Engine
import Plot

/// The table of `gradcheck`: autodiff against central finite differences for every parameter.
enum GradientCheckReport {
    /// Entries compared per tensor at most, evenly spaced, so a large model checks in seconds.
    static let maximumEntries = 64

    /// Checks in evaluation mode, where the loss is a fixed function of the weights: dropout is
    /// off and batch normalization uses its running statistics.
    static func render(_ problem: ChainRuleLedger.Problem) throws(WorkbenchError) -> String {
        let model = problem.model
        let context = ForwardContext(isTraining: false, random: problem.random)
        var failure: WorkbenchError?
        let results = GradientCheck.check(model.namedParameters, maximumEntries: maximumEntries) {
            let pass = model.forward(problem.inputs, context: context)
            do throws(RegularizationError) {
                return try problem.objective.terms(of: pass, model: model, target: problem.target).total
            } catch {
                failure = .invalid(error.description)
                return Variable(Tensor(scalar: .nan))
            }
        }
        if let failure { throw failure }
        let rows = results.map { result in
            TextTable.Row.cells([
                result.name, String(result.checkedEntries),
                TensorText.number(result.maxAbsoluteError, digits: 2),
                TensorText.number(result.maxRelativeError, digits: 2),
                result.passed ? "pass" : "FAIL",
            ])
        }
        let table = TextTable(
            columns: [
                .init("tensor"), .init("entries", alignment: .right),
                .init("max abs error", alignment: .right), .init("max rel error", alignment: .right),
                .init("result"),
            ],
            rows: rows)
        let failed = results.filter { !$0.passed }.count
        let absolute = GradientCheck.defaultAbsoluteTolerance
        let relative = GradientCheck.defaultRelativeTolerance
        return (["gradcheck on \(problem.inputs.shape[0]) rows, evaluation mode, central differences"
            + " with ε = 0.01 in 32-bit arithmetic"]
            + table.render()
            + ["an entry passes when |autodiff - numerical| <= \(absolute) + \(relative)"
                + " * max(|autodiff|, |numerical|), so a tiny gradient may pass with a large"
                + " relative error"]
            + [failed == 0
                ? "all \(results.count) tensors pass"
                : "\(failed) of \(results.count) tensors fail; a ReLU kink inside ±ε can cause this"])
            .joined(separator: "\n")
    }
}
