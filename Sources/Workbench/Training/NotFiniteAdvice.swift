import Datasets
import Engine
import Foundation

/// The fixes offered when training stops at a loss or gradient that is not finite, with the
/// causes that the data shows listed first.
enum NotFiniteAdvice {
    /// The largest input magnitude that unstandardized features may reach before the advice
    /// names them: standardized features rarely pass 10.
    static let largeInput: Float = 10
    /// The largest regression target magnitude before the advice names it. It is a judgment,
    /// not a measured limit: squared errors of larger targets pass 1e6, and their gradients
    /// make the first steps large.
    static let largeTarget: Float = 1000

    /// Returns the advice, starting with "; " to follow the alarm's message.
    ///
    /// - Parameters:
    ///   - learningRate: The optimizer's current learning rate.
    ///   - data: The loaded data, whose inputs and targets may explain the overflow.
    static func text(learningRate: Float, data: LoadedData?) -> String {
        var causes: [String] = []
        if let data {
            let inputMax = maxMagnitude(data.train.features.scalars)
            if data.standardizer == nil, inputMax > largeInput {
                causes.append(
                    "the inputs reach \(readable(inputMax)) and are not standardized, so load"
                        + " the data without standardize=no")
            }
            if let targets = data.train.targets.values {
                let targetMax = maxMagnitude(targets.scalars)
                if targetMax > largeTarget {
                    causes.append(
                        "the regression targets reach \(readable(targetMax)), so divide the"
                            + " target column by a power of 10 in the data file")
                }
            }
        }
        causes.append(learningRateAdvice(learningRate))
        if causes.count == 1 {
            causes.append(
                "check that the inputs are standardized and that the last layer fits the loss"
                    + " (softmax with crossentropy, sigmoid with bce, no activation with mse)")
        }
        return "; " + causes.joined(separator: "; or ")
    }

    /// Proposes a tenth of the learning rate, or 0.01 when even that is above the usual
    /// range of 0.0001 to 0.1.
    static func learningRateAdvice(_ learningRate: Float) -> String {
        let tenth = Double(learningRate) / 10
        guard tenth.isFinite, tenth <= 0.1 else {
            return "the learning rate \(readable(learningRate)) is far above the usual 0.0001 to"
                + " 0.1, so start again at `set lr 0.01`"
        }
        return "lower the learning rate to a tenth with `set lr \(readable(Float(tenth)))`"
    }

    /// Formats a value with at most two significant digits: in decimal from 0.0001 up to 1e6,
    /// such as `0.0003`, and in scientific notation outside, such as `1e-5` or `1e30`.
    static func readable(_ value: Float) -> String {
        let rounded = String(format: "%.2g", Double(value))
        let magnitude = abs(Double(value))
        guard magnitude == 0 || (magnitude >= 1e-4 && magnitude < 1e6) else {
            return rounded.replacingOccurrences(of: "e+", with: "e")
                .replacingOccurrences(of: "e0", with: "e")
                .replacingOccurrences(of: "e-0", with: "e-")
        }
        var text = String(format: "%.10f", Double(rounded) ?? Double(value))
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    private static func maxMagnitude(_ values: [Float]) -> Float {
        values.reduce(0) { max($0, abs($1).isNaN ? $0 : abs($1)) }
    }
}
