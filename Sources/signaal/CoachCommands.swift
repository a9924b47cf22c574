import ArgumentParser
import Foundation
import SignaalApp

struct Coach: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Beoordeel een concept-antwoord op een klacht; print JSON {score, findings[], suggestions[]}.",
        discussion: "Zonder --draft leest het JSON van stdin: {\"complaint\", \"draft\", \"customerName\"?, \"channel\"?}.")

    @Option(help: "De klacht van de klant.") var complaint: String?
    @Option(help: "Het concept-antwoord.") var draft: String?
    @Option(help: "De naam van de klant, als die bekend is.") var customerName: String?
    @Option(help: "Het kanaal van het antwoord (x, facebook, instagram, whatsapp, email, ...).") var channel: String?
    @Flag(help: "Vergelijk ook met de sjablonen van het team (SIGNAAL_TEMPLATES_FILE of de meegeleverde).") var templates = false

    func run() throws {
        var context: CoachContext
        if let draft {
            context = CoachContext(complaint: complaint, draft: draft, customerName: customerName)
        } else {
            let input = FileHandle.standardInput.readDataToEndOfFile()
            guard !input.isEmpty else { throw CLIError("geef --draft, of JSON {\"complaint\", \"draft\"} op stdin") }
            struct Input: Decodable {
                var complaint: String?
                var draft: String
                var customerName: String?
                var channel: String?
            }
            let parsed: Input
            do {
                parsed = try JSONDecoder().decode(Input.self, from: input)
            } catch {
                throw CLIError("stdin is geen JSON met een veld \"draft\": \(error.localizedDescription)")
            }
            context = CoachContext(complaint: parsed.complaint ?? complaint, draft: parsed.draft, customerName: parsed.customerName ?? customerName)
            if channel == nil, let name = parsed.channel { context.channel = try Self.channel(name) }
        }
        if let channel { context.channel = try Self.channel(channel) }
        if templates {
            let configuration: AppConfig
            do {
                configuration = try AppConfig(environment: ProcessInfo.processInfo.environment)
            } catch {
                throw CLIError("\(error)")
            }
            context.templates = configuration.templates.map(\.text)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(ReplyCoach().review(context)), as: UTF8.self))
    }

    static func channel(_ name: String) throws -> CoachChannel {
        guard let channel = CoachChannel(rawValue: name.lowercased()) else {
            throw CLIError("kanaal '\(name)' bestaat niet; kies uit \(CoachChannel.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return channel
    }
}

struct CoachEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coach-eval",
        abstract: "Meet de antwoordcoach op een JSONL-bestand; print precisie/recall per code en als laatste regel auc=A flaw_recall=R n=N.")

    @Option(help: "JSONL met per regel {complaint, draft, label: good|poor, flaws: [code]}.") var dataset: String

    func run() throws {
        let text: String
        do {
            text = try String(contentsOfFile: dataset, encoding: .utf8)
        } catch {
            throw CLIError("\(dataset) is niet te lezen: \(error.localizedDescription)")
        }
        let examples: [CoachExample]
        do {
            examples = try CoachEvaluation.parseJSONL(text)
        } catch {
            throw CLIError("\(dataset): \(error)")
        }
        guard !examples.isEmpty else { throw CLIError("\(dataset) bevat geen regels") }
        let coach = ReplyCoach()
        let evaluation = CoachEvaluation.evaluate(examples) {
            coach.review(CoachContext(complaint: $0.complaint, draft: $0.draft, customerName: $0.customerName, channel: $0.channel))
        }
        print(evaluation.report())
    }
}
