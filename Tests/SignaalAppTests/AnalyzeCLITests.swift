import Foundation
import Testing

@Suite("Command line: analyze and eval")
struct AnalyzeCLITests {
    @Test("analyze prints one analysis object per input, from arguments or stdin lines")
    func analyze() async throws {
        let result = try await CLI.run(["analyze", "Alweer vertraging, dit is de derde keer!", "Top geholpen, dank jullie wel"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        for key in ["language", "sentiment", "score", "intent", "topics", "urgency", "cues", "evidence"] {
            #expect(first[key] != nil, "missing \(key)")
        }
        #expect(first["sentiment"] as? String == "negative")
        #expect((first["cues"] as? [String])?.contains("repeat") == true)
        let stdin = try await CLI.run(["analyze"], input: "Waar blijft mijn pakket?\nBedankt!\n")
        #expect(stdin.stdout.split(separator: "\n").count == 2)
    }

    @Test("eval scores a labelled CSV and ends with macro_f1, accuracy and n")
    func eval() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("set.csv")
        try """
            text,label
            "Wat een slechte service, ik ben woedend",negative
            "Heel fijn geholpen, dank je wel!",positive
            "Mijn pakket is, eindelijk, aangekomen. Top!",positive
            """.write(to: file, atomically: true, encoding: .utf8)
        let result = try await CLI.run(["eval", "--task", "sentiment", "--dataset", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        let last = try #require(result.stdout.split(separator: "\n").last.map(String.init))
        #expect(last.hasPrefix("macro_f1="))
        #expect(last.contains("accuracy="))
        #expect(last.hasSuffix("n=3"))
        let missing = try await CLI.run(["eval", "--task", "sentiment", "--dataset", directory.appendingPathComponent("nee.csv").path])
        #expect(missing.status != 0)
        let badTask = try await CLI.run(["eval", "--task", "sarcasme", "--dataset", file.path])
        #expect(badTask.status != 0)
    }

    @Test("eval --blend reads as the intake does (rules and models); train takes several files and records them in the model")
    func blendAndSeveralFiles() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("set.tsv")
        // A customer's follow-up the rules read as a complaint ("sorry"); the shipped model knows better.
        try "text\tintent\nPolisnummer is 2287-AV-5510, sorry vergeten erbij te zetten\tother\n".write(to: file, atomically: true, encoding: .utf8)
        let rules = try await CLI.run(["eval", "--task", "intent", "--dataset", file.path])
        #expect(rules.stdout.contains("accuracy=0.000"), "\(rules.stdout)")
        let blended = try await CLI.run(["eval", "--task", "intent", "--dataset", file.path, "--blend"], environment: ["SIGNAAL_MODEL_FILE": directory.appendingPathComponent("geen.json").path])
        #expect(blended.status == 0, "\(blended.stderr)")
        #expect(blended.stdout.contains("accuracy=1.000"), "\(blended.stdout)")
        let both = try await CLI.run(["eval", "--task", "intent", "--dataset", file.path, "--blend", "--folds", "5"])
        #expect(both.status != 0)
        #expect(both.stderr.contains("--blend en --folds"), "\(both.stderr)")

        let first = directory.appendingPathComponent("a.tsv"), second = directory.appendingPathComponent("b.csv")
        try ("text\tsentiment\n" + (0..<12).map { "Heel blij met de hulp \($0)\tpositive\nAlweer geen bus \($0)\tnegative\n" }.joined())
            .write(to: first, atomically: true, encoding: .utf8)
        try ("text,intent\n" + (0..<12).map { "Waar blijft bus \($0)?,question\nDank voor de hulp \($0),compliment\n" }.joined())
            .write(to: second, atomically: true, encoding: .utf8)
        let model = directory.appendingPathComponent("model.json").path
        let trained = try await CLI.run(["train", "--database", "sqlite::memory:", "--dataset", first.path, "--dataset", second.path, "--output", model])
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(trained.stdout.contains("sentiment op 24, bedoeling op 24"), "\(trained.stdout)")
        let saved = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: model))) as? [String: Any]
        #expect(saved?["sources"] as? [String] == ["a.tsv", "b.csv"])
    }

    @Test("eval --task topics scores the topics column (micro-F1); the shipped model finds what the keywords miss; train learns topics; an unknown topic stops with its line")
    func topics() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("topics.tsv")
        try "text\ttopics\nBoodschappen zouden tussen 18:00 en 19:00 komen. Het is 20:40. Geen bericht, geen sms, niks.\tlevering\nFijne dag!\t\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let environment = ["SIGNAAL_MODEL_FILE": directory.appendingPathComponent("geen.json").path]
        let rules = try await CLI.run(["eval", "--task", "topics", "--dataset", file.path], environment: environment)
        #expect(rules.status == 0 && rules.stdout.contains("micro_f1=0.000 n=2"), "\(rules.stdout) \(rules.stderr)")
        let blended = try await CLI.run(["eval", "--task", "topics", "--dataset", file.path, "--blend"], environment: environment)
        #expect(blended.stdout.contains("micro_f1=1.000 n=2"), "\(blended.stdout)")
        let folds = try await CLI.run(["eval", "--task", "topics", "--dataset", file.path, "--folds", "2"], environment: environment)
        #expect(folds.status != 0 && folds.stderr.contains("--folds meet alleen sentiment en intent"))

        let typo = directory.appendingPathComponent("typo.tsv")
        try "text\ttopics\nPakket kwijt\tlevering\nRekening te hoog\tprijs, factuur\n".write(to: typo, atomically: true, encoding: .utf8)
        let refused = try await CLI.run(["eval", "--task", "topics", "--dataset", typo.path], environment: environment)
        #expect(refused.status != 0 && refused.stderr.contains("regel 3: 'factuur' is geen onderwerp"), "\(refused.stderr)")

        let set = directory.appendingPathComponent("learn.tsv")
        try ("text\ttopics\n" + (0..<12).map { "De kaasschaaf is bot \($0)\tkwaliteit\nWaar blijft mijn bestelling \($0)\tlevering\n" }.joined())
            .write(to: set, atomically: true, encoding: .utf8)
        let model = directory.appendingPathComponent("model.json").path
        let trained = try await CLI.run(["train", "--database", "sqlite::memory:", "--dataset", set.path, "--output", model])
        #expect(trained.status == 0 && trained.stdout.contains("onderwerpen op 24 voorbeelden"), "\(trained.stdout) \(trained.stderr)")
        let saved = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: model))) as? [String: Any]
        #expect((saved?["topics"] as? [String: Any])?["trainedOn"] as? Int == 24)
    }

    @Test("eval and train refuse a label the analysis does not know, with its line; Dutch labels and unlabelled rows are fine")
    func labels() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("set.csv")
        try """
            text,sentiment
            "Wat een slechte service, ik ben woedend",negatief
            "Heel fijn geholpen, dank je wel!",Positive
            "Waar blijft mijn pakket?",
            """.write(to: file, atomically: true, encoding: .utf8)
        let dutch = try await CLI.run(["eval", "--task", "sentiment", "--dataset", file.path])
        #expect(dutch.status == 0, "\(dutch.stderr)")
        #expect(dutch.stdout.hasSuffix("n=2\n"), "the unlabelled row is left out: \(dutch.stdout)")
        #expect(dutch.stderr.contains("1 regels zonder label"))
        #expect(!dutch.stdout.contains("negatief"), "a Dutch label counts as the analysis's own, not as a class of its own")

        // A typo would be a class of its own that nothing is ever predicted as, and pull macro-F1 down.
        try """
            text,sentiment
            "Wat een slechte service, ik ben woedend",negative
            "Heel fijn geholpen, dank je wel!",postive
            """.write(to: file, atomically: true, encoding: .utf8)
        let typo = try await CLI.run(["eval", "--task", "sentiment", "--dataset", file.path])
        #expect(typo.status != 0)
        #expect(typo.stderr.contains("regel 3") && typo.stderr.contains("'postive'") && typo.stderr.contains("negative, neutral, positive"), "\(typo.stderr)")
        let model = directory.appendingPathComponent("model.json").path
        let trainTypo = try await CLI.run(["train", "--database", "sqlite::memory:", "--dataset", file.path, "--output", model])
        #expect(trainTypo.status != 0)
        #expect(trainTypo.stderr.contains("'postive'"))
        #expect(!FileManager.default.fileExists(atPath: model), "no model from a file with a wrong label")

        // A file labelled for sentiment only trains the sentiment model, not the intent model on the same labels.
        let rows = (0..<12).map { "\"Wat een slechte service nummer \($0), woedend ben ik\",negatief\n\"Heel fijn geholpen door nummer \($0), dank!\",positief" }
        try (["text,sentiment"] + rows).joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let trained = try await CLI.run(["train", "--database", "sqlite::memory:", "--dataset", file.path, "--output", model])
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(trained.stdout.contains("sentiment op 24, bedoeling op 0"), "\(trained.stdout)")
        let noColumn = try await CLI.run(["train", "--database", "sqlite::memory:", "--dataset", directory.appendingPathComponent("x.csv").path])
        #expect(noColumn.status != 0)
    }

    @Test("a team's own topics file is used without a rebuild; a broken one stops at start")
    func topicsFile() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("topics.json")
        try #"{"topics":[{"name":"fiets","keywords":["fiets","stalling"]}]}"#.write(to: file, atomically: true, encoding: .utf8)
        let result = try await CLI.run(["analyze", "Mijn fiets is uit de stalling gestolen"], environment: ["SIGNAAL_TOPICS_FILE": file.path])
        #expect(result.stdout.contains(#""topics":["fiets"]"#))
        try "geen json".write(to: file, atomically: true, encoding: .utf8)
        let broken = try await CLI.run(["migrate", "--database", "sqlite::memory:"], environment: ["SIGNAAL_TOPICS_FILE": file.path])
        #expect(broken.status != 0)
        #expect(broken.stderr.contains("SIGNAAL_TOPICS_FILE"))
        // analyze needs no database, so it goes on with the bundled topics, but says why.
        let analyzed = try await CLI.run(["analyze", "Mijn fiets is gestolen"], environment: ["SIGNAAL_TOPICS_FILE": file.path])
        #expect(analyzed.status == 0)
        #expect(analyzed.stderr.contains("waarschuwing") && analyzed.stderr.contains("SIGNAAL_TOPICS_FILE"))
        // A model file cut short leaves the rules at work, and says so.
        let model = directory.appendingPathComponent("model.json")
        try "{\"sentiment\":".write(to: model, atomically: true, encoding: .utf8)
        let unreadModel = try await CLI.run(["analyze", "Top geholpen"], environment: ["SIGNAAL_MODEL_FILE": model.path])
        #expect(unreadModel.status == 0)
        #expect(unreadModel.stdout.contains(#""sentiment":"positive""#))
        #expect(unreadModel.stderr.contains("niet te lezen"))
    }
}
