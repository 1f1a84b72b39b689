import Engine
import Testing

@testable import Workbench

/// The memory estimate of a training batch, the limit it is compared with, and the check that
/// rejects a batch that does not fit before training allocates it.
struct MemoryCheckTests {
    /// Builds a convolution on the 8x8 digits whose layers output 6400, 6400, 6400 and 10 values per
    /// sample.
    static func imageModel() throws -> Executor {
        let (executor, _) = try OutputRecorder.executor([
            "seed 1", "data load \(SequenceFixtures.samplePath("digits.csv")) label=label",
            "input 1x8x8",
            "conv2d 100 kernel=1 relu", "flatten", "dense 10", "loss crossentropy", "batch 8",
        ])
        return executor
    }

    @Test func estimateCountsOutputsAndGradients() throws {
        let model = try #require(try Self.imageModel().lab.model)
        let memory = try #require(ActivationMemory(model: model, batchSize: 8, parameterTensors: 3))
        // 2 (value and gradient) x 8 rows x 4 bytes per output value.
        #expect(memory.activationBytes == 2 * 8 * 4 * (6400 + 6400 + 6400 + 10))
        // Conv2D 100 x 1 + 100, Dense 10 x 6400 + 10.
        #expect(memory.parameterStateBytes == 3 * 4 * (200 + 64_010))
        #expect(memory.largest == ActivationMemory.Layer(index: 0, kind: "Conv2D", bytes: 409_600))
    }

