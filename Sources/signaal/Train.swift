import ArgumentParser
import Foundation
import Logging
import SignaalApp

struct Train: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train het model op de correcties van het team (of op een gelabeld bestand) en schrijf het weg.")

    @OptionGroup var database: DatabaseOption
    @Option(help: "Train op dit gelabelde CSV/TSV-bestand (kolommen text, sentiment, intent) in plaats van op de correcties; mag vaker.")
    var dataset: [String] = []
    @Option(help: "Waar het model komt (wint van SIGNAAL_MODEL_FILE; standaard data/model.json).") var output: String?

    static let minimum = 20

    func run() async throws {
        let config = try database.config()
        var sentimentTexts: [String] = [], sentimentLabels: [String] = []
        var intentTexts: [String] = [], intentLabels: [String] = []
        var topicTexts: [String] = [], topicLabels: [[String]] = []
        let topicNames = config.taxonomy.topics.map(\.name)
        if !dataset.isEmpty {
            for file in dataset {
                do {
                    if let labelled = try LabelledSet.readTopics(path: file, known: Set(topicNames)) {
                        topicTexts += labelled.texts
                        topicLabels += labelled.topics
                    }
                } catch {
                    throw CLIError("\(error)")
                }
                // A file may be labelled for one of the two; a column `label` would be ambiguous here.
                var sets: [LabelTask: LabelledSet] = [:]
                for task in LabelTask.allCases {
                    do {
                        sets[task] = try LabelledSet.read(path: file, task: task, genericColumn: false)
                    } catch let error as LabelledSetError where error.missingLabelColumn {
                        continue
                    } catch {
                        throw CLIError("\(error)")
                    }
                }
                guard !sets.isEmpty || !topicTexts.isEmpty else { throw CLIError("\(file) heeft geen kolom 'sentiment', 'intent' of 'topics'") }
                sentimentTexts += sets[.sentiment]?.texts ?? []
                sentimentLabels += sets[.sentiment]?.labels ?? []
                intentTexts += sets[.intent]?.texts ?? []
                intentLabels += sets[.intent]?.labels ?? []
            }
        } else {
            let store = try await openStore(config.database, logger: Logger(label: "signaal"))
            let labelled = try await store.latestLabels(limit: 1_000_000)
            await store.shutdown()
            for (text, label) in labelled {
                if let sentiment = label.sentiment {
                    sentimentTexts.append(text)
                    sentimentLabels.append(sentiment.rawValue)
                }
                if let intent = label.intent {
                    intentTexts.append(text)
                    intentLabels.append(intent.rawValue)
                }
                // Only topics the taxonomy still has: a topic since renamed or removed teaches nothing.
                if let topics = label.topics {
                    topicTexts.append(text)
                    topicLabels.append(topics.filter(topicNames.contains))
                }
            }
        }
        let most = max(sentimentTexts.count, intentTexts.count, topicTexts.count)
        guard most >= Self.minimum else {
            throw CLIError("te weinig correcties om van te leren (\(most); minstens \(Self.minimum))")
        }
        let models = TrainedModels(
            sentiment: sentimentTexts.count >= Self.minimum ? NaiveBayesModel.fit(texts: sentimentTexts, labels: sentimentLabels) : nil,
            intent: intentTexts.count >= Self.minimum ? NaiveBayesModel.fit(texts: intentTexts, labels: intentLabels) : nil,
            topics: topicTexts.count >= Self.minimum ? TopicModel.fit(texts: topicTexts, labels: topicLabels, topics: topicNames) : nil,
            trainedAt: Date(), sources: dataset.isEmpty ? nil : dataset.map { URL(fileURLWithPath: $0).lastPathComponent })
        let path = output ?? config.modelFile
        do {
            try models.write(to: path)
        } catch {
            throw CLIError("kan het model niet schrijven naar \(path): \(error.localizedDescription)")
        }
        print("model geschreven naar \(path): sentiment op \(sentimentTexts.count), bedoeling op \(intentTexts.count), onderwerpen op \(topicTexts.count) voorbeelden")
    }
}
