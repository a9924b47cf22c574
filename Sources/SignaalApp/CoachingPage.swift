import Foundation
import Hummingbird
import SignaalChannels
import SignaalDomain

/// The reply coach in the web app: templates in the composer, and for team leads the coach's
/// scores per agent as coaching material.
extension WebController {
    /// Templates for this case's topics, channel and language first, then the general ones,
    /// with the customer's and agent's names filled in.
    func composerTemplates(answering signal: Signal?, channel: Channel, customer: Customer, agent: User?) -> [[String: String]] {
        let language = signal?.analysis?.language == "en" ? "en" : "nl"
        // Asking for a DM is for a message in public; the customer in a DM is there already.
        let inPublic = signal?.isInPublic ?? channel.isPublic
        var chosen = ReplyTemplate.suggestions(
            from: templates, topics: signal?.analysis?.topics ?? [], channel: channel, language: language, inPublic: inPublic)
        if chosen.isEmpty { chosen = templates.filter { $0.language == language && (inPublic || $0.publicOnly != true) } }
        let agentFirstName = agent?.name.split(separator: " ").first.map(String.init)
        var offers: [[String: String]] = []
        if inPublic {
            offers.append([
                "id": "dm-aanbod", "title": language == "en" ? "Move to a private message (DM)" : "Verder in een privébericht (DM)",
                "text": Self.privateMessageOffer(
                    language: language, informal: Self.writesInformally(signal?.text ?? ""), customerName: customer.name,
                    agentFirstName: agentFirstName),
            ])
        }
        return offers + chosen.map {
            [
                "id": $0.id, "title": $0.title,
                "text": $0.filled(customerName: customer.name, orderNumber: nil, agentFirstName: agentFirstName),
            ]
        }
    }

    /// A public complaint goes on in private, without asking for personal data in public: the
    /// agent fills in the problem in the customer's words.
    static func privateMessageOffer(language: String, informal: Bool, customerName: String?, agentFirstName: String?) -> String {
        let name = PersonalText.firstName(customerName).map { " \($0)" } ?? ""
        let signature = agentFirstName.map { language == "en" ? "\nBest, \($0)" : "\nGroet, \($0)" } ?? ""
        if language == "en" {
            return "Hi\(name), sorry about [the problem]. I'd like to sort this out for you: could you send us a DM? "
                + "Then we can look into it without your details being public here.\(signature)"
        }
        if informal {
            return "Hoi\(name), sorry dat [het probleem]. Ik zoek het graag voor je uit: stuur je ons even een DM? "
                + "Dan hoeven je gegevens hier niet openbaar te staan.\(signature)"
        }
        return "Beste\(name.isEmpty ? " klant" : name), excuses dat [het probleem]. Ik zoek het graag voor u uit: wilt u ons een privébericht (DM) sturen? "
            + "Dan hoeven uw gegevens hier niet openbaar te staan.\(signature)"
    }

    /// Whether the customer writes "je" rather than "u": the reply follows their register.
    static func writesInformally(_ text: String) -> Bool {
        let words = Set(text.lowercased().split { !$0.isLetter }.map(String.init))
        return !words.isDisjoint(with: ["je", "jij", "jou", "jouw", "ff", "hoi"]) && !words.contains("u") && !words.contains("uw")
    }

