import Engine

/// The benchmark workloads, under the ids that the PyTorch and NumPy reference scripts use.
///
/// All data are float32, drawn before timing from `RandomGenerator(seed: workloadSeed)`, and
/// a training workload cycles through a pool of `batchPoolSize` batches. Weights use LayerLab's
/// initializers (the reference scripts use PyTorch's default), which changes `final_loss` but
/// not the work done per step.
///
/// Adding a workload takes one function that returns its `WorkloadKind`, plus its case here.
enum Workload: String, CaseIterable {
    case tinyMLP = "W1_tiny_mlp"
    case mnistMLP = "W2_mnist_mlp"
    case smallCNN = "W3_small_cnn"
    case lstm = "W4_lstm"
    case gru = "W5_gru"
    case autoencoder = "W6_autoencoder"
    case inferenceLatency = "W7_infer_latency"
    case gemm1024 = "gemm_1024"

    var kind: WorkloadKind {
        switch self {
        case .tinyMLP: .training(makeTinyMLP)
        case .mnistMLP: .training(makeMNISTMLP)
        case .smallCNN: .training(makeSmallCNN)
        case .lstm: .training { try makeRecurrentRegressor(cell: .lstm) }
        case .gru: .training { try makeRecurrentRegressor(cell: .gru) }
        case .autoencoder: .training(makeAutoencoder)
        case .inferenceLatency: .latency(makeInferenceCall)
        case .gemm1024: .gemm(flopsPerCall: 2 * 1024 * 1024 * 1024, makeGEMMCall)
        }
    }

    var isAvailable: Bool {
        if case .unavailable = kind { return false }
        return true
    }
}

/// The timing method of a workload, with the function that prepares it.
enum WorkloadKind {
    /// Training steps, reported as samples/s with the final loss.
    case training(() throws -> TrainingSetup)
    /// Single calls timed one by one, reported as latency in microseconds.
    case latency(() throws -> () -> Void)
    /// Calls of a GEMM, reported as GFLOP/s.
    case gemm(flopsPerCall: Double, () throws -> () -> Void)
    /// A workload that LayerLab cannot run yet, and the reason.
    case unavailable(String)
}

/// A model with its loss, optimizer and a pool of pre-generated batches.
struct TrainingSetup {
    var model: Sequential
    var loss: Loss
    var optimizer: any Optimizer
    var batchSize: Int
    var batches: [(inputs: Tensor, target: Target)]
}

/// A workload that LayerLab cannot run yet.
struct WorkloadNotAvailable: Error, CustomStringConvertible {
    var workload: Workload
    var reason: String

    var description: String {
        "\(workload.rawValue) is not available yet: \(reason)"
    }
}

/// The seed of every workload's generator, equal to the reference scripts' seed.
let workloadSeed: UInt64 = 1234
/// Distinct batches per training workload, cycled through.
let batchPoolSize = 16

/// Measures `workload` and returns its output record.
func measure(
    _ workload: Workload, settings: HarnessSettings, threads: Int, variant: String
) throws -> BenchmarkRecord {
    switch workload.kind {
    case .training(let makeSetup):
        let setup = try makeSetup()
        let context = ForwardContext(isTraining: true, random: RandomGenerator(seed: workloadSeed))
        var batchIndex = 0
        var lastLoss = Float.nan
        let timing = timeSteps(settings: settings) {
            let batch = setup.batches[batchIndex % setup.batches.count]
            batchIndex += 1
            lastLoss = trainingStep(
                model: setup.model, loss: setup.loss, optimizer: setup.optimizer,
                inputs: batch.inputs, target: batch.target, context: context)
        }
        return measurementRecord(
            workload: workload.rawValue, threads: threads, variant: variant, timing: timing,
            batch: setup.batchSize, finalLoss: lastLoss)
    case .latency(let makeCall):
        let call = try makeCall()
        let timing = timeLatency(settings: settings, call)
        return measurementRecord(
            workload: workload.rawValue, threads: threads, variant: variant, timing: timing,
            batch: 1)
    case .gemm(let flopsPerCall, let makeCall):
        let call = try makeCall()
        let timing = timeSteps(settings: settings, call)
        return measurementRecord(
            workload: workload.rawValue, threads: threads, variant: variant, timing: timing,
            flopsPerCall: flopsPerCall)
    case .unavailable(let reason):
        throw WorkloadNotAvailable(workload: workload, reason: reason)
    }
}

