import Foundation

/// The checks on the draft's own words: apology, opener, blame, solution, check, referral,
/// templates, name, register, length, privacy and tone.
extension ReplyCoach {
    // MARK: Apology

    /// Apology matches that really apologise: not "geen excuses", not "terecht bij".
    func apologies(_ reading: CoachReading, in sentence: Int) -> [CueMatch] {
        let words = reading.text.words
        // "Vervelend om te lezen" is a stock phrase, not an apology.
        let stock = reading.matches(.template, in: sentence).filter { reading.text.words[$0.last].normal == "lezen" || reading.text.words[$0.last].normal == "horen" }
        // "We begrijpen je frustratie" as a stock phrase understands nothing in particular
        // (a real "sorry"/"excuses" inside boilerplate still apologises).
        let canned = reading.matches(.template, in: sentence)
        return reading.matches(.apology, in: sentence).filter { match in
            if stock.contains(where: { $0.first <= match.first && match.last <= $0.last }) { return false }
            if canned.contains(where: { $0.first <= match.last && match.first <= $0.last }),
                !words[match.first...match.last].contains(where: { Self.realApologyWords.contains($0.normal) })
            {
                return false
            }
            let previous = words[safe: match.first - 1]?.normal
            // Only "geen excuses": a "niet" before it belongs to the clause before the comma.
            if previous == "geen" || previous == "no" { return false }
            let next = words[safe: match.last + 1]
            // "Dat is niet de bedoeling nee.": a shrug that agrees, not an apology.
            if let next, next.normal == "nee", next.sentence == words[match.first].sentence { return false }
            let nextInSentence = next.map { $0.sentence == words[match.first].sentence } ?? false
            if words[match.first].normal == "terecht", nextInSentence, let next,
                ["bij", "op", "via", "in", "kunnen", "kan", "voor"].contains(next.normal)
            {
                return false
            }
            // "U heeft terecht opgezegd": an adverb on the customer's act, not "terecht dat u boos bent".
            if words[match.first].normal == "terecht", match.first == match.last, nextInSentence, let next,
                next.normal != "dat", !Self.feelingAdjectives.contains(next.normal),
                CoachText.firstComma(in: reading.text.readingScalars, from: words[match.first].end, to: next.start) == nil,
                let previous, ["heeft", "hebt", "heb", "hebben", "had", "bent", "ben", "was", "u", "je", "jij", "het", "dat", "dit"].contains(previous)
            {
                return false
            }
            return true
        }
    }

    func apologyFindings(_ reading: CoachReading) -> [CoachFinding] {
        let text = reading.text
        let body = text.bodySentences
        var findings: [CoachFinding] = []
        var apologised = false
        var conditionalDone = false
        var butDone = false
        var weakOnly: [Bool] = []
        var firstApology: Int?
        var owned = false
        for (position, sentence) in body.enumerated() {
            let found = apologies(reading, in: sentence)
            guard let apology = found.first else { continue }
            apologised = true
            if firstApology == nil { firstApology = position }
            if found.contains(where: { !isEmpathyOnly(text, $0) }) { owned = true }
            weakOnly.append(found.allSatisfy { match in
                match.first == match.last || (match.last == match.first + 1 && ["wat", "erg", "heel", "echt"].contains(text.words[match.first].normal))
                    ? Self.weakEmpathy.contains(text.words[match.last].normal) || Self.weakEmpathy.contains(text.words[match.first].normal)
                    : Self.weakEmpathy.contains(text.words[match.first].normal) && text.words[match.first...match.last].allSatisfy { !Self.realApologyWords.contains($0.normal) }
            })
            // Conditional or about the customer's feelings instead of our act.
            if !conditionalDone {
                // Feelings count only as what is apologised for ("het spijt me dat u het zo ervaart").
                // "Terecht dat je boos bent", "ik snap dat je teleurgesteld bent": the feeling is
                // endorsed, not made the thing apologised for.
                let validates = text.words[apology.first...apology.last].contains { Self.validationWords.contains($0.normal) }
                let hedges = reading.matches(.conditional, in: sentence)
                    + (validates ? [] : reading.matches(.feelings, in: sentence).filter { $0.first > apology.last })
                // "Sorry als …", "Als u het zo ervaren heeft, dan spijt ons dat": the apology hangs on a condition.
                let words = text.words
                let info = text.sentences[sentence]
                var conditionWord: CueMatch?
                // An object pronoun may sit between ("het spijt ons als …", "het spijt me indien …").
                let skip = words[safe: apology.last + 1].map { Self.apologyObjects.contains($0.normal) && $0.sentence == sentence } ?? false
                let conditionAt = apology.last + (skip ? 2 : 1)
                if let next = words[safe: conditionAt], next.sentence == sentence, Self.conditionWords.contains(next.normal) {
                    conditionWord = CueMatch(cue: .conditional, first: conditionAt, last: conditionAt)
                } else if Self.conditionWords.contains(words[info.words.lowerBound].normal), apology.first > info.words.lowerBound + 1 {
                    // ("Als excuus krijgt u …" is a gesture, not a condition.)
                    conditionWord = CueMatch(cue: .conditional, first: info.words.lowerBound, last: info.words.lowerBound)
                }
                if let hedge = hedges.min(by: { $0.first < $1.first }) ?? conditionWord {
                    conditionalDone = true
                    let first = min(apology.first, hedge.first), last = max(apology.last, hedge.last)
                    findings.append(
                        reading.finding(
                            .conditionalApology, .medium,
                            reading.say(
                                "Voorwaardelijke excuses ('eventuele', 'als', 'dat u het zo ervaart') klinken alsof er niets mis is gegaan.",
                                "A conditional apology ('if', 'any inconvenience', 'that you feel') sounds as if nothing went wrong."),
                            span: text.span(words: first, last),
                            suggestion: reading.say(
                                u: "Bied excuses aan voor wat er misging, zonder voorbehoud: 'Excuses dat …, dat had niet mogen gebeuren.'",
                                je: "Zeg sorry voor wat er misging, zonder voorbehoud: 'Sorry dat …, dat had niet mogen gebeuren.'",
                                en: "Apologise for what went wrong, without 'if': 'I'm sorry that …; that should not have happened.'")))
                }
            }
            // "Sorry, maar…": the apology is taken back by what follows.
            if !butDone {
                let words = text.words
                var culprit: CueMatch?
                let after = (reading.matches(.but, in: sentence) + reading.matches(.explanation, in: sentence))
                    .filter {
                        // "sorry dat je moest wachten omdat de bus uitviel" names the problem; only
                        // explanations of our side ("dit komt doordat", "door de drukte") excuse.
                        $0.first > apology.last && !Self.isHarmlessBut(words, $0) && !Self.ownsCause(words, $0)
                            && !["alleen", "omdat", "doordat", "because"].contains(words[$0.first].normal)
                            // "sorry dat je door een storing dubbel betaalde": the cause inside the apology's
                            // own "dat" clause tells what happened, as "omdat" does.
                            && !(words[$0.first].normal == "door" && words[safe: apology.last + 1]?.normal == "dat"
                                && CoachText.firstComma(in: text.readingScalars, from: words[apology.last].end, to: words[$0.first].start) == nil)
                    }
                culprit = after.min(by: { $0.first < $1.first })
                if culprit == nil, position + 1 < body.count {
                    // The next sentence excuses when it opens with a contrast, or explains a cause
                    // without doing anything ("Het is deze weken uitzonderlijk druk vanwege …").
                    let next = body[position + 1]
                    let startWord = text.sentences[next].words.lowerBound
                    let acts = !reading.matches(.action, in: next).isEmpty
                        && text.words[text.sentences[next].words].contains { Self.firstPerson.contains($0.normal) }
                    culprit = (reading.matches(.but, in: next) + reading.matches(.explanation, in: next))
                        .filter { match in
                            guard !Self.isHarmlessBut(words, match), !Self.ownsCause(words, match) else { return false }
                            let opening = match.first - startWord <= 1
                            // A sentence-initial "Omdat …, neem ik …" explains a favour, not an excuse.
                            if words[match.first].normal == "omdat" { return false }
                            // Mid-sentence "maar" usually turns to what we do ("…, maar ik wil het uitzoeken").
                            if !opening, words[match.first].normal == "maar" || words[match.first].normal == "but" { return false }
                            return opening ? !acts || match.cue == .but : !acts
                        }
                        .min(by: { $0.first < $1.first })
                }
                if let culprit {
                    butDone = true
                    let sameSentence = words[culprit.first].sentence == sentence
                    let span = sameSentence ? text.span(words: apology.first, culprit.last) : text.span(words: culprit.first, culprit.last)
                    findings.append(
                        reading.finding(
                            .apologyWithBut, .medium,
                            reading.say(
                                "Excuses gevolgd door 'maar' of een uitleg: de klant hoort alleen nog het excuus voor het excuus.",
                                "An apology followed by 'but' or an explanation: the customer only hears the excuse."),
                            span: span,
                            suggestion: reading.say(
                                "Laat de excuses los staan; zet de uitleg (als die nodig is) pas na de oplossing, zonder 'maar'.",
                                "Let the apology stand alone; give any explanation after the solution, without 'but'.")))
                }
            }
        }
        if !butDone, let firstApology, let excuse = laterExcuse(reading, after: firstApology) {
            findings.append(
                reading.finding(
                    .apologyWithBut, .medium,
                    reading.say(
                        "Na de excuses volgt een uitleg die de verantwoordelijkheid afschuift: dat neemt de excuses terug.",
                        "The apology is followed by an explanation that shifts the responsibility: it takes the apology back."),
                    span: excuse,
                    suggestion: reading.say(
                        "Laat de excuses los staan; neem de verantwoordelijkheid en zet een eventuele uitleg kort na de oplossing.",
                        "Let the apology stand; own the problem and keep any explanation short, after the solution.")))
        }
        // "Vervelend dat je moest betalen. … dat staat ook op de borden": a bare "vervelend" or
        // "jammer" taken back by blaming the customer is no apology.
        if apologised, !weakOnly.isEmpty, weakOnly.allSatisfy({ $0 }), !blameFindings(reading).isEmpty {
            apologised = false
        }
        // "Wat vervelend dat …", "ik begrijp je frustratie": sympathy that owns nothing. When the
        // company let the customer down, that is no apology.
        if apologised, !owned, reading.complaintIsNegative, !customerOwnsProblem(reading) {
            let strong = (reading.complaintAnalysis?.score ?? 0) <= -0.45 || (reading.complaintAnalysis?.emotion ?? 0) >= 0.5
            findings.append(
                reading.finding(
                    .noApology, strong ? .medium : .low,
                    reading.say(
                        "Alleen begrip ('wat vervelend', 'ik begrijp je frustratie'), geen excuses: er ging iets mis aan onze kant en dat benoemt het concept niet.",
                        "Only sympathy ('how annoying'), no apology: something went wrong on our side and the draft does not own it."),
                    suggestion: reading.say(
                        u: "Bied ook excuses aan voor wat er misging: 'Excuses, dit had niet mogen gebeuren.'",
                        je: "Zeg ook sorry voor wat er misging: 'Sorry, dit had niet mogen gebeuren.'",
                        en: "Also apologise for what went wrong: 'I'm sorry, that should not have happened.'")))
        }
        if !apologised, reading.complaintIsNegative {
            let strong = (reading.complaintAnalysis?.score ?? 0) <= -0.45 || (reading.complaintAnalysis?.emotion ?? 0) >= 0.5
            findings.append(
                reading.finding(
                    .noApology, strong ? .high : .medium,
                    reading.say(
                        "Geen excuses of begrip: de klant is ontevreden en leest nergens 'sorry' of 'wat vervelend'.",
                        "No apology or empathy: the customer is unhappy and reads no 'sorry' anywhere."),
                    suggestion: reading.say(
                        u: "Bied oprecht excuses aan voor wat er misging: 'Excuses, dit had niet mogen gebeuren.'",
                        je: "Zeg oprecht sorry voor wat er misging: 'Sorry, dit had niet mogen gebeuren.'",
                        en: "Apologise sincerely for what went wrong: 'I'm sorry, that should not have happened.'")))
        }
        return findings
    }

