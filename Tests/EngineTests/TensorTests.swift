import Engine
import Testing

struct TensorTests {
    @Test func copiesShareStorageUntilMutated() {
        let a = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])
        var b = a
        b[1, 0] = 30
        #expect(a.scalars == [1, 2, 3, 4])
        #expect(b.scalars == [1, 2, 30, 4])
    }

    @Test func matmulMatchesNaiveProductWithTransposes() {
        var random = RandomGenerator(seed: 3)
        let a = Tensor(shape: [5, 7]) { _ in random.nextUniform(in: -1, 1) }
        let b = Tensor(shape: [7, 4]) { _ in random.nextUniform(in: -1, 1) }
        var naive = Tensor(shape: [5, 4])
        for i in 0..<5 {
            for j in 0..<4 {
                var total: Float = 0
                for k in 0..<7 { total += a[i, k] * b[k, j] }
                naive[i, j] = total
            }
        }
        let products = [
            a.matmul(b),
            a.transposed().matmul(b, transposeSelf: true),
            a.matmul(b.transposed(), transposeOther: true),
        ]
        for product in products {
            #expect(product.shape == [5, 4])
            for (x, y) in zip(product.scalars, naive.scalars) { #expect(abs(x - y) < 1e-5) }
        }
    }

    @Test func gatheringRowsKeepsTheirOrder() {
        let t = Tensor(shape: [3, 2], scalars: [0, 1, 10, 11, 20, 21])
        #expect(t.gathering(rows: [2, 0]).scalars == [20, 21, 0, 1])
        #expect(t.rows(1..<3).scalars == [10, 11, 20, 21])
        #expect(t.sumOverRows().scalars == [30, 33])
    }
}

struct RandomGeneratorTests {
    @Test func sameSeedGivesSameSequence() {
        var a = RandomGenerator(seed: 42)
        var b = RandomGenerator(seed: 42)
        var c = RandomGenerator(seed: 43)
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        #expect(first != (0..<5).map { _ in c.next() })
    }

    @Test func knownFirstOutputsForSeedZero() {
        // Computed independently with a 20-line Python transcription of SplitMix64 (whose first
        // output for seed 0 is 0xE220A8397B1DCDAF) feeding xoshiro256**.
        var random = RandomGenerator(seed: 0)
        #expect(random.next() == 0x99EC_5F36_CB75_F2B4)
    }

    @Test func uniformsStayInRangeAndPermutationsAreComplete() {
        var random = RandomGenerator(seed: 1)
        for _ in 0..<10_000 {
            let u = random.nextUniform()
            #expect(u >= 0 && u < 1)
        }
        let permutation = random.permutation(100)
        #expect(permutation.sorted() == Array(0..<100))
        #expect(permutation != Array(0..<100))
    }

    @Test func normalSamplesHaveUnitVariance() {
        var random = RandomGenerator(seed: 2)
        let samples = (0..<20_000).map { _ in Double(random.nextNormal()) }
        let mean = samples.reduce(0, +) / Double(samples.count)
        let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(samples.count)
        #expect(abs(mean) < 0.03)
        #expect(abs(variance - 1) < 0.05)
    }
}
