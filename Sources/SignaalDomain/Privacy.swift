import Foundation

/// One line in the audit log: who looked at or changed what, and when. Kept for privacy
/// (GDPR accountability), shown to leads and admins.
public struct AuditEntry: Sendable, Hashable, Codable {
    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        case view, change, export, erase
        /// Asked for what the person's role does not allow: nothing happened, but who tried is kept.
        case refused
    }

    public enum Subject: String, Sendable, Hashable, Codable {
        case `case`, customer, compensation, promise, reply, signal, other
        /// A colleague's account (`/gebruikers`): added, given a role, (de)activated, a new password.
        case user
    }

    /// The log's own number, in order of writing; nil until stored.
    public var id: Int64?
    public var at: Date
    public var userID: UserID?
    public var action: Action
    public var subject: Subject
    public var subjectID: String?
    /// What was done, e.g. `POST /cases/{id}/replies`.
    public var detail: String
    /// The API token's name, for what an integration did rather than a signed-in user.
    public var tokenName: String?

    public init(
        id: Int64? = nil, at: Date, userID: UserID?, action: Action, subject: Subject, subjectID: String?, detail: String, tokenName: String? = nil
    ) {
        self.id = id
        self.tokenName = tokenName
        self.at = at
        self.userID = userID
        self.action = action
        self.subject = subject
        self.subjectID = subjectID
        self.detail = detail
    }
}

/// Which entries of the audit log to read.
public enum AuditFilter: Sendable, Hashable {
    case all
    /// About one case, customer, reply, … by its id.
    case subject(String)
    /// About the customer, their cases, and the messages, replies, promises and compensations in
    /// those: who saw or did what with this person's data.
    case customer(CustomerID)
    /// About the case and the messages, replies, promises and compensations in it: a lead's
    /// decision on a compensation or a promise settled shows with the case it belongs to.
    case `case`(CaseID)
}

/// What erasing a customer leaves: the counts and decisions the organisation learns from, none
/// of the person.
public enum Erasure {
    /// Replaces every text that could identify the customer.
    public static let placeholder = "[gewist op verzoek van de klant]"
    /// Why a reply still waiting to go out was not sent: it would have gone to the customer's
    /// public post with the placeholder as its text.
    public static let cancelledReply = "Niet verstuurd: de klant is gewist."
    /// The reason on the closing of the customer's cases: there is nobody left to answer.
    public static let closingReason = "klant gewist op verzoek"
}

extension Signal {
    /// The placeholder an erasure left: its text replaced and its platform id gone.
    public var isErased: Bool { text == Erasure.placeholder && externalID == nil }
}

extension AuditEntry {
    /// What a signed-in request did, from its method and path; nil for what is not worth
    /// keeping (lists, static pages, the coach's live review).
    public static func classify(method: String, path: String) -> (Action, Subject, String?)? {
        let parts = path.split(separator: "/").map(String.init)
        guard let first = parts.first else { return nil }
        let (subject, id) = subject(of: parts)
        if method == "GET" {
            if subject == .case, parts.count == 2 { return (.view, .case, id) }
            if subject == .customer, parts.count == 3, parts[2].hasPrefix("gegevens") { return (.export, .customer, id) }
            if subject == .signal, parts.count == 4, parts[2] == "attachments" { return (.view, .signal, id) }
            // A lead's download of the month's cases holds customers' names and words.
            if first == "export" { return (.export, .other, nil) }
            return nil
        }
        // The composer's live review and the page's presence reports only read or say "I am here".
        if subject == .case, parts.count == 3, ["coach", "aanwezig"].contains(parts[2]) { return nil }
        if subject == .customer, parts.count == 3, parts[2] == "wissen" { return (.erase, .customer, id) }
        // A lead taking a case out of an incident, or putting it back, shows with the case.
        if first == "incidenten", parts.count == 5, parts[2] == "zaken" { return (.change, .case, parts[3].lowercased()) }
        if first == "login" || first == "logout" { return nil }
        return (.change, subject, id)
    }

    /// What a request to `path` is about, read or written: a customer, a case, … with its id, or
    /// `other` for a page of its own (coaching, routing, teams).
    public static func subject(of path: String) -> (Subject, String?) {
        subject(of: path.split(separator: "/").map(String.init))
    }

    static func subject(of parts: [String]) -> (Subject, String?) {
        let subject: Subject =
            switch parts.first {
            case "cases": .case
            case "customers": .customer
            case "compensations": .compensation
            case "promises": .promise
            case "replies": .reply
            case "signals": .signal
            case "gebruikers": .user
            default: .other
            }
        // Ids as the app writes them (lower case), so the log finds a visit to an upper-case link.
        return (subject, parts.count > 1 && subject != .other ? parts[1].lowercased() : nil)
    }

    /// Between the request and what its handler said it decided, in `detail`:
    /// "POST /compensations/…/decide · goedgekeurd: € 20,00 terugbetaling".
    public static let noteSeparator = " · "

