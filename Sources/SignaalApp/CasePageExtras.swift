import Foundation
import Logging
import SignaalDomain
import SignaalServices

/// The parts of the case page that channels and replies add: what came with a message
/// (subject, files, edits, warnings), the replies with their delivery state, and the forms.
extension WebController {
    func signalExtras(_ signal: Signal, format: DisplayFormat, users: [UserID: User]) -> [String: Any] {
        var item: [String: Any] = [:]
        if let subject = signal.subject { item["subject"] = subject }
        if signal.textPending {
            // Without Meta's token the text never comes: say so, and where to read it instead.
            item["pending"] = format.language.text(fetchesMentionTexts ? "case_pending" : "case_pending_unavailable")
        }
        if let removed = signal.removedAt { item["removed"] = format.dateTime(removed) }
        if !signal.edits.isEmpty {
            item["hasEdits"] = true
            item["edits"] = signal.edits.map { ["text": $0.previousText, "at": format.dateTime($0.editedAt)] }
        }
        if !signal.warnings.isEmpty { item["warnings"] = signal.warnings.map { ["text": $0] } }
        if !signal.attachments.isEmpty {
            item["hasAttachments"] = true
            item["attachments"] = signal.attachments.enumerated().map { index, file in
                [
                    "index": index, "name": file.filename ?? "\(format.language.text("case_attachment")) \(index + 1)", "type": file.contentType,
                    "size": Self.byteSize(file.size), "signalID": signal.id.description,
                ] as [String: Any]
            }
        }
        if let recorder = signal.recordedBy {
            item["recordedBy"] = users[recorder]?.name ?? format.language.text("case_a_colleague")
        }
        if signal.channel == .webform, let reference = signal.externalID { item["reference"] = reference }
        return item
    }

    func replyItems(_ replies: [Reply], format: DisplayFormat, users: [UserID: User]) -> [[String: Any]] {
        replies.reversed().map { reply in
            // A call or letter of ours written down after it happened (`RecordContact.outbound`):
            // nothing went through the outbox.
            let recorded = RecordContact.channels.contains(reply.channel) && reply.status == .delivered && reply.attempts == 0
            var item: [String: Any] = [
                "id": reply.id.description, "text": reply.text, "at": format.dateTime(reply.createdAt),
                "channel": format.channel(reply.channel),
                "status": recorded ? format.language.text("case_reply_recorded") : format.replyStatus(reply.status),
                "statusClass": reply.status.rawValue,
                "author": reply.authorID.flatMap { users[$0]?.name } ?? "Signaal",
                "attempts": reply.attempts,
            ]
            if let score = reply.coachScore {
                let findings = reply.coachFindings.map { format.language.text("coaching_finding_\($0)") }
                item["coach"] = "\(score)/100" + (findings.isEmpty ? "" : " · " + findings.joined(separator: ", "))
            }
            if let error = reply.lastError { item["error"] = error }
            if reply.status == .failed { item["canRetry"] = true }
            if let sent = reply.sentAt, !recorded { item["sent"] = format.dateTime(sent) }
            if reply.status == .queued, let next = reply.nextAttemptAt, reply.attempts > 0 {
                item["nextAttempt"] = format.dateTime(next)
            }
            return item
        }
    }

    /// The alert on top of the case page when our latest answer did not reach the customer.
    func notReceivedValues(_ replies: [Reply], format: DisplayFormat) -> [String: Any] {
        guard let reply = replies.filter({ $0.satisfactionToken == nil }).max(by: { $0.createdAt < $1.createdAt }) else { return [:] }
        var values: [String: Any] = ["replyID": reply.id.description, "at": format.dateTime(reply.createdAt)]
        if let error = reply.lastError { values["error"] = error }
        return values
    }

    func concernText(_ concern: ResolutionConcern, language: Language) -> String {
        switch concern {
        case .lastReplyFailed: language.text("case_concern_last_failed")
        case .customerNotReached: language.text("case_concern_not_reached")
        case .openPromise(let text, _): language.text("case_concern_promise", ["value": text])
        }
    }

