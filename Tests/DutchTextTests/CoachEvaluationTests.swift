import DutchText
import Testing

/// Tests the arithmetic of `CoachEvaluation` with a fake review closure; the coach itself
/// is not involved.
@Suite("CoachEvaluation")
struct CoachEvaluationTests {
    /// A fake coach's answer for one draft.
    struct Canned {
        var score: Int
        var codes: [CoachCode] = []
    }

    func example(_ draft: String, _ label: CoachExample.Label, _ flaws: [CoachCode] = []) -> CoachExample {
        CoachExample(complaint: "Mijn pakket is niet aangekomen.", draft: draft, label: label, flaws: flaws)
    }

    func fakeReview(_ canned: [String: Canned]) -> (CoachExample) -> CoachReview {
        { example in
            let answer = canned[example.draft] ?? Canned(score: 50)
            let findings = answer.codes.map { CoachFinding(code: $0, severity: .medium, message: "test") }
            return CoachReview(score: answer.score, language: "nl", reviewed: true, findings: findings, suggestions: [], promises: [], notes: [])
        }
    }

    func evaluate(_ rows: [(CoachExample, Canned)]) -> CoachEvaluation {
        let canned = Dictionary(uniqueKeysWithValues: rows.map { ($0.0.draft, $0.1) })
        return CoachEvaluation.evaluate(rows.map(\.0), review: fakeReview(canned))
    }

    func score(_ evaluation: CoachEvaluation, _ code: CoachCode) -> CoachEvaluation.CodeScore {
        evaluation.codes.first { $0.code == code }!
    }

    // MARK: AUC

    @Test("AUC is 1 when every good draft outscores every poor one")
    func aucPerfect() {
        let result = evaluate([
            (example("g1", .good), Canned(score: 90)),
            (example("g2", .good), Canned(score: 71)),
            (example("p1", .poor), Canned(score: 70)),
            (example("p2", .poor), Canned(score: 10)),
        ])
        #expect(result.auc == 1.0)
        #expect(result.count == 4)
    }

    @Test("AUC is 0 when the order is exactly reversed")
    func aucReversed() {
        let result = evaluate([
            (example("g1", .good), Canned(score: 10)),
            (example("p1", .poor), Canned(score: 90)),
        ])
        #expect(result.auc == 0.0)
    }

    @Test("AUC is 0.5 when all scores tie")
    func aucAllTies() {
        let result = evaluate([
            (example("g1", .good), Canned(score: 60)),
            (example("g2", .good), Canned(score: 60)),
            (example("p1", .poor), Canned(score: 60)),
            (example("p2", .poor), Canned(score: 60)),
            (example("p3", .poor), Canned(score: 60)),
        ])
        #expect(result.auc == 0.5)
    }

    @Test("AUC with ties, by hand: good 80,60,60 vs poor 60,40 → 5/6")
    func aucHandComputedWithTies() {
        // Pairs (good, poor): (80,60)=1 (80,40)=1 (60,60)=½ (60,40)=1 (60,60)=½ (60,40)=1 → 5 of 6.
        let result = evaluate([
            (example("g1", .good), Canned(score: 80)),
            (example("p1", .poor), Canned(score: 60)),
            (example("g2", .good), Canned(score: 60)),
            (example("p2", .poor), Canned(score: 40)),
            (example("g3", .good), Canned(score: 60)),
        ])
        #expect(abs(result.auc - 5.0 / 6.0) < 1e-12)
    }

    @Test("AUC is 0.5, not NaN, when a class is empty")
    func aucEmptyClass() {
        let onlyGood = evaluate([(example("g1", .good), Canned(score: 80))])
        #expect(onlyGood.auc == 0.5)
        let nothing = CoachEvaluation.evaluate([], review: fakeReview([:]))
        #expect(nothing.auc == 0.5)
        #expect(nothing.flawRecall == 0)
        #expect(nothing.count == 0)
    }

    // MARK: flaw recall and per-code counts

    /// e1 poor [no_apology, no_check] found [no_apology, tone];
    /// e2 poor [no_check] found [no_check, no_check] (a repeat counts once);
    /// e3 good found [no_check]; e4 poor [referral] found nothing;
    /// e5 poor with an empty flaws list (skipped by flaw recall).
    func mixedSet() -> CoachEvaluation {
        evaluate([
            (example("e1", .poor, [.noApology, .noCheck]), Canned(score: 30, codes: [.noApology, .tone])),
            (example("e2", .poor, [.noCheck]), Canned(score: 40, codes: [.noCheck, .noCheck])),
            (example("e3", .good), Canned(score: 70, codes: [.noCheck])),
            (example("e4", .poor, [.referral]), Canned(score: 90)),
            (example("e5", .poor), Canned(score: 20)),
        ])
    }

    @Test("flaw recall: share of poor drafts with at least one expected flaw found")
    func flawRecall() {
        // e1 and e2 hit, e4 misses, e5 is skipped → 2 of 3.
        #expect(abs(mixedSet().flawRecall - 2.0 / 3.0) < 1e-12)
    }

