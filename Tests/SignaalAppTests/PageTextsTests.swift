import DutchText
import Foundation
import SignaalDomain
import Testing

@testable import SignaalApp

/// The pages speak Dutch first and English second: a text that exists in one language only
/// would show up empty (Mustache renders a missing key as nothing) in the other.
@Suite("Page texts in Dutch and English")
struct PageTextsTests {
    @Test("every page table has the same keys in Dutch and English, and no key is defined twice")
    func tablesMatch() {
        var seen: [String: Int] = [:]
        for (index, table) in Strings.tables.enumerated() {
            #expect(Set(table.nl.keys) == Set(table.en.keys), "table \(index): \(Set(table.nl.keys).symmetricDifference(table.en.keys).sorted())")
            for key in table.nl.keys {
                if let earlier = seen[key] { Issue.record("'\(key)' is in table \(earlier) and table \(index)") }
                seen[key] = index
            }
        }
    }

    /// The page-text keys (the first capture of `pattern`) named in the `suffix` files of
    /// `directory`; each is expected in both languages.
    func checkKeys(in directory: URL, suffix: String, pattern: String) throws -> Set<String> {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(suffix) }
        #expect(names.count >= 10, "\(directory.path): \(names.count) files")
        let regex = try Regex(pattern)
        var used = Set<String>()
        for name in names {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            for match in text.matches(of: regex) {
                let key = String(match.output[1].substring ?? "")
                used.insert(key)
                #expect(Strings.allNL[key] != nil, "\(name) uses \(key), which has no Dutch text")
                #expect(Strings.allEN[key] != nil, "\(name) uses \(key), which has no English text")
            }
        }
        return used
    }

    @Test("every {{t.key}} a template uses exists in both languages, and the two differ where they should")
    func templatesUseKnownKeys() throws {
        let used = try checkKeys(in: BundledResources.url("Resources/Templates"), suffix: ".mustache", pattern: #"\{\{\{?[#^/]?t\.([a-z0-9_]+)"#)
        #expect(used.contains("nav_compliments"))
        #expect(Strings.allNL["nav_compliments"] != Strings.allEN["nav_compliments"])
    }

    /// `Language.text` shows an unknown key as itself, so every key the code names must exist.
    @Test("every text(\"key\") the app's code asks for exists in both languages")
    func codeUsesKnownKeys() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/SignaalApp").standardizedFileURL
        let used = try checkKeys(in: sources, suffix: ".swift", pattern: #"text\("([a-z0-9_]+)"[,)]"#)
        #expect(used.isSuperset(of: ["coaching_forbidden", "error_title", "login_title", "case_surprise_sla"]), "\(used.count) keys found")
    }

    @Test("the keys the code builds or chooses (a coach finding, a role, an audit action, a filter) exist in both languages")
    func builtKeysExist() {
        for language in [Language.nl, .en] {
            for code in CoachCode.allCases {
                #expect(language.strings["coaching_finding_\(code.rawValue)"] != nil, "\(language): no text for finding \(code.rawValue)")
            }
            for role in User.Role.allCases {
                #expect(language.strings["role_\(role.rawValue)"] != nil, "\(language): no text for role \(role.rawValue)")
            }
            let built =
                AuditEntry.Action.allCases.map { "privacy_action_\($0.rawValue)" }
                + AuditEntry.allActionKeys.map { "audit_do_\($0)" }
                + TeamRule.Field.allCases.map { "teams_field_\($0.rawValue)" }
                + Surprise.ideas.map { "case_surprise_idea_\($0)" }
                + ["nl", "en"].map { "routing_language_\($0)" }
                + ["negative", "neutral", "positive"].map { "sentiment_\($0)" }
                + ["complaint", "compliment", "question", "other"].map { "intent_\($0)" }
                // Chosen in code rather than named in one text("…") call.
                + ["case_yes", "case_no", "case_linked", "case_unlinked", "sla_response", "sla_resolution"]
                + ["filter_all", "filter_mine", "filter_unassigned", "filter_team", "sla_all", "sla_risk", "sla_breached"]
                + ["users_open_one", "users_open_many"]
            for key in built { #expect(language.strings[key] != nil, "\(language): no text for \(key)") }
        }
        #expect(Language.nl.roleName(.lead) == "teamleider")
        #expect(Language.en.roleName(.lead) == "team lead")
        #expect(Language.nl.text("coaching_intro_period", ["days": "14"]).contains("14"))
        #expect(!Language.en.text("coaching_intro_period", ["days": "14"]).contains("{days}"))
    }

    /// A customer's handle or name can hold braces: it is shown as written, never filled in again,
    /// and braces that name no value stay as they are (an unknown key is its own template).
    @Test func placeholdersAreFilledOnce() {
        #expect(Language.nl.text("{a} en {b}", ["a": "{b}", "b": "{a}"]) == "{b} en {a}")
        #expect(Language.nl.text("{a} {niet} {", ["a": "@klant{1}"]) == "@klant{1} {niet} {")
        #expect(Language.nl.text("case_unlink_label", ["value": "{value}"]).contains("{value}"))
    }
}
