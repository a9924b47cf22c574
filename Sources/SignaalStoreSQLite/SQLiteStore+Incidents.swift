import Foundation
import GRDB
import SignaalDomain
import SignaalStore

extension SQLiteStore {
    public func createIncident(_ incident: Incident) async throws {
        do {
            try await writer.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO incidents (id, title, topic, started_at, opened_by, opened_at, closed_at, closed_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        incident.id.description, incident.title, incident.topic, incident.startedAt.millisecondsSince1970,
                        incident.openedBy.description, incident.openedAt.millisecondsSince1970, incident.closedAt?.millisecondsSince1970,
                        incident.closedBy?.description,
                    ])
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw DomainError.conflict("Er is al een open incident over dit onderwerp.")
        }
    }

    public func incident(id: IncidentID) async throws -> Incident? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM incidents WHERE id = ?", arguments: [id.description]).map(Self.incident)
        }
    }

    public func incidents(limit: Int) async throws -> [Incident] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM incidents ORDER BY closed_at IS NOT NULL, opened_at DESC, id DESC LIMIT ?", arguments: [limit]
            ).map(Self.incident)
        }
    }

    public func closeIncident(id: IncidentID, by userID: UserID, at: Date) async throws -> Incident? {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE incidents SET closed_at = ?, closed_by = ? WHERE id = ? AND closed_at IS NULL",
                arguments: [at.millisecondsSince1970, userID.description, id.description])
            return try Row.fetchOne(db, sql: "SELECT * FROM incidents WHERE id = ?", arguments: [id.description]).map(Self.incident)
        }
    }

    public func addIncidentUpdate(_ update: IncidentUpdate, recipients: [CaseID]) async throws {
        try await writer.write { db in
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM incidents WHERE id = ?", arguments: [update.incidentID.description]) != nil else {
                throw DomainError.notFound("incident")
            }
            try db.execute(
                sql: """
                    INSERT INTO incident_updates (id, incident_id, text, posted_by, posted_at, reached, skipped)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    update.id.description, update.incidentID.description, update.text, update.postedBy.description,
                    update.postedAt.millisecondsSince1970, update.reached, update.skipped,
                ])
            try SQLiteRecipientQueue.incidentUpdates.enqueue(recipients, for: update.id.description, db: db)
        }
    }

    public func incidentUpdate(id: IncidentUpdateID) async throws -> IncidentUpdate? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM incident_updates WHERE id = ?", arguments: [id.description]).map(Self.incidentUpdate)
        }
    }

    public func incidentUpdates(incidentID: IncidentID) async throws -> [IncidentUpdate] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM incident_updates WHERE incident_id = ? ORDER BY posted_at, id", arguments: [incidentID.description]
            ).map(Self.incidentUpdate)
        }
    }

    public func addIncidentRecipients(updateID: IncidentUpdateID, caseIDs: [CaseID]) async throws {
        try await writer.write { db in try SQLiteRecipientQueue.incidentUpdates.enqueue(caseIDs, for: updateID.description, db: db) }
    }

    public func incidentRecipients(updateID: IncidentUpdateID) async throws -> Set<CaseID> {
        try await writer.read { db in try SQLiteRecipientQueue.incidentUpdates.members(of: updateID.description, db: db) }
    }

    public func claimIncidentRecipient(updateID: IncidentUpdateID) async throws -> CaseID? {
        try await writer.write { db in try SQLiteRecipientQueue.incidentUpdates.claim(for: updateID.description, db: db) }
    }

    public func settleIncidentRecipient(updateID: IncidentUpdateID, caseID: CaseID, replyID: ReplyID?, reason: String?) async throws {
        try await writer.write { db in
            try SQLiteRecipientQueue.incidentUpdates.settle(caseID, for: updateID.description, replyID: replyID, reason: reason, db: db)
        }
    }

    public func incidentRecipientOutcomes(incidentID: IncidentID) async throws -> [IncidentUpdateID: [RecipientOutcome]] {
        try await writer.read { db in
            var outcomes: [IncidentUpdateID: [RecipientOutcome]] = [:]
            for (message, outcome) in try SQLiteRecipientQueue.incidentUpdates.outcomes(inGroup: incidentID.description, db: db) {
                guard let id = IncidentUpdateID(message) else { continue }
                outcomes[id, default: []].append(outcome)
            }
            return outcomes
        }
    }

    public func incidentUpdatesAwaitingDelivery(postedBefore before: Date) async throws -> [IncidentUpdateID] {
        try await writer.read { db in
            try SQLiteRecipientQueue.incidentUpdates.awaiting(sentBefore: before, db: db).compactMap(IncidentUpdateID.init)
        }
    }

    public func incidentCases(_ incident: Incident, only caseID: CaseID?, limit: Int) async throws -> [Case] {
        guard incident.isOpen else { return [] }
        // The case's own columns first (unresolved, written since, the topic among its topics),
        // then a message of its own since the start that names the topic: a case that named it
        // once and wrote since about something else does not belong.
        let sql = """
            SELECT * FROM cases WHERE \(Self.unresolvedCondition) AND (?4 IS NULL OR id = ?4) AND (
                id IN (SELECT case_id FROM incident_cases WHERE incident_id = ?1 AND included = 1)
                OR (last_inbound_at >= ?2 AND (?3 IS NULL OR instr(topics, ?5) > 0)
                    AND EXISTS (
                        SELECT 1 FROM signals s WHERE s.case_id = cases.id AND s.received_at >= ?2
                            AND (?3 IS NULL OR EXISTS (SELECT 1 FROM json_each(s.topics) t WHERE t.value = ?3)))
                    AND id NOT IN (SELECT case_id FROM incident_cases WHERE incident_id = ?1 AND included = 0)))
            ORDER BY priority DESC, id DESC LIMIT ?6
            """
        let arguments: StatementArguments = [
            incident.id.description, incident.startedAt.millisecondsSince1970, incident.topic, caseID?.description,
            incident.topic.map(CaseTopicsColumn.needle), limit,
        ]
        return try await writer.read { db in try Row.fetchAll(db, sql: sql, arguments: arguments).map { try SQLiteRows.theCase($0) } }
    }

    public func decideIncidentCase(_ decision: IncidentCaseDecision) async throws {
        try await writer.write { db in
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM incidents WHERE id = ?", arguments: [decision.incidentID.description]) != nil else {
                throw DomainError.notFound("incident")
            }
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM cases WHERE id = ?", arguments: [decision.caseID.description]) != nil else {
                throw DomainError.notFound("zaak")
            }
            try db.execute(
                sql: """
                    INSERT INTO incident_cases (incident_id, case_id, included, decided_by, decided_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (incident_id, case_id) DO UPDATE SET
                        included = excluded.included, decided_by = excluded.decided_by, decided_at = excluded.decided_at
                    """,
                arguments: [
                    decision.incidentID.description, decision.caseID.description, decision.included, decision.decidedBy.description,
                    decision.decidedAt.millisecondsSince1970,
                ])
        }
    }

    public func incidentCaseDecisions(incidentID: IncidentID) async throws -> [IncidentCaseDecision] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM incident_cases WHERE incident_id = ? ORDER BY decided_at DESC, case_id DESC",
                arguments: [incidentID.description]
            ).map { row in
                IncidentCaseDecision(
                    incidentID: try SQLiteRows.id(row, "incident_id"), caseID: try SQLiteRows.id(row, "case_id"), included: row["included"],
                    decidedBy: try SQLiteRows.id(row, "decided_by"), decidedAt: SQLiteRows.date(row, "decided_at"))
            }
        }
    }

    static func incidentUpdate(_ row: Row) throws -> IncidentUpdate {
        IncidentUpdate(
            id: try SQLiteRows.id(row, "id"), incidentID: try SQLiteRows.id(row, "incident_id"), text: row["text"],
            postedBy: try SQLiteRows.id(row, "posted_by"), postedAt: SQLiteRows.date(row, "posted_at"), reached: row["reached"],
            skipped: row["skipped"])
    }

    static func incident(_ row: Row) throws -> Incident {
        Incident(
            id: try SQLiteRows.id(row, "id"), title: row["title"], topic: row["topic"], startedAt: SQLiteRows.date(row, "started_at"),
            openedBy: try SQLiteRows.id(row, "opened_by"), openedAt: SQLiteRows.date(row, "opened_at"),
            closedAt: SQLiteRows.optionalDate(row, "closed_at"), closedBy: try SQLiteRows.optionalID(row, "closed_by"))
    }
}
