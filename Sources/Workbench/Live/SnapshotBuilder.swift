import Foundation
import Datasets
import Engine
import Plot

/// Computes the parts of a `TrainingSnapshot` from the lab: the model's layers, per-layer
/// statistics of a step, and the data pane's view. Called on the thread that owns the model.
enum SnapshotBuilder {
    static let histogramBins = 24

    static func modelDescription(_ lab: Lab) -> ModelDescription {
        guard let model = lab.model else { return ModelDescription(inputShape: lab.inputShape) }
        let rows = model.layers.enumerated().map { index, layer in
            ModelDescription.Row(
                index: index, kind: layer.kind, outputShape: model.outputShapes[index],
                parameterCount: layer.parameterCount)
        }
        return ModelDescription(inputShape: model.inputShape, rows: rows)
    }

    /// Histograms and health figures of every layer for one step.
    ///
    /// - Parameter parametersBefore: the parameters before the optimizer's update, in
    ///   `model.namedParameters` order, for the update-to-weight ratio.
    static func layerStatistics(
        model: Sequential, pass: ForwardPass, parametersBefore: [Tensor]?
    ) -> [LayerStatistics] {
        var beforeByName: [String: Tensor] = [:]
        if let parametersBefore {
            for ((name, _), value) in zip(model.namedParameters, parametersBefore) {
                beforeByName[name] = value
            }
        }
        return model.layers.enumerated().map { index, layer in
            var statistics = LayerStatistics(index: index, kind: layer.kind)
            if index < pass.layerOutputs.count {
                let output = pass.layerOutputs[index].value
                statistics.activations = HistogramBins(
                    floatValues: sampledRows(of: output), binCount: histogramBins)
                statistics.deadFraction = deadFraction(layer, output)
                statistics.saturatedFraction = saturatedFraction(layer, output)
            }
            let parameters = layer.parameters
            if let (name, weight) = parameters.first {
                statistics.weights = HistogramBins(
                    floatValues: sampledValues(of: weight.value), binCount: histogramBins)
                if let gradient = weight.grad {
                    statistics.gradients = HistogramBins(
                        floatValues: sampledValues(of: gradient), binCount: histogramBins)
                }
                if let before = beforeByName["\(index).\(name)"] {
                    let norm = before.norm
                    statistics.updateRatio = norm > 0 ? (weight.value - before).norm / norm : nil
                }
            }
            if !parameters.isEmpty {
                let squares = parameters.reduce(0.0) { total, parameter in
                    let norm = parameter.variable.grad?.norm ?? 0
                    return total + norm * norm
                }
                statistics.gradientNorm = squares.squareRoot()
            }
            return statistics
        }
    }

    /// The maximum number of a batch's rows whose activations the histogram counts. Batches are drawn in
    /// shuffled order, so their first rows are a random sample of the batch.
    static let histogramRowLimit = 256

    /// The maximum number of a weight or gradient tensor's values that its histogram counts.
    static let histogramValueLimit = 65_536

    /// Returns every value of a tensor up to `histogramValueLimit` values, and above it every
    /// k-th value with k = ⌈count / limit⌉. A layer of millions of weights would otherwise
    /// cost the training thread a pass and an array of that size for each snapshot.
    static func sampledValues(of tensor: Tensor) -> ArraySlice<Float> {
        let count = tensor.count
        guard count > histogramValueLimit else { return tensor.scalars[...] }
        let step = (count + histogramValueLimit - 1) / histogramValueLimit
        let scalars = tensor.scalars
        return ArraySlice(stride(from: 0, to: count, by: step).map { scalars[$0] })
    }

    /// Returns the values of the first `histogramRowLimit` rows of a layer's output.
    static func sampledRows(of output: Tensor) -> ArraySlice<Float> {
        guard output.rank >= 2, output.shape[0] > histogramRowLimit else {
            return output.scalars[...]
        }
        let rowWidth = output.count / output.shape[0]
        return output.scalars[..<(histogramRowLimit * rowWidth)]
    }

    /// The fraction of a ReLU layer's units that are zero for every row of the batch.
    static func deadFraction(_ layer: any Layer, _ output: Tensor) -> Double? {
        guard let activation = (layer as? ActivationLayer)?.activation, activation == .relu,
            output.rank >= 2, output.shape[0] > 0
        else { return nil }
        let rows = output.shape[0]
        let width = output.count / rows
        var dead = 0
        output.scalars.withUnsafeBufferPointer { h in
            for unit in 0..<width {
                var alive = false
                for row in 0..<rows where h[row * width + unit] > 0 {
                    alive = true
                    break
                }
                if !alive { dead += 1 }
            }
        }
        return width > 0 ? Double(dead) / Double(width) : nil
    }

    /// The fraction of a sigmoid or tanh layer's outputs within 1% of an asymptote.
    static func saturatedFraction(_ layer: any Layer, _ output: Tensor) -> Double? {
        guard let activation = (layer as? ActivationLayer)?.activation, output.count > 0 else {
            return nil
        }
        let saturated: Int
        switch activation {
        case .sigmoid: saturated = output.scalars.count { $0 < 0.01 || $0 > 0.99 }
        case .tanh: saturated = output.scalars.count { abs($0) > 0.99 }
        default: return nil
        }
        return Double(saturated) / Double(output.count)
    }

