import Foundation

/// Does the draft name the customer's problem in the customer's own terms? A reply that shares
/// no specific word, number, amount or topic with the complaint could answer any complaint.
extension ReplyCoach {
    struct Term {
        var key: String
        var isNumber: Bool
        var isAmount: Bool
        /// Word index in its text; the surface form is only sliced for the suggestion.
        var position: Int
    }

    /// Stem with the diminutive off ("pakketje" → "pakket"), so a compound's parts and forms meet.
    func termKey(_ normal: String) -> String { Self.termKey(normal, stemmer: stemmer) }

    static func termKey(_ normal: String, stemmer: DutchStemmer) -> String {
        var word = normal
        if word.utf8.count > 6 {
            for suffix in ["etjes", "etje", "tjes", "tje", "jes", "je"] where word.hasSuffix(suffix) {
                word = String(word.dropLast(suffix.count))
                break
            }
        }
        return undouble(stemmer.stem(word))
    }

    /// Dutch spells one vowel two ways ("ontbreekt" / "ontbrekende", "afspraak" / "afspraken"):
    /// a doubled a, e, o or u counts as single, so the forms meet.
    static func undouble(_ key: String) -> String {
        let scalars = key.unicodeScalars
        var previous: Unicode.Scalar?
        var doubled = false
        for c in scalars {
            if c == previous, c == "a" || c == "e" || c == "o" || c == "u" { doubled = true; break }
            previous = c
        }
        guard doubled else { return key }
        var view = String.UnicodeScalarView()
        previous = nil
        for c in scalars {
            if c == previous, c == "a" || c == "e" || c == "o" || c == "u" { continue }
            view.append(c)
            previous = c
        }
        return String(view)
    }

    func terms(_ text: CoachText, roles: Set<CoachSentence.Role>, limit: Int, skipRemedies: Bool = false) -> [Term] {
        var result: [Term] = []
        var seen = Set<String>()
        for sentence in text.sentences where roles.contains(sentence.role) {
            for index in sentence.words {
                let word = text.words[index]
                // "Je krijgt een nieuwe factuur" names the remedy, not the customer's problem.
                // ("Uw nieuwe wasmachine" is the customer's own, and does name the problem.)
                if skipRemedies, index > sentence.words.lowerBound, Self.remedyModifiers.contains(text.words[index - 1].normal),
                    index - 1 == sentence.words.lowerBound || !Self.possessives.contains(text.words[index - 2].normal)
                {
                    continue
                }
                if word.isNumber {
                    // "3" or "2" say little; "€ 49,95", "14:30", an order number say a lot.
                    let amount = CoachText.normaliseAmount(word.normal)
                    // ("5 dagen", "3 keer" do: a count with its unit is the customer's own fact.)
                    let unit = text.words[safe: index + 1].map { Self.countUnits.contains($0.normal) } ?? false
                    guard word.normal.count >= 2 || text.amounts.contains(amount) || unit else { continue }
                    if seen.insert("#" + amount).inserted {
                        result.append(Term(key: "#" + amount, isNumber: true, isAmount: text.amounts.contains(amount), position: index))
                    }
                    continue
                }
                let normal = word.normal
                guard normal.count >= 3, !CoachPhrases.unspecific.contains(normal), !normal.hasPrefix("@") else { continue }
                let key = termKey(normal)
                guard !Self.unspecificKeys.contains(key) else { continue }
                if seen.insert(key).inserted {
                    result.append(Term(key: key, isNumber: false, isAmount: false, position: index))
                }
                if result.count >= limit { return result }
            }
        }
        return result
    }

    /// Words that say what went wrong, whatever the complaint's own words were.
    static let failureWords: Set<String> = [
        "niet", "geen", "nooit", "niks", "niets", "kapot", "stuk", "defect", "kwijt", "mis", "fout", "verkeerd", "verkeerde", "beschadigd", "schade",
        "vertraging", "vertraagd", "geannuleerd", "uitgevallen", "dubbel", "gemist", "ontbrak", "ontbreekt", "ontbrekende", "laat", "onterecht", "lekt",
        "lekkage", "storing", "gestolen", "vergeten", "zonder", "not", "never", "no", "broken", "missing", "wrong", "damaged", "late", "cancelled", "twice",
    ]
    static let countUnits: Set<String> = [
        "dag", "dagen", "werkdagen", "week", "weken", "maand", "maanden", "uur", "uren", "minuten", "keer", "jaar", "days", "weeks", "hours", "minutes", "times",
    ]
    static let possessives: Set<String> = ["uw", "je", "jouw", "jullie", "your", "hun", "zijn", "haar"]
    static let remedyModifiers: Set<String> = ["nieuw", "nieuwe", "vervangend", "vervangende", "andere", "gecorrigeerde", "aangepaste", "new", "replacement"]

