import Foundation
import SignaalDomain
import Testing

@Suite("Domain rules")
struct DomainTests {
    @Test("the case status machine allows the documented moves and refuses the rest")
    func statusMachine() throws {
        #expect(CaseStatus.new.canMove(to: .open))
        #expect(CaseStatus.open.canMove(to: .waitingOnCustomer))
        #expect(CaseStatus.waitingOnCustomer.canMove(to: .resolved))
        #expect(CaseStatus.resolved.canMove(to: .closed))
        #expect(CaseStatus.resolved.canMove(to: .open))
        #expect(!CaseStatus.closed.canMove(to: .open))
        #expect(!CaseStatus.new.canMove(to: .new))
        var theCase = Case(
            id: .generate(), customerID: .generate(), status: .resolved, priority: 10, subject: "x", channel: .x,
            openedAt: Date(), updatedAt: Date(), lastInboundAt: Date(), waitingSince: nil, signalCount: 1, reopenCount: 0,
            maxFollowers: 0, transitions: [])
        try theCase.transition(to: .open, at: Date(), reason: "klant schreef opnieuw")
        #expect(theCase.reopenCount == 1)
        #expect(theCase.transitions.last?.from == .resolved)
        #expect(throws: DomainError.invalidTransition(from: .open, to: .new)) {
            try theCase.transition(to: .new, at: Date(), reason: "terug")
        }
    }

    @Test("'bestaat niet' opens its sentence with a capital, whatever the caller named", arguments: [
        ("klant", "Klant bestaat niet."), ("incident", "Incident bestaat niet."), ("tegemoetkoming", "Tegemoetkoming bestaat niet."),
        ("medewerker", "Medewerker bestaat niet."), ("Zaak 42", "Zaak 42 bestaat niet."),
    ])
    func notFoundMessage(what: String, message: String) {
        #expect(DomainError.notFound(what).message == message)
    }

    @Test("a case history's stored Dutch reasons, as earlier versions wrote them too, are read back; an agent's own words are not")
    func statusReasons() {
        let stored: [(String, StatusReason?)] = [
            ("eerste signaal via X (Twitter)", .firstMessage(via: .x)), ("eerste signaal via webformulier", .firstMessage(via: .webform)),
            ("klant reageerde", .customerReplied), ("klant schreef opnieuw na oplossing", .customerWroteAfterResolution),
            ("opgepakt door Anna de Vries", .takenBy(name: "Anna de Vries")), ("eerste antwoord", .firstReply),
            ("antwoord geschreven", .replyWritten), ("antwoord kwam niet aan bij de klant", .replyNotReceived),
            ("opgelost: pakket opnieuw verstuurd", .resolved(outcome: "pakket opnieuw verstuurd")), ("gesloten", .closed),
            ("klant: niet opgelost (cijfer 3)", .customerNotSolved(score: 3)), ("klant niet tevreden (cijfer 5)", .customerNotSatisfied(score: 5)),
            ("gevraagd naar modemnummer", nil), ("eerste signaal via duif", nil), ("klant niet tevreden (cijfer vijf)", nil),
        ]
        for (text, reason) in stored {
            #expect(StatusReason(dutch: text) == reason, "\(text)")
            if let reason { #expect(reason.dutch == text) }
        }
    }

    @Test("identities are normalised, so one person written twice is one identity", arguments: [
        (Identity.Kind.phone, "06-12345678", "+31612345678"), (.phone, "+31 6 1234 5678", "+31612345678"),
        (.phone, "0031612345678", "+31612345678"), (.whatsapp, "31612345678", "+31612345678"),
        (.phone, "+31 (0)6 12345678", "+31612345678"), (.phone, "612345678", "+31612345678"), (.phone, "201234567", "+31201234567"),
        (.phone, "tel. 06-12345678 (werk)", "+31612345678"),
        (.email, " Sanne@Example.NL ", "sanne@example.nl"), (.x, "@NS_Online", "ns_online"),
    ])
    func identities(kind: Identity.Kind, raw: String, normal: String) {
        #expect(Identity(kind: kind, raw: raw)?.value == normal)
    }

    @Test("a search for a handle, address or number names the identities it could be; ordinary words or sentences name handles at most")
    func searchCandidates() {
        func values(_ text: String) -> [String] { Identity.candidates(inSearch: text).map { "\($0.kind.rawValue):\($0.value)" } }
        #expect(values(" Jeroen.Dijkman@Example.nl ") == ["email:jeroen.dijkman@example.nl"])
        #expect(values("@JDijkman") == ["x:jdijkman", "instagram:jdijkman"])
        #expect(values("06-12345678") == ["phone:+31612345678", "whatsapp:+31612345678"])
        #expect(values("+31 6 1234 5678") == ["phone:+31612345678", "whatsapp:+31612345678"])
        #expect(values("pakket kwijt").isEmpty && values("€").isEmpty && values("").isEmpty && values("@").isEmpty)
        #expect(values("geen@adres").isEmpty, "no address without a domain")
    }

    @Test("nonsense is no identity")
    func badIdentities() {
        #expect(Identity(kind: .email, raw: "geen-adres") == nil)
        #expect(Identity(kind: .phone, raw: "12") == nil)
        // Excel's "3,16123E+10" lost the last digits: two people's numbers would be one.
        #expect(Identity(kind: .phone, raw: "3,16123E+10") == nil)
        #expect(Identity(kind: .phone, raw: "3.16123e10") == nil)
        #expect(Identity(kind: .x, raw: "@") == nil)
    }

    @Test("priority grows with waiting, repeat contact, reach and an urgent angry text")
    func priority() {
        let now = Date()
        let base = PriorityInputs(waitingSince: now, inboundCount: 1, reopenCount: 0, followers: 50)
        let score = CasePriority.compute(base, now: now).score
        var waited = base
        waited.waitingSince = now.addingTimeInterval(-6 * 3600)
        var repeated = base
        repeated.inboundCount = 4
        var famous = base
        famous.followers = 250_000
        var urgent = base
        urgent.textScore = PriorityInputs.TextPriority(urgency: 0.9, emotion: 0.8, intent: .complaint).score
        var praise = base
        praise.textScore = PriorityInputs.TextPriority(urgency: 0.9, emotion: 0.8, intent: .compliment).score
        for more in [waited, repeated, famous, urgent] {
            #expect(CasePriority.compute(more, now: now).score > score)
        }
        #expect(CasePriority.compute(urgent, now: now).score > CasePriority.compute(praise, now: now).score)
        #expect((0...100).contains(CasePriority.compute(PriorityInputs(waitingSince: .distantPast, inboundCount: 99, reopenCount: 9, followers: .max, textScore: 5), now: now).score))
    }

    @Test("a vulnerable customer who complains or asks for help goes to the urgent band at once; praise that names an age does not")
    func vulnerableIsPressing() {
        let now = Date()
        let fresh = PriorityInputs(waitingSince: now, inboundCount: 1, reopenCount: 0, followers: 10)
        let weekOld = PriorityInputs(waitingSince: now.addingTimeInterval(-7 * 86_400), inboundCount: 3, reopenCount: 0, followers: 300)
        let routine = CasePriority.compute(weekOld, now: now).score
        for intent in [Analysis.Intent.question, .complaint] {
            var vulnerable = fresh
            vulnerable.textScore = PriorityInputs.TextPriority(urgency: 0.6, emotion: 0.2, intent: intent, vulnerable: true).score
            let score = CasePriority.compute(vulnerable, now: now).score
            #expect(score >= 60 && score > routine, "\(intent): \(score) against \(routine)")
            #expect(PriorityThresholds.standard.band(for: score) == .urgent)
        }
        var praise = fresh
        praise.textScore = PriorityInputs.TextPriority(urgency: 0.6, emotion: 0, intent: .compliment, vulnerable: true).score
        #expect(CasePriority.compute(praise, now: now).score < 35)
    }

    /// The QA case: a fresh threat of a lawyer and the Consumentenbond from a large account ranked
    /// below a two-day-old thank-you tweet.
    @Test("a threat of a lawyer or the press goes to the urgent band; a day-old thank-you waits below a fresh complaint")
    func escalationAndPraise() {
        let now = Date()
        var threat = PriorityInputs(waitingSince: now, inboundCount: 1, reopenCount: 0, followers: 250_000)
        threat.textScore = PriorityInputs.TextPriority(urgency: 0.83, emotion: 0.41, intent: .complaint, escalation: true).score
        let threatScore = CasePriority.compute(threat, now: now).score
        #expect(PriorityThresholds.standard.band(for: threatScore) == .urgent, "\(threatScore)")
        var thanks = PriorityInputs(waitingSince: now.addingTimeInterval(-2 * 86_400), inboundCount: 1, reopenCount: 0, followers: 300, praiseOnly: true)
        thanks.textScore = PriorityInputs.TextPriority(urgency: 0, emotion: 0, intent: .compliment).score
        var plainComplaint = PriorityInputs(waitingSince: now, inboundCount: 1, reopenCount: 0, followers: 20)
        plainComplaint.textScore = PriorityInputs.TextPriority(urgency: 0, emotion: 0.3, intent: .complaint).score
        #expect(CasePriority.compute(thanks, now: now).score < CasePriority.compute(plainComplaint, now: now).score)
        // The same wait without praise only still counts in full: a complaint that ended in thanks is no praise-only case.
        var waitedComplaint = thanks
        waitedComplaint.praiseOnly = false
        #expect(CasePriority.compute(waitedComplaint, now: now).score > CasePriority.compute(thanks, now: now).score * 3)
        // A question that names the press is pressing too; praise that does is not.
        let question = PriorityInputs.TextPriority(urgency: 0.55, emotion: 0, intent: .question, escalation: true).score
        #expect(question >= PriorityInputs.pressingText)
        #expect(PriorityInputs.TextPriority(urgency: 0.55, emotion: 0, intent: .compliment, escalation: true).score < 0.5)
    }

    @Test("ids are time-ordered version 7 UUIDs")
    func identifiers() {
        let early = SignalID.generate(now: Date(timeIntervalSince1970: 1_700_000_000))
        let late = SignalID.generate(now: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(early < late)
        #expect(early.description.count == 36)
        #expect(Array(early.description)[14] == "7")
        #expect(SignalID(early.description) == early)
        #expect(SignalID("geen-uuid") == nil)
    }

    @Test("ids are written, read and ordered as Foundation's UUID text says")
    func identifierText() throws {
        var ids = (0..<2000).map { _ in CaseID(UUID()) }
        ids += [CaseID(UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))),
                CaseID(UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255)))]
        for id in ids {
            #expect(id.description == id.rawValue.uuidString.lowercased())
            #expect(CaseID(id.description) == id)
            #expect(CaseID(id.rawValue.uuidString) == id)  // upper case, as other tools write it
        }
        #expect(ids.sorted().map(\.description) == ids.map(\.description).sorted())
        let text = ids[0].description
        let noDashes = text.replacingOccurrences(of: "-", with: "")
        let braced = "{" + String(text.dropFirst().dropLast()) + "}"
        let underscore = String(text.prefix(8)) + "_" + String(text.dropFirst(9))
        let badDigit = "g" + String(text.dropFirst())
        // Foundation's sscanf lets white space before a digit pass; an id does not.
        let space = " " + String(text.dropFirst())
        let accent = String(text.prefix(35)) + "é"
        let cut = String(text.dropLast())
        let long = text + "0"
        for bad in ["", cut, long, noDashes, braced, underscore, badDigit, space, accent] {
            #expect(CaseID(bad) == nil, "\(bad)")
        }
    }

    @Test("a platform's impossible time becomes the time of arrival, with a warning; a believable one is kept")
    func plausibleTimes() {
        let now = Date(timeIntervalSince1970: 1_764_883_317)
        let draft = SignalDraft(channel: .whatsapp, author: Author(phone: "+31612345678"), text: "hallo", receivedAt: now)
        for impossible in [Date(timeIntervalSince1970: 99_999_999_999), Date(timeIntervalSince1970: -5), now.addingTimeInterval(2 * 86_400)] {
            var late = draft
            late.receivedAt = impossible
            let kept = late.withPlausibleTime(now: now)
            #expect(kept.receivedAt == now)
            #expect(kept.warnings.count == 1)
        }
        var yesterday = draft
        yesterday.receivedAt = now.addingTimeInterval(-86_400)
        #expect(yesterday.withPlausibleTime(now: now) == yesterday)
    }

    @Test("a handle alone names nobody on a channel without handles, and the error says so")
    func handleOnlyWhereHandlesCount() throws {
        #expect(throws: DomainError.invalidField(
            "author", "geef minstens een naam, e-mailadres of telefoonnummer (een handle telt alleen op X, Facebook, Messenger, Instagram en WhatsApp)")) {
            _ = try SignalDraft(channel: .api, author: Author(handle: "klant"), text: "hallo", receivedAt: Date()).validated()
        }
        #expect(try SignalDraft(channel: .instagram, author: Author(handle: "klant"), text: "hallo", receivedAt: Date()).validated().author.handle == "klant")
    }

    @Test("drafts are validated: empty text, too long text, no author")
    func drafts() throws {
        let author = Author(handle: "klant")
        #expect(throws: DomainError.emptyText) {
            _ = try SignalDraft(channel: .x, author: author, text: " \n\t ", receivedAt: Date()).validated()
        }
        #expect(throws: DomainError.textTooLong(limit: 65536)) {
            _ = try SignalDraft(channel: .x, author: author, text: String(repeating: "a", count: 65537), receivedAt: Date()).validated()
        }
        #expect(throws: DomainError.self) {
            _ = try SignalDraft(channel: .x, author: Author(), text: "hallo", receivedAt: Date()).validated()
        }
        let valid = try SignalDraft(channel: .x, author: author, text: "  Hallo  ", receivedAt: Date()).validated()
        #expect(valid.text == "Hallo")
        // Pasted text brings no-break and ideographic spaces and Windows line breaks; the words
        // and the spaces between them stay as written.
        #expect(throws: DomainError.emptyText) {
            _ = try SignalDraft(channel: .x, author: author, text: "\u{00A0}\u{3000}\r\n\u{2003}", receivedAt: Date()).validated()
        }
        let pasted = try SignalDraft(
            channel: .x, author: author, text: "\u{00A0}\r\nMijn pakket\u{00A0}is  weg 😤\r\n\t", receivedAt: Date()
        ).validated()
        #expect(pasted.text == "Mijn pakket\u{00A0}is  weg 😤")
        #expect("é".trimmingWhitespace() == "é")
        #expect("".trimmingWhitespace() == "")
    }

    // Swift's == compares canonically ("Zoe\u{0308}" == "Zoë"), so the scalars are compared: they
    // are what the database stores and its search index sees.
    @Test("text is stored composed (NFC) as Foundation composes it, also at the edges of the shortcut", arguments: [
        "Zoe\u{0308} Mu\u{0308}ller uit Zu\u{0308}rich", "Zoë Müller, één café", "plain ascii", "\u{02FF}e\u{0300}",
        "e\u{0300}", "\u{212B}ngström", "\u{FB01}le", "😤 al drie weken", "\u{1100}\u{1161}", "o\u{0328}\u{0301}",
    ])
    func composed(text: String) {
        #expect(Array(text.canonicallyComposed().unicodeScalars) == Array(text.precomposedStringWithCanonicalMapping.unicodeScalars))
    }

    @Test("a message typed on a Mac (accents decomposed) keeps its words, composed")
    func decomposedDraft() throws {
        let draft = try SignalDraft(
            channel: .email, author: Author(name: "Zoe\u{0308}", email: "zoe@example.ch"), text: "Zu\u{0308}rich, gei\u{0308}rriteerd",
            receivedAt: Date()
        ).validated()
        #expect(Array(draft.text.unicodeScalars) == Array("Zürich, geïrriteerd".unicodeScalars))
        #expect(draft.author.name.map { Array($0.unicodeScalars) } == Array("Zoë".unicodeScalars))
    }
}