    /// A later sentence that takes the apology back: it disowns the problem anywhere ("dat ligt
    /// buiten onze macht", "daar kunnen we niets aan doen"), or opens with a cause ("Door een
    /// storing …", "Dit komt doordat …") before anything is done for the customer.
    func laterExcuse(_ reading: CoachReading, after first: Int) -> (Int, Int)? {
        let text = reading.text
        let body = text.bodySentences
        var acted = false
        for sentence in body[first...] {
            if let disclaimer = reading.matches(.disclaimer, in: sentence).first {
                return text.span(words: disclaimer.first, disclaimer.last)
            }
            let range = text.sentences[sentence].words
            let words = text.words[range]
            let ours = words.contains { Self.firstPerson.contains($0.normal) }
            if ours, !reading.matches(.action, in: sentence).isEmpty || reading.has(.ownership, in: sentence) { acted = true }
            // "Vanwege de vertraging krijg je € 10 terug": a cause that leads to a remedy.
            // (In the apology itself "dat je geen post krijgt" is the problem.)
            if sentence != body[first], !words.contains(where: { $0.normal == "geen" || $0.normal == "niet" }),
                words.contains(where: { ["krijg", "krijgt", "ontvang", "ontvangt"].contains($0.normal) || ($0.isNumber && text.amounts.contains(CoachText.normaliseAmount($0.normal))) })
            {
                acted = true
            }
            guard !acted, sentence != body[first], !text.sentences[sentence].isQuestion, let opening = words.first else { continue }
            // "Door onze fout …" owns it; "Door een storing bij de vervoerder …" explains it away.
            let next = text.words[safe: range.lowerBound + 1]?.normal ?? ""
            let causeFirst = ["door", "doordat", "vanwege", "wegens"].contains(opening.normal) && !["onze", "ons", "mijn", "een fout"].contains(next)
                && !Self.namesOwnFailure(text.words, from: range.lowerBound, through: range.lowerBound)
            let explains = reading.matches(.explanation, in: sentence).contains {
                $0.first - range.lowerBound <= 1 && text.words[$0.first].normal != "omdat" && !Self.ownsCause(text.words, $0)
            }
            if causeFirst || explains, !ours || !words.contains(where: { $0.normal == "fout" || $0.normal == "schuld" }) {
                return (text.sentences[sentence].start, text.sentences[sentence].end)
            }
        }
        return nil
    }

    /// An apology match that only sympathises ("wat vervelend dat", "ik snap je frustratie"):
    /// a feeling word and nothing that owns the failure ("sorry", "niet mogen gebeuren", "fout").
    func isEmpathyOnly(_ text: CoachText, _ match: CueMatch) -> Bool {
        let words = text.words[match.first...match.last]
        guard words.contains(where: { Self.empathyWords.contains($0.normal) }) else { return false }
        return !words.contains { word in
            Self.owningWords.contains(word.normal) || word.normal.hasPrefix("betreur") || word.normal.hasPrefix("verontschuldig") || word.normal.hasPrefix("schaam")
        }
    }

    /// The complaint itself says the customer caused it ("per ongeluk", "ik was vergeten",
    /// "mijn eigen fout"): sympathy is then the right answer, not an apology.
    func customerOwnsProblem(_ reading: CoachReading) -> Bool {
        guard let complaint = reading.complaint else { return false }
        let words = complaint.words
        for (index, word) in words.enumerated() {
            let previous = index > 0 ? words[index - 1].normal : ""
            switch word.normal {
            case "ongeluk": if previous == "per" { return true }
            // "ik ben het vergeten", "ik heb het drie keer verkeerd ingevuld" ("verkeerde maat" is the shop's).
            // ("Ik werd vergeten" is passive: someone else forgot.)
            case "vergeten", "verkeerd":
                let clause = words.filter { $0.sentence == word.sentence }
                if clause.contains(where: { $0.normal == "ik" || $0.normal == "i" }),
                    !clause.contains(where: { ["werd", "word", "wordt", "werden", "worden"].contains($0.normal) })
                {
                    return true
                }
            case "fout", "schuld": if previous == "eigen" || previous == "mijn" { return true }
            case "accident", "mistake": if previous == "by" || previous == "my" { return true }
            default: break
            }
        }
        return false
    }

    static let empathyWords: Set<String> = [
        "vervelend", "vervelende", "jammer", "balen", "baal", "baalt", "balend", "pech", "naar", "rot", "frustrerend", "frustratie", "teleurstelling",
        "ergernis", "gedoe", "ellende", "toestand", "domper", "boos", "teleurgesteld", "geergerd", "geirriteerd", "begrijp", "begrijpen", "snap",
        "snappen", "frustrating", "frustration", "annoying", "disappointing", "disappointment", "understand", "hassle", "pain", "mess",
    ]
    /// Words that own the failure inside an apology match.
    static let owningWords: Set<String> = [
        "sorry", "excuses", "excuus", "spijt", "spijtig", "pardon", "fout", "gebeuren", "gebeurd", "mogen", "mocht", "niet", "mis", "hoort", "horen",
        "gelijk", "terecht", "bedoeling", "onacceptabel", "inderdaad", "gemoeten", "moeten", "gekund", "klopt", "netjes", "acceptabel", "apologise",
        "apologize", "apologies", "regret", "mistake", "fault", "should", "shouldn't", "rightly",
    ]

    /// Empathy words that, alone, regret without owning anything.
    static let weakEmpathy: Set<String> = ["vervelend", "jammer", "balen", "pech", "naar", "rot"]
    static let realApologyWords: Set<String> = [
        "sorry", "excuses", "excuus", "spijt", "betreur", "betreuren", "betreurt", "fout", "gebeuren", "mogen", "apologise", "apologize", "apologies",
        "apologising", "apologizing", "regret",
    ]

    static let feelingAdjectives: Set<String> = ["boos", "kwaad", "teleurgesteld", "gefrustreerd", "geergerd", "geirriteerd", "ontevreden", "verbaasd", "ontstemd"]

    static let validationWords: Set<String> = ["terecht", "begrijp", "begrijpen", "snap", "snappen", "gelijk", "understand", "right"]

    static let conditionWords: Set<String> = ["als", "indien", "mocht", "mochten", "wanneer", "if"]
    /// Who is sorry, said after the verb ("het spijt ons", "het spijt me").
    static let apologyObjects: Set<String> = ["me", "mij", "ons", "ik", "we", "wij"]

    /// "Dat ligt aan ons", "dit kwam door een fout van onze kant": the cause named is our own.
    static func ownsCause(_ words: [CoachWord], _ match: CueMatch) -> Bool {
        let sentence = words[match.first].sentence
        // "ligt aan ons", "lag bij onze kant": we are the cause. ("…, maar onze bezorgers mogen …" is no such cause.)
        if match.cue != .but, let next = words[safe: match.last + 1], next.sentence == sentence,
            ["ons", "onze", "mij", "mijn", "us", "our", "me"].contains(next.normal)
        {
            return true
        }
        // "kwam door een fout van ons": a mistake is named as the cause.
        var index = match.first
        while index < words.count, index <= match.last + 3, words[index].sentence == sentence {
            if ["fout", "vergissing", "mistake", "fault", "error"].contains(words[index].normal) { return true }
            index += 1
        }
        // "Dat kwam door een storing in ons systeem": a failure of ours. (Opening a reply, the same words
        // still explain before listening: that rule asks who speaks, not this.)
        return match.cue == .explanation && namesOwnFailure(words, from: match.first, through: match.last)
    }

    /// A failure noun within four words after `last`, with "ons"/"onze" at most three words after it,
    /// in the same sentence: "door een storing in ons systeem", "door een fout bij ons".
    static func namesOwnFailure(_ words: [CoachWord], from first: Int, through last: Int) -> Bool {
        let sentence = words[first].sentence
        var index = first
        while index < words.count, index <= last + 4, words[index].sentence == sentence {
            if failureNouns.contains(words[index].normal) {
                var owner = index + 1
                while owner < words.count, owner <= index + 3, words[owner].sentence == sentence {
                    if ["ons", "onze", "our", "us"].contains(words[owner].normal) { return true }
                    owner += 1
                }
            }
            index += 1
        }
        return false
    }

    static let failureNouns: Set<String> = ["storing", "fout", "vergissing", "defect", "mistake", "error", "fault", "outage", "glitch"]

    /// "niet alleen … maar ook", "maar liefst", "maar even": not a contrast.
    static func isHarmlessBut(_ words: [CoachWord], _ match: CueMatch) -> Bool {
        let word = words[match.first].normal
        // "alleen" is "but" only when it opens the sentence ("Alleen, het onderdeel …").
        if word == "alleen" { return match.first > 0 && words[match.first - 1].sentence == words[match.first].sentence }
        // "… en toch is er weer afgeschreven": "and yet" restates the grievance, it takes nothing back.
        if word == "toch", match.first > 0, words[match.first - 1].normal == "en" { return true }
        guard word == "maar" || word == "but" else { return false }
        // "maar €78", "maar een paar": 'only', not 'but'.
        if let following = words[safe: match.first + 1], following.isNumber || ["een", "enkele", "weinig", "half", "twee", "drie"].contains(following.normal) {
            return true
        }
        let next = words[safe: match.first + 1]?.normal ?? ""
        return ["ook", "liefst", "even", "goed", "also", "wel"].contains(next)
    }

    // MARK: Opener

