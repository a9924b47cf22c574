import Foundation
import PostgresNIO
import SignaalDomain
import SignaalStore

extension PostgresStore {
    public func createIncident(_ incident: Incident) async throws {
        do {
            try await rows(
                """
                INSERT INTO incidents (id, title, topic, started_at, opened_by, opened_at, closed_at, closed_by)
                VALUES (\(incident.id.rawValue), \(incident.title), \(incident.topic), \(incident.startedAt), \(incident.openedBy.rawValue),
                    \(incident.openedAt), \(incident.closedAt), \(incident.closedBy?.rawValue))
                """)
        } catch where Self.isUniqueViolation(error) {
            throw DomainError.conflict("Er is al een open incident over dit onderwerp.")
        }
    }

    public func incident(id: IncidentID) async throws -> Incident? {
        try await rows("SELECT * FROM incidents WHERE id = \(id.rawValue)").first.map(Self.incident)
    }

    public func incidents(limit: Int) async throws -> [Incident] {
        try await rows("SELECT * FROM incidents ORDER BY closed_at IS NOT NULL, opened_at DESC, id DESC LIMIT \(limit)").map(Self.incident)
    }

    public func closeIncident(id: IncidentID, by userID: UserID, at: Date) async throws -> Incident? {
        try await rows("UPDATE incidents SET closed_at = \(at), closed_by = \(userID.rawValue) WHERE id = \(id.rawValue) AND closed_at IS NULL")
        return try await incident(id: id)
    }

    public func addIncidentUpdate(_ update: IncidentUpdate, recipients: [CaseID]) async throws {
        try await transaction { connection in
            let inserted = try await self.rows(
                """
                INSERT INTO incident_updates (id, incident_id, text, posted_by, posted_at, reached, skipped)
                SELECT \(update.id.rawValue), id, \(update.text), \(update.postedBy.rawValue), \(update.postedAt), \(update.reached), \(update.skipped)
                FROM incidents WHERE id = \(update.incidentID.rawValue)
                RETURNING id
                """, on: connection)
            if inserted.isEmpty { throw DomainError.notFound("incident") }
            try await self.rows(PostgresRecipientQueue.incidentUpdates.enqueue(recipients, for: update.id.rawValue), on: connection)
        }
    }

    public func incidentUpdate(id: IncidentUpdateID) async throws -> IncidentUpdate? {
        try await rows("SELECT * FROM incident_updates WHERE id = \(id.rawValue)").first.map(Self.incidentUpdate)
    }

    public func incidentUpdates(incidentID: IncidentID) async throws -> [IncidentUpdate] {
        try await rows("SELECT * FROM incident_updates WHERE incident_id = \(incidentID.rawValue) ORDER BY posted_at, id").map(Self.incidentUpdate)
    }

    public func addIncidentRecipients(updateID: IncidentUpdateID, caseIDs: [CaseID]) async throws {
        guard !caseIDs.isEmpty else { return }
        try await rows(PostgresRecipientQueue.incidentUpdates.enqueue(caseIDs, for: updateID.rawValue))
    }

    public func incidentRecipients(updateID: IncidentUpdateID) async throws -> Set<CaseID> {
        Set(try await rows(PostgresRecipientQueue.incidentUpdates.members(of: updateID.rawValue)).map { CaseID(try $0["case_id"].decode(UUID.self)) })
    }

    public func claimIncidentRecipient(updateID: IncidentUpdateID) async throws -> CaseID? {
        try await rows(PostgresRecipientQueue.incidentUpdates.claim(for: updateID.rawValue)).first.map { CaseID(try $0["case_id"].decode(UUID.self)) }
    }

    public func settleIncidentRecipient(updateID: IncidentUpdateID, caseID: CaseID, replyID: ReplyID?, reason: String?) async throws {
        try await rows(PostgresRecipientQueue.incidentUpdates.settle(caseID, for: updateID.rawValue, replyID: replyID, reason: reason))
    }

    public func incidentRecipientOutcomes(incidentID: IncidentID) async throws -> [IncidentUpdateID: [RecipientOutcome]] {
        var outcomes: [IncidentUpdateID: [RecipientOutcome]] = [:]
        for row in try await rows(PostgresRecipientQueue.incidentUpdates.outcomes(inGroup: incidentID.rawValue)) {
            let (message, outcome) = try PostgresRecipientQueue.outcome(row)
            outcomes[IncidentUpdateID(message), default: []].append(outcome)
        }
        return outcomes
    }

