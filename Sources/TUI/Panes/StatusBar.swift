import Plot
import Workbench

/// The status line above the prompt: the run state, its progress and settings, the frame
/// counter and the help key, in reverse video across the whole width.
///
/// ```
///  training  epoch 3  run 1/5  step 120  12/40  lr 0.01  batch 32  1520 samples/s  frame 42
/// ```
///
/// When the row is too narrow, the least important items are left out. `epoch N` and
/// `frame N` are never left out.
enum StatusBar {
    static func render(
        _ snapshot: TrainingSnapshot, status: StatusLine, width: Int, glyphs: GlyphSet,
        color: Bool
    ) -> CharGrid {
        let base = CellStyle(reverse: true)
        var grid = CharGrid(width: max(0, width), height: 1, fill: Cell(" ", style: base))
        var items = items(snapshot, status: status)

        // Each item takes its text and two spaces after it, plus one column at the left edge.
        func totalWidth() -> Int {
            items.map { $0.text.displayWidth + 2 }.reduce(1, +)
        }
        while totalWidth() > width + 1 {
            let removable = items.indices.filter { items[$0].priority < Item.kept }
            guard let lowest = removable.min(by: { items[$0].priority < items[$1].priority })
            else { break }
            items.remove(at: lowest)
        }

        var x = 1
        for item in items {
            var style = base
            if item.isState {
                style.bold = true
                if color { style.foreground = stateColor(snapshot.run) }
            }
            let start = item.isRightAligned ? max(x, width - item.text.displayWidth - 1) : x
            x = grid.draw(item.text, x: start, y: 0, style: style) + 2
        }
        return grid
    }

    /// One item of the line, and how important it is: items of lower priority are left out
    /// first when the line is too narrow.
    struct Item: Equatable {
        var text: String
        var priority: Int
        var isState = false
        var isRightAligned = false

        /// Items of this priority or more are never left out.
        static let kept = 100
    }

    /// Returns the items in display order: the run's progress and settings, then the screen's
    /// own figures and the help key.
    static func items(_ snapshot: TrainingSnapshot, status: StatusLine) -> [Item] {
        var items = runItems(snapshot)

        if let note = status.note, !note.isEmpty {
            items.append(Item(text: note, priority: 70))
        }
        items.append(Item(text: "frame \(status.frame)", priority: Item.kept))
        if status.framesPerSecond > 0 {
            let rate = PaneNumber.compact(status.framesPerSecond, digits: 2)
            items.append(Item(text: "\(rate) fps", priority: 1))
        }

        items.append(Item(text: "F1 help", priority: 35, isRightAligned: true))
        return items
    }

    /// Returns the state, epoch and step, the position in the run and the epoch, the
    /// learning rate, batch size and throughput, and the reason of a failure.
    private static func runItems(_ snapshot: TrainingSnapshot) -> [Item] {
        var items: [Item] = []
        items.append(Item(text: stateName(snapshot.run), priority: 90, isState: true))
        items.append(Item(text: "epoch \(snapshot.epoch)", priority: Item.kept))
        if snapshot.epochsRequested > 0 && snapshot.run != .idle {
            let run = "run \(snapshot.epochsDoneInRun)/\(snapshot.epochsRequested)"
            items.append(Item(text: run, priority: 3))
        }
        items.append(Item(text: "step \(snapshot.step)", priority: 80))
        if snapshot.stepsPerEpoch > 0 {
            let position = "\(snapshot.stepInEpoch)/\(snapshot.stepsPerEpoch)"
            items.append(Item(text: position, priority: 40))
        }

        if snapshot.learningRate > 0 {
            let rate = PaneNumber.compact(Double(snapshot.learningRate))
            items.append(Item(text: "lr \(rate)", priority: 60))
        }
        if snapshot.batchSize > 0 {
            items.append(Item(text: "batch \(snapshot.batchSize)", priority: 50))
        }
        if snapshot.samplesPerSecond > 0 {
            let rate = PaneNumber.rate(snapshot.samplesPerSecond)
            items.append(Item(text: "\(rate) samples/s", priority: 30))
        }
        if case .failed(let reason) = snapshot.run, !reason.isEmpty {
            items.append(Item(text: reason, priority: 20))
        }
        return items
    }

    static func stateName(_ run: RunState) -> String {
        switch run {
        case .idle: "idle"
        case .training: "training"
        case .paused: "paused"
        case .failed: "failed"
        }
    }

    /// Green while training, yellow when paused, red after a failure.
    private static func stateColor(_ run: RunState) -> TerminalColor {
        switch run {
        case .idle: .default
        case .training: .indexed(34)
        case .paused: .indexed(178)
        case .failed: .indexed(196)
        }
    }
}
