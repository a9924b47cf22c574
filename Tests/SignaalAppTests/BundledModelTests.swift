import DutchText
import Foundation
import SignaalApp
import SignaalDomain
import SignaalServices
import Testing

@Suite("The model shipped with Signaal")
struct BundledModelTests {
    static let datasets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Datasets")

    /// "dutch-signals-blind10.tsv" → 10; the dev set → 0.
    static func number(_ name: String) -> Int {
        Int(name.replacingOccurrences(of: "dutch-signals-blind", with: "").replacingOccurrences(of: ".tsv", with: "")) ?? 0
    }

    @Test("it is fitted on every labelled set but the newest blind one, and is what fitting them gives today (scripts/train-model)")
    func matchesItsSources() throws {
        let bundled = try #require(TrainedModels.bundled, "Sources/DutchText/Resources/model.json is missing or unreadable")
        let sets = try FileManager.default.contentsOfDirectory(atPath: Self.datasets.path)
            .filter { $0.hasPrefix("dutch-signals-") && $0.hasSuffix(".tsv") }
        let newest = try #require(sets.filter { $0.hasPrefix("dutch-signals-blind") }.max { Self.number($0) < Self.number($1) })
        #expect(Set(bundled.sources ?? []) == Set(sets).subtracting([newest]), "retrain with scripts/train-model")
        #expect(!(bundled.sources ?? []).contains(newest), "the newest blind set measures the model, so it is not trained on")

        var fitted: [LabelTask: NaiveBayesModel] = [:]
        for task in LabelTask.allCases {
            var texts: [String] = [], labels: [String] = []
            for name in bundled.sources ?? [] {
                let set = try LabelledSet.read(path: Self.datasets.appendingPathComponent(name).path, task: task, genericColumn: false)
                texts += set.texts
                labels += set.labels
            }
            fitted[task] = NaiveBayesModel.fit(texts: texts, labels: labels)
        }
        for (task, shipped) in [(LabelTask.sentiment, bundled.sentiment), (.intent, bundled.intent)] {
            let shipped = try #require(shipped)
            let today = try #require(fitted[task])
            #expect(shipped.labels == today.labels)
            #expect(shipped.trainedOn == today.trainedOn, "a set changed since the model was fitted: retrain with scripts/train-model")
            #expect(zip(shipped.priors, today.priors).allSatisfy { abs($0 - $1) < 1e-9 })
            #expect(shipped.weights.map(\.count) == today.weights.map(\.count))
            let same = zip(shipped.weights, today.weights).allSatisfy { old, new in
                old.allSatisfy { key, value in new[key].map { abs($0 - value) < 1e-9 } ?? false }
            }
            #expect(same, "\(task): the shipped weights differ from a fit on the sets")
        }
        // The topics, from the same files' `topics` column.
        var texts: [String] = [], topics: [[String]] = []
        let names = Taxonomy.bundled.topics.map(\.name)
        for name in bundled.sources ?? [] {
            let set = try #require(try LabelledSet.readTopics(path: Self.datasets.appendingPathComponent(name).path, known: Set(names)))
            texts += set.texts
            topics += set.topics
        }
        let shippedTopics = try #require(bundled.topics, "the shipped model has no topics: retrain with scripts/train-model")
        let today = TopicModel.fit(texts: texts, labels: topics, topics: names)
        #expect(shippedTopics.topics == today.topics && shippedTopics.features == today.features)
        #expect(shippedTopics.trainedOn == today.trainedOn, "a set changed since the model was fitted: retrain with scripts/train-model")
        #expect(zip(shippedTopics.weights, today.weights).allSatisfy { abs($0 - $1) < 1e-9 } && shippedTopics.weights.count == today.weights.count,
                "the shipped topic weights differ from a fit on the sets")
    }

    @Test("the shipped model adds a topic the keywords miss, and only topics of the taxonomy in use")
    func topicsTheRulesMiss() throws {
        let late = "Boodschappen zouden tussen 18:00 en 19:00 komen. Het is 20:40. Geen bericht, geen sms, niks."
        #expect(!DutchTextAnalyzer(bundled: nil).analyse(late).topics.contains("levering"), "no keyword of delivery")
        let blended = DutchTextAnalyzer().analyse(late)
        #expect(blended.topics.contains("levering"))
        // Explainable as the keywords are: the word that weighed most is shown as the topic's evidence.
        let evidence = try #require(blended.evidence.first { $0.kind == "topic:levering" })
        let start = try #require(evidence.start), end = try #require(evidence.end)
        #expect(late.utf8.dropFirst(start).prefix(end - start).elementsEqual(evidence.text.utf8) && evidence.weight > 0)
        // A greeting alone is no topic: too few words the model learned to say anything.
        for greeting in ["hoi", "goedemiddag", "Bedankt!", "ok"] {
            #expect(DutchTextAnalyzer().analyse(greeting).topics.isEmpty, "\(greeting)")
        }
        // A team whose taxonomy has no "levering" never gets it from the shipped model.
        let own = Taxonomy(topics: [Taxonomy.Topic(name: "winkel", label: "Winkel", labelEnglish: nil, keywords: ["filiaal"])])
        #expect(!DutchTextAnalyzer(taxonomy: own).analyse(late).topics.contains("levering"))
    }

    @Test("the intake's analyser blends the shipped model in where it is sure: a customer's short follow-up is no complaint")
    func intakeUsesIt() {
        let followUp = "Polisnummer is 2287-AV-5510, sorry vergeten erbij te zetten"
        let rulesAlone = DutchTextAnalyzer(bundled: nil).analyse(followUp)
        #expect(rulesAlone.intent == .complaint, "the rules read the 'sorry' as a grievance")
        let blended = DutchTextAnalyzer().analyse(followUp)
        #expect(blended.intent == .other)
        #expect(blended.sentiment == .neutral)
    }

    @Test("a team's own model is asked first and the shipped one after it; neither turns a clear reading of the rules around")
    func orderAndGuard() throws {
        // A team whose customers say "kaasschaaf" when they are happy, and a shipped model sure it is trouble.
        let texts = (0..<40).map { $0 % 2 == 0 ? "kaasschaaf kaasschaaf \($0)" : "winkelwagen vandaag \($0)" }
        let team = TrainedModels(
            sentiment: NaiveBayesModel.fit(texts: texts, labels: (0..<40).map { $0 % 2 == 0 ? "positive" : "neutral" }), intent: nil,
            trainedAt: Date())
        let shipped = TrainedModels(
            sentiment: NaiveBayesModel.fit(texts: texts, labels: (0..<40).map { $0 % 2 == 0 ? "negative" : "neutral" }), intent: nil,
            trainedAt: Date())
        #expect(DutchTextAnalyzer(models: nil, bundled: shipped.classifier).analyse("kaasschaaf kaasschaaf").sentiment == .negative)
        #expect(DutchTextAnalyzer(models: team, bundled: shipped.classifier).analyse("kaasschaaf kaasschaaf").sentiment == .positive, "the team's model comes first")
        // Where the team's model is not sure, the shipped one still decides.
        let real = try #require(TrainedModels.bundled)
        #expect(DutchTextAnalyzer(models: team, bundled: real.classifier).analyse("Polisnummer is 2287-AV-5510, sorry vergeten erbij te zetten").intent == .other)
        // A model sure that talk of a rude conductor is praise: where the rules are unsure it is followed;
        // where they read the message as clearly negative, it is not turned into praise.
        let trains = (0..<40).map { $0 % 2 == 0 ? "onbeschofte conducteur uitschelden \($0)" : "station perron \($0)" }
        let wrong = TrainedModels(
            sentiment: NaiveBayesModel.fit(texts: trains, labels: (0..<40).map { $0 % 2 == 0 ? "positive" : "neutral" }), intent: nil,
            trainedAt: Date())
        let unsure = "conducteur conducteur conducteur"
        #expect(abs(DutchTextAnalyzer(bundled: nil).analyse(unsure).score) < 0.3)
        #expect(DutchTextAnalyzer(models: wrong, bundled: nil).analyse(unsure).sentiment == .positive)
        let rude = "onbeschofte conducteur uitschelden"
        #expect(DutchTextAnalyzer(bundled: nil).analyse(rude).score <= -0.3)
        #expect(DutchTextAnalyzer(models: wrong, bundled: nil).analyse(rude).sentiment == .negative)
    }
}