/// W1: 2-8-8-1 with tanh hidden layers, binary cross-entropy on the logits of the last dense
/// layer, SGD with learning rate 0.03, batch 10. Inputs are uniform in [-1, 1) and the target
/// is 1 where x0 · x1 > 0, else 0.
private func makeTinyMLP() throws -> TrainingSetup {
    var random = RandomGenerator(seed: workloadSeed)
    let model = Sequential(inputShape: [2])
    try model.append(Dense(inFeatures: 2, outFeatures: 8, initializer: .xavier, random: &random))
    try model.append(ActivationLayer(.tanh))
    try model.append(Dense(inFeatures: 8, outFeatures: 8, initializer: .xavier, random: &random))
    try model.append(ActivationLayer(.tanh))
    try model.append(Dense(inFeatures: 8, outFeatures: 1, initializer: .xavier, random: &random))

    let batchSize = 10
    let batches = (0..<batchPoolSize).map { _ in
        let inputs = Tensor(shape: [batchSize, 2]) { _ in random.nextUniform(in: -1, 1) }
        let labels = (0..<batchSize).map { row -> Float in
            inputs[row, 0] * inputs[row, 1] > 0 ? 1 : 0
        }
        return (inputs, Target.values(Tensor(shape: [batchSize, 1], scalars: labels)))
    }
    return TrainingSetup(
        model: model, loss: .binaryCrossEntropy, optimizer: SGD(learningRate: 0.03),
        batchSize: batchSize, batches: batches)
}

/// W2: 784-128-64-10 with ReLU, softmax cross-entropy on the logits, SGD with learning rate
/// 0.01 and momentum 0.9, batch 64. Inputs are standard normal and the classes uniform.
private func makeMNISTMLP() throws -> TrainingSetup {
    var random = RandomGenerator(seed: workloadSeed)
    let model = try makeMNISTNetwork(random: &random)
    let batchSize = 64
    let batches = (0..<batchPoolSize).map { _ in
        let inputs = Tensor(shape: [batchSize, 784]) { _ in random.nextNormal() }
        let classes = (0..<batchSize).map { _ in random.nextIndex(below: 10) }
        return (inputs, Target.classes(classes))
    }
    return TrainingSetup(
        model: model, loss: .crossEntropy,
        optimizer: SGD(learningRate: 0.01, momentum: 0.9), batchSize: batchSize,
        batches: batches)
}

/// W3: 1x28x28 → conv 8 3x3 pad 1 → ReLU → max-pool 2 → conv 16 3x3 pad 1 → ReLU → max-pool 2 →
/// flatten (784) → dense 10. The loss is softmax cross-entropy on the logits and the optimizer
/// Adam with learning rate 1e-3, on batches of 64. Inputs are standard normal and the classes
/// uniform.
private func makeSmallCNN() throws -> TrainingSetup {
    var random = RandomGenerator(seed: workloadSeed)
    let model = Sequential(inputShape: [1, 28, 28])
    try model.append(
        Conv2D(
            inChannels: 1, outChannels: 8, kernelSize: 3, padding: 1, initializer: .he,
            random: &random))
    try model.append(ActivationLayer(.relu))
    try model.append(MaxPool2D(kernelSize: 2))
    try model.append(
        Conv2D(
            inChannels: 8, outChannels: 16, kernelSize: 3, padding: 1, initializer: .he,
            random: &random))
    try model.append(ActivationLayer(.relu))
    try model.append(MaxPool2D(kernelSize: 2))
    try model.append(Flatten())
    try model.append(
        Dense(inFeatures: 16 * 7 * 7, outFeatures: 10, initializer: .xavier, random: &random))

    let batchSize = 64
    let batches = (0..<batchPoolSize).map { _ in
        let inputs = Tensor(shape: [batchSize, 1, 28, 28]) { _ in random.nextNormal() }
        let classes = (0..<batchSize).map { _ in random.nextIndex(below: 10) }
        return (inputs, Target.classes(classes))
    }
    return TrainingSetup(
        model: model, loss: .crossEntropy, optimizer: Adam(learningRate: 1e-3),
        batchSize: batchSize, batches: batches)
}

/// The recurrent cell of W4 and W5.
private enum BenchmarkCell {
    case lstm
    case gru
}

