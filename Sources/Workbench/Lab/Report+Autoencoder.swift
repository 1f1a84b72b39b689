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

    /// Renders an autoencoder's `predict`: the reconstruction error, then every reconstructed
    /// value, one image row per line for a square image and 8 values per line otherwise.
    ///
    /// ```
    /// MSE = (1 / n) * Σ (y[i] - x[i])²
    /// ```
    /// - Parameters:
    ///   - values: the reconstruction in the units of the data, n values.
    ///   - meanSquaredError: MSE between the output y and the model's input x (standardized
    ///     when the data is), which is the loss the model was trained on.
    ///   - isStandardized: whether the model reads standardized inputs, named with the error.
    static func reconstruction(_ values: [Float], meanSquaredError: Double, isStandardized: Bool)
        -> String
    {
        let side = Int(Double(values.count).squareRoot())
        let perLine = side * side == values.count && side >= 4 ? side : 8
        // A value that rounds to zero prints as 0.00, not -0.00.
        let texts = values.map { value in
            abs(value) < 0.005 ? format(0, digits: 2) : format(Double(value), digits: 2)
        }
        let width = texts.map(\.count).max() ?? 0
        let padded = texts.map { String(repeating: " ", count: width - $0.count) + $0 }
        let units = isStandardized ? " in standardized units" : ""
        var lines = [
            "reconstruction of \(values.count) values, MSE \(format(meanSquaredError, digits: 4))"
                + " against the input\(units):"
        ]
        for start in stride(from: 0, to: padded.count, by: perLine) {
            lines.append("  " + padded[start..<min(start + perLine, padded.count)].joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}