    /// The word lists as keys: with doubled vowels single, as `termKey` makes them.
    static let weakKeys: Set<String> = {
        // Plus the verbs and particles every reply uses ("we zorgen ervoor", "komen erop terug"):
        // keyed like the text, so "bezorging" / "zorgen" or "in de wacht gezet" / "doorgezet" do not meet.
        let stemmer = DutchStemmer()
        var keys = CoachPhrases.weakTerms.union(CoachPhrases.weakTerms.map(undouble))
        for word in CoachPhrases.replyVocabulary {
            keys.insert(word)
            keys.insert(termKey(word, stemmer: stemmer))
        }
        return keys
    }()
    static let unspecificKeys: Set<String> = CoachPhrases.unspecific.union(CoachPhrases.unspecific.map(undouble))

    /// Stems of the generic nouns, keyed as `termKey` keys them.
    static let genericKeys: Set<String> = {
        let stemmer = DutchStemmer()
        var keys = Set<String>()
        for noun in CoachPhrases.genericNouns {
            keys.insert(noun)
            keys.insert(termKey(noun, stemmer: stemmer))
        }
        return keys
    }()

    /// Two keys name the same thing: equal, or one is the other's start or compound head
    /// ("treinkaart" / "kaart"), when long enough to mean something.
    static func related(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        let (short, long) = a.utf8.count <= b.utf8.count ? (a, b) : (b, a)
        guard short.utf8.count >= 4 else { return false }
        if long.hasSuffix(short) { return true }
        return short.utf8.count >= 5 && long.hasPrefix(short)
    }

    /// The index of the unit word after a number ("3 weken", "2 keer"), when there is one.
    func countUnit(after index: Int, in text: CoachText) -> Int? {
        guard text.words[index].isNumber, let next = text.words[safe: index + 1], Self.countUnits.contains(next.normal) else { return nil }
        return index + 1
    }