    func openerFindings(_ reading: CoachReading) -> [CoachFinding] {
        let text = reading.text
        // The first body sentence that is more than a thank-you.
        var opener: Int?
        for sentence in text.bodySentences {
            let size = text.sentences[sentence].words.count
            if reading.has(.thanks, in: sentence), size <= 10, reading.cues[sentence].allSatisfy({ $0.cue == .thanks || $0.cue == .template }) { continue }
            // "Wat vervelend om te horen!", "Balen!": an interjection acknowledges nothing yet, so the
            // sentence after it is the real opener.
            if size <= 6, sentence != text.bodySentences.last, !reading.cues[sentence].isEmpty,
                reading.cues[sentence].allSatisfy({ [.thanks, .template, .apology].contains($0.cue) }),
                reading.matches(.apology, in: sentence).allSatisfy({ isEmpathyOnly(text, $0) })
            {
                continue
            }
            opener = sentence
            break
        }
        guard let opener else { return [] }
        // Policy, or a cause before the customer's problem ("Door de vorst hebben we …", "… kan drie dagen duren, omdat …").
        // A bare "omdat" mid-sentence often names our failure ("… omdat de assistentie er niet was").
        let openerStart = text.sentences[opener].words.lowerBound
        var causes = reading.matches(.explanation, in: opener).filter {
            $0.first - openerStart <= 1 || !["omdat", "doordat", "because"].contains(text.words[$0.first].normal)
        }
        // A first sentence that opens with its cause ("Door een seinstoring vielen …") explains before it
        // listens — unless the cause is our own mistake ("Door onze fout …").
        let ownFault: Set<String> = ["onze", "ons", "mijn", "een fout", "fout"]
        if ["door", "doordat", "vanwege", "wegens"].contains(text.words[openerStart].normal),
            !ownFault.contains(text.words[safe: openerStart + 1]?.normal ?? "")
        {
            causes.append(CueMatch(cue: .explanation, first: openerStart, last: openerStart))
        }
        // "Dat mag echt niet": a verdict on what happened to the customer, not a rule held against them.
        let verdicts: Set<String> = ["dat", "dit", "zo", "het"]
        let defensive = (reading.matches(.defensive, in: opener).filter { match in
            !(["mag", "mogen"].contains(text.words[match.first].normal) && verdicts.contains(text.words[safe: match.first - 1]?.normal ?? ""))
        } + causes).min(by: { $0.first < $1.first })
        guard let defensive = defensive ?? impersonalOpener(reading, opener) else { return [] }
        if let apology = apologies(reading, in: opener).first, apology.first < defensive.first { return [] }
        // "U heeft gelijk: … meer dan toegestaan", "overmacht, maar …": the customer's side comes first or wins.
        let openerWords = text.words[text.sentences[opener].words]
        if openerWords.contains(where: { ["gelijk", "terecht", "inderdaad", "right"].contains($0.normal) }) { return [] }
        if defensive.first == defensive.last, openerWords.contains(where: { $0.normal == "maar" && $0.start > text.words[defensive.last].start }) { return [] }
        return [
            reading.finding(
                .defensiveOpener, .medium,
                reading.say(
                    "De eerste zin legt beleid of omstandigheden uit voordat het probleem van de klant erkend is.",
                    "The first sentence explains policy or circumstances before acknowledging the customer's problem."),
                span: (text.sentences[opener].start, text.sentences[opener].end),
                // To the agent, as every message of the coach: 'je', whatever the reply's register.
                suggestion: reading.say(
                    "Begin met het probleem van de klant en je excuses; geef de uitleg later, kort.",
                    "Open with the customer's problem and an apology; keep any explanation for later, and short."))
        ]
    }

    /// Present modals and passive auxiliaries that state how things work.
    static let ruleVerbs: Set<String> = [
        "mag", "mogen", "moet", "moeten", "kan", "kunnen", "wordt", "worden", "dient", "dienen", "geldt", "gelden", "hoeft", "hoeven",
    ]

    /// Pronouns that put the customer or the writer in a sentence.
    static let personWords: Set<String> = [
        "je", "jij", "jou", "jouw", "u", "uw", "jullie", "ik", "me", "mij", "mijn", "we", "wij", "ons", "onze", "you", "your", "i", "we", "our", "us",
    ]

    /// "In de spits mogen chauffeurs geen … laten instappen.": a first sentence that names neither the
    /// customer nor us states how things work in general; when the apology only comes after it,
    /// the draft explains before it listens.
    func impersonalOpener(_ reading: CoachReading, _ opener: Int) -> CueMatch? {
        let text = reading.text
        let range = text.sentences[opener].words
        guard range.count >= 8, !text.sentences[opener].isQuestion, text.sentences[opener].exclamations == 0 else { return nil }
        if text.words[range].contains(where: { Self.personWords.contains($0.normal) }) { return nil }
        // A rule is stated with a present modal or passive ("mogen chauffeurs …", "wordt de borg pas …");
        // "dat had nooit mogen gebeuren" looks back on our failure instead.
        let words = text.words[range]
        // ("…, dat kan echt niet": a verdict on our failure, not a rule.)
        guard range.contains(where: { index in
                Self.ruleVerbs.contains(text.words[index].normal)
                    && !["dat", "dit", "zo", "het"].contains(text.words[safe: index - 1]?.normal ?? "")
            }),
            !words.contains(where: { ["had", "hadden", "zou", "zouden", "heeft", "hebben", "was", "waren"].contains($0.normal) })
        else { return nil }
        if !reading.cues[opener].isEmpty, reading.cues[opener].contains(where: { [.apology, .thanks, .feelings, .template].contains($0.cue) }) { return nil }
        // Only when an apology follows: without one, "no apology" already says what is missing.
        let later = text.bodySentences.drop(while: { $0 <= opener })
        guard later.contains(where: { !apologies(reading, in: $0).isEmpty }) else { return nil }
        return CueMatch(cue: .defensive, first: range.lowerBound, last: range.lowerBound)
    }

    // MARK: Blame

    static let receiptWords: Set<String> = [
        "ontvangen", "krijgen", "gekregen", "hebben", "worden", "zijn", "horen", "gehoord", "gebeuren", "gebeurd", "geholpen", "helpen",
        "informeren", "geinformeerd", "bellen", "wachten", "receive", "received", "get", "been", "heard",
    ]

    func blameFindings(_ reading: CoachReading) -> [CoachFinding] {
        let text = reading.text
        for sentence in text.bodySentences {
            for match in reading.matches(.blame, in: sentence) {
                let range = match.first...min(match.last + 1, text.sentences[sentence].words.upperBound - 1)
                // "je had je pakket gisteren moeten ontvangen" is our failure, not theirs.
                if range.contains(where: { Self.receiptWords.contains(text.words[$0].normal) }) { continue }
                // "Had je … gelezen": only a reproach when it opens the clause ("de app had je moeten waarschuwen" is ours).
                let head = text.words[match.first].normal
                // "staat … gewoon/ook" is a reproach only inside one clause, and "ook nog" adds a
                // grievance ("en dan staat er ook nog €25 op je rekening"), it does not point to the small print.
                if ["staat", "stond", "stonden"].contains(head), match.last > match.first {
                    if CoachText.firstComma(in: reading.text.readingScalars, from: text.words[match.first].end, to: text.words[match.last].start) != nil { continue }
                    if text.words[match.last].normal == "ook", text.words[safe: match.last + 1]?.normal == "nog" { continue }
                }
                if (head == "had" || head == "hadden"), match.first - text.sentences[sentence].words.lowerBound > 1 { continue }
                // "Zonder dat u iets hoeft te doen …" is a favour, not a condition on the customer.
                if head == "zonder" {
                    if text.words[safe: match.first + 1]?.normal == "dat" { continue }
                } else if text.words[match.first...match.last].contains(where: { ["ik", "we", "wij", "i"].contains($0.normal) }),
                    !text.words[match.first...match.last].contains(where: { Self.secondPerson.contains($0.normal) })
                {
                    // "Dat hadden wij beter moeten doen": we are the subject, so it is our failure.
                    continue
                }
                // "een verkeerd gelezen label": a participle used as adjective describes a thing, not the customer's act.
                if match.first > text.sentences[sentence].words.lowerBound, ["een", "de", "het", "a", "the"].contains(text.words[match.first - 1].normal),
                    !Self.secondPerson.contains(head)
                {
                    continue
                }
                // "Ziet u het vrijdag nog niet, laat het me weten": a verb-first clause before a comma is a condition.
                if ["ziet", "zie", "hoort", "hoor", "leest", "lees", "kijkt"].contains(head), match.first == text.sentences[sentence].words.lowerBound,
                    CoachText.firstComma(in: text.readingScalars, from: text.words[match.first].end, to: text.sentences[sentence].end) != nil
                {
                    continue
                }
                // "Zo hoort u niet behandeld te worden": "horen te" is a norm we failed, not "you don't listen".
                if head == "hoort" || head == "hoor" || head == "horen",
                    text.words[match.last..<text.sentences[sentence].words.upperBound].contains(where: { $0.normal == "te" })
                {
                    continue
                }
                if let apology = apologies(reading, in: sentence).first, apology.first < match.first,
                    text.words[match.first...match.last].contains(where: { $0.normal == "niet" || $0.normal == "nooit" })
                {
                    continue
                }
                return [
                    reading.finding(
                        .blame, .high,
                        reading.say(
                            "Dit legt de schuld of de bewijslast bij de klant.",
                            "This puts the blame or the burden of proof on the customer."),
                        span: text.span(words: match.first, match.last),
                        suggestion: reading.say(
                            "Laat het verwijt weg; neem zelf de volgende stap (uitzoeken, regelen) in plaats van de klant te corrigeren.",
                            "Drop the reproach; take the next step yourself instead of correcting the customer."))
                ]
            }
        }
        // "De vertraging zit bij het expertisebureau": to the customer we are the company, whoever we hired.
        for sentence in text.bodySentences where !text.sentences[sentence].isQuestion {
            guard let match = reading.matches(.otherParty, in: sentence).first else { continue }
            return [
                reading.finding(
                    .blame, .high,
                    reading.say(
                        "Dit legt de schuld bij een ander (een partner, de vervoerder): voor de klant bent u het bedrijf dat het oplost.",
                        "This passes the blame to someone else (a partner, the carrier): to the customer, you are the company that fixes it."),
                    span: text.span(words: match.first, match.last),
                    suggestion: reading.say(
                        u: "Neem het op u ('Dat is bij ons misgegaan') en zeg wat u regelt; wat u met de partner afspreekt, hoeft de klant niet te dragen.",
                        je: "Neem het op je ('Dat is bij ons misgegaan') en zeg wat je regelt; wat je met de partner afspreekt, hoeft de klant niet te dragen.",
                        en: "Own it ('That went wrong on our side') and say what you will do; what you settle with the partner is not the customer's burden."))
            ]
        }
        if let doubt = doubtQuestion(reading) {
            return [
                reading.finding(
                    .blame, .high,
                    reading.say(
                        "Deze vraag twijfelt eraan of de klant het wel goed gedaan heeft.",
                        "This question doubts whether the customer did it right."),
                    span: text.span(words: doubt.0, doubt.1),
                    suggestion: reading.say(
                        "Vraag niet of de klant het 'wel' goed deed; zoek het zelf uit en zeg wat u gaat doen.",
                        "Don't ask whether the customer did it right; look into it yourself."))
            ]
        }
        return []
    }

    static let questionVerbs: Set<String> = [
        "heb", "hebt", "heeft", "had", "hadden", "ben", "bent", "was", "waren", "kon", "kun", "kunt", "weet", "wist", "deed", "doe", "doet",
        "zag", "zie", "ziet", "gebruikte", "gebruik", "gebruikt", "stond", "sta", "staat", "lag", "zat", "did", "have", "are", "were",
    ]
    /// Participles of the customer checking their own part ("gekeken", "gelezen", "ingevuld").
    static let checkParticiples: Set<String> = [
        "gekeken", "nagekeken", "bekeken", "gecontroleerd", "gelezen", "doorgelezen", "gevraagd", "gezocht", "ingevuld", "ingesteld", "opgelet", "gecheckt",
        "checked", "looked", "read",
    ]
    static let doubtParticles: Set<String> = ["wel", "echt", "werkelijk", "really", "actually", "properly", "correct", "correctly", "goed"]

