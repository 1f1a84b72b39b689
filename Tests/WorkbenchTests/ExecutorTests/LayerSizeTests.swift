import Testing
import Workbench

/// A layer too large to allocate is rejected with an error before any memory is taken.
struct LayerSizeTests {
    @Test(arguments: [
        ["input 2", "dense 99999999999"],
        ["input 99999x99999", "dense 10"],
        ["input 1x8x8", "conv2d 999999999 kernel=3"],
    ])
    func hugeLayerIsRejected(_ lines: [String]) throws {
        let (executor, _) = try OutputRecorder.executor(Array(lines.dropLast()))
        let error = #expect(throws: WorkbenchError.self) {
            try executor.execute(line: lines.last!)
        }
        #expect(error?.description.contains("parameters") == true)
        #expect(error?.description.contains("fewer") == true)
        #expect(executor.lab.model?.layers.isEmpty == true)
    }
}
