import Foundation
import PostgresNIO
import SignaalDomain
import SignaalStore

extension PostgresStore {
    public func recordHandoff(_ handoff: Handoff, now: Date) async throws -> Case {
        try await transaction { connection in
            // FOR UPDATE: two agents handing over (or taking) the same case at once cannot both win.
            guard
                var theCase = try await self.rows("SELECT * FROM cases WHERE id = \(handoff.caseID.rawValue) FOR UPDATE", on: connection)
                    .first.map({ try PostgresRows.theCase($0) })
            else { throw DomainError.notFound("zaak") }
            try HandoffRules.check(handoff, against: theCase)
            theCase.apply(handoff, now: now)
            try await connection.query(
                """
                UPDATE cases SET owner_id = \(theCase.ownerID?.rawValue), team_id = \(theCase.teamID?.rawValue), updated_at = \(now)
                WHERE id = \(handoff.caseID.rawValue)
                """, logger: self.logger)
            if let receiver = handoff.toUserID { try await self.giveOpenPromises(of: handoff.caseID, to: receiver, on: connection) }
            try await connection.query(
                """
                INSERT INTO handoffs (id, case_id, from_user_id, to_user_id, to_team_id, by_user_id, briefing, at)
                VALUES (\(handoff.id.rawValue), \(handoff.caseID.rawValue), \(handoff.fromUserID?.rawValue), \(handoff.toUserID?.rawValue),
                    \(handoff.toTeamID?.rawValue), \(handoff.byUserID.rawValue), \(handoff.briefing), \(handoff.at))
                """, logger: self.logger)
            theCase.transitions = try await self.rows(
                "SELECT * FROM case_transitions WHERE case_id = \(handoff.caseID.rawValue) ORDER BY id", on: connection
            ).map(PostgresRows.transition)
            return theCase
        }
    }

    public func handoffs(caseIDs: [CaseID]) async throws -> [Handoff] {
        try await rows(of: "handoffs", caseIDs: caseIDs, orderedBy: "at, id", Self.handoff)
    }

    public func handoffs(since: Date) async throws -> [Handoff] {
        try await rows("SELECT * FROM handoffs WHERE at >= \(since) ORDER BY at, id").map(Self.handoff)
    }

    static func handoff(_ row: PostgresRandomAccessRow) throws -> Handoff {
        Handoff(
            id: HandoffID(try row["id"].decode(UUID.self)), caseID: CaseID(try row["case_id"].decode(UUID.self)),
            fromUserID: try row["from_user_id"].decode(UUID?.self).map(UserID.init), toUserID: try row["to_user_id"].decode(UUID?.self).map(UserID.init),
            toTeamID: try row["to_team_id"].decode(UUID?.self).map(TeamID.init), byUserID: UserID(try row["by_user_id"].decode(UUID.self)), briefing: try row["briefing"].decode(String.self),
            at: try row["at"].decodeTime())
    }
}
