import ArgumentParser
import Foundation
import SignaalApp

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyseer elke TEKST (of elke regel van stdin); één JSON-object per invoer.")

    @Argument(help: "Teksten om te analyseren; zonder teksten leest het stdin, regel voor regel.") var texts: [String] = []

    /// The analyser as the intake uses it: the configured topics and the models.
    static func productAnalyzer() -> DutchTextAnalyzer {
        let warn = { (text: String) in FileHandle.standardError.write(Data("waarschuwing: \(text)\n".utf8)) }
        do {
            return try AppConfig(environment: ProcessInfo.processInfo.environment).makeAnalyzer(warn: warn)
        } catch {
            // The analysis needs no database: a configuration problem is said, not fatal.
            warn("configuratie niet gelezen (\(error)); de standaardonderwerpen worden gebruikt")
            return DutchTextAnalyzer()
        }
    }

    func run() throws {
        let analyzer = Self.productAnalyzer()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func emit(_ text: String) throws {
            let analysis = analyzer.analyse(text)
            print(String(decoding: try encoder.encode(analysis), as: UTF8.self))
        }
        if texts.isEmpty {
            while let line = readLine(strippingNewline: true) { try emit(line) }
        } else {
            for text in texts { try emit(text) }
        }
    }
}

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Meet de analyse op een gelabelde CSV of TSV (kopregel text,label); laatste regel: macro_f1=F accuracy=A n=N.")

    @Option(help: "sentiment, intent of topics.") var task: String
    @Option(help: "CSV of TSV met kolommen text en label (of een kolom met de naam van de taak).") var dataset: String
    @Option(help: "Kruisvalidatie: train het model op K-1 delen en meet op het overige deel, vóór en na (0: alleen het lexicon).")
    var folds: Int = 0
    @Flag(help: "Meet zoals de intake leest: de regels met het meegeleverde model (en SIGNAAL_MODEL_FILE als dat er is). Niet met --folds.")
    var blend = false

    func run() throws {
        guard !blend || folds <= 1 else { throw CLIError("--blend en --folds gaan niet samen: --folds meet een model dat het deel niet zag") }
        if task == "topics" { return try topics() }
        guard let labelTask = LabelTask(rawValue: task) else { throw CLIError("--task '\(task)' bestaat niet; kies sentiment, intent of topics") }
        let set: LabelledSet
        do {
            set = try LabelledSet.read(path: dataset, task: labelTask)
        } catch {
            throw CLIError("\(error)")
        }
        guard !set.texts.isEmpty else { throw CLIError("\(dataset) bevat geen gelabelde regels") }
        if set.unlabelled > 0 {
            FileHandle.standardError.write(Data("\(set.unlabelled) regels zonder label overgeslagen\n".utf8))
        }
        if blend {
            let product = Analyze.productAnalyzer()
            let labels = set.texts.map { text -> String in
                let analysis = product.analyse(text)
                return labelTask == .sentiment ? analysis.sentiment.rawValue : analysis.intent.rawValue
            }
            print(Scores(gold: set.labels, predicted: labels).report)
            return
        }
        let analyzer = DutchAnalyzer()
        func label(_ result: TextAnalysis) -> String { labelTask == .sentiment ? result.sentiment.rawValue : result.intent.rawValue }
        let lexicon = set.texts.map { label(analyzer.analyse($0)) }
        guard folds > 1 else {
            print(Scores(gold: set.labels, predicted: lexicon).report)
            return
        }
        guard folds <= set.texts.count else { throw CLIError("--folds \(folds) is meer dan het aantal regels") }
        // Every item is predicted once, by a model that never saw it.
        var blended = lexicon
        for fold in 0..<folds {
            let train = set.texts.indices.filter { $0 % folds != fold }
            let model = NaiveBayesModel.fit(texts: train.map { set.texts[$0] }, labels: train.map { set.labels[$0] })
            let classifier = task == "sentiment"
                ? BlendedClassifier(sentiment: model, intent: nil) : BlendedClassifier(sentiment: nil, intent: model)
            for index in set.texts.indices where index % folds == fold {
                blended[index] = label(classifier.apply(analyzer.analyse(set.texts[index]), text: set.texts[index]))
            }
        }
        let before = Scores(gold: set.labels, predicted: lexicon)
        let after = Scores(gold: set.labels, predicted: blended)
        print("before (lexicon only):")
        print(before.report)
        print("after (lexicon + model trained on the other \(folds - 1) of \(folds) folds):")
        print(after.report)
    }

    /// Topics: the `topics` column (names separated by commas) against what the keywords find, or
    /// with `--blend` what the intake finds.
    private func topics() throws {
        guard folds <= 1 else { throw CLIError("--folds meet alleen sentiment en intent") }
        let config = try AppConfig(environment: ProcessInfo.processInfo.environment)
        let names = config.taxonomy.topics.map(\.name)
        let labelled: (texts: [String], topics: [[String]])
        do {
            guard let read = try LabelledSet.readTopics(path: dataset, known: Set(names)) else {
                throw CLIError("\(dataset) heeft geen kolom 'topics'")
            }
            labelled = read
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError("\(error)")
        }
        guard !labelled.texts.isEmpty else { throw CLIError("\(dataset) bevat geen gelabelde regels") }
        let predicted: [[String]]
        if blend {
            let product = Analyze.productAnalyzer()
            predicted = labelled.texts.map { product.analyse($0).topics }
        } else {
            let rules = DutchAnalyzer(taxonomy: config.taxonomy)
            predicted = labelled.texts.map { rules.analyse($0).topics }
        }
        print(TopicScores(gold: labelled.topics, predicted: predicted, topics: names).report)
    }
}
