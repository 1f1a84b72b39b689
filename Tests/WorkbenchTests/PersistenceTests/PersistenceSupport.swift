import Engine
import Foundation
import Testing

@testable import Workbench

/// A fresh folder under the system's temporary folder, removed by `remove()`.
struct TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "layerlab-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Everything training depends on, compared bit for bit: weights, buffers, optimizer state,
/// counters, the generator, the open epoch and the recorded losses.
struct LabFingerprint: Equatable {
    var tensors: [String: [UInt32]]
    var optimizerState: [String: [UInt32]]
    var optimizerStepCount: Int?
    var learningRate: UInt32?
    var epochs: Int
    var steps: Int
    var random: [UInt64]
    var cursorOrder: [Int]?
    var cursorPosition: Int?
    var stepLosses: [UInt32]
    var epochLosses: [UInt64]

    init(_ lab: Lab) {
        var tensors: [String: [UInt32]] = [:]
        if let model = lab.model {
            for (name, variable) in model.namedParameters + model.namedBuffers {
                tensors[name] = variable.value.scalars.map(\.bitPattern)
            }
        }
        self.tensors = tensors
        optimizerState = (lab.optimizer?.state ?? [:]).mapValues { $0.scalars.map(\.bitPattern) }
        optimizerStepCount = lab.optimizer?.stepCount
        learningRate = lab.optimizer?.learningRate.bitPattern
        epochs = lab.epochsTrained
        steps = lab.stepsTrained
        random = lab.random.stateWords
        cursorOrder = lab.epochCursor?.order
        cursorPosition = lab.epochCursor?.position
        stepLosses = lab.metrics.stepLosses.map(\.bitPattern)
        epochLosses = lab.metrics.epochs.map(\.loss.bitPattern)
    }
}

/// Runs lines on an executor and fails the test on the first error.
func run(_ lines: [String], on executor: Executor) throws {
    for line in lines {
        try executor.execute(line: line)
    }
}

/// Returns a copy of a safetensors file with its header JSON rewritten by `transform` and the
/// length prefix updated; the data buffer is kept.
func rewritingHeader(_ bytes: [UInt8], _ transform: (String) -> String) -> [UInt8] {
    var length = 0
    for (index, byte) in bytes.prefix(8).enumerated() {
        length |= Int(byte) << (8 * index)
    }
    let json = String(decoding: bytes[8..<(8 + length)], as: UTF8.self)
    let rewritten = Array(transform(json).utf8)
    var result: [UInt8] = []
    withUnsafeBytes(of: UInt64(rewritten.count).littleEndian) { result.append(contentsOf: $0) }
    return result + rewritten + bytes[(8 + length)...]
}