    /// "Heb je het formulier wel helemaal ingevuld?": a yes/no question, verb first, with the
    /// customer as subject and a particle of doubt — it asks whether the customer made the mistake.
    func doubtQuestion(_ reading: CoachReading) -> (Int, Int)? {
        let text = reading.text
        for sentence in text.bodySentences where text.sentences[sentence].isQuestion {
            let range = text.sentences[sentence].words
            guard range.count >= 4 else { continue }
            let verb = text.words[range.lowerBound].normal, subject = text.words[range.lowerBound + 1].normal
            guard Self.questionVerbs.contains(verb), ["je", "jij", "u", "you"].contains(subject) else { continue }
            // Only "wel"/"echt" as doubt; "goed" only right after "wel" ("wel goed").
            let rest = text.words[(range.lowerBound + 2)..<range.upperBound]
            // "goed" doubts only with a checking verb ("Heb je goed gekeken?"), not "Is het goed aangekomen?".
            let checks = rest.contains { Self.checkParticiples.contains($0.normal) }
            guard let particle = rest.firstIndex(where: { ["wel", "echt", "werkelijk", "really", "actually", "properly"].contains($0.normal) || (checks && $0.normal == "goed") })
            else { continue }
            // "Heeft u wel je geld terug?"-style checks on our promise are about receipt, not doubt.
            if rest.contains(where: { Self.receiptWords.contains($0.normal) || ["aangekomen", "teruggekregen", "terug", "bevalt", "uitkomt", "schikt", "mee"].contains($0.normal) }) { continue }
            return (range.lowerBound, particle)
        }
        return nil
    }

    // MARK: Solution, vague promises, promises

    /// Deeds that say nothing about what is done ("regelen", "oplossen", "zorgen dat").
    static let genericActionHeads: Set<String> = [
        "regel", "regelt", "regelen", "los", "lossen", "oplossen", "zorg", "zorgt", "zorgen", "herstel", "herstellen", "rechtzetten", "fix", "sort", "solve",
        "resolve", "op", "dat", "voor", "ervoor", "sure", "make",
    ]
    /// Pronoun objects and fillers around such a deed ("het", "dit", "alles", "voor je", "zo snel").
    static let emptyObjectWords: Set<String> = [
        "ervoor", "orde", "alles", "het", "dit", "dat", "gauw", "spoedig", "mogelijk", "snel", "zsm", "voor", "je", "jou", "u", "jullie", "zeker",
        "persoonlijk", "zelf", "netjes", "verder", "it", "this", "everything", "sure", "that", "for", "you",
    ]
    static let firstPerson: Set<String> = ["ik", "we", "wij", "i", "i'll", "i've", "we'll", "we've", "i'm", "we're", "collega", "collega's", "collegas", "monteur", "team"]
    static let benefitVerbs: Set<String> = ["krijgt", "krijg", "ontvangt", "ontvang", "receive", "get", "will", "wordt", "worden", "gaat"]
    static let pastMarkers: Set<String> = ["zojuist", "net", "inmiddels", "already", "just"]
    static let nowWords: Set<String> = ["vandaag", "nu", "direct", "meteen", "gelijk", "today", "now", "immediately", "vanochtend", "vanmiddag", "vanmorgen"]

    static let outcomeVerbs: Set<String> = ["wordt", "worden", "bedraagt", "krijgt", "ontvangt", "staat", "is", "becomes", "will", "get", "receive"]
    static let perfectAuxiliaries: Set<String> = ["heb", "hebben", "heeft", "hebt", "is", "zijn", "ben", "have", "has", "i've", "we've"]
    static let separablePrefixes = [
        "aan", "af", "bij", "door", "in", "mee", "na", "om", "op", "over", "terug", "toe", "uit", "vast", "vrij", "weg", "klaar", "goed", "recht",
        "kwijt", "samen", "voor", "open", "dicht", "binnen", "neer", "los", "stop", "na",
    ]
    static let notDeeds: Set<String> = [
        "gelezen", "gezien", "begrepen", "gehoord", "ontvangen", "bekeken", "genoteerd", "meegenomen", "geprobeerd", "gehad", "geweest", "gekregen",
        "gevonden", "gezegd", "gedacht", "gekeken", "geweten", "verteld", "gemerkt", "geconstateerd", "besproken", "verwacht", "bedoeld", "gebeurd",
        "geleden", "geduld", "gebied", "benieuwd", "bedankt", "verkeerd", "gelukt", "gewacht", "gevraagd", "begonnen", "gestuit", "opgevallen",
        "doorgegeven", "gemeld", "doorgezet", "nagevraagd", "uitgezocht", "onderzocht", "nagekeken", "gecontroleerd", "gecheckt", "gezocht",
        "ontstaan", "vergeten", "gebleken", "geweigerd", "afgewezen", "gesteld", "gedeeld", "geleerd", "betreurd", "begrepen", "geschrokken",
        "teleurgesteld", "overgekomen", "verlopen", "vertraagd", "geannuleerd", "ingezien", "geregistreerd", "verwerkt",
    ]

    /// A past participle of a deed ("goedgekeurd", "teruggezet", "verstuurd"), not of perception.
    static func isActionParticiple(_ word: String) -> Bool {
        guard word.utf8.count >= 6, !notDeeds.contains(word), !word.hasSuffix("heid"), !word.hasSuffix("end"), !word.hasSuffix("aard") else { return false }
        guard word.hasSuffix("d") || word.hasSuffix("t") || word.hasSuffix("en") else { return false }
        if word.hasPrefix("ge") { return true }
        for prefix in separablePrefixes where word.hasPrefix(prefix) {
            if word.dropFirst(prefix.count).hasPrefix("ge") { return true }
        }
        for prefix in ["ver", "her", "be", "ont"] where word.hasPrefix(prefix) && (word.hasSuffix("d") || word.hasSuffix("t")) {
            return true
        }
        return false
    }

    func solutionFindings(_ reading: CoachReading) -> (findings: [CoachFinding], promises: [CoachPromise]) {
        let text = reading.text
        var concrete = false
        var vagueSpan: (Int, Int)?
        // "Ik zoek het uit" is vague only when nothing concrete follows anywhere.
        var investigationSpan: (Int, Int)?
        var pendingSpan: (Int, Int)?
        var undatedSpan: (Int, Int)?
        var dated = false
        var promises: [CoachPromise] = []
        // Commitments without a time; tracked only when the draft has no dated promise ("Ik bel u
        // morgen om 10 uur. Dan laat ik u weten hoe het zit": the call is the promise).
        var undated: [CoachPromise] = []
        for sentence in text.bodySentences {
            let info = text.sentences[sentence]
            let words = text.words[info.words]
            let hasFirstPerson = words.contains { Self.firstPerson.contains($0.normal) }
            let times = realTimes(reading, sentence)
            // A canned phrase ("uw klacht is in behandeling", "we nemen uw feedback mee") is a template finding, not a promise.
            let canned = reading.matches(.template, in: sentence)
            // "U hoort binnen twee werkdagen van ons": getting in touch, with a date, is a next step the customer can hold us to.
            let contacts = times.contains { !Self.relativeTimes.contains(text.words[$0.first].normal) } ? reading.matches(.contact, in: sentence) : []
            let vague = reading.matches(.vague, in: sentence).filter { v in
                !canned.contains { $0.first <= v.last && v.first <= $0.last } && !contacts.contains { $0.first <= v.first && v.last <= $0.last }
            }
            // In an apology the deed words describe the problem ("sorry dat je terugbetaling is verlaagd").
            let actions = apologies(reading, in: sentence).isEmpty ? reading.matches(.action, in: sentence) : []
            let offer = info.isQuestion && words.prefix(2).contains { ["zal", "zullen", "mag", "shall", "should"].contains($0.normal) }
            if info.isQuestion && !offer { continue }
            // "… is meestal binnen een paar dagen vanzelf hersteld": nobody does anything.
            if words.contains(where: { $0.normal == "vanzelf" }) { continue }
            // "Ik bel u terug", "u hoort nog van ons": tracked without a time, so the agent is asked for one.
            if times.isEmpty, !offer, !reading.has(.defensive, in: sentence), reading.matches(.negatedAbility, in: sentence).isEmpty,
                undatedCommitment(reading, sentence)
            {
                undated.append(CoachPromise(text: reading.quote(info.start, info.end, limit: 400), start: info.start, end: info.end))
            }
            // "Zodra het onderdeel binnen is, gaat de monteur aan de slag": the step waits on an
            // event nobody dates. Fine after a dated commitment ("… ik laat je weten zodra het er is").
            if let pending = pendingEvent(reading, sentence) {
                if pendingSpan == nil { pendingSpan = pending }
                continue
            }
            if investigationSpan == nil, times.isEmpty, let look = reading.matches(.investigate, in: sentence).first {
                investigationSpan = text.span(words: look.first, look.last)
            }
            // "Helaas kan ik het niet terugstorten": an action that is refused is none.
            let refusals = reading.matches(.negatedAbility, in: sentence)
            let liveActions = actions.filter { action in
                !refusals.contains { refusal in
                    refusal.first <= action.last
                        && !text.words[refusal.last...max(refusal.last, action.first)].contains { ["maar", "wel", "but"].contains($0.normal) }
                }
            }
            if !vague.isEmpty && times.isEmpty {
                if liveActions.isEmpty || vague.contains(where: { v in
                    // A vague phrase inside an action's gap ("nemen op korte termijn contact") still is one.
                    liveActions.allSatisfy { !(v.first...v.last).contains($0.first) && !(v.first...v.last).contains($0.last) }
                }) {
                    if vagueSpan == nil, let v = vague.first { vagueSpan = text.span(words: v.first, v.last) }
                    if liveActions.isEmpty { continue }
                }
            }
            // "Ik ga het voor je regelen", "we zorgen dat het goed komt": a deed without its what or when.
            if times.isEmpty, !offer, !liveActions.isEmpty, liveActions.allSatisfy({ Self.genericActionHeads.contains(text.words[$0.first].normal) }),
                !words.contains(where: { $0.isNumber || Self.perfectAuxiliaries.contains($0.normal) }),
                words.allSatisfy({ word in
                    Self.emptyObjectWords.contains(word.normal) || CoachPhrases.unspecific.contains(word.normal) || Self.firstPerson.contains(word.normal)
                        || Self.genericActionHeads.contains(word.normal)
                })
            {
                if vagueSpan == nil, let action = liveActions.first { vagueSpan = (info.start, max(info.start + 1, text.words[action.last].end)) }
                continue
            }
            let actor = hasFirstPerson || words.contains { Self.benefitVerbs.contains($0.normal) }
            // "Ik heb de declaratie goedgekeurd": any done-deed participle after a first-person perfect.
            let deed = hasFirstPerson && refusals.isEmpty && words.contains { Self.perfectAuxiliaries.contains($0.normal) }
                && words.contains { Self.isActionParticiple($0.normal) }
            // "Morgen heb je een nieuwe", "Vanaf maandag rijdt lijn 4 vaker": a next step with a time.
            let scheduled = !times.isEmpty && vague.isEmpty && refusals.isEmpty && apologies(reading, in: sentence).isEmpty
                && !reading.has(.defensive, in: sentence)
                && !times.allSatisfy { Self.pastMarkers.contains(text.words[$0.first].normal) }
            // "Uw premie wordt daarmee €43,56": the customer's new situation, in money.
            let settled = refusals.isEmpty && apologies(reading, in: sentence).isEmpty
                && words.contains { $0.isNumber && text.amounts.contains(CoachText.normaliseAmount($0.normal)) }
                && words.contains { Self.outcomeVerbs.contains($0.normal) }
            let isConcrete = (!liveActions.isEmpty && (actor || !times.isEmpty)) || (hasFirstPerson && !times.isEmpty && refusals.isEmpty) || deed || scheduled || settled
            guard isConcrete else { continue }
            concrete = true
            // Dated, done ("ik heb … teruggestort") or settled: the customer knows when.
            if !times.isEmpty || deed || settled || words.contains(where: { Self.perfectAuxiliaries.contains($0.normal) && $0.normal != "is" && $0.normal != "zijn" }) {
                dated = true
            } else if undatedSpan == nil {
                undatedSpan = (info.start, info.end)
            }
            // A commitment with a time, not a report of what is done already.
            let future = !times.isEmpty && !times.allSatisfy { Self.pastMarkers.contains(text.words[$0.first].normal) }
            // "Ik heb het vandaag teruggestort" is done, not promised; a policy is no promise either.
            let perfect = words.contains { Self.perfectAuxiliaries.contains($0.normal) && $0.normal != "is" && $0.normal != "zijn" }
            let doneToday = perfect && times.allSatisfy { Self.nowWords.contains(text.words[$0.first].normal) }
            // "Ik heb hem net gesproken: hij belt u morgen" — a time after the past report is still a promise.
            let lastPast = words.lastIndex { Self.pastMarkers.contains($0.normal) }
            let promisedAfterReport = lastPast.map { last in times.contains { $0.first > last } } ?? true
            if future && !doneToday && !reading.has(.defensive, in: sentence) && promisedAfterReport {
                let start = info.start, end = info.end
                promises.append(CoachPromise(text: reading.quote(start, end, limit: 400), start: start, end: end))
            }
        }
        var findings: [CoachFinding] = []
        if vagueSpan == nil, let pendingSpan, promises.isEmpty { vagueSpan = pendingSpan }
        if promises.isEmpty { promises = undated }
        // "Ik stuur je een nieuwe": what, but not when, and nothing else in the draft is dated or done.
        if vagueSpan == nil, concrete, !dated, let undatedSpan { vagueSpan = undatedSpan }
        if vagueSpan == nil, !concrete { vagueSpan = investigationSpan }
        if let vagueSpan {
            findings.append(
                reading.finding(
                    .vaguePromise, concrete ? .low : .medium,
                    reading.say(
                        "Een toezegging zonder tijd of concrete actie: de klant weet niet wat er gaat gebeuren en wanneer.",
                        "A promise without a time or a concrete action: the customer does not know what will happen, or when."),
                    span: vagueSpan,
                    suggestion: reading.say(
                        u: "Maak het concreet: wie doet wat en wanneer, bijvoorbeeld 'Ik bel u morgen voor 12 uur terug.'",
                        je: "Maak het concreet: wie doet wat en wanneer, bijvoorbeeld 'Ik bel je morgen voor 12 uur terug.'",
                        en: "Make it concrete: who does what, and when, e.g. 'I'll call you back tomorrow before noon.'")))
        }
        let needsSolution = reading.complaintAnalysis.map { $0.sentiment == .negative || $0.intent == .complaint || $0.intent == .question } ?? true
        if !concrete, needsSolution {
            findings.append(
                reading.finding(
                    .noSolution, vagueSpan == nil ? .high : .medium,
                    reading.say(
                        "Geen concrete oplossing of volgende stap: wat ga jij voor de klant doen?",
                        "No concrete solution or next step: what will you do for the customer?"),
                    suggestion: reading.say(
                        "Zeg wat je doet, in de ik-vorm en met een tijd: 'Ik heb … teruggestort' of 'Ik stuur vandaag een nieuwe …'.",
                        "Say what you do, as 'I', with a time: 'I've refunded …' or 'I'm sending a new … today.'")))
        }
        return (findings, promises)
    }

