import DutchText
import Foundation

/// The reply coach runs on every keystroke (debounced): one review of a 1,000-character draft
/// must take under 2 ms on one core. Drafts are the data set's own, repeated to 1,000 characters.
func benchmarkCoach(dataset path: String) {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8), let examples = try? CoachEvaluation.parseJSONL(text),
        !examples.isEmpty
    else {
        FileHandle.standardError.write(Data("signaal-bench coach: \(path) is geen bruikbare JSONL-set\n".utf8))
        exit(2)
    }
    let coach = ReplyCoach()
    func padded(_ draft: String) -> String {
        var result = draft
        while result.count < 1000 { result += " " + draft }
        return String(result.prefix(1000))
    }
    let contexts = examples.map {
        CoachContext(complaint: $0.complaint, draft: padded($0.draft), customerName: $0.customerName, channel: $0.channel)
    }
    let originals = examples.map {
        CoachContext(complaint: $0.complaint, draft: $0.draft, customerName: $0.customerName, channel: $0.channel)
    }
    func run(_ contexts: [CoachContext], minimum: Duration = .seconds(3)) -> (median: Double, p99: Double, perSecond: Double, checksum: Int) {
        for context in contexts.prefix(20) { _ = coach.review(context) }
        var timings: [Double] = []
        var checksum = 0
        let start = ContinuousClock.now
        while ContinuousClock.now - start < minimum {
            for context in contexts {
                let before = ContinuousClock.now
                checksum &+= coach.review(context).score
                timings.append(seconds(ContinuousClock.now - before) * 1000)
            }
        }
        let total = seconds(ContinuousClock.now - start)
        timings.sort()
        return (timings[timings.count / 2], timings[min(timings.count - 1, timings.count * 99 / 100)], Double(timings.count) / total, checksum)
    }
    let long = run(contexts)
    let short = run(originals)
    let averageLength = originals.map { $0.draft.count }.reduce(0, +) / originals.count
    print("Reply coach benchmark — one thread, \(examples.count) drafts from \(path)")
    print(String(format: "1,000-char drafts: median %.3f ms   p99 %.3f ms   %.0f reviews/s   target < 2 ms", long.median, long.p99, long.perSecond))
    print(String(format: "as written (avg %d chars): median %.3f ms   p99 %.3f ms   %.0f reviews/s", averageLength, short.median, short.p99, short.perSecond))
    print("checksum \(long.checksum &+ short.checksum)")
}
