import Datasets
import Engine

extension Executor {
    /// Samples words or running text from the model's next-character distribution, drawing
    /// with the session's generator.
    func generate(_ options: GenerateOptions) throws(WorkbenchError) {
        guard let data = lab.data, case .text(let text)? = data.sequences else {
            throw .missing(
                what: lab.data == nil
                    ? "generate needs a model trained on text, and no data is loaded"
                    : "generate needs a model trained on text, but the data is not text",
                fix: "type `data text FILE`, end the model with `dense V softmax` and train it")
        }
        let model = try existingModel()
        let sampler = text.sampler
        let symbols = text.vocabularySize
        guard model.inputShape == data.featureShape else {
            throw .invalid(
                "generate feeds contexts of shape \(formatShape(data.featureShape)), one-hot"
                    + " over \(symbols) symbols, but the model takes"
                    + " \(formatShape(model.inputShape)); start the model with"
                    + " `input \(sampler.contextLength) \(symbols)`")
        }
        guard model.outputShape == [symbols] else {
            throw .invalid(
                "generate needs \(symbols) probabilities, one per symbol, but the model outputs"
                    + " \(formatShape(model.outputShape)); end the model with"
                    + " `dense \(symbols) softmax`")
        }
        let loss = (try? lab.effectiveLoss()) ?? .crossEntropy
        let endsWithSoftmax = (model.layers.last as? ActivationLayer)?.activation == .softmax
        guard loss == .crossEntropy || endsWithSoftmax else {
            throw .invalid(
                "generate samples from a softmax output, but the model ends with"
                    + " \(model.layers.last?.kind ?? "no layer") under loss \(loss.rawValue);"
                    + " use `loss crossentropy` or end the model with `softmax`")
        }

        let context = ForwardContext(isTraining: false, random: lab.random)
        let sampleShape = [1] + data.featureShape
        let nextProbabilities: (Tensor) -> [Float] = { oneHot in
            let pass = model.forward(oneHot.reshaped(sampleShape), context: context)
            let probabilities =
                loss == .crossEntropy ? loss.prediction(of: pass, model: model) : pass.output.value
            return probabilities.scalars
        }
        do {
            if text.isWordList {
                try generateWords(options, text: text, nextProbabilities: nextProbabilities)
            } else {
                let count = options.count ?? 200
                let generated = try sampler.sample(
                    prefix: options.prefix, maximumLength: count,
                    temperature: options.temperature, using: &lab.random,
                    nextProbabilities: nextProbabilities)
                output.message(
                    "\(count) characters at temperature \(options.temperature):\n" + generated)
            }
        } catch {
            throw .dataset(error)
        }
    }

    /// Draws `options.count` words, one per line, marking those that are in the word list.
    private func generateWords(
        _ options: GenerateOptions, text: TextSource, nextProbabilities: (Tensor) -> [Float]
    ) throws(DatasetError) {
        let count = options.count ?? 10
        var lines: [String] = []
        var newCount = 0
        for _ in 0..<count {
            let word = try text.sampler.sample(
                prefix: options.prefix, maximumLength: CommandCatalog.maximumGeneratedWordLength,
                temperature: options.temperature, using: &lab.random,
                nextProbabilities: nextProbabilities)
            if word.isEmpty {
                lines.append("  (empty word)")
            } else if text.knownWords.contains(word) {
                lines.append("  \(word)  (in the data)")
            } else {
                lines.append("  \(word)")
                newCount += 1
            }
        }
        let noun = count == 1 ? "word" : "words"
        output.message(
            "\(count) \(noun) at temperature \(options.temperature), \(newCount) of them new:\n"
                + lines.joined(separator: "\n"))
    }
}