    /// Words that turn a commitment phrase into something else: the customer acting towards us
    /// ("laat het ons weten", "om ons te bellen"), a negation, or this very message ("u ontvangt deze mail").
    static let notCommitting: Set<String> = ["te", "ons", "mij", "me", "onze", "us", "niet", "geen", "nooit", "not", "never", "deze", "dit", "this"]
    static let hearer: Set<String> = ["u", "je", "you'll", "you"]

    /// Whether the sentence commits us to contact or send something to this customer, with or without a time.
    func undatedCommitment(_ reading: CoachReading, _ sentence: Int) -> Bool {
        let words = reading.text.words
        return reading.matches(.commitment, in: sentence).contains { match in
            let span = words[match.first...match.last]
            let fromHearer = Self.hearer.contains(words[match.first].normal)
            if span.contains(where: { word in
                Self.notCommitting.contains(word.normal) && !(fromHearer && ["ons", "mij", "me", "us"].contains(word.normal))
            }) {
                return false
            }
            // "Ik kom terug op uw vraag": a turn of the conversation, not a promise.
            if span.contains(where: { ["kom", "komen"].contains($0.normal) }), words[safe: match.last + 1]?.normal == "op" { return false }
            return true
        }
    }

    static let durationUnits: Set<String> = ["dag", "dagen", "werkdag", "werkdagen", "week", "weken", "maand", "maanden", "jaar", "days", "weeks", "months"]
    static let numberWords: Set<String> = [
        "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf", "veertien", "twintig", "dertig", "paar",
        "enkele", "meerdere", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ]
    static let deadlineWords: Set<String> = ["binnen", "over", "na", "in", "uiterlijk", "komende", "within", "de", "die", "deze", "vanaf"]

    /// Time cues that date a next step: not a duration of the problem ("negen dagen zonder
    /// lift", "al drie weken") and not "om een afspraak" read as "om 1".
    func realTimes(_ reading: CoachReading, _ sentence: Int) -> [CueMatch] {
        let words = reading.text.words
        let lower = reading.text.sentences[sentence].words.lowerBound
        return reading.matches(.time, in: sentence).filter { match in
            let first = words[match.first], last = words[match.last]
            // "vóór 20:00" dates a step; "voor 3 producten" or "by 2" does not.
            if match.last == match.first + 1, Self.clockPrepositions.contains(first.normal), last.isNumber {
                return Self.isClockTime(last.normal)
            }
            if first.normal == "om", match.last > match.first, !words[match.last].normal.contains(where: \.isNumber),
                words[safe: match.last + 1]?.normal != "uur"
            {
                return false
            }
            if match.last > match.first, first.isNumber || Self.numberWords.contains(first.normal), Self.durationUnits.contains(last.normal) {
                let previous = match.first > lower ? words[match.first - 1].normal : ""
                return Self.deadlineWords.contains(previous)
            }
            return true
        }
    }

    static let clockPrepositions: Set<String> = ["voor", "tot", "rond", "omstreeks", "by", "before", "until", "around"]

