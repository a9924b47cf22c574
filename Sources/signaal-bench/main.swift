import DutchText
import Foundation

// Measures DutchText on one core against a naive baseline in the same run:
// tweet-length and e-mail-length messages per second, start-up time and lexicon memory.

func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

let arguments = CommandLine.arguments
if arguments.count > 2, arguments[1] == "inbox" {
    let iterations = arguments.count > 3 ? Int(arguments[3]) ?? 500 : 500
    let scale = arguments.count > 4 ? Int(arguments[4]) ?? 1 : 1
    do {
        try await benchmarkInbox(databaseURL: arguments[2], iterations: iterations, scale: scale)
    } catch {
        FileHandle.standardError.write(Data("signaal-bench inbox: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}
if arguments.count > 2, arguments[1] == "coach" {
    benchmarkCoach(dataset: arguments[2])
    exit(0)
}
guard arguments.count > 1, let corpus = try? String(contentsOfFile: arguments[1], encoding: .utf8) else {
    FileHandle.standardError.write(Data("usage: signaal-bench DATASET.tsv\n".utf8))
    exit(2)
}
let texts = corpus.split(whereSeparator: \.isNewline).dropFirst().compactMap { line -> String? in
    let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
    return fields.count > 1 ? String(fields[1]) : nil
}
let tweets = texts.filter { $0.count <= 280 }
let emails = texts.filter { $0.count > 280 } + texts.filter { $0.count > 150 }.map { $0 + " / " + $0 + " / " + $0 }

let memoryBefore = residentBytes()
let loadStart = ContinuousClock.now
let analyzer = DutchAnalyzer()
_ = analyzer.analyse("warm")
let loadTime = ContinuousClock.now - loadStart
let memoryAfter = residentBytes()

func measure(_ items: [String], minimum: Duration = .seconds(2), _ body: (String) -> Int) -> (perSecond: Double, checksum: Int) {
    var count = 0
    var checksum = 0
    let start = ContinuousClock.now
    while ContinuousClock.now - start < minimum {
        for item in items { checksum &+= body(item) }
        count += items.count
    }
    return (Double(count) / seconds(ContinuousClock.now - start), checksum)
}

func naive(_ text: String) -> Int { text.lowercased().split(whereSeparator: \.isWhitespace).count }
func full(_ text: String) -> Int { analyzer.analyse(text).evidence.count }

// The intake also asks the shipped model (where it is sure it decides): its load and its share.
let modelStart = ContinuousClock.now
let shipped = TrainedModels.bundledClassifier
let modelLoad = ContinuousClock.now - modelStart
func blended(_ text: String) -> Int {
    let result = analyzer.analyse(text)
    return (shipped?.apply(result, text: text) ?? result).evidence.count
}

let tweetNaive = measure(tweets, naive)
let tweetFull = measure(tweets, full)
let mailNaive = measure(emails, naive)
let mailFull = measure(emails, full)
let tweetBlended = measure(tweets, blended)
let mailBlended = measure(emails, blended)

print("DutchText benchmark — one thread, \(tweets.count) tweet-length and \(emails.count) e-mail-length messages")
print(String(format: "start-up (load lexicon %d entries): %.1f ms   target < 200 ms", Lexicon.dutch.entryCount, seconds(loadTime) * 1000))
print(String(format: "lexicon memory (resident growth): %.1f MB   target < 50 MB", Double(memoryAfter - memoryBefore) / 1_048_576))
print(String(format: "tweets:  analyse %9.0f msg/s   naive %9.0f msg/s   cost %.1fx naive   target >= 50000 msg/s, <= 10x",
             tweetFull.perSecond, tweetNaive.perSecond, tweetNaive.perSecond / tweetFull.perSecond))
print(String(format: "e-mails: analyse %9.0f msg/s   naive %9.0f msg/s   cost %.1fx naive",
             mailFull.perSecond, mailNaive.perSecond, mailNaive.perSecond / mailFull.perSecond))
print(String(format: "with the shipped model (load %.1f ms): tweets %9.0f msg/s   e-mails %9.0f msg/s",
             seconds(modelLoad) * 1000, tweetBlended.perSecond, mailBlended.perSecond))
print("checksum \(tweetFull.checksum &+ mailFull.checksum &+ tweetNaive.checksum &+ mailNaive.checksum &+ tweetBlended.checksum &+ mailBlended.checksum)")
