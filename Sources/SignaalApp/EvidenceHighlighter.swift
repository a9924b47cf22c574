import SignaalDomain

/// Cuts a message into plain and marked pieces for the page, from the analysis' evidence
/// offsets; Mustache escapes every piece, so marking can never inject markup.
enum EvidenceHighlighter {
    static func segments(_ text: String, analysis: Analysis?) -> [[String: Any]] {
        guard let analysis else { return [["text": text]] }
        let utf8 = text.utf8
        let marks = analysis.evidence
            .compactMap { evidence -> (Int, Int, Analysis.Evidence)? in
                guard let start = evidence.start, let end = evidence.end, start < end, end <= utf8.count else { return nil }
                // Sign-offs and faint words would only add noise to the page.
                if (evidence.kind ?? "sentiment") == "sentiment" && abs(evidence.weight) < 0.1 { return nil }
                return (start, end, evidence)
            }
            .sorted { $0.0 < $1.0 }
        var result: [[String: Any]] = []
        var position = 0
        for (start, end, evidence) in marks where start >= position {
            guard let from = utf8.index(utf8.startIndex, offsetBy: position, limitedBy: utf8.endIndex),
                let markStart = utf8.index(utf8.startIndex, offsetBy: start, limitedBy: utf8.endIndex),
                let markEnd = utf8.index(utf8.startIndex, offsetBy: end, limitedBy: utf8.endIndex),
                let plain = String(utf8[from..<markStart]), let marked = String(utf8[markStart..<markEnd])
            else { continue }
            if !plain.isEmpty { result.append(["text": plain]) }
            let kind = evidence.kind ?? "sentiment"
            let tone = kind == "sentiment" ? (evidence.weight < 0 ? "neg" : "pos") : (kind.hasPrefix("topic:") ? "topic" : "cue")
            result.append([
                // Both always set: Mustache would look a missing one up in the message around it.
                "text": marked, "mark": true, "tone": tone, "toneNegative": tone == "neg", "tonePositive": tone == "pos",
                "title": kind == "sentiment" ? String(format: "%+.2f", evidence.weight) : kind,
            ])
            position = end
        }
        if position < utf8.count, let from = utf8.index(utf8.startIndex, offsetBy: position, limitedBy: utf8.endIndex),
            let rest = String(utf8[from...])
        {
            result.append(["text": rest])
        }
        return result
    }

    /// The analysis as the page shows it.
    static func summary(_ analysis: Analysis?, language: Language, topics: TopicCatalogue) -> [String: Any]? {
        guard let analysis else { return nil }
        let nl = language == .nl
        return [
            "sentiment": language.sentiment(analysis.sentiment), "sentimentClass": analysis.sentiment.rawValue,
            "score": String(format: "%+.2f", analysis.score), "intent": language.intent(analysis.intent),
            // Mustache takes "" for true: false leaves out "onderwerpen:" when there are none.
            "topics": analysis.topics.isEmpty ? false as Any : topics.labels(analysis.topics, language: language).joined(separator: ", "),
            "cues": analysis.cues.map { cueName($0, nl: nl) }.joined(separator: ", "), "hasCues": !analysis.cues.isEmpty,
            "urgency": String(format: "%.0f%%", analysis.urgency * 100), "language": analysis.language,
        ]
    }

    static func cueName(_ cue: String, nl: Bool) -> String {
        guard nl else { return cue.replacingOccurrences(of: "_", with: " ") }
        return switch cue {
        case "repeat": "herhaald contact"
        case "duration": "wacht al lang"
        case "churn_threat": "dreigt op te zeggen"
        case "escalation": "dreigt te escaleren"
        case "vulnerability": "kwetsbaar"
        case "amplification": "zoekt publiciteit"
        case "urgent": "spoed"
        default: cue
        }
    }
}