    func acknowledgementFindings(_ reading: CoachReading) -> [CoachFinding] {
        guard let complaint = reading.complaint else { return [] }
        let wanted = terms(complaint, roles: [.body, .greeting, .signOff], limit: 80)
        guard wanted.count >= 2 else { return [] }
        // The company's own name (often @mentioned or signed) is not the problem.
        let have = terms(reading.text, roles: [.body], limit: 4000, skipRemedies: true)
        let haveKeys = Set(have.map(\.key))
        // Related keys share their first five or last four letters: compare within those buckets only.
        var byHead: [Substring: [String]] = [:], byTail: [Substring: [String]] = [:]
        for term in have where !term.isNumber && term.key.count >= 4 {
            if term.key.count >= 5 { byHead[term.key.prefix(5), default: []].append(term.key) }
            byTail[term.key.suffix(4), default: []].append(term.key)
        }
        var matched: [Term] = []
        var missing: [Term] = []
        // Whether each match rests on a specific word of the draft, or only on a generic noun
        // ("je bestelling", "een nieuwe afspraak") that fits any complaint of its kind.
        var specificMatch = false
        // Complaint terms met only through a reply's stock verb ("zorgen" for "bezorging").
        var weakMatches = Set<String>()
        for term in wanted {
            var draftKey: String? = haveKeys.contains(term.key) ? term.key : nil
            if draftKey == nil, !term.isNumber, term.key.count >= 4 {
                draftKey = (term.key.count >= 5 ? byHead[term.key.prefix(5)]?.first { Self.related($0, term.key) } : nil)
                    ?? byTail[term.key.suffix(4)]?.first { Self.related($0, term.key) }
            }
            if let draftKey {
                matched.append(term)
                if !term.isNumber, Self.weakKeys.contains(draftKey) { weakMatches.insert(term.key) }
                if term.isNumber || (!Self.genericKeys.contains(draftKey) && !Self.genericKeys.contains(term.key)
                    && term.key.utf8.count >= 4 && !Self.weakKeys.contains(term.key) && !Self.weakKeys.contains(draftKey))
                {
                    specificMatch = true
                }
            } else {
                missing.append(term)
            }
        }
        let specificMissing = missing.filter { $0.isNumber || $0.key.utf8.count >= 5 }

        var severity: CoachSeverity?
        // One shared verb ("werk" in "ik werk thuis" / "we werken eraan") names nothing; the
        // customer's amount, left out while little else is named, is the thing to name.
        let named = matched.filter { $0.isNumber || ($0.key.utf8.count >= 4 && !Self.weakKeys.contains($0.key) && !weakMatches.contains($0.key)) }
        // A complaint of only generic words ("mijn pakket is niet ontvangen") has nothing more specific to name.
        let wantsSpecific = wanted.contains { $0.isNumber || (!Self.genericKeys.contains($0.key) && !Self.weakKeys.contains($0.key)) }
        if named.isEmpty, !matched.isEmpty, wantsSpecific {
            severity = .medium
        } else if !named.isEmpty, !specificMatch, wantsSpecific {
            // Only a generic noun is shared: "er ging iets mis met je bestelling" fits every order.
            severity = .medium
        } else {
            // A detailed complaint answered with one of its details ("het probleem met uw bank") and
            // no word for what went wrong ("niet geleverd", "beschadigd"): named, not acknowledged.
            let specific = { (term: Term) -> Bool in
                term.isNumber || (term.key.utf8.count >= 4 && !Self.genericKeys.contains(term.key) && !Self.weakKeys.contains(term.key))
            }
            let specificNamed = matched.filter { specific($0) && !weakMatches.contains($0.key) }.count
            let namesFailure = reading.text.bodySentences.contains { sentence in
                reading.text.words[reading.text.sentences[sentence].words].contains { Self.failureWords.contains($0.normal) }
            }
            if specificNamed == 1, !namesFailure, wanted.filter(specific).count >= 6 { severity = .low }
        }
        if matched.isEmpty {
            // Only now is the draft's topic worth the analyser's time.
            let complaintTopics = Set(reading.complaintAnalysis?.topics ?? [])
            let draftTopics = analyzer.analyse(Self.prefix(reading.text.reading, Self.analysisLimit)).topics
            severity = complaintTopics.isDisjoint(with: draftTopics) ? .high : .medium
        }
        guard let severity else { return [] }
        // The most specific things the customer named: amounts and numbers, then long words; from
        // what they wrote about the problem, not their greeting or sign-off ("mevrouw", "vriendelijke"),
        // and no bare small number that means nothing out of its sentence ("10" without "dagen").
        let body = Set(complaint.sentences.filter { $0.role == .body }.flatMap { Array($0.words) })
        let telling = { (term: Term) -> Bool in
            guard body.contains(term.position) else { return false }
            guard term.isNumber, !term.isAmount else { return true }
            return complaint.words[term.position].normal.count >= 3 || self.countUnit(after: term.position, in: complaint) != nil
        }
        let examples = (specificMissing.filter(telling).isEmpty ? missing.filter(telling) : specificMissing.filter(telling))
            .sorted { a, b in
                if a.isNumber != b.isNumber { return a.isNumber }
                if a.key.utf8.count != b.key.utf8.count { return a.key.utf8.count > b.key.utf8.count }
                return a.position < b.position
            }
            .prefix(3)
            .sorted { $0.position < $1.position }
            .map { term -> String in
                let word = complaint.words[term.position]
                // "3 weken", not "3": a count says what it counts.
                let end = countUnit(after: term.position, in: complaint).map { complaint.words[$0].end } ?? word.end
                return "'" + (term.isAmount ? "€" : "") + complaint.slice(word.start, end) + "'"
            }
        let list = examples.joined(separator: ", ")
        return [
            reading.finding(
                .noAcknowledgement, severity,
                reading.say(
                    "Het concept noemt het probleem van de klant niet: het zou op elke klacht kunnen passen.",
                    "The draft does not name the customer's problem: it could answer any complaint."),
                suggestion: examples.isEmpty
                    ? reading.say("Noem het probleem van de klant in de woorden van de klant.", "Name the customer's problem in the customer's words.")
                    : reading.say("Noem wat de klant noemt: \(list)", "Name what the customer names: \(list)"))
        ]
    }
}