    /// The request part of `detail` ("POST /cases/…/resolve").
    public var request: String {
        detail.range(of: Self.noteSeparator).map { String(detail[..<$0.lowerBound]) } ?? detail
    }

    /// What the handler said it decided, if it said anything.
    public var note: String? {
        detail.range(of: Self.noteSeparator).map { String(detail[$0.upperBound...]) }
    }

    /// What a request did, as a key of the page texts (`audit_do_<key>`): "case_resolve" for
    /// `POST /cases/{id}/resolve`. Nil for a request without a name (the request itself is shown).
    public static func actionKey(of request: String) -> String? {
        let words = request.split(separator: " ", maxSplits: 1)
        guard words.count == 2 else { return nil }
        // Ids (UUIDs) become "*": the name is the same for every case.
        let shape = words[1].split(separator: "/").map { UUID(uuidString: String($0)) != nil ? "*" : String($0) }.joined(separator: "/")
        return actionKeys["\(words[0]) \(shape)"]
    }

    private static let actionKeys: [String: String] = [
        "GET cases/*": "case_view", "GET customers/*/gegevens": "customer_export", "GET customers/*/gegevens.json": "customer_export",
        "GET signals/*/attachments/*": "attachment_view",
        "POST cases/*/close": "case_close", "POST cases/*/compensations": "compensation_request", "POST cases/*/handoff": "case_handoff",
        "POST cases/*/intern": "note_write", "POST cases/*/intern/*": "note_edit", "POST cases/*/notes": "call_note",
        "POST cases/*/replies": "reply_write", "POST cases/*/resolve": "case_resolve", "POST cases/*/take": "case_take",
        "POST compensations/*/decide": "compensation_decide", "POST customers/*/identities": "customer_identities",
        "POST customers/*/wissen": "customer_erase", "POST gebruikers": "user_add", "POST gebruikers/*/activeren": "user_activate",
        "POST gebruikers/*/deactiveren": "user_deactivate", "POST gebruikers/*/rol": "user_role", "POST gebruikers/*/wachtwoord": "user_password",
        "POST incidenten": "incident_open", "POST incidenten/*/sluiten": "incident_close", "POST incidenten/*/statusupdate": "incident_update",
        "POST incidenten/*/statusupdate/aanvullen": "incident_update_more", "POST incidenten/*/zaken": "incident_cases",
        "POST incidenten/*/zaken/*/toevoegen": "incident_case_add", "POST incidenten/*/zaken/*/verwijderen": "incident_case_remove",
        "POST notes": "call_note", "POST promises/*/settle": "promise_settle", "POST replies/*/retry": "reply_retry",
        "POST routering/*": "routing_set", "POST routering/pauze": "routing_pause", "POST signals/*/label": "signal_label",
        "POST teams": "team_add", "POST teams/*/naam": "team_rename", "POST teams/leden/*": "team_member", "POST teams/regels": "team_rule_add",
        "POST teams/regels/*/verwijderen": "team_rule_remove", "POST verbeteringen": "improvement_add",
        "POST verbeteringen/*/afronden": "improvement_finish", "POST verbeteringen/*/gezien": "marked_read",
        "POST complimenten/gezien": "marked_read", "POST notities/gezien": "marked_read", "POST gebruikers/*/ontgrendelen": "user_unlock",
        // The server's operator at the command line (`commandLine(_:)`).
        "CLI signaal user create": "user_add", "CLI signaal user role": "user_role", "CLI signaal user activate": "user_activate",
        "CLI signaal user deactivate": "user_deactivate", "CLI signaal user password": "user_password", "CLI signaal user unlock": "user_unlock",
        "CLI signaal token create": "token_create", "CLI signaal token revoke": "token_revoke",
    ]

    /// The `detail` of what the operator did at the command line: "CLI signaal user role", and
    /// after the separator what was decided. Such a line has no colleague: the server's operator did it.
    public static func commandLine(_ command: String, note: String? = nil) -> String {
        "CLI signaal \(command)" + (note.map { noteSeparator + $0 } ?? "")
    }

    /// Done at the server's command line, not by a colleague signed in.
    public var isCommandLine: Bool { detail.hasPrefix("CLI ") }

    /// Every key `actionKey(of:)` can give, for the page texts' completeness test.
    public static var allActionKeys: Set<String> { Set(actionKeys.values) }

    /// What a read of `/api/v1` showed: one case or message, or a list of them (with what the
    /// query asked, in `detail`); nil for intake, which shows nothing that was not sent.
    public static func classifyAPI(method: String, path: String) -> (Subject, String?)? {
        guard method == "GET" else { return nil }
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 3, parts[0] == "api", parts[1] == "v1" else { return nil }
        let subject: Subject
        switch parts[2] {
        case "cases": subject = .case
        case "signals": subject = .signal
        default: return nil
        }
        return parts.count == 4 ? (subject, parts[3].lowercased()) : (.other, nil)
    }
}
