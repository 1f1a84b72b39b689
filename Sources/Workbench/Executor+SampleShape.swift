import Datasets
import Engine

extension Executor {
    /// Reads the loaded data's samples as `shape` when that shape has as many values as a
    /// sample but a different layout, so `input 1x8x8` turns 64 flat pixel features into one
    /// 8 by 8 channel.
    ///
    /// The values stay in their row-major order, so feature `r * 8 + c` becomes pixel (r, c).
    /// The split and the standardization do not change, because they work on the flat rows.
    func reinterpretSamples(as shape: [Int]) {
        guard var data = lab.data, data.featureShape != shape,
            Tensor.count(of: shape) == Tensor.count(of: data.featureShape)
        else { return }
        let previous = data.featureShape
        data.raw = data.raw.withSampleShape(shape)
        data.train = data.train.withSampleShape(shape)
        data.test = data.test.withSampleShape(shape)
        lab.data = data
        output.message(
            "the data's samples \(formatShape(previous)) are read as \(formatShape(shape)),"
                + " in row-major order")
    }
}

extension Dataset {
    /// The same rows with each sample read as `shape`, which must have `featureCount` values.
    func withSampleShape(_ shape: [Int]) -> Dataset {
        Dataset(
            name: name, features: features, featureNames: featureNames, targets: targets,
            sampleShape: shape)
    }
}
