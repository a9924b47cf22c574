import Foundation

/// Reviews a webcare reply draft the way a good team lead would: does it name the customer's
/// problem, apologise without "maar", solve something concrete, check that it helped, and stay
/// human, private and within the channel's limits. Pure, deterministic and thread-safe: every
/// table is prepared in `init`, a review only reads them.
public struct ReplyCoach: Sendable {
    let analyzer: DutchAnalyzer
    let tokenizer = Tokenizer()
    let stemmer = DutchStemmer()
    let dutchBook: PhraseBook
    let englishBook: PhraseBook

    /// Longest text handed to the analyser: language and topics are clear long before, and a
    /// 100 KB draft must not cost more than a normal one there.
    static let analysisLimit = 4000

    /// `analyzer` should carry the team's taxonomy, so "the customer's topic" means theirs.
    public init(analyzer: DutchAnalyzer = .shared()) {
        self.analyzer = analyzer
        dutchBook = PhraseBook(CoachPhrases.dutch)
        englishBook = PhraseBook(CoachPhrases.english)
    }

    public func review(_ context: CoachContext) -> CoachReview {
        let draft = context.draft
        guard draft.unicodeScalars.contains(where: { !Tokenizer.isSpace($0) && $0.value >= 0x20 }) else {
            return CoachReview(score: 0, language: "nl", reviewed: false, findings: [], suggestions: [], promises: [], notes: ["Leeg concept"])
        }
        let text = CoachText(draft, tokenizer: tokenizer)
        guard !text.words.isEmpty else {
            return CoachReview(
                score: 0, language: "nl", reviewed: false, findings: [], suggestions: [], promises: [],
                notes: ["Leeg concept: geen woorden om te beoordelen"])
        }
        let language = Self.language(text)
        guard language == "nl" || language == "en" else {
            return CoachReview(
                score: 0, language: language, reviewed: false, findings: [], suggestions: [], promises: [],
                notes: ["Taal niet herkend: de coach leest alleen Nederlands en Engels"])
        }
        let english = language == "en"
        var complaintAnalysis: TextAnalysis?
        var complaintText: CoachText?
        if let complaint = context.complaint, complaint.unicodeScalars.contains(where: { !Tokenizer.isSpace($0) }) {
            let limited = Self.prefix(complaint, Self.analysisLimit)
            complaintAnalysis = analyzer.analyse(limited)
            complaintText = CoachText(limited, tokenizer: tokenizer)
        }
        let reading = CoachReading(
            text: text, cues: (english ? englishBook : dutchBook).scan(text), english: english, context: context,
            complaint: complaintText, complaintAnalysis: complaintAnalysis)

        var findings: [CoachFinding] = []
        var notes: [String] = []
        var promises: [CoachPromise] = []
        if complaintAnalysis == nil {
            notes.append(english ? "No complaint text: acknowledgement and apology not checked" : "Geen klachttekst: erkenning niet gecontroleerd")
        }
        findings += acknowledgementFindings(reading)
        findings += apologyFindings(reading)
        findings += openerFindings(reading)
        findings += blameFindings(reading)
        let solution = solutionFindings(reading)
        findings += solution.findings
        promises = solution.promises
        findings += checkFindings(reading)
        findings += referralFindings(reading)
        findings += templateFindings(reading)
        findings += nameFindings(reading)
        findings += registerFindings(reading)
        findings += lengthFindings(reading)
        findings += privacyFindings(reading)
        findings += toneFindings(reading)

        // A referral already says what the solution lacks: one finding, not two.
        if findings.contains(where: { $0.code == .referral }) {
            findings.removeAll { $0.code == .noSolution }
        }
        // Most important first; within a severity, in reading order.
        findings.sort { a, b in
            if a.severity != b.severity { return a.severity > b.severity }
            return (a.start ?? Int.max, a.code.rawValue) < (b.start ?? Int.max, b.code.rawValue)
        }
        var suggestions: [String] = []
        var seen = Set<String>()
        for finding in findings {
            if let suggestion = finding.suggestion, seen.insert(suggestion).inserted { suggestions.append(suggestion) }
        }
        return CoachReview(
            score: Self.score(findings), language: language, reviewed: true, findings: findings, suggestions: suggestions,
            promises: promises, notes: notes)
    }