    /// "20:00", "17.30", "9:15": hours and minutes of a clock.
    static func isClockTime(_ text: String) -> Bool {
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == ":" || $0 == "." })
        guard parts.count == 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]) else { return false }
        return (0...24).contains(hour) && (0...59).contains(minute)
    }

    static let secondPerson: Set<String> = ["je", "jij", "u", "jou", "you", "jullie"]
    /// Times that only say "right after" the event, not when.
    static let relativeTimes: Set<String> = ["direct", "meteen", "gelijk", "nu", "straks", "onmiddellijk", "per"]

    /// The span of a sentence whose next step hangs on an undated event outside the customer's
    /// hands: "zodra … binnen/bekend/opgelost is" (or "as soon as …") with no date or hour.
    func pendingEvent(_ reading: CoachReading, _ sentence: Int) -> (Int, Int)? {
        let text = reading.text
        let info = text.sentences[sentence]
        var opener: Int?
        for index in info.words {
            let word = text.words[index].normal
            if word == "zodra" || word == "zogauw" { opener = index; break }
            if word == "zo", text.words[safe: index + 1]?.normal == "gauw", index + 1 < info.words.upperBound { opener = index; break }
            if word == "as", text.words[safe: index + 1]?.normal == "soon", text.words[safe: index + 2]?.normal == "as", index + 2 < info.words.upperBound {
                opener = index; break
            }
        }
        guard let opener else { return nil }
        // The event clause runs to the next comma (or the sentence's end).
        let commaOffset = CoachText.firstComma(in: text.readingScalars, from: text.words[opener].end, to: info.end)
        var clauseEnd = info.words.upperBound
        if let commaOffset {
            clauseEnd = info.words.first { $0 > opener && text.words[$0].start >= commaOffset } ?? info.words.upperBound
        }
        // "Zodra je het pakket terugstuurt": the customer's own step, not a wait.
        if text.words[opener..<clauseEnd].contains(where: { Self.secondPerson.contains($0.normal) }) { return nil }
        // A real date or hour anywhere in the sentence makes it concrete.
        if realTimes(reading, sentence).contains(where: { !Self.relativeTimes.contains(text.words[$0.first].normal) }) { return nil }
        return (text.words[opener].start, info.end)
    }

    // MARK: Check

    /// "Zet je je IBAN even hieronder?": asks for data, does not check the solution. "Is je
    /// adres nog hetzelfde?" verifies, and counts as a check.
    func isDataQuestion(_ reading: CoachReading, _ sentence: Int) -> Bool {
        let text = reading.text
        let words = text.words[text.sentences[sentence].words]
        let asksData = words.contains {
            CoachPhrases.dataNouns.contains($0.normal) || $0.normal.hasSuffix("nummer") || $0.normal.hasSuffix("adres") || $0.normal.hasSuffix("code")
        }
        guard asksData, let first = words.first else { return false }
        // Asked by DM, the conversation moves to a private channel where the check follows.
        if reading.has(.privateRoute, in: sentence) { return false }
        return reading.has(.dataAsk, in: sentence) || Self.requestStarts.contains(first.normal)
    }

    func checkFindings(_ reading: CoachReading) -> [CoachFinding] {
        let text = reading.text
        let body = text.bodySentences
        guard !body.isEmpty else { return [] }
        if body.contains(where: { reading.has(.invitation, in: $0) }) { return [] }
        if body.contains(where: { text.sentences[$0].isQuestion && reading.has(.check, in: $0) }) { return [] }
        let tail = body.suffix(3)
        var dataOnly = false
        for sentence in tail where text.sentences[sentence].isQuestion {
            if isDataQuestion(reading, sentence) { dataOnly = true } else { return [] }
        }
        if dataOnly {
            return [
                reading.finding(
                    .noCheck, .low,
                    reading.say(
                        "Het concept vraagt alleen om gegevens; het checkt niet of de oplossing de klant helpt.",
                        "The draft only asks for details; it does not check whether the solution helps."),
                    suggestion: reading.say(
                        u: "Voeg een controlevraag toe: 'Is het daarmee voor u opgelost?'",
                        je: "Voeg een controlevraag toe: 'Is het daarmee voor je opgelost?'",
                        en: "Add a check: 'Does that solve it for you?'"))
            ]
        }
        return [
            reading.finding(
                .noCheck, .medium,
                reading.say(
                    "Geen controlevraag of uitnodiging om te reageren: je weet niet of dit de klant helpt.",
                    "No check or invitation to reply: you won't know whether this helps the customer."),
                suggestion: reading.say(
                    u: "Sluit af met een controlevraag: 'Is het hiermee opgelost? Laat het me gerust weten.'",
                    je: "Sluit af met een controlevraag: 'Lukt het zo? Laat het me gerust weten.'",
                    en: "End with a check: 'Does that solve it? Just let me know.'"))
        ]
    }

    // MARK: Referral

    func referralFindings(_ reading: CoachReading) -> [CoachFinding] {
        let text = reading.text
        let body = text.bodySentences
        // Ownership covers a referral in its own sentence or one before it ("Je kunt bij X terecht;
        // ik heb het alvast doorgezet"). After it, only an extra ("je kunt ze ook bellen") or a
        // fallback ("Mocht het niet lukken, …") is covered: "Ik heb je klacht doorgegeven. Voor
        // compensatie moet je bij de klantenservice zijn" still sends the customer away.
        guard let lastOwned = body.lastIndex(where: { reading.has(.ownership, in: $0) }) else { return referrals(reading, in: body[...]) }
        let after = body[(lastOwned + 1)...].filter { sentence in
            let words = text.words[text.sentences[sentence].words]
            if words.contains(where: { ["ook", "also", "eventueel", "daarnaast"].contains($0.normal) }) { return false }
            if let first = words.first, Self.conditionWords.contains(first.normal) { return false }
            return true
        }
        return referrals(reading, in: after[...])
    }

    func referrals(_ reading: CoachReading, in body: ArraySlice<Int>) -> [CoachFinding] {
        let text = reading.text
        for sentence in body {
            for match in reading.matches(.referral, in: sentence) {
                // "neem contact met ons op" invites; it does not send the customer away.
                let upper = min(match.last + 3, text.sentences[sentence].words.upperBound - 1)
                let around = Array(text.words[match.first...max(match.first, upper)])
                let invites = around.indices.contains { index in
                    let word = around[index].normal
                    // "mail mij rechtstreeks": the agent stays the contact.
                    if word == "mij" || word == "me" || word == "rechtstreeks" { return true }
                    // "we nemen contact met u op": we act, the customer waits.
                    if index > 0, around[index - 1].normal == "met", ["u", "je", "jou", "you"].contains(word) { return true }
                    guard word == "ons" || word == "us" else { return false }
                    return (index > 0 && ["met", "with", "bel", "belt", "mail", "app", "contact"].contains(around[index - 1].normal))
                        || (index + 1 < around.count && ["op", "gerust", "even"].contains(around[index + 1].normal))
                }
                if invites { continue }
                // "Woensdag bel ik u met de uitkomst": the agent is the subject, the customer waits.
                let lower = max(text.sentences[sentence].words.lowerBound, match.first - 1)
                let ours = text.words[lower...min(match.last + 1, text.sentences[sentence].words.upperBound - 1)]
                    .contains { $0.normal == "ik" || $0.normal == "we" || $0.normal == "wij" || $0.normal == "i" }
                if ours { continue }
                return [
                    reading.finding(
                        .referral, .medium,
                        reading.say(
                            "Je stuurt de klant door zonder het zelf op te pakken: de klant moet opnieuw beginnen.",
                            "You send the customer elsewhere without taking ownership: they have to start over."),
                        span: text.span(words: match.first, match.last),
                        suggestion: reading.say(
                            u: "Regel het zelf of draag het warm over: 'Ik heb uw vraag doorgezet naar … en zij bellen u morgen.'",
                            je: "Regel het zelf of draag het warm over: 'Ik heb je vraag doorgezet naar … en zij bellen je morgen.'",
                            en: "Arrange it yourself or hand over warmly: 'I've passed this to … and they will call you tomorrow.'"))
                ]
            }
        }
        return []
    }

    // MARK: Templates

    func templateFindings(_ reading: CoachReading) -> [CoachFinding] {
        let text = reading.text
        var findings: [CoachFinding] = []
        if let placeholder = text.placeholders.first {
            // Every one named, so none is left after the first is filled in.
            let names = text.placeholders.map { reading.quote($0.start, $0.end) }.joined(separator: ", ")
            let one = text.placeholders.count == 1
            findings.append(
                reading.finding(
                    .template, .high,
                    one
                        ? reading.say(
                            "Er staat nog een onvervulde plaatshouder in het concept: \(names).", "The draft still contains an unfilled placeholder: \(names).")
                        : reading.say(
                            "Er staan nog \(text.placeholders.count) onvervulde plaatshouders in het concept: \(names).",
                            "The draft still contains \(text.placeholders.count) unfilled placeholders: \(names)."),
                    span: (placeholder.start, placeholder.end),
                    suggestion: one
                        ? reading.say("Vul de plaatshouder in of haal hem weg.", "Fill in or remove the placeholder.")
                        : reading.say("Vul de plaatshouders in of haal ze weg.", "Fill in or remove the placeholders.")))
        }
        if let copied = nearCopy(reading) {
            findings.append(
                reading.finding(
                    .template, .medium,
                    reading.say(
                        "Het concept is vrijwel een kopie van een standaardtekst (\(Int((copied * 100).rounded())) % gelijk).",
                        "The draft is nearly a copy of a standard reply (\(Int((copied * 100).rounded()))% the same)."),
                    suggestion: reading.say(
                        "Maak de standaardtekst persoonlijk: noem de situatie van de klant en wat je concreet doet.",
                        "Make the template personal: name the customer's situation and what you concretely do.")))
        }
        var canned: [CueMatch] = []
        for sentence in text.bodySentences { canned += reading.matches(.template, in: sentence) }
        if let first = canned.first, findings.isEmpty {
            let phrase = reading.quote(text.words[first.first].start, text.words[first.last].end)
            findings.append(
                reading.finding(
                    .template, canned.count >= 2 ? .medium : .low,
                    reading.say("Standaardzin ('\(phrase)'): klinkt als een bedrijf, niet als een mens.", "Canned phrase ('\(phrase)'): sounds like a company, not a person."),
                    span: text.span(words: first.first, first.last),
                    suggestion: reading.say(
                        "Zeg het in je eigen woorden en concreet voor deze klant.", "Say it in your own words, specific to this customer.")))
        }
        return findings
    }

    /// How much of the most similar template the draft copies: word trigrams, never across a
    /// placeholder; a near copy covers ≥ 80 % of the template and is mostly template itself.
    func nearCopy(_ reading: CoachReading) -> Double? {
        guard !reading.context.templates.isEmpty else { return nil }
        let draftShingles = Self.shingles([reading.text.words.map(\.normal)])
        guard !draftShingles.isEmpty else { return nil }
        var best = 0.0
        for template in reading.context.templates.prefix(200) {
            let segments = Self.templateSegments(Self.prefix(template, 20000)).map { segment in
                tokenizer.tokenize(segment).filter { $0.kind == .word || $0.kind == .number }.map(\.normal)
            }
            let shingles = Self.shingles(segments)
            guard shingles.count >= 3 else { continue }
            let shared = Double(shingles.intersection(draftShingles).count)
            let coverage = shared / Double(shingles.count)
            let ownShare = shared / Double(draftShingles.count)
            if coverage >= 0.8, ownShare >= 0.6 { best = max(best, coverage) }
        }
        return best > 0 ? best : nil
    }

    static func shingles(_ segments: [[String]]) -> Set<String> {
        var result = Set<String>()
        for words in segments {
            if words.count < 3 {
                if words.count == 2 { result.insert(words.joined(separator: " ")) }
                continue
            }
            for index in 0..<(words.count - 2) { result.insert(words[index] + " " + words[index + 1] + " " + words[index + 2]) }
        }
        return result
    }

    /// The template's text between placeholders ("{klant}", "[wat je vond]", "{{naam}}").
    static func templateSegments(_ text: String) -> [String] {
        var segments: [String] = []
        var current = String.UnicodeScalarView()
        var depth = 0
        for scalar in text.unicodeScalars {
            if scalar == "{" || scalar == "[" {
                if depth == 0, !current.isEmpty { segments.append(String(current)); current = String.UnicodeScalarView() }
                depth += 1
                continue
            }
            if scalar == "}" || scalar == "]" { depth = max(0, depth - 1); continue }
            if depth == 0 { current.append(scalar) }
        }
        if !current.isEmpty { segments.append(String(current)) }
        return segments
    }

    // MARK: Name

    static let nameParticles: Set<String> = [
        "de", "van", "der", "den", "het", "te", "ter", "ten", "la", "le", "du", "da", "di", "del", "von", "mevrouw", "meneer", "dhr", "mw", "mevr", "mr",
        "mrs", "ms", "heer", "familie", "fam", "in", "t",
    ]

    /// The name under the customer's own sign-off ("Met vriendelijke groet,\nIngrid Jansen"): the
    /// customer told us who they are, so a reply can use it.
    static func signedName(_ complaint: String?) -> String? {
        guard let complaint else { return nil }
        let lines = complaint.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard lines.count >= 3 else { return nil }
        let closings = ["met vriendelijke groet", "vriendelijke groet", "met vriendelijke groeten", "groet", "groeten", "mvg", "hoogachtend", "met groet"]
        for index in stride(from: lines.count - 2, through: max(0, lines.count - 4), by: -1) {
            let closing = lines[index].lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ",.!"))
            guard closings.contains(closing) else { continue }
            let name = lines[index + 1]
            let parts = name.split(separator: " ")
            guard (1...4).contains(parts.count), name.count <= 40, let initial = name.first, initial.isUppercase,
                !name.contains(where: { $0.isNumber || $0 == "@" })
            else { return nil }
            return name
        }
        return nil
    }

    func nameFindings(_ reading: CoachReading) -> [CoachFinding] {
        guard let name = reading.context.customerName ?? Self.signedName(reading.context.complaint), !name.contains("@"), !name.contains(where: { $0.isNumber || $0 == "_" }) else { return [] }
        let parts = tokenizer.tokenize(name).filter { $0.kind == .word }.map(\.normal).filter { $0.count >= 2 && !Self.nameParticles.contains($0) }
        guard !parts.isEmpty else { return [] }
        // "mevrouw Dijkstra" names A. Dijkstra-Post: each half of a double name counts on its own.
        func halves(_ word: String) -> [String] { [word] + word.split(separator: "-").map(String.init).filter { $0.count >= 2 } }
        let used = Set(reading.text.words.flatMap { halves($0.normal) })
        if parts.flatMap(halves).contains(where: { used.contains($0) }) { return [] }
        // "@kimvd" on X names her too.
        if reading.text.mentions.contains(where: { mention in parts.contains { $0.count >= 3 && mention.contains($0) } }) { return [] }
        let first = name.split(separator: " ").first.map(String.init) ?? name
        // "Beste Karin," to Jan de Vries: someone else's name (a copied reply, another customer's
        // case) is worse than none, and "the name is missing" would send the agent looking for it.
        if let greeted = Self.greetedName(reading.text) {
            return [
                reading.finding(
                    .noName, .high,
                    reading.say(
                        "De naam in het concept (\(reading.quote(greeted.start, greeted.end))) is niet de naam van de klant (\(name)).",
                        "The name in the draft (\(reading.quote(greeted.start, greeted.end))) is not the customer's name (\(name))."),
                    span: (greeted.start, greeted.end),
                    suggestion: reading.say(
                        u: "Controleer of het concept voor deze klant is en spreek de klant aan met naam: 'Beste \(name),'",
                        je: "Controleer of het concept voor deze klant is en spreek de klant aan met naam: 'Hoi \(first),'",
                        en: "Check that the draft is meant for this customer and address them by name: 'Hi \(first),'"))
            ]
        }
        return [
            reading.finding(
                .noName, .low,
                reading.say("De naam van de klant (\(name)) staat niet in het concept.", "The customer's name (\(name)) is not in the draft."),
                suggestion: reading.say(
                    u: "Spreek de klant aan met naam: 'Beste \(name),'", je: "Spreek de klant aan met naam: 'Hoi \(first),'",
                    en: "Address the customer by name: 'Hi \(first),'"))
        ]
    }

    /// Words after a greeting that address no one by name ("Beste klant", "Dear Sir or Madam").
    static let greetingAddresses: Set<String> = [
        "klant", "klanten", "reiziger", "reizigers", "allen", "allemaal", "iedereen", "lezer", "collega", "collega's", "team",
        "klantenservice", "webcare", "heer", "heren", "dames", "customer", "customers", "valued", "sir", "madam", "there", "all",
        "or", "of", "en", "and",
    ]

    /// The name the draft's greeting gives ("Beste Karin," → "Karin", "Hoi Karin Visser" → "Karin
    /// Visser", "Geachte heer Jansen" → "Jansen"): its capitalised words after the greeting word;
    /// nil when the greeting names nobody.
    static func greetedName(_ text: CoachText) -> (start: Int, end: Int)? {
        guard let greeting = text.sentences.first, greeting.role == .greeting else { return nil }
        let named = greeting.words.dropFirst().filter { index in
            let word = text.words[index]
            return word.isCapitalised && !nameParticles.contains(word.normal) && !greetingAddresses.contains(word.normal)
                && !CoachText.greetingWords.contains(word.normal)
        }
        guard let first = named.first, let last = named.last else { return nil }
        return (text.words[first].start, text.words[last].end)
    }

    // MARK: Register

    static let formalWords: Set<String> = ["u", "uw", "uzelf"]
    static let informalWords: Set<String> = ["je", "jij", "jou", "jouw", "jezelf", "jullie"]

    func registerFindings(_ reading: CoachReading) -> [CoachFinding] {
        guard !reading.english else { return [] }
        let text = reading.text
        var formal: [Int] = [], informal: [Int] = []
        for sentence in text.sentences where sentence.role != .signOff {
            for index in sentence.words {
                let word = text.words[index].normal
                if Self.formalWords.contains(word) { formal.append(index) }
                if Self.informalWords.contains(word) && word != "jullie" { informal.append(index) }
            }
        }
        if !formal.isEmpty && !informal.isEmpty {
            let minority = formal.count >= informal.count ? informal[0] : formal[0]
            return [
                reading.finding(
                    .wrongRegister, .medium,
                    reading.say("Het concept wisselt tussen 'u' en 'je'.", "The draft mixes 'u' and 'je'."),
                    span: (text.words[minority].start, text.words[minority].end),
                    suggestion: formal.count >= informal.count ? "Gebruik overal 'u' en 'uw'." : "Gebruik overal 'je' en 'jouw'.")
            ]
        }
        guard let complaint = reading.complaint else { return [] }
        let customer = Self.customerRegister(complaint)
        let draftFormal = formal.count + text.words.prefix(4).filter { ["geachte", "meneer", "mevrouw", "heer"].contains($0.normal) }.count * 2
        let draftInformal = informal.count + text.words.prefix(2).filter { ["hoi", "hey", "hee", "hi", "hallo", "hai"].contains($0.normal) }.count * 2
        if customer > 0, draftInformal > 0, formal.isEmpty {
            let span = informal.first.map { (text.words[$0].start, text.words[$0].end) }
            return [
                reading.finding(
                    .wrongRegister, .medium,
                    "De klant schrijft formeel (\(Self.formalWords(complaint).map { "'\($0)'" }.joined(separator: ", "))); het concept is informeel.",
                    span: span,
                    suggestion: "Spreek de klant aan met 'u' en 'Beste meneer/mevrouw …', zoals de klant zelf schrijft.")
            ]
        }
        if customer < 0, draftFormal > 0, informal.isEmpty {
            let span = formal.first.map { (text.words[$0].start, text.words[$0].end) }
            return [
                reading.finding(
                    .wrongRegister, .low,
                    "De klant schrijft informeel; 'u' en 'Beste mevrouw' komen dan afstandelijk over.",
                    span: span,
                    suggestion: "Schrijf 'je' en 'Hoi …', zoals de klant zelf doet (als de huisstijl dat toelaat).")
            ]
        }
        return []
    }

    /// > 0 when the customer writes formally ("Geachte", "u", a full sign-off), < 0 when
    /// informally ("hee", "jij", emoji, no capitals), 0 when the text does not say.
    static func customerRegister(_ complaint: CoachText) -> Int {
        let (formal, informal) = registerCounts(complaint)
        if formal >= 2, formal > informal { return 1 }
        if informal >= 3, informal > formal { return -1 }
        return 0
    }

    /// The customer's own formal words, as written, for the register finding to quote (at most
    /// three; greetings and sign-offs first, then 'u'/'uw', then 'heer'/'mevrouw'): naming words
    /// they never wrote would make the coach look careless.
    static func formalWords(_ complaint: CoachText) -> [String] {
        let greetings: Set<String> = ["geachte", "hoogachtend", "goedemiddag", "goedemorgen", "goedenavond", "goedendag"]
        var seen: [String] = []
        for kinds in [greetings, ["u", "uw"], ["heer", "mevrouw"]] as [Set<String>] {
            for word in complaint.words where kinds.contains(word.normal) && seen.count < 3 {
                let written = complaint.slice(word.start, word.end)
                if !seen.contains(written) { seen.append(written) }
            }
        }
        return seen
    }

    /// A sentence's first words up to about 30 characters, cut between words: "Extra uitleg over de storing…".
    static func opening(_ sentence: String, limit: Int = 30) -> String {
        let plain = sentence.hasSuffix("…") ? String(sentence.dropLast()) : sentence
        guard plain.count > limit else { return plain }
        let head = plain.prefix(limit)
        let words = head.split(separator: " ")
        let cut = words.count > 1 ? words.dropLast().joined(separator: " ") : String(head)
        return cut.trimmingCharacters(in: .punctuationCharacters.union(.whitespaces)) + "…"
    }

    /// Colloquial words a customer uses in a chat, not in a letter.
    static let colloquialWords: Set<String> = [
        "lekker", "nou", "ofzo", "zeg", "balen", "kut", "shit", "pff", "pfff", "jeetje", "tja", "mega", "groetjes", "gr", "xx", "thx", "btw",
    ]

    /// Weighted signals of a formal and an informal customer.
    static func registerCounts(_ complaint: CoachText) -> (formal: Int, informal: Int) {
        var formal = 0, informal = 0
        for (position, word) in complaint.words.enumerated() {
            switch word.normal {
            case "u", "uw": formal += 2
            case "geachte", "hoogachtend", "heer", "mevrouw": formal += 3
            case "goedemiddag", "goedemorgen", "goedenavond", "goedendag": if position < 2 { formal += 2 }
            case "vriendelijke": formal += 1
            case "hoi", "hee", "hey", "hoii", "haha", "hihi", "ff", "lol", "joh", "jongens", "gast", "hé", "he": informal += 3
            case "jij", "jou", "jouw": informal += 2
            // The company addressed as "je" ("kun je me vertellen") is chat, not a letter ("jullie" is both).
            case "je": informal += 1
            default: if colloquialWords.contains(word.normal) { informal += 1 }
            }
        }
        // A message that starts in lower case reads as a quick chat.
        // (After an opening @mention the first real word counts: "@winkel vorige week …".)
        if let first = complaint.words.first(where: { !$0.isNumber && !complaint.mentions.contains($0.normal) }), !first.isCapitalised,
            complaint.readingScalars.first != "@" || complaint.mentions.count >= 1
        {
            informal += 2
        }
        // Emoji and emoticons (🙄, :( ) belong to chat.
        if !complaint.symbols.isEmpty { informal += 2 }
        return (min(formal, 40), min(informal, 40))
    }

    // MARK: Length

    func lengthFindings(_ reading: CoachReading) -> [CoachFinding] {
        guard let channel = reading.context.channel else { return [] }
        let text = reading.text
        let given = reading.context.lengthLimit
        let length = given?.draftLength ?? reading.context.draft.unicodeScalars.count
        // "een openbaar antwoord op X (Twitter)" where the route is known, else the channel.
        let route = given.map {
            reading.say(
                $0.inPublic ? "een openbaar antwoord op \($0.channelName)" : "een bericht via \($0.channelName)",
                $0.inPublic ? "a public reply on \($0.channelName)" : "a message on \($0.channelName)")
        } ?? channel.displayName
        if let limit = given?.characters ?? channel.characterLimit, length > limit {
            // Pack whole sentences into messages with room for a "1/3" counter.
            let room = max(40, limit - 6)
            var parts = 1, used = 0
            var cuts: [(character: Int, quote: String)] = []
            for sentence in text.sentences {
                let size = sentence.end - sentence.start + 1
                if used > 0 && used + size > room {
                    parts += 1
                    used = 0
                    if cuts.count < 3 { cuts.append((sentence.start + 1, Self.opening(reading.quote(sentence.start, sentence.end, limit: 400)))) }
                }
                used += size
                while used > room { parts += 1; used -= room }
            }
            parts = max(parts, (length + room - 1) / room)
            // Each cut by the character it starts at (as the length is counted), its opening words
            // quoted once: a draft that repeats a sentence would otherwise show the same words for every cut.
            func cutText(_ word: String, _ and: String) -> String {
                var quoted = Set<String>()
                let named = cuts.map { cut in
                    quoted.insert(cut.quote).inserted ? "\(word) \(cut.character) ('\(cut.quote)')" : "\(word) \(cut.character)"
                }
                return named.count > 1 ? named.dropLast().joined(separator: ", ") + " \(and) " + named.last! : named.joined()
            }
            let suggestion = reading.say(
                "Splits in \(parts) berichten op zinsgrenzen" + (cuts.isEmpty ? "" : " (nieuw bericht vanaf \(cutText("teken", "en")))") + ", of ga verder in een DM.",
                "Split into \(parts) messages at sentence boundaries" + (cuts.isEmpty ? "" : " (new message at \(cutText("character", "and")))") + ", or continue in a DM.")
            return [
                reading.finding(
                    .tooLong, channel == .x ? .high : .medium,
                    reading.say(
                        "Te lang voor \(route): \(length) tekens, de limiet is \(limit).",
                        "Too long for \(route): \(length) characters, the limit is \(limit)."),
                    span: (limit, length), suggestion: suggestion)
            ]
        }
        if channel == .whatsapp || channel == .messenger, length > 1200 {
            return [
                reading.finding(
                    .tooLong, .low,
                    reading.say("Lang voor een chatbericht (\(length) tekens).", "Long for a chat message (\(length) characters)."),
                    suggestion: reading.say("Houd het kort: de kern in 2–3 zinnen, details in een volgend bericht.", "Keep it short: the core in 2–3 sentences, details in a next message."))
            ]
        }
        return []
    }

    // MARK: Personal data in public

    static let requestStarts: Set<String> = [
        "stuur", "stuurt", "geef", "geeft", "deel", "deelt", "laat", "zet", "mail", "mailt", "vul", "vult", "noem", "noemt", "vermeld", "vermeldt", "app",
        "graag", "mag", "kun", "kunt", "kan", "wil", "wilt", "wat", "send", "share", "give", "please", "could", "can", "what", "tell",
    ]

    func privacyFindings(_ reading: CoachReading) -> [CoachFinding] {
        guard let channel = reading.context.channel, channel.isPublic else { return [] }
        let text = reading.text
        // Data written out: IBAN, phone number, e-mail address.
        if let span = Self.findPersonalPattern(text.readingScalars) {
            return [
                reading.finding(
                    .publicPersonalData, .high,
                    reading.say("Persoonsgegevens in een openbaar bericht.", "Personal data in a public message."),
                    span: span,
                    suggestion: reading.say("Haal dit weg en deel het in een privébericht (DM).", "Remove this and share it in a private message (DM)."))
            ]
        }
        let body = text.bodySentences
        for (position, sentence) in body.enumerated() {
            let info = text.sentences[sentence]
            var worst: CoachSeverity?
            var at: Int?
            for index in info.words {
                let word = text.words[index].normal
                var severity = CoachPhrases.personalData[word]
                if severity == nil, word.count > 7, word.hasSuffix("nummer") || word.hasSuffix("adres") { severity = .medium }
                if let severity, severity > (worst ?? .low) || worst == nil {
                    worst = severity
                    at = index
                }
            }
            guard let worst, let at else { continue }
            let first = text.words[info.words.lowerBound].normal
            let asks = info.isQuestion || reading.has(.dataAsk, in: sentence) || Self.requestStarts.contains(first)
            guard asks else { continue }
            // "Stuur je je adres even via DM?": that is the right way.
            let nextPrivate = position + 1 < body.count && reading.has(.privateRoute, in: body[position + 1])
            if reading.has(.privateRoute, in: sentence) || nextPrivate { continue }
            return [
                reading.finding(
                    .publicPersonalData, worst,
                    reading.say(
                        "Je vraagt in een openbaar bericht om persoonsgegevens ('\(text.slice(text.words[at].start, text.words[at].end))').",
                        "You ask for personal data in a public message ('\(text.slice(text.words[at].start, text.words[at].end))')."),
                    span: (text.words[at].start, text.words[at].end),
                    suggestion: reading.say("Vraag dit in een privébericht (DM).", "Ask for this in a private message (DM)."))
            ]
        }
        return []
    }

    /// An IBAN (NL91ABNA0417164300), a phone number (06-12345678, +31 6 …) or an e-mail address.
    static func findPersonalPattern(_ s: [Unicode.Scalar]) -> (Int, Int)? {
        func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
        func isAlpha(_ c: Unicode.Scalar) -> Bool { Tokenizer.isLetter(c) && c.isASCII }
        let count = s.count
        var index = 0
        while index < count {
            let c = s[index]
            let boundary = index == 0 || !(isAlpha(s[index - 1]) || isDigit(s[index - 1]))
            // IBAN: two letters, two digits, then 10–30 letters or digits (spaces allowed).
            if boundary, index + 4 < count, isAlpha(c), isAlpha(s[index + 1]), isDigit(s[index + 2]), isDigit(s[index + 3]) {
                var end = index + 4, characters = 0, digits = 0
                while end < count, isAlpha(s[end]) || isDigit(s[end]) || (s[end] == " " && end + 1 < count && (isAlpha(s[end + 1]) || isDigit(s[end + 1]))) {
                    if s[end] != " " { characters += 1; if isDigit(s[end]) { digits += 1 } }
                    end += 1
                    if characters > 32 { break }
                }
                if characters >= 10, digits >= 7 { return (index, end) }
            }
            // Phone: 06 or +31/0031 followed by 8–9 more digits, separators allowed.
            if boundary, isDigit(c) || c == "+" {
                var end = index, digits = 0
                var text = ""
                while end < count, isDigit(s[end]) || s[end] == "+" || s[end] == "-" || (s[end] == " " && digits < 10) {
                    if isDigit(s[end]) { digits += 1; text.unicodeScalars.append(s[end]) }
                    end += 1
                    if digits > 13 { break }
                }
                while end > index, !isDigit(s[end - 1]) { end -= 1 }
                if (text.hasPrefix("06") && digits == 10) || (text.hasPrefix("316") && digits == 11) || (text.hasPrefix("00316") && digits == 13)
                    || (text.hasPrefix("0") && digits == 10 && !text.hasPrefix("00"))
                {
                    return (index, end)
                }
            }
            // E-mail: letters before an @, a dot after it.
            if c == "@", index > 0, isAlpha(s[index - 1]) || isDigit(s[index - 1]) {
                var start = index
                while start > 0, isAlpha(s[start - 1]) || isDigit(s[start - 1]) || s[start - 1] == "." || s[start - 1] == "_" || s[start - 1] == "-" { start -= 1 }
                var end = index + 1, dot = false
                while end < count, isAlpha(s[end]) || isDigit(s[end]) || s[end] == "." || s[end] == "-" {
                    if s[end] == "." { dot = true }
                    end += 1
                }
                if dot, end > index + 3 { return (start, end) }
            }
            index += 1
        }
        return nil
    }

    // MARK: Tone

    static let acronyms: Set<String> = [
        "ns", "klm", "dm", "iban", "bsn", "ing", "kpn", "hema", "anwb", "pdf", "sms", "ov", "nb", "ps", "abn", "amro", "uwv", "cjib", "rdw", "duo", "svb",
        "ggd", "tv", "wifi", "eu", "usa", "gls", "dhl", "dpd", "ups", "ret", "gvb", "htm", "bol", "ikea", "aow", "btw", "cv", "dsl", "nrc", "rtl", "nos",
        "vgz", "cz", "ok", "oke", "asap", "faq", "url", "app", "id", "pin", "sim", "esim", "nfc", "api", "vip", "pvc", "led", "usb", "hdmi", "wmo",
    ]
    static let sarcasticSymbols: Set<String> = [";)", ";-)", "😉", "😜", "😏", "🙄", "😒", "🤷", "🙃", "😤", "😑", "🤦", ":/", ":-/", ":P", ":p", ":-P"]

    func toneFindings(_ reading: CoachReading) -> [CoachFinding] {
        let text = reading.text
        let message = reading.say(
            "De toon komt geïrriteerd of kortaf over; de klant leest dat als 'het ligt aan jou'.",
            "The tone reads as irritated or curt; the customer hears 'it's your fault'.")
        let suggestion = reading.say(
            "Schrijf rustig en vriendelijk, zonder herhaling of verwijt: erken, los op, check.",
            "Write calmly and kindly, without repeating or reproaching: acknowledge, solve, check.")
        for sentence in text.bodySentences {
            for match in reading.matches(.tone, in: sentence) {
                // "Nogmaals excuses" is kind, not impatient.
                if text.words[match.first].normal == "nogmaals" || text.words[match.first].normal == "again",
                    let next = text.words[safe: match.first + 1],
                    ["excuses", "sorry", "dank", "bedankt", "onze", "mijn", "thanks", "apologies", "spijt", "veel"].contains(next.normal)
                {
                    continue
                }
                if reading.english, text.words[match.first].normal == "again",
                    !text.words[text.sentences[sentence].words].contains(where: { ["as", "said", "told", "repeat"].contains($0.normal) })
                {
                    continue
                }
                return [reading.finding(.tone, .medium, message, span: text.span(words: match.first, match.last), suggestion: suggestion)]
            }
            let info = text.sentences[sentence]
            // "Dat lees je toch als je het koopt?": a rhetorical question talks down.
            if info.isQuestion, text.words[info.words].contains(where: { $0.normal == "toch" }),
                text.words[info.words].contains(where: { Self.formalWords.contains($0.normal) || Self.informalWords.contains($0.normal) })
            {
                return [reading.finding(.tone, .medium, message, span: (info.start, info.end), suggestion: suggestion)]
            }
            if info.exclamations >= 1, reading.has(.blame, in: sentence) {
                return [reading.finding(.tone, .medium, message, span: (info.start, info.end), suggestion: suggestion)]
            }
        }
        for word in text.words where word.isShouting && word.normal.count >= 4 && !Self.acronyms.contains(word.normal) && !word.normal.contains(where: \.isNumber) && word.sentence < text.sentences.count && text.sentences[word.sentence].role == .body {
            if LanguageDetector.dutch.contains(word.normal) || LanguageDetector.english.contains(word.normal) || word.normal.count >= 5 {
                return [reading.finding(.tone, .medium, reading.say("Woorden in HOOFDLETTERS lezen als schreeuwen.", "Words in CAPITALS read as shouting."), span: (word.start, word.end), suggestion: suggestion)]
            }
        }
        if let symbol = text.symbols.first(where: { Self.sarcasticSymbols.contains($0.normal) }) {
            return [reading.finding(.tone, .medium, reading.say("Dit teken ('\(symbol.normal)') kan sarcastisch overkomen.", "This symbol ('\(symbol.normal)') can read as sarcastic."), span: (symbol.start, symbol.end), suggestion: suggestion)]
        }
        // Curt: one short sentence to a long, angry complaint.
        if let complaint = reading.context.complaint, complaint.unicodeScalars.count >= 150, reading.complaintIsNegative {
            let body = text.bodySentences
            let words = body.reduce(0) { $0 + text.sentences[$1].words.count }
            // A short, flat reply to a long complaint: no apology or empathy anywhere, a fraction
            // of the customer's words, or a conversation closed with "Verder nog iets?".
            let complaintWords = reading.complaint?.words.count ?? 0
            let closing = body.last.map { last -> Bool in
                let info = text.sentences[last]
                return info.isQuestion && info.words.count <= 4
                    && text.words[info.words].contains { $0.normal == "iets" } && text.words[info.words].contains { $0.normal == "nog" }
            } ?? false
            // ("Verder nog iets?" closes a conversation the customer has not finished; with or without a "vervelend".)
            if words <= 35, closing || (words * 2 <= complaintWords && !body.contains(where: { !apologies(reading, in: $0).isEmpty })) {
                return [
                    reading.finding(
                        .tone, .medium,
                        reading.say(
                            "Kortaf: een korte, zakelijke reactie zonder excuses of begrip op een lange, boze klacht.",
                            "Curt: a short, flat reply without apology or empathy to a long, angry complaint."),
                        suggestion: reading.say(
                            "Neem de ruimte: erken wat de klant meemaakte, bied excuses aan, zeg wat je doet.",
                            "Take the space: acknowledge what happened, apologise, say what you will do."))
                ]
            }
            if body.count <= 1, words <= 12 {
                return [
                    reading.finding(
                        .tone, .medium,
                        reading.say("Kortaf: één korte zin op een lange, boze klacht.", "Curt: one short sentence to a long, angry complaint."),
                        suggestion: reading.say("Neem de ruimte: erken het probleem, bied excuses aan, zeg wat je doet.", "Take the space: acknowledge, apologise, say what you will do."))
                ]
            }
        }
        return []
    }
}
