import Foundation
import SignaalDomain

extension SignalDraft {
    /// Reads the API's input; bad values become domain errors (422), not decoding errors.
    init(_ input: Components.Schemas.SignalInput, now: Date) throws {
        guard let channel = Channel(rawValue: input.channel) else { throw DomainError.unknownChannel(input.channel) }
        let receivedAt = try input.receivedAt.map { try Timestamp.parse($0, now: now) } ?? now
        let author = Author(
            handle: input.author.handle, name: input.author.name, email: input.author.email,
            phone: input.author.phone, followers: input.author.followers)
        self.init(
            channel: channel, externalID: input.externalId, author: author, text: input.text,
            receivedAt: receivedAt, inReplyTo: input.inReplyTo, url: input.url)
    }
}

/// ISO 8601 timestamps as clients send them.
enum Timestamp {
    static func parse(_ text: String, now: Date) throws -> Date {
        // RFC 3339 (§5.6) allows a lower-case 't' and 'z'; Foundation's parser takes capitals only.
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        // Foundation's parser rolls 30 February over to 2 March and 25:00 to the next day: a
        // client that sends those has a bug worth hearing about.
        guard hasPossibleFields(trimmed), trimmed.wholeMatch(of: shape) != nil else {
            // ISO 8601 allows a local time; Signaal needs to know whose: say exactly what is missing.
            if hasPossibleFields(trimmed), (trimmed + "Z").wholeMatch(of: shape) != nil {
                throw DomainError.invalidField(
                    "receivedAt", "'\(text)' mist een tijdzone: voeg Z (UTC) of de afwijking toe, bv. \(text)Z of \(text)+01:00")
            }
            throw DomainError.invalidTimestamp(text)
        }
        let styles = [
            Date.ISO8601FormatStyle(includingFractionalSeconds: true),
            Date.ISO8601FormatStyle(includingFractionalSeconds: false),
        ]
        for style in styles {
            if let date = try? style.parse(trimmed) {
                // Ahead of our clock is mostly local time written with a Z: said outright, for an
                // integrator can fix it (a platform cannot, and intake then uses the arrival time).
                if SignalDraft.isAhead(date, of: now) {
                    let clock = now.formatted(Date.ISO8601FormatStyle())
                    let minutes = Int(SignalDraft.futureTolerance / 60)
                    throw DomainError.invalidField(
                        "receivedAt",
                        "'\(text)' ligt in de toekomst: het is nu \(clock) op de server (\(minutes) minuten speling voor een klok die voorloopt); "
                            + "geef de tijd in UTC met Z, of de lokale tijd met de afwijking, bv. +01:00")
                }
                // Before the web: a broken client clock.
                guard SignalDraft.isPlausible(date, now: now) else {
                    throw DomainError.invalidField("receivedAt", "'\(text)' ligt vóór 2000")
                }
                return date
            }
        }
        throw DomainError.invalidTimestamp(text)
    }

    /// RFC 3339, nothing before or after: Foundation's parser also took "…+01:00junk".
    nonisolated(unsafe) static let shape = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})/

    /// Whether `yyyy-mm-ddThh:mm:ss` at the start names a real day and time (a leap second allowed).
    static func hasPossibleFields(_ text: String) -> Bool {
        let digits = Array(text.utf8.prefix(19))
        guard digits.count == 19 else { return false }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in digits[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), hour <= 23, minute <= 59, second <= 60
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }
}

extension Components.Schemas.Author {
    init(_ author: Author) {
        self.init(handle: author.handle, name: author.name, email: author.email, phone: author.phone, followers: author.followers)
    }
}

extension Components.Schemas.Analysis {
    init(_ analysis: Analysis) {
        self.init(
            language: analysis.language, sentiment: .init(rawValue: analysis.sentiment.rawValue) ?? .neutral,
            score: analysis.score, intent: .init(rawValue: analysis.intent.rawValue) ?? .other, topics: analysis.topics,
            urgency: analysis.urgency, cues: analysis.cues,
            evidence: analysis.evidence.map { .init(text: $0.text, weight: $0.weight, kind: $0.kind, start: $0.start, end: $0.end) },
            emotion: analysis.emotion)
    }
}

extension Components.Schemas.IngestResult {
    init(_ signal: Signal, duplicate: Bool) {
        self.init(
            id: signal.id.description, caseId: signal.caseID.description, customerId: signal.customerID.description,
            analysis: signal.analysis.map(Components.Schemas.Analysis.init), duplicate: duplicate,
            warnings: signal.warnings.isEmpty ? nil : signal.warnings)
    }
}