    /// 100 minus a penalty per finding by severity (one medium flaw leaves a draft in the low
    /// eighties, two in the sixties); a second finding of the same code costs a third.
    static func score(_ findings: [CoachFinding]) -> Int {
        var total = 100.0
        var perCode: [CoachCode: Int] = [:]
        for finding in findings {
            let base: Double = switch finding.severity {
            case .high: 30
            case .medium: 18
            case .low: 6
            }
            let repeats = perCode[finding.code, default: 0]
            perCode[finding.code] = repeats + 1
            total -= repeats == 0 ? base : base / 3
        }
        return Int(max(0, min(100, total)).rounded())
    }

    /// The analyser's language vote, on the words already read (no second tokenization).
    static func language(_ text: CoachText) -> String {
        var nl = 0, en = 0, words = 0
        for word in text.words where !word.isNumber {
            words += 1
            if let vote = LanguageDetector.votes[word.normal] {
                if vote & 1 != 0 { nl += 1 }
                if vote & 2 != 0 { en += 1 }
            }
            if words >= 300 { break }
        }
        if words == 0 { return "other" }
        // Dutch and English are full of function words; German or French barely hit the lists.
        if words >= 6, Double(nl + en) / Double(min(words, 300)) < 0.15 { return "other" }
        if en > nl && en >= 2 { return "en" }
        if nl > 0 || en == 0 && words < 4 { return "nl" }
        return en > 0 ? "en" : "other"
    }

    static func prefix(_ text: String, _ limit: Int) -> String {
        var count = 0
        var end = text.unicodeScalars.startIndex
        while end < text.unicodeScalars.endIndex, count < limit {
            end = text.unicodeScalars.index(after: end)
            count += 1
        }
        return end == text.unicodeScalars.endIndex ? text : String(text.unicodeScalars[..<end])
    }
}

/// Everything the rules read: the draft's words and cues, the complaint and the context.
struct CoachReading {
    let text: CoachText
    let cues: [[CueMatch]]
    let english: Bool
    let context: CoachContext
    let complaint: CoachText?
    let complaintAnalysis: TextAnalysis?

    /// u (formal) or je (informal) as the draft addresses the customer; decides the examples. A
    /// draft that says neither yet ("Beste mevrouw Jansen, excuses voor …") follows its opening, then
    /// the customer's own register: a formal customer is not offered "Ik bel je".
    var formal: Bool {
        var formal = 0, informal = 0
        for word in text.words {
            switch word.normal {
            case "u", "uw": formal += 1
            case "je", "jij", "jou", "jouw": informal += 1
            default: break
            }
        }
        if formal != informal { return formal > informal }
        let opening = text.words.prefix(3).map(\.normal)
        if opening.contains(where: { ["geachte", "mevrouw", "meneer", "heer"].contains($0) }) { return true }
        if opening.contains(where: { ["hoi", "hey", "hee", "hi", "hallo", "hai"].contains($0) }) { return false }
        return complaint.map { ReplyCoach.customerRegister($0) > 0 } ?? false
    }

    /// The analyser's verdict, widened: sarcasm ("Top geregeld weer") and praise with a sting
    /// ("Compliment… alleen jammer dat de diepvriesbak ontbrak") still report a problem.
    var complaintIsNegative: Bool {
        guard let analysis = complaintAnalysis else { return false }
        if analysis.sentiment == .negative || analysis.intent == .complaint { return true }
        if analysis.evidence.contains(where: { $0.kind == "sentiment" && $0.weight <= -0.35 }) { return true }
        guard let complaint else { return false }
        let markers = complaint.words.reduce(0) { $0 + (CoachPhrases.problemMarkers.contains($1.normal) ? 1 : 0) }
        return markers >= 2
    }

    func matches(_ cue: Cue, in sentence: Int) -> [CueMatch] { cues[sentence].filter { $0.cue == cue } }
    func has(_ cue: Cue, in sentence: Int) -> Bool { cues[sentence].contains { $0.cue == cue } }

    /// Nl or en by the draft's language.
    func say(_ dutch: String, _ englishText: String) -> String { english ? englishText : dutch }
    /// Nl in the draft's register (u or je), or en.
    func say(u: String, je: String, en: String) -> String { english ? en : (formal ? u : je) }

    func finding(_ code: CoachCode, _ severity: CoachSeverity, _ message: String, span: (Int, Int)? = nil, suggestion: String?) -> CoachFinding {
        CoachFinding(code: code, severity: severity, message: message, start: span?.0, end: span?.1, suggestion: suggestion)
    }

    func quote(_ start: Int, _ end: Int, limit: Int = 60) -> String {
        var text = text.slice(start, end).trimmingCharacters(in: .whitespacesAndNewlines)
        text = text.replacingOccurrences(of: "\n", with: " ")
        if text.count > limit { text = String(text.prefix(limit)) + "…" }
        return text
    }
}
