import Foundation

/// How well a reply coach agrees with a labelled data set (`Datasets/coach-dev.jsonl`).
///
/// Pure arithmetic: the caller reads the file and passes a `review` closure (normally
/// `ReplyCoach.review`); nothing here does I/O.
public struct CoachEvaluation: Sendable {
    /// Agreement on one finding code over the whole set.
    public struct CodeScore: Sendable, Hashable {
        public var code: CoachCode
        public var truePositives, falsePositives, falseNegatives: Int
        /// tp / (tp + fp); nil when the code was never found.
        public var precision: Double?
        /// tp / (tp + fn); nil when the code was never expected.
        public var recall: Double?

        public init(code: CoachCode, truePositives: Int, falsePositives: Int, falseNegatives: Int) {
            self.code = code
            self.truePositives = truePositives
            self.falsePositives = falsePositives
            self.falseNegatives = falseNegatives
            let found = truePositives + falsePositives
            let expected = truePositives + falseNegatives
            self.precision = found == 0 ? nil : Double(truePositives) / Double(found)
            self.recall = expected == 0 ? nil : Double(truePositives) / Double(expected)
        }
    }

    /// All 16 codes, in `CoachCode.allCases` order.
    public var codes: [CodeScore]
    /// The chance that a good draft scores higher than a poor one (ties count half):
    /// the area under the ROC curve of `score` as a good-vs-poor classifier. 0.5 when the
    /// set lacks good or poor drafts.
    public var auc: Double
    /// Share of poor drafts (with a non-empty `flaws` list) for which at least one expected
    /// flaw is among the findings' codes; 0 when there are no such drafts.
    public var flawRecall: Double
    /// Number of examples evaluated.
    public var count: Int

    public init(codes: [CodeScore], auc: Double, flawRecall: Double, count: Int) {
        self.codes = codes
        self.auc = auc
        self.flawRecall = flawRecall
        self.count = count
    }

    /// Reviews every example once and scores the reviews against the labels.
    ///
    /// Per code, over all examples: expected (in `flaws`) and found → true positive, found
    /// but not expected → false positive (every finding on a good draft is one), expected
    /// but not found → false negative. A code found twice in one review counts once.
    public static func evaluate(_ examples: [CoachExample], review: (CoachExample) -> CoachReview) -> CoachEvaluation {
        var tp: [CoachCode: Int] = [:], fp: [CoachCode: Int] = [:], fn: [CoachCode: Int] = [:]
        var scored: [(score: Int, good: Bool)] = []
        scored.reserveCapacity(examples.count)
        var poorWithFlaws = 0
        var poorHit = 0

        for example in examples {
            let result = review(example)
            let found = Set(result.findings.map(\.code))
            let expected = Set(example.flaws)
            for code in found.union(expected) {
                switch (expected.contains(code), found.contains(code)) {
                case (true, true): tp[code, default: 0] += 1
                case (false, true): fp[code, default: 0] += 1
                case (true, false): fn[code, default: 0] += 1
                case (false, false): break
                }
            }
            scored.append((result.score, example.label == .good))
            if example.label == .poor, !expected.isEmpty {
                poorWithFlaws += 1
                if !expected.isDisjoint(with: found) { poorHit += 1 }
            }
        }

        let codes = CoachCode.allCases.map {
            CodeScore(code: $0, truePositives: tp[$0, default: 0], falsePositives: fp[$0, default: 0], falseNegatives: fn[$0, default: 0])
        }
        return CoachEvaluation(
            codes: codes,
            auc: areaUnderCurve(scored),
            flawRecall: poorWithFlaws == 0 ? 0 : Double(poorHit) / Double(poorWithFlaws),
            count: examples.count
        )
    }

    /// Mann–Whitney U over mid-ranks: O(n log n), ties count half.
    static func areaUnderCurve(_ scored: [(score: Int, good: Bool)]) -> Double {
        let goodCount = scored.lazy.filter(\.good).count
        let poorCount = scored.count - goodCount
        guard goodCount > 0, poorCount > 0 else { return 0.5 }
        let sorted = scored.sorted { $0.score < $1.score }
        var goodRankSum = 0.0
        var start = 0
        while start < sorted.count {
            var end = start
            while end + 1 < sorted.count, sorted[end + 1].score == sorted[start].score { end += 1 }
            // Ranks are 1-based; a run of ties from start...end shares the mean rank.
            let midRank = Double(start + end + 2) / 2
            for index in start...end where sorted[index].good { goodRankSum += midRank }
            start = end + 1
        }
        let g = Double(goodCount), p = Double(poorCount)
        let u = goodRankSum - g * (g + 1) / 2
        return u / (g * p)
    }

    // MARK: - Reading a data set