@Suite("Internal notes: mentions")
struct InternalNoteMentionTests {
    static func user(_ name: String, active: Bool = true) -> User {
        var user = User(id: .generate(), email: "\(name.lowercased().replacingOccurrences(of: " ", with: "."))@example.nl", name: name, role: .agent, createdAt: Date())
        user.isActive = active
        return user
    }

    @Test("@Voornaam calls on that colleague, whatever the case or accents; a full name picks one of two namesakes")
    func mentions() {
        let sanne = Self.user("Sanne Bakker"), sanneV = Self.user("Sanne de Vries"), jose = Self.user("José Smit")
        let bram = Self.user("Bram Kok"), gone = Self.user("Piet Oud", active: false)
        let team = [sanne, sanneV, jose, bram, gone]
        #expect(InternalNote.mentioned(in: "@bram kun jij even kijken?", among: team, author: sanne.id) == [bram.id])
        #expect(InternalNote.mentioned(in: "Vraag aan @Jose en @BRAM.", among: team, author: sanne.id) == [jose.id, bram.id])
        #expect(InternalNote.mentioned(in: "@Sanne Bakker weet ervan", among: team, author: bram.id) == [sanne.id])
        #expect(InternalNote.mentioned(in: "@Sanne weet ervan", among: team, author: bram.id) == [sanne.id, sanneV.id], "ambiguous: both")
        #expect(InternalNote.mentioned(in: "mail naar klant@bram.nl", among: team, author: sanne.id).isEmpty, "an address is no mention")
        #expect(InternalNote.mentioned(in: "(@bram)", among: team, author: sanne.id) == [bram.id])
        #expect(InternalNote.mentioned(in: "@Bram zelf", among: team, author: bram.id).isEmpty, "not the author")
        #expect(InternalNote.mentioned(in: "@Piet weet het", among: team, author: bram.id).isEmpty, "not who left")
        #expect(InternalNote.mentioned(in: "@ Bram, @@", among: team, author: sanne.id).isEmpty)
    }
}
