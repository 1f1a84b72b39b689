import Foundation
import Testing

/// Every lesson in sessions/lessons replays headless without an error (`wait` is skipped
/// without a screen).
@Suite(.serialized, binaryIsBuilt)
struct LessonReplayTests {
    static let lessons: [String] = {
        let folder = LayerLabProcess.packageRoot.appendingPathComponent("sessions/lessons")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".lab") }.sorted().map { "sessions/lessons/\($0)" }
    }()

    @Test func lessonsExist() {
        #expect(Self.lessons.count >= 9)
    }

    @Test(arguments: lessons)
    func lessonReplaysWithoutError(_ lesson: String) throws {
        let result = try LayerLabProcess.run(["run", lesson])
        #expect(result.status == 0, "\(lesson): \(result.standardError)")
        #expect(result.standardOutput.contains("Lesson"))
    }

    @Test func backpropagationLessonAgreesEverywhere() throws {
        let result = try LayerLabProcess.run(["run", "sessions/lessons/04-backprop-by-hand.lab"])
        #expect(result.status == 0)
        let agreements = result.standardOutput.split(separator: "\n").filter {
            $0.contains("ledger vs autodiff")
        }
        #expect(agreements.count == 2)
        #expect(agreements.allSatisfy { $0.contains("(agree within") })
        #expect(result.standardOutput.contains("all 4 tensors pass"))
        #expect(result.standardOutput.contains("undid step 1"))
    }
}