    /// Per agent: how many replies, their average coach score and the findings that return
    /// most, with the weakest replies to talk about. Leads and admins only.
    @Sendable func coachingPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = context.user, user.role >= .lead else {
            throw Problem.notAllowed(Language.of(request).text("coaching_forbidden"))
        }
        let days = try Self.coachingDays(request.uri.queryParameters.get("dagen"))
        let now = clock()
        let format = DisplayFormat(language: Language.of(request), now: now)
        let since = now.addingTimeInterval(-Double(days) * 86400)
        let replies = try await store.replies(authoredSince: since)
        let users = Dictionary(uniqueKeysWithValues: try await store.users().map { ($0.id, $0) })
        // The satisfaction question is Signaal's standard message, not the agent's own words.
        let byAgent = Dictionary(grouping: replies.filter { $0.authorID != nil && $0.satisfactionToken == nil }) { $0.authorID! }
        let promisesByOwner = Dictionary(grouping: try await store.promises(dueSince: since).filter { $0.dueAt <= now || $0.status != .open }) {
            $0.ownerID
        }
        // A fake account dealt with is no customer helped: it counts for nobody's resolutions.
        let resolvedCases = try await store.resolvedCases(since: since, limit: Self.resolvedLimit).filter { !$0.posesAsBrand }
        let handoffsByCase = Dictionary(grouping: try await store.handoffs(caseIDs: resolvedCases.map(\.id)), by: \.caseID)
        let resolved = resolvedCases.map { ($0, handoffsByCase[$0.id] ?? []) }
        let resolution = ResolutionStats.perAgent(
            resolved: resolved, chased: try await store.casesChasedBeforeFirstReply(resolvedCases.map(\.id)),
            transfers: try await store.handoffs(since: since))
        let agents = Set(byAgent.keys).union(promisesByOwner.keys).union(resolution.keys)
        let rows = agents.map { agentID -> (name: String, values: [String: Any]) in
            // A reply that never reached the customer is no answer: counted apart, said as failed.
            let written = byAgent[agentID] ?? []
            let replies = written.filter { $0.status != .failed }
            let failed = written.count - replies.count
            let promises = promisesByOwner[agentID] ?? []
            let scored = replies.filter { $0.coachScore != nil }
            let scores = scored.compactMap(\.coachScore)
            var counts: [String: Int] = [:]
            for reply in scored { for code in reply.coachFindings { counts[code, default: 0] += 1 } }
            let common = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3)
            // Only replies the coach had something to say about are worth going through together; one
            // that failed to reach the customer too, since the writing is what is talked about.
            let weakest = written.filter { $0.coachScore != nil }.filter { !$0.coachFindings.isEmpty || ($0.coachScore ?? 0) < Self.lowScore }.sorted { ($0.coachScore ?? 0, $0.createdAt) < ($1.coachScore ?? 0, $1.createdAt) }.prefix(3)
            let name = users[agentID]?.name ?? "?"
            return (name, [
                "name": name,
                "replies": replies.count,
                "failed": failed == 0 ? false as Any : failed,
                "average": scores.isEmpty ? "–" : String(scores.reduce(0, +) / scores.count),
                "low": scores.filter { $0 < Self.lowScore }.count,
                "kept": promises.filter { $0.outcome(now: now) == .keptOnTime }.count,
                "broken": promises.filter { $0.outcome(now: now) == .broken }.count,
                "late": promises.filter { $0.outcome(now: now).isLate }.count,
                "resolution": Self.resolutionValues(resolution[agentID] ?? ResolutionStats()),
                "common": common.map { ["label": format.language.text("coaching_finding_\($0.key)"), "code": $0.key, "count": $0.value] },
                "hasWeakest": !weakest.isEmpty,
                "weakest": weakest.map {
                    [
                        "score": $0.coachScore ?? 0, "caseID": $0.caseID.description, "replyID": $0.id.description,
                        "at": format.dateTime($0.createdAt), "text": DisplayFormat.shortened($0.text, to: 160),
                        "findings": $0.coachFindings.isEmpty  // Mustache takes "" for true
                            ? false as Any : $0.coachFindings.map { format.language.text("coaching_finding_\($0)") }.joined(separator: ", "),
                    ] as [String: Any]
                },
            ] as [String: Any])
        }.sorted { $0.name < $1.name }
        let transfers = try await store.handoffs(since: since)
        let teamOf = users.compactMapValues(\.teamID)
        let perTeam = ResolutionStats.perTeam(resolution, teamOf: teamOf, transfers: transfers)
        let teamRows = try await store.teams().map { team -> [String: Any] in
            ["name": team.name, "resolution": Self.resolutionValues(perTeam[team.id] ?? ResolutionStats())]
        }
        return pages.render(
            "coaching", titleKey: "coaching_title",
            values: [
                "agents": rows.map(\.values), "hasAgents": !rows.isEmpty, "days": days,
                "intro": format.language.text("coaching_intro_period", ["days": String(days)]),
                "team": Self.resolutionValues(ResolutionStats.total(resolution.values)),
                "teams": teamRows, "hasTeams": !teamRows.isEmpty,
            ],
            request: request, context: context)
    }

    /// Resolved cases the page looks at per period.
    static let resolvedLimit = 5000

    static func resolutionValues(_ stats: ResolutionStats) -> [String: Any] {
        [
            "resolved": stats.resolved, "firstContact": stats.firstContact,
            "rate": stats.firstContactRate.map { "\(Int(($0 * 100).rounded())) %" } ?? "–",
            "handedOver": stats.handedOver, "received": stats.received,
            // Resolved while no answer of ours reached the customer: said beside the figure it lowers.
            "unanswered": stats.unanswered == 0 ? false as Any : stats.unanswered,
        ]
    }

    /// A score under this is worth a conversation.
    static let lowScore = 60

    static func coachingDays(_ text: String?) throws -> Int {
        guard let text, !text.isEmpty else { return 30 }
        guard let days = Int(text), (1...366).contains(days) else {
            throw DomainError.invalidField("dagen", "kies een aantal dagen van 1 tot en met 366")
        }
        return days
    }
}