    /// "1,4 MB", "820 kB": sizes as Dutch readers write them.
    static func byteSize(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return "\(bytes / 1024) kB" }
        let megabytes = Double(bytes) / (1024 * 1024)
        return String(format: "%.1f MB", megabytes).replacingOccurrences(of: ".", with: ",")
    }
}

extension WebController {
    /// Who owns the case, what the last handoff said (the receiver reads it first), and what
    /// the viewer may do: take an unowned case, hand over their own (a lead: any).
    func ownershipValues(
        _ theCase: Case, handoffs: [Handoff], users: [UserID: User], teams: [Team], viewer: User?, format: DisplayFormat
    ) -> [String: Any] {
        let teamNames = Dictionary(uniqueKeysWithValues: teams.map { ($0.id, $0.name) })
        let language = format.language
        func name(_ id: UserID?) -> String { id.flatMap { users[$0]?.name } ?? language.text("case_nobody") }
        func receiver(_ handoff: Handoff) -> String { handoffItem(handoff, users: users, teams: teams, format: format)["to"] ?? "?" }
        let handedOver = handoffs.count == 1
            ? language.text("case_handed_over_once") : language.text("case_handed_over", ["n": String(handoffs.count)])
        var values: [String: Any] = ["handoffCount": handoffs.count, "hasHandoffs": !handoffs.isEmpty, "handedOver": handedOver]
        // Mustache treats an empty string as true: only set what exists.
        if let owner = theCase.ownerID { values["ownerName"] = name(owner) }
        let open = theCase.status != .closed
        if let viewer, open {
            values["canTake"] = theCase.ownerID == nil
            values["canHandOver"] = theCase.isSteerable(by: viewer)
            values["colleagues"] = users.values.filter { $0.isActive && $0.id != theCase.ownerID }.sorted { $0.name < $1.name }
                .map { ["id": $0.id.description, "name": $0.name, "me": $0.id == viewer.id] as [String: Any] }
            values["teams"] = teams.map { ["id": $0.id.description, "name": $0.name] }
            values["hasTeams"] = !teams.isEmpty
        }
        if let team = theCase.teamID.flatMap({ teamNames[$0] }) { values["teamName"] = team }
        // The briefing stays on top for whoever the case went to: the colleague, or the team
        // member who took it from the team's queue.
        if let latest = handoffs.last,
            latest.toUserID.map({ $0 == theCase.ownerID }) ?? (latest.toTeamID == theCase.teamID)
        {
            let forMe = latest.toUserID.map { $0 == viewer?.id }
                ?? (viewer?.teamID != nil && viewer?.teamID == latest.toTeamID && (theCase.ownerID == nil || theCase.ownerID == viewer?.id))
            values["briefing"] = [
                "from": latest.fromUserID == nil ? name(latest.byUserID) : name(latest.fromUserID), "to": receiver(latest),
                "at": format.dateTime(latest.at), "text": latest.briefing, "forMe": forMe,
            ] as [String: Any]
        }
        values["handoffs"] = handoffs.reversed().map { handoffItem($0, users: users, teams: teams, format: format) }
        return values
    }

    /// Who handed the case to whom, by whom and when, with the briefing.
    func handoffItem(_ handoff: Handoff, users: [UserID: User], teams: [Team], format: DisplayFormat) -> [String: String] {
        let language = format.language
        func name(_ id: UserID?) -> String { id.flatMap { users[$0]?.name } ?? language.text("case_nobody") }
        let to = handoff.toTeamID.map { id in language.text("case_team_lower") + " " + (teams.first { $0.id == id }?.name ?? "?") }
            ?? name(handoff.toUserID)
        return ["from": name(handoff.fromUserID), "to": to, "by": name(handoff.byUserID), "at": format.dateTime(handoff.at), "text": handoff.briefing]
    }

    /// "Verloop van de zaak": the status changes and the handoffs, oldest first.
    func caseHistory(_ theCase: Case, handoffs: [Handoff], users: [UserID: User], teams: [Team], format: DisplayFormat) -> [[String: String]] {
        let language = format.language
        var events = theCase.transitions.map {
            (at: $0.at, item: ["at": format.dateTime($0.at), "to": format.status($0.to), "reason": format.statusReason($0.reason)])
        }
        events += handoffs.map { handoff in
            let item = handoffItem(handoff, users: users, teams: teams, format: format)
            let who = language.text("case_history_handoff_who", ["from": item["from"] ?? "?", "by": item["by"] ?? "?"])
            return (handoff.at, [
                "at": item["at"] ?? "", "to": language.text("case_history_handoff", ["value": item["to"] ?? "?"]),
                "reason": "\(who): \(handoff.briefing)",
            ])
        }
        // Stable: a status change and a handoff at the same moment keep this order.
        return events.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element.item)
    }
}

