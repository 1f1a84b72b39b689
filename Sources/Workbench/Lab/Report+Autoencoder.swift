import Engine

extension Report {
    /// Renders the lines that `eval` adds for an autoencoder: the reconstruction error against the
    /// mean-sample baseline, and the code layer's mean activation.
    ///
    /// - Parameters:
    ///   - meanSquaredError: the model's reconstruction error on the same rows.
    ///   - codeLayer: the index of the code layer, named in the text.
    ///   - sparsityTarget: rho of a KL sparsity penalty, shown beside the mean activation.
    static func autoencoder(
        _ result: AutoencoderEvaluation, meanSquaredError: Double?, codeLayer: Int?,
        sparsityTarget: Float?
    ) -> String {
        var lines: [String] = []
        if let baseline = result.baselineMeanSquaredError, let error = meanSquaredError {
            let ratio = baseline > 0 ? format(error / baseline, digits: 4) : "undefined"
            lines.append(
                "reconstruction MSE \(format(error, digits: 4)) against"
                    + " \(format(baseline, digits: 4)) for the mean training sample (ratio"
                    + " \(ratio))")
        }
        if let mean = result.meanCodeActivation, let units = result.codeUnits,
            let codeLayer
        {
            var line = "mean code activation \(format(mean, digits: 4)) over \(units) units of"
                + " layer \(codeLayer)"
            if let sparsityTarget { line += " (target \(sparsityTarget))" }
            if let range = result.unitMeanRange {
                line += "; unit means from \(format(range.lowerBound, digits: 4)) to"
                    + " \(format(range.upperBound, digits: 4))"
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
