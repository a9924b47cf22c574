import Foundation
import HummingbirdTesting
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

/// What a screen reader or keyboard user needs from the pages' markup: a refused form tied to its
/// field and focused, a message read in its own language, a chart's figures as a table.
@Suite("Web: accessibility of refused forms, messages and the report")
struct AccessibilityFormsWebTests {
    /// The field's opening tag, by its id.
    static func tag(_ page: String, id: String) -> String? {
        guard let range = page.range(of: "id=\"\(id)\"") else { return nil }
        let start = page[..<range.lowerBound].lastIndex(of: "<") ?? range.lowerBound
        return String(page[start...].prefix { $0 != ">" })
    }

    /// The page came back with the field marked invalid, described by its error and focused on
    /// arrival (the browser scrolls to it), and no other field asking for focus.
    static func expectTied(_ response: TestResponse, field: String, problem: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let page = response.text
        #expect(response.status.code >= 400, "\(field): refused", sourceLocation: sourceLocation)
        #expect(page.contains("<p class=\"field-error\" role=\"alert\" id=\"\(problem)\">"), "\(field): the error has its id", sourceLocation: sourceLocation)
        let tag = Self.tag(page, id: field) ?? ""
        #expect(tag.contains("aria-invalid=\"true\"") && tag.contains("aria-describedby=\"\(problem)\"") && tag.contains("autofocus"),
                "\(field): \(tag)", sourceLocation: sourceLocation)
        #expect(page.components(separatedBy: " autofocus").count == 2, "\(field): one field takes the focus", sourceLocation: sourceLocation)
    }

    @Test("a refused reply, handoff, resolution, amends or phone note lands on its field, tied to its error")
    func refusedCaseForms() async throws {
        try await withApp(.sqlite) { client, store, token in
            let caseID = try await createCase(client, token: token, [
                "channel": "email", "author": ["email": "ria@example.nl", "name": "Ria Jansen"],
                "text": "Mijn pakket is al twee weken onderweg en niemand weet waar het is.",
            ])
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            let blank = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie]).text
            #expect(!blank.contains("aria-invalid") && !blank.contains(" autofocus"), "an untouched page focuses nothing")
            let reply = try await CaseActionsTests.post(client, "/cases/\(caseID)/replies", cookie: cookie, ["csrf": csrf, "text": "Beste {naam}, we zoeken het uit."])
            Self.expectTied(reply, field: "reply-text", problem: "reply-problem")
            let handoff = try await CaseActionsTests.post(client, "/cases/\(caseID)/handoff", cookie: cookie, ["csrf": csrf, "to": "", "briefing": "kort"])
            Self.expectTied(handoff, field: "handoff-briefing", problem: "handoff-problem")
            let resolve = try await CaseActionsTests.post(client, "/cases/\(caseID)/resolve", cookie: cookie, ["csrf": csrf, "outcome": "ok", "root_cause": "levering"])
            Self.expectTied(resolve, field: "resolve-outcome", problem: "resolve-problem")
            let amends = try await CaseActionsTests.post(client, "/cases/\(caseID)/compensations", cookie: cookie, ["csrf": csrf, "kind": "refund", "amount": "twaalf"])
            Self.expectTied(amends, field: "compensation-amount", problem: "compensation-problem")
            let note = try await CaseActionsTests.post(client, "/cases/\(caseID)/notes", cookie: cookie, ["csrf": csrf, "direction": "klant", "channel": "phone", "text": " "])
            Self.expectTied(note, field: "note-text", problem: "note-problem")
            let staffNote = try await CaseActionsTests.post(client, "/cases/\(caseID)/intern", cookie: cookie, ["csrf": csrf, "text": " "])
            Self.expectTied(staffNote, field: "internal-note-text", problem: "internal-note-problem")
        }
    }

    @Test("a refused incident update or improvement message lands on its field, tied to its error")
    func refusedLeadForms() async throws {
        try await withApp(.sqlite) { client, store, token in
            let (_, cookie, csrf, location) = try await IncidentWebTests.openOutage(client, store: store, token: token, title: "Storing")
            let update = try await CaseActionsTests.post(client, "\(location)/statusupdate", cookie: cookie, ["csrf": csrf, "tekst": "  "])
            Self.expectTied(update, field: "tekst", problem: "update-problem")
            let started = try await CaseActionsTests.post(client, "/verbeteringen", cookie: cookie, ["csrf": csrf, "oorzaak": "levering", "titel": "Retour gratis"])
            let improvement = try #require(started.headers[.location])
            let finish = try await CaseActionsTests.post(client, "\(improvement)/afronden", cookie: cookie, ["csrf": csrf, "bericht": " "])
            Self.expectTied(finish, field: "bericht", problem: "finish-problem")
        }
    }

    @Test("a customer's message carries its own language, so it is read in the right voice")
    func messageLanguage() async throws {
        try await withApp(.sqlite) { client, store, token in
            let caseID = try await createCase(client, token: token, [
                "channel": "email", "author": ["email": "tourist@example.com", "name": "Sam Turner"],
                "text": "My parcel has been lost for two weeks and nobody answers my emails. This is unacceptable.",
            ])
            _ = try await createCase(client, token: token, [
                "channel": "email", "author": ["email": "tourist@example.com", "name": "Sam Turner"],
                "text": "Mijn pakket is al twee weken zoek en niemand antwoordt op mijn mails.",
            ])
            let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            let page = try await client.execute(uri: "/cases/\(caseID)?lang=nl", method: .get, headers: [.cookie: cookie]).text
            // (Evidence marks may split the text after its first words.)
            #expect(page.contains("<p class=\"text\" lang=\"en\">My "), "the English message on the Dutch page")
            #expect(page.contains("<p class=\"text\" lang=\"nl\">Mijn "), "the Dutch one in the timeline")
        }
    }

    @Test("the public form's error summary is focused, lists problems in the form's order and ties the order number to its error")
    func webformSummary() async throws {
        try await withApp(.sqlite) { client, _, _ in
            let response = try await WebformTests.submit(client, ["order": String(repeating: "9", count: 65), "message": "kort"])
            #expect(response.status == .unprocessableContent)
            let page = response.text
            let summary = try #require(Self.tag(page, id: "error-summary"))
            #expect(summary.contains("tabindex=\"-1\""), "\(summary)")
            #expect(page.contains("<script src=\"/static/js/error-summary.js\" defer></script>"), "a script focuses it")
            let links = page.components(separatedBy: "<li><a href=\"#field-").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            #expect(links == ["name", "email", "order", "message", "consent"], "\(links)")
            let order = try #require(Self.tag(page, id: "field-order"))
            #expect(order.contains("aria-invalid=\"true\"") && order.contains("aria-describedby=\"order-error\""), "\(order)")
        }
    }
}