extension WebController {
    /// Promises on the case: open ones first by due time, late ones marked.
    func promiseValues(_ promises: [CasePromise], users: [UserID: User], format: DisplayFormat) -> [[String: Any]] {
        let now = clock()
        let ordered = promises.filter { $0.status == .open } + promises.filter { $0.status != .open }
        return ordered.map { promise in
            var item: [String: Any] = [
                "id": promise.id.description, "text": promise.text, "due": format.dateTime(promise.dueAt),
                "owner": users[promise.ownerID]?.name ?? "?", "status": format.promiseStatus(promise.status), "statusClass": promise.status.rawValue,
                "open": promise.status == .open,
            ]
            if promise.outcome(now: now).isLate { item["overdue"] = true }
            if let settled = promise.settledAt { item["settled"] = format.dateTime(settled) }
            // A colleague may settle someone's promise (a lead, the next shift): the record says who did.
            if let settler = promise.settledBy, settler != promise.ownerID {
                item["settledBy"] = format.language.text("case_promise_settled_by", ["name": users[settler]?.name ?? "?"])
            } else {
                item["settledBy"] = false
            }
            return item
        }
    }
}

extension WebController {
    /// The unresolved cases after `cursor`, in priority order, whose timer is at risk or breached.
    /// Due times depend on opening hours and on each case's history, so no index can answer
    /// this: the cases are read in batches until `limit` match or none are left. A page's
    /// cursor is the last case it shows, so the next page reads on from there and a breached
    /// case of low priority is reached too, however many cases are open.
    func casesWithSLA(
        _ view: SLAView, matching filter: CaseFilter, after cursor: CaseCursor?, limit: Int, now: Date
    ) async throws -> [Case] {
        if view == .atRisk, let standing = await slaStandings.current(now: now) {
            return try await atRisk(in: standing, matching: filter, after: cursor, limit: limit, now: now)
        }
        var matches: [Case] = []
        var position = cursor
        while matches.count < limit {
            let candidates = try await store.cases(matching: filter, limit: slaScanBatch, after: position)
            for theCase in try await store.withSLATransitions(candidates, settings: sla) where theCase.hasServiceLevel {
                if SLAView(theCase.currentSLA(sla.clock(for: theCase, now: now)).state) == view { matches.append(theCase) }
                if matches.count == limit { return matches }
            }
            guard candidates.count == slaScanBatch, let last = candidates.last else { break }
            position = CaseCursor(after: last)
        }
        return matches
    }

    /// "Norm in gevaar" from the last SLA watch (at most a minute or so old, as its count): few
    /// cases are at risk while many are open — most of those are breached or far from due — so
    /// scanning every open case to find them took over a second with 45,000 open. Only the
    /// watch's cases are read again, each checked now: one answered or breached since drops out.
    /// A case that turned at risk since the watch shows at the next one, as in the count.
    func atRisk(
        in standing: SLAStandings.Standing, matching filter: CaseFilter, after cursor: CaseCursor?, limit: Int, now: Date
    ) async throws -> [Case] {
        let fresh = try await store.cases(ids: standing.atRisk.map(\.id)).values.filter { theCase in
            theCase.hasServiceLevel && filter.matches(theCase) && cursor.map { theCase.isListed(after: $0) } ?? true
        }
        let checked = try await store.withSLATransitions(Array(fresh), settings: sla).filter {
            SLAView($0.currentSLA(sla.clock(for: $0, now: now)).state) == .atRisk
        }
        return Array(checked.sorted { $0.isListed(before: $1) }.prefix(limit))
    }

