import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SignaalApp
import SignaalStoreTesting
import Testing

@Suite("Web: what a screen reader hears on the inbox, the case page and the menu")
struct AccessibilityWebTests {
    /// The link to `href` in the main menu, as the page has it (`<a href="/" aria-current="page">`).
    static func menuLink(_ html: String, _ href: String) throws -> String {
        let menu = try #require(html.range(of: "<nav aria-label=\"hoofdmenu\">").map { String(html[$0.lowerBound...]) })
        let start = try #require(menu.range(of: "<a href=\"\(href)\"")).lowerBound
        return String(menu[start...].prefix { $0 != ">" })
    }

    @Test(
        "the inbox's list is no live region (it would be read out whole at every refresh); a short status line says how many cases are new, in Dutch and English",
        arguments: TestDatabase.all)
    func inboxLiveStatus(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let caseID = try await createCase(client, token: token, ["channel": "x", "author": ["handle": "reiziger"], "text": "Mijn trein viel uit"])
            let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            let dutch = try await client.execute(uri: "/?lang=nl", method: .get, headers: [.cookie: cookie]).text
            #expect(!dutch.contains("aria-live"), "no part of the inbox reads itself out whole")
            #expect(dutch.contains("<tr data-case=\"\(caseID)\">"), "live.js and inbox.js find a case's row by its id")
            #expect(dutch.contains(
                "id=\"inbox-live-status\" class=\"visually-hidden\" role=\"status\" data-new-one=\"1 nieuwe zaak in de lijst.\" data-new-many=\"{count} nieuwe zaken in de lijst.\""))
            let english = try await client.execute(uri: "/?lang=en", method: .get, headers: [.cookie: cookie]).text
            #expect(english.contains("data-new-one=\"1 new case in the list.\" data-new-many=\"{count} new cases in the list.\""))
        }
    }

    @Test(
        "a negative and a positive highlight each say what they are to a screen reader (negatief/positief, negative/positive), not by colour alone",
        arguments: TestDatabase.all)
    func evidenceSaysItsTone(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let caseID = try await createCase(
                client, token: token,
                ["channel": "x", "author": ["handle": "reiziger"], "text": "Jullie app is geweldig, maar mijn pakket is kwijt en dat is echt waardeloos"])
            let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            let dutch = try await client.execute(uri: "/cases/\(caseID)?lang=nl", method: .get, headers: [.cookie: cookie]).text
            let english = try await client.execute(uri: "/cases/\(caseID)?lang=en", method: .get, headers: [.cookie: cookie]).text
            for (html, negative, positive) in [(dutch, "negatief", "positief"), (english, "negative", "positive")] {
                // The stylesheet says the tone after the words (mark[data-tone]::after) for a screen reader.
                let marks = html.components(separatedBy: "<mark ").dropFirst().map { $0.prefix { $0 != ">" } + "" }
                let negatives = marks.filter { $0.hasPrefix("class=\"ev-neg\"") }
                let positives = marks.filter { $0.hasPrefix("class=\"ev-pos\"") }
                #expect(!negatives.isEmpty && !positives.isEmpty, "\(marks)")
                for mark in negatives { #expect(mark.hasSuffix(" data-tone=\"\(negative)\""), "\(mark)") }
                for mark in positives { #expect(mark.hasSuffix(" data-tone=\"\(positive)\""), "\(mark)") }
            }
        }
    }

    @Test("the main menu marks the page the agent is on with aria-current=\"page\", and only that one", arguments: TestDatabase.all)
    func menuSaysWhereYouAre(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let caseID = try await createCase(client, token: token, ["channel": "x", "author": ["handle": "reiziger"], "text": "Mijn trein viel uit"])
            let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            for (uri, current) in [("/?lang=nl", "/"), ("/complimenten", "/complimenten"), ("/incidenten", "/incidenten"), ("/notes/new", "/notes/new")] {
                let html = try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]).text
                for href in ["/", "/notes/new", "/complimenten", "/incidenten"] {
                    let link = try Self.menuLink(html, href)
                    #expect(link.contains("aria-current=\"page\"") == (href == current), "\(uri): \(link)")
                }
            }
            let casePage = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie]).text
            #expect(!(try Self.menuLink(casePage, "/")).contains("aria-current"), "a case page is none of the menu's pages")
        }
    }
}