    /// The data pane's view: the decision boundary for data with two features, a few test rows
    /// with their reconstruction for an autoencoder, otherwise a few test rows with predictions.
    static func dataView(_ lab: Lab, model: Sequential?, columns: Int = 48, rows: Int = 24) -> DataView {
        guard let data = lab.data, let model, !model.layers.isEmpty,
            model.inputShape == data.featureShape, let loss = try? lab.effectiveLoss()
        else { return .none }
        let context = ForwardContext(isTraining: false, random: lab.random)
        if data.featureShape == [2] {
            return .plane(
                decisionBoundary(
                    data: data, model: model, loss: loss, context: context, columns: columns,
                    rows: rows))
        }
        if lab.reconstructsInput {
            return .reconstructions(
                sampleReconstructions(data: data, model: model, loss: loss, context: context))
        }
        return .samples(samplePredictions(data: data, model: model, loss: loss, context: context))
    }

    /// The model's prediction over a grid spanning the training points, in the standardized
    /// coordinates the model sees.
    static func decisionBoundary(
        data: LoadedData, model: Sequential, loss: Loss, context: ForwardContext, columns: Int,
        rows: Int
    ) -> DecisionBoundary {
        let features = data.train.features
        let xs = (0..<features.shape[0]).map { Double(features.scalars[$0 * 2]) }
        let ys = (0..<features.shape[0]).map { Double(features.scalars[$0 * 2 + 1]) }
        let xRange = paddedRange(xs)
        let yRange = paddedRange(ys)

        // Cell centres, row by row from the top (largest y).
        var grid = [Float]()
        grid.reserveCapacity(columns * rows * 2)
        let width = xRange.upperBound - xRange.lowerBound
        let height = yRange.upperBound - yRange.lowerBound
        for r in 0..<rows {
            let y = yRange.upperBound - (Double(r) + 0.5) / Double(rows) * height
            for c in 0..<columns {
                grid.append(Float(xRange.lowerBound + (Double(c) + 0.5) / Double(columns) * width))
                grid.append(Float(y))
            }
        }
        let pass = model.forward(Tensor(shape: [columns * rows, 2], scalars: grid), context: context)
        let prediction = loss.prediction(of: pass, model: model)
        let outputs = prediction.count / (columns * rows)

        var values: [Double] = []
        var confidence: [Double] = []
        for cell in 0..<(columns * rows) {
            let out = prediction.scalars[(cell * outputs)..<((cell + 1) * outputs)]
            if data.task == .regression {
                values.append(Double(out.first ?? 0))
                confidence.append(1)
            } else if outputs == 1 {
                let p = Double(out.first ?? 0)
                values.append(p > 0.5 ? 1 : 0)
                confidence.append(max(p, 1 - p))
            } else {
                let best = argmax(out)
                values.append(Double(best))
                confidence.append(Double(out[out.startIndex + best]))
            }
        }

        let labels: [Double]
        switch data.train.targets {
        case .classification(let classIndices, _): labels = classIndices.map(Double.init)
        case .regression(let targets): labels = targets.scalars.map(Double.init)
        }
        let step = max(1, xs.count / maximumPoints)
        let points = stride(from: 0, to: xs.count, by: step).map { (x: xs[$0], y: ys[$0], label: labels[$0]) }
        return DecisionBoundary(
            xRange: xRange, yRange: yRange, columns: columns, rows: rows, values: values,
            confidence: confidence, points: points, classCount: data.classNames.count)
    }

    /// How many training points the data pane draws at most.
    static let maximumPoints = 400

    /// The first few test rows (training rows without a test set) with their predictions, and
    /// the raw input as an image when it has a square number of features, such as 8x8 digits.
    static func samplePredictions(
        data: LoadedData, model: Sequential, loss: Loss, context: ForwardContext
    ) -> [SamplePrediction] {
        let (source, originalRows, count) = data.sampleRows(limit: 6)
        guard count > 0 else { return [] }
        let pass = model.forward(source.inputs(rows: Array(0..<count)), context: context)
        let prediction = loss.prediction(of: pass, model: model)
        let outputs = prediction.count / count
        let side = Int(Double(data.raw.featureCount).squareRoot())
        let isSquare = side * side == data.raw.featureCount && side >= 4

        return (0..<count).map { row in
            let out = Array(prediction.scalars[(row * outputs)..<((row + 1) * outputs)])
            var sample = SamplePrediction(row: row, truth: "", predicted: "", confidence: 1, image: nil)
            switch source.targets {
            case .classification(let classIndices, let names):
                let probabilities = outputs == 1 ? [1 - out[0], out[0]] : out
                let best = argmax(probabilities)
                sample.truth = names[classIndices[row]]
                sample.predicted = best < names.count ? names[best] : "\(best)"
                sample.confidence = Double(probabilities[best])
            case .regression(let values):
                sample.truth = String(format: "%.3g", Double(values.scalars[row]))
                sample.predicted = String(format: "%.3g", Double(out.first ?? 0))
            }
            if isSquare {
                let start = originalRows[row] * data.raw.featureCount
                let pixels = data.raw.features.scalars[start..<(start + side * side)].map(Double.init)
                let maximum = max(pixels.max() ?? 1, 1e-9)
                sample.image = (0..<side).map { r in (0..<side).map { c in pixels[r * side + c] / maximum } }
            }
            return sample
        }
    }

    static func paddedRange(_ values: [Double]) -> ClosedRange<Double> {
        let low = values.min() ?? -1
        let high = values.max() ?? 1
        let pad = max(1e-6, (high - low) * 0.05)
        return (low - pad)...(high + pad)
    }
}