    /// The timer an agent watches now: first response until answered, then resolution.
    func slaValues(_ theCase: Case, now: Date, language: Language) -> [String: Any] {
        guard theCase.hasServiceLevel else {
            return ["sla": language.text("sla_none"), "slaClass": "", "slaKind": false, "slaTitle": language.text("sla_none_title")]
        }
        let status = theCase.currentSLA(sla.clock(for: theCase, now: now))
        // The timer counts opening hours only: "nog 30 min" on a Saturday may mean Monday.
        let title = status.due == .distantFuture
            ? language.text("sla_working_title_open")
            : language.text("sla_working_title", ["due": DisplayFormat(language: language, now: now).dateTime(status.due)])
        var kind = language.text(status.kind == .firstResponse ? "sla_response" : "sla_resolution")
        var shown = status.state.shortDisplay(language: language.rawValue)
        // Paused while the customer is asked something: said beside the kind, so that the time
        // stays on one line of the inbox's column.
        if case .paused(let remaining) = status.state {
            kind += ", " + language.text("sla_paused")
            shown = SLADisplay.remaining(remaining, language: language.rawValue)
        }
        return ["sla": shown, "slaClass": Self.slaClass(status.state), "slaKind": kind, "slaTitle": title]
    }

    /// Both clocks of the case and its recorded breaches, for the case page; false for a case
    /// without service levels.
    func slaDetails(_ theCase: Case, breaches: [SLABreach], format: DisplayFormat, language: Language) -> Any {
        guard theCase.hasServiceLevel, !theCase.closedFromLog else { return false }
        let clock = sla.clock(for: theCase, now: clock())
        let targets = [clock.firstResponse, clock.resolution].map { status -> [String: Any] in
            var state = status.state.shortDisplay(language: language.rawValue)
            var stateClass = Self.slaClass(status.state)
            // Said as what happened, with how late where it was: "gehaald" would claim an answer.
            if status.kind == .firstResponse && clock.resolvedWithoutResponse {
                state = language.text("case_sla_unanswered") + (status.state.isBreach ? ", \(state)" : "")
                if !status.state.isBreach { stateClass = "sla-unanswered" }
            }
            return [
                "name": format.slaTarget(status.kind, capitalized: true),
                "target": SLADisplay.duration(minutes: status.targetMinutes, language: language.rawValue),
                "due": status.due == .distantFuture ? "–" : format.dateTime(status.due),
                "state": state, "stateClass": stateClass,
            ]
        }
        return [
            "targets": targets, "band": format.band(clock.band),
            // "reactie (uiterlijk …); oplossing (uiterlijk …)": one sentence, also for a screen reader.
            "breaches": breaches.enumerated().map { index, breach in
                [
                    "what": format.slaTarget(breach.kind, capitalized: false), "due": format.dateTime(breach.dueAt),
                    "separator": index < breaches.count - 1 ? ";" : "",
                ]
            },
            "hasBreaches": !breaches.isEmpty,
        ]
    }

    static func slaClass(_ state: SLAState) -> String {
        switch state {
        case .met: "sla-met"
        case .running: "sla-ok"
        case .atRisk: "sla-risk"
        case .breached, .metLate: "sla-breached"
        case .paused: "sla-paused"
        }
    }
}

extension WebController {
    /// How many reminders of each kind (one's own, a lead's escalations) the inbox shows at most.
    static let remindersPerList = 50

    /// Promises to keep soon, on the inbox: the viewer's own from two hours ahead; for a lead
    /// also everyone's that are about to break, so a colleague can still keep them. Each list is
    /// asked for by itself, latest due first, so old overdue promises of others never push out
    /// one's own or one about to break. Shown most urgent first: the next to break, then those
    /// that broke most recently.
    func promiseReminders(for user: User, now: Date, format: DisplayFormat) async throws -> [[String: Any]] {
        var due = try await store.openPromises(
            dueBefore: now.addingTimeInterval(CasePromise.remindBefore), ownerID: user.id, limit: Self.remindersPerList)
        if user.role >= .lead {
            let mine = Set(due.map(\.id))
            due += try await store.openPromises(
                dueBefore: now.addingTimeInterval(CasePromise.escalateBefore), ownerID: nil, limit: Self.remindersPerList
            ).filter { !mine.contains($0.id) }
        }
        let upcoming = due.filter { !$0.isOverdue(now: now) }.sorted { $0.dueAt < $1.dueAt }
        let late = due.filter { $0.isOverdue(now: now) }.sorted { $0.dueAt > $1.dueAt }
        let names = Dictionary(uniqueKeysWithValues: try await store.users().map { ($0.id, $0.name) })
        // Whom it was promised to, at a glance: the case's subject beside the promise.
        let cases = try await store.cases(ids: due.map(\.caseID))
        return (upcoming + late).map { promise in
            [
                "caseID": promise.caseID.description, "promiseID": promise.id.description, "text": promise.text,
                "subject": cases[promise.caseID].map { $0.subject as Any } ?? false,
                "due": format.dateTime(promise.dueAt), "owner": names[promise.ownerID] ?? "?",
                "mine": promise.ownerID == user.id, "overdue": promise.isOverdue(now: now),
                "escalated": promise.urgency(now: now) == .escalation,
            ] as [String: Any]
        }
    }
}