    @Test func limitTakesTighterBound() {
        let address = MemoryLimit.tighter(
            memAvailable: 8_000_000_000, addressSpaceLimit: 3_072_000_000,
            addressSpaceUsed: 400_000_000)
        #expect(
            address
                == MemoryLimit(
                    availableBytes: 2_672_000_000, source: .addressSpace,
                    addressSpaceLimit: 3_072_000_000))
        let available = MemoryLimit.tighter(
            memAvailable: 1_000_000, addressSpaceLimit: nil, addressSpaceUsed: 400_000_000)
        #expect(available == MemoryLimit(availableBytes: 1_000_000, source: .memAvailable))
        #expect(MemoryLimit.tighter(memAvailable: nil, addressSpaceLimit: nil, addressSpaceUsed: 1) == nil)
    }

    @Test func procLinesParseToBytes() {
        let status = "Name:\tlayerlab\nVmPeak:\t  5000 kB\nVmSize:\t    3892 kB\n"
        #expect(MemoryLimit.kilobytes("VmSize:", inText: status) == 3892 * 1024)
        let meminfo = "MemTotal:       32000000 kB\nMemAvailable:   23877772 kB\n"
        #expect(MemoryLimit.kilobytes("MemAvailable:", inText: meminfo) == 23_877_772 * 1024)
        #expect(MemoryLimit.kilobytes("MemFree:", inText: meminfo) == nil)
    }

    @Test func currentLimitIsReadOnLinux() throws {
        let limit = try #require(MemoryLimit.current())
        #expect(limit.availableBytes > 0)
    }

    @Test func trainRejectsBatchThatDoesNotFit() throws {
        let executor = try Self.imageModel()
        // Outputs and gradients of 8 rows: 2 x 8 x 4 x 19,210 = 1,229,440 bytes. Before the
        // first step, the undo copy, the gradients and Adam's two moments: 4 x 256,840 bytes.
        executor.memoryLimit = { MemoryLimit(availableBytes: 1_500_000, source: .addressSpace) }
        // Whether OpenBLAS's buffer exists depends on the tests that ran before.
        executor.pendingWorkBufferBytes = { 0 }
        var message = ""
        do {
            try executor.execute(line: "train 1")
        } catch {
            message = error.description
        }
        #expect(
            message
                == "training on a batch of 8 needs about 2.3 MB (1.2 MB for the layers' outputs"
                + " and their gradients, 1.0 MB for copies of the parameters), more than the"
                + " 1.5 MB left under the address-space limit (ulimit -v); the output of layer 0"
                + " (Conv2D) and its gradient alone need 0.4 MB. Lower the batch size, for"
                + " example `batch 1`")
        #expect(executor.lab.stepsTrained == 0)
        executor.memoryLimit = { MemoryLimit(availableBytes: 2_300_000, source: .memAvailable) }
        try executor.execute(line: "train 1")
        // 1438 training rows in batches of 8.
        #expect(executor.lab.stepsTrained == 180)
    }

    @Test func trainCountsBLASWorkBuffer() throws {
        let executor = try Self.imageModel()
        // Without the buffer the first step needs about 2.3 MB, as in the test above. With a
        // limit of 300,000 kB (307.2 MB) of which 100 MB is left, OpenBLAS's buffer alone
        // does not fit.
        executor.memoryLimit = {
            MemoryLimit(
                availableBytes: 100_000_000, source: .addressSpace,
                addressSpaceLimit: 300_000 * 1024)
        }
        executor.pendingWorkBufferBytes = { BLAS.workBufferBytes }
        var message = ""
        do {
            try executor.execute(line: "train 1")
        } catch {
            message = error.description
        }
        // 134,221,824 + 2,256,800 bytes is about 136 MB. The limit suggested is 300,000 kB plus
        // twice the 36.5 MB shortfall, rounded up to 100,000 kB.
        #expect(
            message
                == "training on a batch of 8 needs about 136 MB (1.2 MB for the layers'"
                + " outputs and their gradients, 1.0 MB for copies of the parameters, 134 MB"
                + " for the work buffer that OpenBLAS allocates on its first matrix product),"
                + " more than the 100 MB left under the address-space limit (ulimit -v) of"
                + " 300,000 kB; the output of layer 0 (Conv2D) and its gradient alone need"
                + " 0.4 MB. The parameter copies and OpenBLAS's work buffer alone do not fit,"
                + " so raise the limit before starting LayerLab, for example `ulimit -v 400000`")
        #expect(executor.lab.stepsTrained == 0)
        // Once the buffer exists, the same limit leaves room to train.
        executor.pendingWorkBufferBytes = { 0 }
        try executor.execute(line: "train 1")
        #expect(executor.lab.stepsTrained == 180)
    }

    @Test func workBufferFlagSetBySgemm() {
        let a: [Float] = [1, 2, 3, 4]
        var c = [Float](repeating: 0, count: 4)
        c.withUnsafeMutableBufferPointer { out in
            BLAS.gemm(
                transposeA: false, transposeB: false, m: 2, n: 2, k: 2,
                a: a, b: a, c: out.baseAddress!)
        }
        #expect(BLAS.workBufferAllocated)
        // [[1, 2], [3, 4]] squared.
        #expect(c == [7, 10, 15, 22])
    }

    @Test func evaluationChunkShrinksToFit() throws {
        let model = try #require(try Self.imageModel().lab.model)
        // One row's outputs take 4 x 19,210 = 76,840 bytes, so 1024 rows take about 79 MB.
        let limit = MemoryLimit(availableBytes: 10 * 76_840, source: .memAvailable)
        #expect(Evaluation.chunkSize(model: model, memoryLimit: { limit }) == 5)
        #expect(Evaluation.chunkSize(model: model, memoryLimit: { nil }) == 1024)
        let tiny = MemoryLimit(availableBytes: 10, source: .memAvailable)
        #expect(Evaluation.chunkSize(model: model, memoryLimit: { tiny }) == 1)
    }

    @Test func smallModelSkipsTheLimit() throws {
        let (executor, _) = try OutputRecorder.executor(["input 2", "dense 4 relu", "dense 2"])
        let model = try #require(executor.lab.model)
        var limitRead = false
        let size = Evaluation.chunkSize(model: model) {
            limitRead = true
            return MemoryLimit(availableBytes: 10, source: .memAvailable)
        }
        #expect(size == 1024)
        #expect(!limitRead)
    }
}
