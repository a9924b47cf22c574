import Foundation
import SignaalDomain
import Testing

@Suite("Teams: rules that send new work to a team")
struct TeamRuleTests {
    static let webcare = TeamID.generate()
    static let finance = TeamID.generate()

    static func newCase(channel: Channel = .x, topics: [String] = [], language: String? = "nl") -> Case {
        var theCase = Case(
            id: .generate(), customerID: .generate(), status: .new, priority: 0, subject: "s", channel: channel, openedAt: Date(),
            updatedAt: Date(), lastInboundAt: Date(), waitingSince: nil, signalCount: 1, reopenCount: 0, maxFollowers: 0, transitions: [])
        theCase.topics = topics
        theCase.language = language
        return theCase
    }

    @Test("the first matching rule in order wins; no match leaves the case with everyone")
    func firstMatchWins() {
        let rules = [
            TeamRule(id: .generate(), position: 2, field: .channel, value: "x", teamID: Self.webcare),
            TeamRule(id: .generate(), position: 1, field: .topic, value: "betaling", teamID: Self.finance),
        ]
        #expect(TeamRule.team(for: Self.newCase(channel: .x, topics: ["betaling"]), text: "", rules: rules) == Self.finance)
        #expect(TeamRule.team(for: Self.newCase(channel: .x, topics: ["levering"]), text: "", rules: rules) == Self.webcare)
        #expect(TeamRule.team(for: Self.newCase(channel: .email, topics: ["levering"]), text: "", rules: rules) == nil)
        let english = [TeamRule(id: .generate(), position: 1, field: .language, value: "en", teamID: Self.webcare)]
        #expect(TeamRule.team(for: Self.newCase(language: "en"), text: "", rules: english) == Self.webcare)
        #expect(TeamRule.team(for: Self.newCase(language: "nl"), text: "", rules: english) == nil)
    }

    @Test("a brand matches as a whole name or handle, ignoring case and accents")
    func brandMentions() {
        let rule = TeamRule(id: .generate(), position: 1, field: .brand, value: "@NS_online", teamID: Self.webcare)
        let theCase = Self.newCase()
        #expect(rule.matches(theCase, text: "@ns_online weer vertraging bij Utrecht"))
        #expect(rule.matches(theCase, text: "Hé @NS_Online, waar blijft de trein?"))
        #expect(!rule.matches(theCase, text: "@ns_online_fan vindt het prima"))
        #expect(!rule.matches(theCase, text: "ns online is traag"))
        let klm = TeamRule(id: .generate(), position: 1, field: .brand, value: "KLM", teamID: Self.webcare)
        #expect(klm.matches(theCase, text: "Vlucht van klm geannuleerd door de storm"))
        #expect(!klm.matches(theCase, text: "Ik klmde omhoog"))
        let cafe = TeamRule(id: .generate(), position: 1, field: .brand, value: "Café Noord", teamID: Self.webcare)
        #expect(cafe.matches(theCase, text: "Slechte service bij cafe noord vandaag"))
    }

    @Test("an admin's rule is checked: known topics and channels, two-letter languages, a real brand")
    func validation() throws {
        let topics = ["betaling", "levering"]
        func make(_ field: TeamRule.Field, _ value: String) throws(DomainError) -> TeamRule {
            try TeamRule.validated(id: .generate(), position: 1, field: field, value: value, teamID: Self.webcare, topics: topics)
        }
        #expect(try make(.topic, " betaling ").value == "betaling")
        #expect(throws: DomainError.self) { try make(.topic, "Betaling") }
        #expect(try make(.channel, "facebook").value == "facebook")
        #expect(throws: DomainError.self) { try make(.channel, "fax") }
        #expect(try make(.language, "EN").value == "en")
        #expect(throws: DomainError.self) { try make(.language, "nederlands") }
        #expect(throws: DomainError.self) { try make(.brand, "  ") }
        #expect(throws: DomainError.self) { try make(.brand, "@@") }
        #expect(throws: DomainError.self) { try make(.brand, String(repeating: "a", count: 101)) }
    }

    @Test("a case takes in each message: latest sentiment and intent, every topic once, the first language")
    func absorb() {
        var theCase = Self.newCase(topics: [], language: nil)
        theCase.absorb(Analysis(language: "nl", sentiment: .negative, score: -0.7, intent: .complaint, topics: ["levering"], urgency: 0.5, cues: [], evidence: []))
        theCase.absorb(Analysis(language: "en", sentiment: .positive, score: 0.6, intent: .compliment, topics: ["levering", "betaling"], urgency: 0, cues: [], evidence: []))
        #expect(theCase.sentiment == .positive)
        #expect(theCase.intent == .compliment)
        #expect(theCase.topics == ["levering", "betaling"])
        #expect(theCase.language == "nl")
    }

    @Test("a team's figures are its members' together, plus what reached its queue")
    func teamFigures() {
        let anna = UserID.generate(), bram = UserID.generate(), loner = UserID.generate()
        var annaStats = ResolutionStats()
        annaStats.resolved = 4
        annaStats.firstContact = 3
        var bramStats = ResolutionStats()
        bramStats.resolved = 2
        bramStats.firstContact = 2
        let toQueue = Handoff(
            id: .generate(), caseID: .generate(), fromUserID: loner, toUserID: nil, toTeamID: Self.finance, byUserID: loner,
            briefing: "Voor Financiën: dubbele afschrijving.", at: Date())
        let perTeam = ResolutionStats.perTeam(
            [anna: annaStats, bram: bramStats, loner: ResolutionStats()], teamOf: [anna: Self.webcare, bram: Self.webcare],
            transfers: [toQueue])
        #expect(perTeam[Self.webcare]?.resolved == 6)
        #expect(perTeam[Self.webcare]?.firstContact == 5)
        #expect(perTeam[Self.finance]?.received == 1)
        #expect(HandoffReceiver(formValue: "team:\(Self.finance)") == .team(Self.finance))
        #expect(HandoffReceiver(formValue: anna.description) == .user(anna))
        #expect(HandoffReceiver(formValue: "team:zomaar") == nil)
    }
}