/// W4 and W5: a sequence of 50 steps with 1 feature → LSTM or GRU with 64 hidden units, 1
/// layer → its last hidden state → dense 1, mean squared error, Adam with learning rate 1e-3,
/// batch 32. Inputs are standard normal and the target is the mean of each sequence. The GRU
/// uses PyTorch's form, where the reset gate scales W_hn h + b_hn, as the reference's `nn.GRU`.
private func makeRecurrentRegressor(cell: BenchmarkCell) throws -> TrainingSetup {
    var random = RandomGenerator(seed: workloadSeed)
    let steps = 50
    let hidden = 64
    let model = Sequential(inputShape: [steps, 1])
    switch cell {
    case .lstm:
        try model.append(LSTM(inputSize: 1, hiddenSize: hidden, random: &random))
    case .gru:
        try model.append(GRU(inputSize: 1, hiddenSize: hidden, form: .pytorch, random: &random))
    }
    try model.append(
        Dense(inFeatures: hidden, outFeatures: 1, initializer: .xavier, random: &random))

    let batchSize = 32
    let batches = (0..<batchPoolSize).map { _ in
        let inputs = Tensor(shape: [batchSize, steps, 1]) { _ in random.nextNormal() }
        let means = (0..<batchSize).map { row -> Float in
            (0..<steps).reduce(0) { $0 + inputs[row, $1, 0] } / Float(steps)
        }
        return (inputs, Target.values(Tensor(shape: [batchSize, 1], scalars: means)))
    }
    return TrainingSetup(
        model: model, loss: .meanSquaredError, optimizer: Adam(learningRate: 1e-3),
        batchSize: batchSize, batches: batches)
}

/// W6: 784-64-784 with a ReLU hidden layer and a sigmoid output, mean squared error to the
/// input, Adam with learning rate 1e-3, batch 64. Inputs are uniform in [0, 1).
private func makeAutoencoder() throws -> TrainingSetup {
    var random = RandomGenerator(seed: workloadSeed)
    let model = Sequential(inputShape: [784])
    try model.append(Dense(inFeatures: 784, outFeatures: 64, initializer: .he, random: &random))
    try model.append(ActivationLayer(.relu))
    try model.append(Dense(inFeatures: 64, outFeatures: 784, initializer: .xavier, random: &random))
    try model.append(ActivationLayer(.sigmoid))

    let batchSize = 64
    let batches = (0..<batchPoolSize).map { _ in
        let inputs = Tensor(shape: [batchSize, 784]) { _ in random.nextUniform() }
        return (inputs, Target.values(inputs))
    }
    return TrainingSetup(
        model: model, loss: .meanSquaredError, optimizer: Adam(learningRate: 1e-3),
        batchSize: batchSize, batches: batches)
}

/// W7: one forward pass of W2's network in evaluation mode on a single standard-normal sample,
/// through `Sequential.evaluate`, which records no graph. The PyTorch reference runs its pass
/// under `torch.inference_mode()`, which records none either.
private func makeInferenceCall() throws -> () -> Void {
    var random = RandomGenerator(seed: workloadSeed)
    let model = try makeMNISTNetwork(random: &random)
    let sample = Tensor(shape: [1, 784]) { _ in random.nextNormal() }
    let context = ForwardContext(isTraining: false, random: random)
    return { _ = model.evaluate(sample, context: context) }
}

/// Builds the 784-128-64-10 ReLU network of W2 and W7.
private func makeMNISTNetwork(random: inout RandomGenerator) throws -> Sequential {
    let model = Sequential(inputShape: [784])
    try model.append(Dense(inFeatures: 784, outFeatures: 128, initializer: .he, random: &random))
    try model.append(ActivationLayer(.relu))
    try model.append(Dense(inFeatures: 128, outFeatures: 64, initializer: .he, random: &random))
    try model.append(ActivationLayer(.relu))
    try model.append(Dense(inFeatures: 64, outFeatures: 10, initializer: .he, random: &random))
    return model
}

/// gemm_1024: C = A · B for standard-normal 1024 × 1024 matrices through `BLAS.gemm`, writing
/// into the same preallocated C on every call.
private func makeGEMMCall() throws -> () -> Void {
    let matrices = GEMMBuffers(size: 1024)
    return {
        let n = matrices.size
        BLAS.gemm(
            transposeA: false, transposeB: false, m: n, n: n, k: n,
            a: matrices.a, b: matrices.b, c: matrices.c)
    }
}

/// The three matrices of the GEMM workload, freed when the last call closure is released.
private final class GEMMBuffers {
    let size: Int
    let a: UnsafeMutablePointer<Float>
    let b: UnsafeMutablePointer<Float>
    let c: UnsafeMutablePointer<Float>

    init(size: Int) {
        self.size = size
        let count = size * size
        var random = RandomGenerator(seed: workloadSeed)
        a = .allocate(capacity: count)
        b = .allocate(capacity: count)
        c = .allocate(capacity: count)
        for i in 0..<count { a[i] = random.nextNormal() }
        for i in 0..<count { b[i] = random.nextNormal() }
        c.initialize(repeating: 0, count: count)
    }

    deinit {
        a.deallocate()
        b.deallocate()
        c.deallocate()
    }
}
