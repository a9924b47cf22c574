import Foundation
import Testing

@Suite("Command line: coach and coach-eval")
struct CoachCLITests {
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func codes(_ object: [String: Any]) -> [String] {
        (object["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    @Test("coach reviews a draft from options or from JSON on stdin")
    func coach() async throws {
        let complaint = "Al drie keer beloofd dat de hypotheekadviseur me terugbelt over mijn rentevoorstel. Niemand belt."
        let poor = try await CLI.run(["coach", "--complaint", complaint, "--draft", "Wij betreuren het ongemak en nemen uw feedback mee."])
        #expect(poor.status == 0, "\(poor.stderr)")
        let poorReview = try Self.json(poor.stdout)
        #expect(poorReview["score"] is Int)
        #expect(poorReview["suggestions"] is [String])
        #expect(Self.codes(poorReview).contains("template"))
        let good = try await CLI.run(
            ["coach", "--complaint", complaint, "--customer-name", "Ria Jansen", "--draft",
             "Beste mevrouw Jansen, u is drie keer beloofd dat de adviseur u terugbelt over uw rentevoorstel, en dat is niet gebeurd. Mijn excuses daarvoor. Ik heb uw adviseur net gesproken: hij belt u morgen om 10.00 uur. Schikt dat tijdstip u?"])
        #expect(good.status == 0, "\(good.stderr)")
        #expect((try Self.json(good.stdout)["score"] as? Int ?? 0) > (poorReview["score"] as? Int ?? 100))

        let long = String(repeating: "Wat vervelend dat je trein naar Zwolle uitviel, mijn excuses. ", count: 6)
        let stdin = try await CLI.run(
            ["coach"], input: #"{"complaint": "Trein naar Zwolle uitgevallen, weer!", "draft": "\#(long)", "channel": "x"}"#)
        #expect(stdin.status == 0, "\(stdin.stderr)")
        #expect(Self.codes(try Self.json(stdin.stdout)).contains("too_long"))

        let nothing = try await CLI.run(["coach"])
        #expect(nothing.status != 0)
        #expect(nothing.stderr.contains("--draft"))
        let channel = try await CLI.run(["coach", "--draft", "Hoi", "--channel", "fax"])
        #expect(channel.status != 0)
        #expect(channel.stderr.contains("kanaal 'fax'"))
    }

    @Test("coach-eval scores the shipped set and ends with auc, flaw_recall and n; a broken line is named")
    func coachEval() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dataset = root.appendingPathComponent("Datasets/coach-dev.jsonl").path
        let lines = try String(contentsOfFile: dataset, encoding: .utf8).split(separator: "\n").filter { !$0.isEmpty }.count
        let result = try await CLI.run(["coach-eval", "--dataset", dataset])
        #expect(result.status == 0, "\(result.stderr)")
        let output = result.stdout.split(separator: "\n").map(String.init)
        let last = try #require(output.last)
        #expect(last.range(of: #"^auc=[01]\.\d{3} flaw_recall=[01]\.\d{3} n=\#(lines)$"#, options: .regularExpression) != nil, "\(last)")
        #expect(output.contains { $0.hasPrefix("apology_with_but") })

        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = directory.appendingPathComponent("broken.jsonl")
        try """
            {"complaint": "Kapot", "draft": "Sorry!", "label": "poor", "flaws": ["no_solution"]}
            {"complaint": "Kapot", "draft": "Sorry!", "label": "matig", "flaws": []}
            """.write(to: broken, atomically: true, encoding: .utf8)
        let refused = try await CLI.run(["coach-eval", "--dataset", broken.path])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("regel 2"))
        let missing = try await CLI.run(["coach-eval", "--dataset", directory.appendingPathComponent("nee.jsonl").path])
        #expect(missing.status != 0)
    }
}