    public func incidentUpdatesAwaitingDelivery(postedBefore before: Date) async throws -> [IncidentUpdateID] {
        try await rows(PostgresRecipientQueue.incidentUpdates.awaiting(sentBefore: before)).map { IncidentUpdateID(try $0["id"].decode(UUID.self)) }
    }

    static func incidentUpdate(_ row: PostgresRandomAccessRow) throws -> IncidentUpdate {
        IncidentUpdate(
            id: IncidentUpdateID(try row["id"].decode(UUID.self)), incidentID: IncidentID(try row["incident_id"].decode(UUID.self)),
            text: try row["text"].decode(String.self), postedBy: UserID(try row["posted_by"].decode(UUID.self)),
            postedAt: try row["posted_at"].decodeTime(), reached: try row["reached"].decode(Int.self), skipped: try row["skipped"].decode(Int.self))
    }

    public func incidentCases(_ incident: Incident, only caseID: CaseID?, limit: Int) async throws -> [Case] {
        guard incident.isOpen else { return [] }
        // As SQLite's: the case's own columns first, then a message of its own since the start
        // that names the topic.
        let id = incident.id.rawValue, start = incident.startedAt, topic = incident.topic
        let needle = topic.map(CaseTopicsColumn.needle)
        return try await rows(
            """
            SELECT * FROM cases WHERE \(unescaped: Self.unresolvedCondition) AND (\(caseID?.rawValue)::uuid IS NULL OR id = \(caseID?.rawValue)) AND (
                id IN (SELECT case_id FROM incident_cases WHERE incident_id = \(id) AND included)
                OR (last_inbound_at >= \(start) AND (\(needle)::text IS NULL OR strpos(topics, \(needle)) > 0)
                    AND EXISTS (
                        SELECT 1 FROM signals s WHERE s.case_id = cases.id AND s.received_at >= \(start)
                            AND (\(topic)::text IS NULL OR s.analysis->'topics' @> jsonb_build_array(\(topic)::text)))
                    AND id NOT IN (SELECT case_id FROM incident_cases WHERE incident_id = \(id) AND NOT included)))
            ORDER BY priority DESC, id DESC LIMIT \(limit)
            """
        ).map { try PostgresRows.theCase($0) }
    }

    public func decideIncidentCase(_ decision: IncidentCaseDecision) async throws {
        try await transaction { connection in
            guard try await !self.rows("SELECT 1 FROM incidents WHERE id = \(decision.incidentID.rawValue)", on: connection).isEmpty else {
                throw DomainError.notFound("incident")
            }
            guard try await !self.rows("SELECT 1 FROM cases WHERE id = \(decision.caseID.rawValue)", on: connection).isEmpty else {
                throw DomainError.notFound("zaak")
            }
            try await self.rows(
                """
                INSERT INTO incident_cases (incident_id, case_id, included, decided_by, decided_at)
                VALUES (\(decision.incidentID.rawValue), \(decision.caseID.rawValue), \(decision.included), \(decision.decidedBy.rawValue),
                    \(decision.decidedAt))
                ON CONFLICT (incident_id, case_id) DO UPDATE SET
                    included = excluded.included, decided_by = excluded.decided_by, decided_at = excluded.decided_at
                """, on: connection)
        }
    }

    public func incidentCaseDecisions(incidentID: IncidentID) async throws -> [IncidentCaseDecision] {
        try await rows(
            "SELECT * FROM incident_cases WHERE incident_id = \(incidentID.rawValue) ORDER BY decided_at DESC, case_id DESC"
        ).map { row in
            IncidentCaseDecision(
                incidentID: IncidentID(try row["incident_id"].decode(UUID.self)), caseID: CaseID(try row["case_id"].decode(UUID.self)),
                included: try row["included"].decode(Bool.self), decidedBy: UserID(try row["decided_by"].decode(UUID.self)),
                decidedAt: try row["decided_at"].decodeTime())
        }
    }

    static func incident(_ row: PostgresRandomAccessRow) throws -> Incident {
        Incident(
            id: IncidentID(try row["id"].decode(UUID.self)), title: try row["title"].decode(String.self),
            topic: try row["topic"].decode(String?.self), startedAt: try row["started_at"].decodeTime(),
            openedBy: UserID(try row["opened_by"].decode(UUID.self)), openedAt: try row["opened_at"].decodeTime(),
            closedAt: try row["closed_at"].decodeOptionalTime(), closedBy: try row["closed_by"].decode(UUID?.self).map(UserID.init))
    }
}
