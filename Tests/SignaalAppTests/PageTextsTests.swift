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

    @Test("every {{t.key}} a template uses exists in both languages, and the two differ where they should")
    func templatesUseKnownKeys() throws {
        let directory = BundledResources.url("Resources/Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".mustache") }
        #expect(names.count >= 10)
        let pattern = try Regex(#"\{\{\{?[#^/]?t\.([a-z0-9_]+)"#)
        var used = Set<String>()
        for name in names {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            for match in text.matches(of: pattern) {
                let key = String(match.output[1].substring ?? "")
                used.insert(key)
                #expect(Strings.allNL[key] != nil, "\(name) uses t.\(key), which has no Dutch text")
                #expect(Strings.allEN[key] != nil, "\(name) uses t.\(key), which has no English text")
            }
        }
        #expect(used.contains("nav_compliments"))
        #expect(Strings.allNL["nav_compliments"] != Strings.allEN["nav_compliments"])
    }

    @Test("the keys the code builds (a coach finding, a role) exist in both languages, with placeholders filled in")
    func builtKeysExist() {
        for language in [Language.nl, .en] {
            for code in CoachCode.allCases {
                #expect(language.strings["coaching_finding_\(code.rawValue)"] != nil, "\(language): no text for finding \(code.rawValue)")
            }
            for role in User.Role.allCases {
                #expect(language.strings["role_\(role.rawValue)"] != nil, "\(language): no text for role \(role.rawValue)")
            }
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