    @Test("per-code counts, precision and recall, by hand")
    func perCode() {
        let result = mixedSet()
        #expect(result.codes.map(\.code) == CoachCode.allCases)

        let apology = score(result, .noApology)
        #expect([apology.truePositives, apology.falsePositives, apology.falseNegatives] == [1, 0, 0])
        #expect(apology.precision == 1.0)
        #expect(apology.recall == 1.0)

        // TP in e2, FP in e3 (every finding on a good draft), FN in e1.
        let check = score(result, .noCheck)
        #expect([check.truePositives, check.falsePositives, check.falseNegatives] == [1, 1, 1])
        #expect(check.precision == 0.5)
        #expect(check.recall == 0.5)

        let tone = score(result, .tone)
        #expect([tone.truePositives, tone.falsePositives, tone.falseNegatives] == [0, 1, 0])
        #expect(tone.precision == 0.0)
        #expect(tone.recall == nil)

        let referral = score(result, .referral)
        #expect([referral.truePositives, referral.falsePositives, referral.falseNegatives] == [0, 0, 1])
        #expect(referral.precision == nil)
        #expect(referral.recall == 0.0)

        let blame = score(result, .blame)
        #expect([blame.truePositives, blame.falsePositives, blame.falseNegatives] == [0, 0, 0])
        #expect(blame.precision == nil)
        #expect(blame.recall == nil)
    }

    // MARK: JSONL

    @Test("JSONL: reads fields, skips blank lines")
    func parseValid() throws {
        let text = """
        {"complaint": "Pakket kwijt", "draft": "Wat vervelend, Sanne. Ik stuur vandaag een nieuw pakket. Lukt het zo?", "label": "good", "flaws": [], "customerName": "Sanne", "channel": "x"}

        {"complaint": "Pakket kwijt", "draft": "Excuses voor het eventuele ongemak.", "label": "poor", "flaws": ["conditional_apology", "no_solution"]}
        """
        let examples = try CoachEvaluation.parseJSONL(text + "\n")
        #expect(examples.count == 2)
        #expect(examples[0].label == .good)
        #expect(examples[0].customerName == "Sanne")
        #expect(examples[0].channel == .x)
        #expect(examples[1].flaws == [.conditionalApology, .noSolution])
        #expect(examples[1].channel == nil)
        #expect(examples[1].customerName == nil)
    }

    @Test("JSONL errors name the line number, in Dutch", arguments: [
        ("{\"complaint\": \"a\", \"draft\": \"b\", \"label\": \"good\", \"flaws\": []}\n\n{kapot", 3, "geen geldige JSON"),
        ("{\"complaint\": \"a\", \"label\": \"good\", \"flaws\": []}", 1, "draft"),
        ("\n{\"complaint\": \"a\", \"draft\": \"b\", \"label\": \"matig\", \"flaws\": []}", 2, "label"),
        ("{\"complaint\": \"a\", \"draft\": \"b\", \"label\": \"poor\", \"flaws\": [\"rude\"]}", 1, "onbekende code"),
        ("{\"complaint\": \"a\", \"draft\": \"b\", \"label\": \"good\", \"flaws\": [\"tone\"]}", 1, "niet leeg"),
        ("{\"complaint\": \"a\", \"draft\": \"b\", \"label\": \"good\", \"flaws\": [], \"channel\": \"fax\"}", 1, "kanaal"),
        ("[1, 2]", 1, "object"),
    ])
    func parseErrors(text: String, line: Int, reason: String) {
        do {
            _ = try CoachEvaluation.parseJSONL(text)
            Issue.record("expected an error for line \(line)")
        } catch let error as CoachEvaluation.DatasetError {
            #expect(error.line == line)
            #expect(error.description.hasPrefix("regel \(line): "))
            #expect(error.description.contains(reason))
        } catch {
            Issue.record("unexpected error type: \(error)")
        }
    }

    // MARK: report

    @Test("report: one row per code and the summary as the last line")
    func report() {
        let text = mixedSet().report()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 1 + CoachCode.allCases.count + 1)
        #expect(lines.first?.hasPrefix("code") == true)
        // Scores: good 70 vs poor 30, 40, 90, 20 → 3 of 4 pairs → 0.750.
        #expect(lines.last == "auc=0.750 flaw_recall=0.667 n=5")
        let checkRow = lines.first { $0.hasPrefix("no_check ") }
        #expect(checkRow?.split(separator: " ").map(String.init) == ["no_check", "1", "1", "1", "0.500", "0.500"])
        let blameRow = lines.first { $0.hasPrefix("blame ") }
        #expect(blameRow?.split(separator: " ").map(String.init) == ["blame", "0", "0", "0", "-", "-"])
        let toneRow = lines.first { $0.hasPrefix("tone ") }
        #expect(toneRow?.split(separator: " ").map(String.init) == ["tone", "0", "1", "0", "0.000", "-"])
    }

    @Test("report's last line rounds to three decimals")
    func reportRounding() {
        let evaluation = CoachEvaluation(codes: [], auc: 0.95349, flawRecall: 0.8125, count: 240)
        #expect(evaluation.report().split(separator: "\n").last == "auc=0.953 flaw_recall=0.813 n=240")
        let whole = CoachEvaluation(codes: [], auc: 1, flawRecall: 0, count: 0)
        #expect(whole.report().split(separator: "\n").last == "auc=1.000 flaw_recall=0.000 n=0")
    }
}
