import ArgumentParser
import Foundation
import SignaalApp

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyseer elke TEKST (of elke regel van stdin); één JSON-object per invoer.")

    @Argument(help: "Teksten om te analyseren; zonder teksten leest het stdin, regel voor regel.") var texts: [String] = []

    func run() throws {
        let analyzer = (try? AppConfig(environment: ProcessInfo.processInfo.environment))?.makeAnalyzer() ?? DutchTextAnalyzer()
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

    @Option(help: "sentiment of intent.") var task: String
    @Option(help: "CSV of TSV met kolommen text en label (of een kolom met de naam van de taak).") var dataset: String

    func run() throws {
        guard task == "sentiment" || task == "intent" else { throw CLIError("--task '\(task)' bestaat niet; kies sentiment of intent") }
        let set: LabelledSet
        do {
            set = try LabelledSet.read(path: dataset, labelColumn: task)
        } catch {
            throw CLIError("\(error)")
        }
        guard !set.texts.isEmpty else { throw CLIError("\(dataset) bevat geen gelabelde regels") }
        let analyzer = DutchAnalyzer()
        let predicted = set.texts.map { text -> String in
            let result = analyzer.analyse(text)
            return task == "sentiment" ? result.sentiment.rawValue : result.intent.rawValue
        }
        print(Scores(gold: set.labels, predicted: predicted).report)
    }
}