extension Components.Schemas.Signal {
    init(_ signal: Signal) {
        self.init(
            id: signal.id.description, caseId: signal.caseID.description, customerId: signal.customerID.description,
            channel: signal.channel.rawValue, externalId: signal.externalID, author: .init(signal.author),
            text: signal.text, receivedAt: signal.receivedAt, inReplyTo: signal.inReplyTo, url: signal.url,
            analysis: signal.analysis.map(Components.Schemas.Analysis.init), createdAt: signal.createdAt,
            subject: signal.subject, textPending: signal.textPending ? true : nil, removedAt: signal.removedAt,
            warnings: signal.warnings.isEmpty ? nil : signal.warnings)
    }
}

extension Components.Schemas.CaseSummary {
    init(_ theCase: Case) {
        self.init(
            id: theCase.id.description, customerId: theCase.customerID.description,
            status: .init(rawValue: theCase.status.rawValue) ?? .open, ownerId: theCase.ownerID?.description,
            priority: theCase.priority, subject: theCase.subject, channel: theCase.channel.rawValue,
            openedAt: theCase.openedAt, updatedAt: theCase.updatedAt, lastInboundAt: theCase.lastInboundAt,
            waitingSince: theCase.waitingSince, signalCount: theCase.signalCount, reopenCount: theCase.reopenCount,
            teamId: theCase.teamID?.description, sentiment: theCase.sentiment.flatMap { .init(rawValue: $0.rawValue) },
            intent: theCase.intent.flatMap { .init(rawValue: $0.rawValue) }, topics: theCase.topics.isEmpty ? nil : theCase.topics,
            language: theCase.language, posesAsBrand: theCase.posesAsBrand)
    }
}

extension Components.Schemas.Customer {
    init(_ customer: Customer) {
        self.init(
            id: customer.id.description, name: customer.name,
            identities: customer.identities.map { .init(kind: .init(rawValue: $0.kind.rawValue) ?? .email, value: $0.value) })
    }
}

extension Components.Schemas.UserSummary {
    init(_ user: User) {
        self.init(id: user.id.description, name: user.name, email: user.email, role: .init(rawValue: user.role.rawValue) ?? .agent)
    }
}

extension Components.Schemas.Transition {
    init(_ transition: CaseTransition) {
        self.init(
            from: transition.from.flatMap { .init(rawValue: $0.rawValue) }, to: .init(rawValue: transition.to.rawValue) ?? .open,
            at: transition.at, actorId: transition.actorID?.description, reason: transition.reason)
    }
}

extension Components.Schemas.Reply {
    init(_ reply: SignaalDomain.Reply) {
        self.init(
            id: reply.id.description, signalId: reply.signalID?.description, channel: reply.channel.rawValue, text: reply.text,
            authorId: reply.authorID?.description, status: .init(rawValue: reply.status.rawValue) ?? .queued,
            attempts: reply.attempts, lastError: reply.lastError, externalId: reply.externalID, createdAt: reply.createdAt,
            sentAt: reply.sentAt, coachScore: reply.coachScore, coachFindings: reply.coachScore == nil ? nil : reply.coachFindings)
    }
}

extension Components.Schemas.Handoff {
    init(_ handoff: SignaalDomain.Handoff) {
        self.init(
            id: handoff.id.description, fromUserId: handoff.fromUserID?.description, toUserId: handoff.toUserID?.description,
            toTeamId: handoff.toTeamID?.description, byUserId: handoff.byUserID.description, briefing: handoff.briefing, at: handoff.at)
    }
}

extension Components.Schemas.InternalNote {
    init(_ note: SignaalDomain.InternalNote) {
        self.init(id: note.id.description, authorId: note.authorID.description, text: note.text, createdAt: note.createdAt, editedAt: note.editedAt)
    }
}

extension Components.Schemas.Promise {
    init(_ promise: CasePromise) {
        self.init(
            id: promise.id.description, ownerId: promise.ownerID.description, text: promise.text, dueAt: promise.dueAt,
            status: .init(rawValue: promise.status.rawValue) ?? .open, createdAt: promise.createdAt, settledAt: promise.settledAt,
            settledBy: promise.settledBy?.description)
    }
}

extension Components.Schemas.Compensation {
    init(_ compensation: SignaalDomain.Compensation) {
        self.init(
            id: compensation.id.description, kind: .init(rawValue: compensation.kind.rawValue) ?? .gift,
            amountCents: compensation.amountCents, reason: compensation.reason,
            status: .init(rawValue: compensation.status.rawValue) ?? .pending, requestedBy: compensation.requestedBy.description,
            requestedAt: compensation.requestedAt, decidedBy: compensation.decidedBy?.description, decidedAt: compensation.decidedAt,
            decisionNote: compensation.decisionNote)
    }
}