extension WebController {
    /// S3's fake care account seen from both sides. On the fake's own case: that it is not ours, and
    /// the customers it answered (by the messages it replied to), so the agent helps them instead.
    /// On a customer's case: what accounts posing as ours said to this customer, who may well think
    /// it came from us. Nothing is looked up while no brand handles are configured.
    func fakeAccountValues(
        _ theCase: Case, customer: Customer, signals: [Signal], format: DisplayFormat
    ) async throws -> (fake: Any, fakeReplies: Any) {
        guard !brand.handles.isEmpty else { return (false, false) }
        let language = format.language
        let own = signals.filter { $0.caseID == theCase.id }
        if let posedAs = impersonated(customer, on: theCase.channel) {
            var answered: [CaseID] = []
            for signal in own {
                guard let target = signal.inReplyTo else { continue }
                for message in try await store.signals(externalID: target)
                where message.channel == signal.channel && message.customerID != customer.id && !answered.contains(message.caseID) {
                    answered.append(message.caseID)
                }
            }
            let cases = try await store.cases(ids: answered)
            let people = try await store.customers(ids: cases.values.map(\.customerID))
            let victims = answered.compactMap { id -> [String: Any]? in
                guard let answeredCase = cases[id] else { return nil }
                let person = people[answeredCase.customerID]
                return [
                    "caseID": id.description, "subject": answeredCase.subject,
                    "name": person?.name ?? person?.identities.first?.value ?? "?",
                ]
            }
            let fake: [String: Any] = [
                "body": language.text("case_fake_body", ["handle": posedAs]), "victims": victims, "hasVictims": !victims.isEmpty,
            ]
            return (fake, false)
        }
        var replies: [(signal: Signal, posedAs: String)] = []
        for channel in Set(own.map(\.channel)) where channel.isPublic {
            let ids = own.filter { $0.channel == channel }.compactMap(\.externalID)
            for reply in try await store.signals(answering: ids, on: channel) where reply.customerID != customer.id {
                if let posedAs = brand.impersonated(by: reply.author, on: reply.channel) { replies.append((reply, posedAs)) }
            }
        }
        guard !replies.isEmpty else { return (false, false) }
        let items = replies.sorted { $0.signal.receivedAt < $1.signal.receivedAt }.map { reply -> [String: Any] in
            [
                "caseID": reply.signal.caseID.description, "author": reply.signal.author.displayName,
                "posesAs": language.text("case_fake_poses_as", ["handle": reply.posedAs]),
                "at": format.dateTime(reply.signal.receivedAt), "text": reply.signal.text,
            ]
        }
        return (false, ["items": items])
    }
}

extension WebController {
    /// A case whose customer wrote in the last hour about a topic that surges now: the agent answers
    /// it as part of the surge (one line with the status update), not as a problem of its own.
    func surgeNote(_ theCase: Case, now: Date, language: Language, logger: Logger) async -> Any {
        guard theCase.status.isUnresolved, theCase.lastInboundAt >= now.addingTimeInterval(-SurgeDetector.window) else { return false }
        let found = await currentSurges(logger: logger)
        guard let surge = found.first(where: { $0.topic.map(theCase.topics.contains) ?? false }), let topic = surge.topic else { return false }
        return language.text("case_surge", ["count": "\(surge.count)", "topic": topics.label(topic, language: language)])
    }
}
