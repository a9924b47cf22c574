import DutchText
import Foundation
import SignaalChannels
import SignaalDomain
import SignaalStore

/// The reply coach on a case: it reads the draft against what the customer wrote, their name,
/// the channel the answer goes to and the team's templates.
public struct ReviewDraft: Sendable {
    let store: any SignaalStore
    let coach: ReplyCoach
    let templates: [String]
    /// Reads each promise's due time, so the composer can fill it in for the agent to confirm.
    let dueReader: PromiseDueReader
    let clock: @Sendable () -> Date

    /// `calendar`: the team's, so "binnen twee werkdagen" skips its holidays and closed days.
    public init(
        store: any SignaalStore, coach: ReplyCoach = ReplyCoach(), templates: [ReplyTemplate] = [], calendar: BusinessCalendar = .standard,
        clock: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.coach = coach
        self.templates = templates.map(\.text)
        dueReader = PromiseDueReader(calendar: calendar)
        self.clock = clock
    }

    /// How many of the customer's latest messages make "the complaint": a customer who wrote
    /// three tweets in a row wants all three answered.
    static let complaintMessages = 3

    /// `byEmail`: the agent chose to send it by e-mail, so it is read as a private message.
    public func callAsFunction(caseID: CaseID, draft: String, answering signalID: SignalID? = nil, byEmail: Bool = false) async throws -> CoachReview {
        guard let theCase = try await store.case(id: caseID) else { throw DomainError.notFound("zaak") }
        let signals = try await store.signals(caseID: caseID)
        let customer = try await store.customer(id: theCase.customerID)
        return review(draft: draft, theCase: theCase, signals: signals, customer: customer, answering: signalID, byEmail: byEmail)
    }

    /// The review when the case is already loaded (the reply being sent).
    func review(
        draft: String, theCase: Case, signals: [Signal], customer: Customer?, answering signalID: SignalID?, byEmail: Bool = false
    ) -> CoachReview {
        var review = coach.review(context(draft: draft, theCase: theCase, signals: signals, customer: customer, answering: signalID, byEmail: byEmail))
        let now = clock()
        for index in review.promises.indices {
            review.promises[index].due = dueReader.due(of: review.promises[index].text, now: now)
        }
        return review
    }

    func context(
        draft: String, theCase: Case, signals: [Signal], customer: Customer?, answering signalID: SignalID?, byEmail: Bool = false
    ) -> CoachContext {
        // Up to the message answered: the customer's words, including calls an agent wrote down.
        let upTo = signalID.flatMap { id in signals.firstIndex { $0.id == id } }.map { $0 + 1 } ?? signals.count
        let said = signals[..<upTo].suffix(Self.complaintMessages).map(\.text).filter { !$0.isEmpty }
        let answered = signalID.flatMap { id in signals.first { $0.id == id } } ?? signals.lastToAnswer
        let channel = byEmail ? .email : answered?.channel ?? theCase.channel
        // The platform's limit for the reply's very route (an X DM is no tweet), by the rule the
        // send refuses by (`MessageLength`).
        let inPublic = !byEmail && answered?.isInPublic == true
        let limit = MessageLength.limit(on: channel, inPublic: inPublic).map {
            CoachLengthLimit(
                channelName: channel.dutchName, inPublic: inPublic, characters: $0, draftLength: MessageLength.length(of: draft, on: channel))
        }
        return CoachContext(
            complaint: said.isEmpty ? nil : said.joined(separator: "\n\n"), draft: draft,
            customerName: customer?.name, channel: CoachChannel(rawValue: channel.rawValue) ?? .other, templates: templates,
            lengthLimit: limit)
    }
}