    /// A line of a coach data set that could not be read; `description` is Dutch and names
    /// the line ("regel 3: veld \"draft\" ontbreekt").
    public struct DatasetError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
        /// 1-based line number in the file.
        public var line: Int
        /// Why, in Dutch.
        public var reason: String

        public init(line: Int, reason: String) {
            self.line = line
            self.reason = reason
        }

        public var description: String { "regel \(line): \(reason)" }
        public var errorDescription: String? { description }
    }

    /// Parses JSON Lines: one object per line with `complaint`, `draft`, `label`
    /// ("good"/"poor"), `flaws` (codes; empty for good drafts) and optionally
    /// `customerName` and `channel`. Blank lines are skipped. Throws `DatasetError` for
    /// the first line that cannot be read.
    public static func parseJSONL(_ text: String) throws -> [CoachExample] {
        var examples: [CoachExample] = []
        var lineNumber = 0
        // Split on \n only (keeping empty pieces) so line numbers match an editor's; a
        // trailing \r of CRLF files is trimmed with the other whitespace.
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            examples.append(try parseLine(line, number: lineNumber))
        }
        return examples
    }

    private static func parseLine(_ line: String, number: Int) throws -> CoachExample {
        func fail(_ reason: String) -> DatasetError { DatasetError(line: number, reason: reason) }

        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(line.utf8), options: [])
        } catch {
            throw fail("geen geldige JSON")
        }
        guard let fields = object as? [String: Any] else {
            throw fail("verwacht een JSON-object, maar de regel is geen object")
        }

        func requiredString(_ key: String) throws -> String {
            guard let value = fields[key], !(value is NSNull) else { throw fail("veld \"\(key)\" ontbreekt") }
            guard let string = value as? String else { throw fail("veld \"\(key)\" moet tekst zijn") }
            guard !string.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw fail("veld \"\(key)\" is leeg")
            }
            return string
        }
        func optionalString(_ key: String) throws -> String? {
            guard let value = fields[key], !(value is NSNull) else { return nil }
            guard let string = value as? String else { throw fail("veld \"\(key)\" moet tekst zijn") }
            return string
        }

        let complaint = try requiredString("complaint")
        let draft = try requiredString("draft")
        let labelText = try requiredString("label")
        guard let label = CoachExample.Label(rawValue: labelText) else {
            throw fail("onbekend label \"\(labelText)\" (verwacht \"good\" of \"poor\")")
        }

        var flaws: [CoachCode] = []
        if let value = fields["flaws"], !(value is NSNull) {
            guard let list = value as? [Any] else { throw fail("veld \"flaws\" moet een lijst met codes zijn") }
            for item in list {
                guard let raw = item as? String else { throw fail("veld \"flaws\" bevat iets anders dan tekst") }
                guard let code = CoachCode(rawValue: raw) else { throw fail("onbekende code \"\(raw)\" in \"flaws\"") }
                if !flaws.contains(code) { flaws.append(code) }
            }
        } else {
            throw fail("veld \"flaws\" ontbreekt (gebruik [] voor een goed concept)")
        }
        if label == .good, !flaws.isEmpty {
            throw fail("label \"good\" maar \"flaws\" is niet leeg")
        }

        let customerName = try optionalString("customerName").flatMap { $0.isEmpty ? nil : $0 }
        var channel: CoachChannel?
        if let channelText = try optionalString("channel") {
            guard let parsed = CoachChannel(rawValue: channelText) else {
                throw fail("onbekend kanaal \"\(channelText)\"")
            }
            channel = parsed
        }
        return CoachExample(complaint: complaint, draft: draft, label: label, flaws: flaws, customerName: customerName, channel: channel)
    }

    // MARK: - Report

    /// A plain-text table (code, tp, fp, fn, precision, recall; "-" where undefined) and, as
    /// its last line, `auc=0.953 flaw_recall=0.812 n=240`.
    public func report() -> String {
        let header = ["code", "tp", "fp", "fn", "precision", "recall"]
        let rows: [[String]] = codes.map {
            [
                $0.code.rawValue, String($0.truePositives), String($0.falsePositives), String($0.falseNegatives),
                $0.precision.map(Self.fixed3) ?? "-", $0.recall.map(Self.fixed3) ?? "-",
            ]
        }
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        let lines = all.map { row in
            row.indices.map { column in
                let cell = row[column]
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
        let summary = "auc=\(Self.fixed3(auc)) flaw_recall=\(Self.fixed3(flawRecall)) n=\(count)"
        return (lines + [summary]).joined(separator: "\n")
    }

    /// Three decimals with a point, whatever the locale ("0.953").
    static func fixed3(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        let thousandths = Int((abs(value) * 1000).rounded())
        let sign = value < 0 && thousandths != 0 ? "-" : ""
        let fraction = String(thousandths % 1000)
        return "\(sign)\(thousandths / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}
