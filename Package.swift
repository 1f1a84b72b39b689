// swift-tools-version:6.0
//
// LayerLab's modules, from the bottom up. Each depends only on modules listed above it:
//   COpenBLAS, CNCursesW, CReadline, CSupport   system-library shims and C signal handlers
//   Engine      tensors, autodiff, layers, losses, optimizers (only Engine imports COpenBLAS)
//   Datasets    CSV loading, normalization, splits, mini-batches
//   Plot        character grids, charts, tables (knows nothing of Engine or curses)
//   Workbench   command language, lab state, executor, training runner, headless output
//   TUI         ncurses screen, panes, readline prompt, main loop (only TUI imports curses)
//   layerlab    the executable: argument parsing and wiring only
import Foundation
import PackageDescription

/// The compiler flags that let the engine's vector loops use AVX2 and FMA, when the building
/// machine has them (read from /proc/cpuinfo). With 8-wide loops instead of the baseline x86-64
/// build's 4-wide ones, an LSTM training step took about a fifth less time.
/// The binary then needs such a CPU. Set LAYERLAB_TARGET_CPU to an LLVM CPU name (`x86-64` for
/// any 64-bit x86) to build for another one.
let engineCPUFlags: [String] = {
    if let cpu = ProcessInfo.processInfo.environment["LAYERLAB_TARGET_CPU"], !cpu.isEmpty {
        return ["-target-cpu", cpu]
    }
    guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
        let flagLine = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
    else { return [] }
    let flags = Set(flagLine.split(separator: " ").map(String.init))
    let haswell = ["avx2", "fma", "bmi1", "bmi2", "f16c", "movbe", "popcnt", "abm"]
    return haswell.allSatisfy(flags.contains) ? ["-target-cpu", "haswell"] : []
}()

let package = Package(
    name: "LayerLab",
    products: [
        .executable(name: "layerlab", targets: ["layerlab"]),
        .executable(name: "layerlab-bench", targets: ["LayerLabBench"]),
    ],
    targets: [
        .systemLibrary(
            name: "COpenBLAS", path: "Sources/COpenBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        // pkg-config's -D flags are dropped by SwiftPM, so the shims define what they need.
        .systemLibrary(
            name: "CNCursesW", path: "Sources/CNCursesW", providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(
            name: "CReadline", path: "Sources/CReadline", providers: [.apt(["libreadline-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "CSupport"),

        // Swift's Float.squareRoot() calls C's sqrtf, which by default may set errno and so
        // keeps loops over square roots (Adam's update) from vectorizing. The engine never
        // reads errno after a math function.
        .target(
            name: "Engine", dependencies: ["COpenBLAS"],
            swiftSettings: [.unsafeFlags(["-Xcc", "-fno-math-errno"] + engineCPUFlags)]),
        .target(name: "Datasets", dependencies: ["Engine", "CZlib"]),
        .target(name: "Plot"),
        .target(name: "Workbench", dependencies: ["Engine", "Datasets", "Plot"]),
        .target(
            name: "TUI",
            dependencies: ["Workbench", "Plot", "CNCursesW", "CReadline", "CSupport"]),
        .executableTarget(name: "layerlab", dependencies: ["Workbench", "TUI"]),
        .executableTarget(name: "LayerLabBench", dependencies: ["Engine"]),

        .testTarget(name: "EngineTests", dependencies: ["Engine"], exclude: ["Fixtures"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets"], exclude: ["Fixtures"]),
        .testTarget(name: "PlotTests", dependencies: ["Plot"]),
        .testTarget(name: "WorkbenchTests", dependencies: ["Workbench"], exclude: ["Fixtures"]),
        .testTarget(name: "TUITests", dependencies: ["TUI", "Workbench", "Plot"]),
    ]
)
