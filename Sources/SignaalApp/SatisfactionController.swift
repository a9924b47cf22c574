import Foundation
import Hummingbird
import SignaalDomain
import SignaalServices
import SignaalStore

/// The public one-question page behind the link a customer gets after resolving. The token in
/// the address is the only key: no account, one answer.
struct SatisfactionController: Sendable {
    let satisfaction: CheckSatisfaction
    let store: any SignaalStore
    let pages: PageRenderer

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/tevredenheid/:token", use: page)
        router.post("/tevredenheid/:token", use: answer)
    }

    private func check(_ request: Request, _ context: AppRequestContext) async throws -> SatisfactionCheck {
        let token = context.parameters.get("token") ?? ""
        guard token.count == 32, let check = try await store.satisfactionCheck(token: token) else {
            throw DomainError.notFound("Deze vragenlijst")
        }
        if try await CheckSatisfaction.isWithdrawn(check, store: store) {
            throw Problem(.gone, Language.of(request).text("satisfaction_withdrawn"))
        }
        return check
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let check = try await check(request, context)
        return question(check, answered: check.answeredAt != nil, about: try await about(check, request), request: request, context: context)
    }

    /// Which contact the question is about ("uw bericht van 3 december via X"): a customer who
    /// wrote to us more than once, or gets the link later, knows what to answer. Day and channel
    /// only: whoever else opens the link learns nothing of what was written.
    private func about(_ check: SatisfactionCheck, _ request: Request) async throws -> String? {
        guard let theCase = try await store.case(id: check.caseID) else { return nil }
        let language = Language.of(request)
        let format = DisplayFormat(language: language, now: Date())
        return language.text("satisfaction_about", ["date": format.date(theCase.openedAt), "channel": format.channel(theCase.channel)])
    }

    /// The question, or that it was answered; a customer who left out the score gets the form
    /// back with the reason and their comment still in it (a customer has no inbox to go back to).
    private func question(
        _ check: SatisfactionCheck, answered: Bool, about: String?, error: String? = nil, comment: String = "", request: Request,
        context: AppRequestContext, status: HTTPResponse.Status = .ok
    ) -> Response {
        var values: [String: Any] = [
            "token": check.token, "answered": answered, "scores": SatisfactionCheck.scores.map { ["value": $0] }, "about": about ?? false,
        ]
        if let error { values["error"] = error }
        if !comment.isEmpty { values["comment"] = comment }
        return pages.render("tevredenheid", titleKey: "satisfaction_title", values: values, request: request, context: context, status: status)
    }

    @Sendable func answer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let check = try await check(request, context)
        let fields = WebController.formFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
        let comment = fields["comment"]?.first ?? ""
        // Answered before: that is the news, whatever this form holds.
        if check.answeredAt != nil {
            return question(check, answered: true, about: nil, request: request, context: context, status: .conflict)
        }
        if comment.trimmingCharacters(in: .whitespacesAndNewlines).count > SatisfactionCheck.maximumCommentCharacters {
            return question(
                check, answered: false, about: try await about(check, request),
                error: Language.of(request).text("satisfaction_comment_too_long", ["max": String(SatisfactionCheck.maximumCommentCharacters)]),
                comment: comment, request: request, context: context, status: .unprocessableContent)
        }
        guard let score = fields["score"]?.first.flatMap(Int.init), SatisfactionCheck.scores.contains(score) else {
            return question(
                check, answered: check.answeredAt != nil, about: try await about(check, request),
                error: Language.of(request).text("satisfaction_choose_score"), comment: comment, request: request, context: context,
                status: .unprocessableContent)
        }
        // Not answering is allowed; an answer the form never offers is not read as "no answer".
        let solved: Bool?
        switch fields["solved"]?.first ?? "" {
        case "ja": solved = true
        case "nee": solved = false
        case "": solved = nil
        default:
            return question(
                check, answered: check.answeredAt != nil, about: try await about(check, request),
                error: Language.of(request).text("satisfaction_choose_solved"), comment: comment, request: request, context: context,
                status: .unprocessableContent)
        }
        let outcome: CheckSatisfaction.Outcome
        do {
            outcome = try await satisfaction.answer(token: check.token, score: score, solved: solved, comment: comment)
        } catch DomainError.conflict {
            // Answered before (a second tab, a double click): the page says so, kindly.
            return question(check, answered: true, about: nil, request: request, context: context, status: .conflict)
        }
        // Only a case that really went open again is promised a colleague's call; a closed one
        // (closed by the team since) is not, and the customer is told how to reach us instead.
        let unhappy = outcome.check.asksToReopen
        return pages.render(
            "tevredenheid", titleKey: "satisfaction_thanks_title",
            values: ["thanks": true, "reopened": unhappy && outcome.reopened, "notReopened": unhappy && !outcome.reopened],
            request: request, context: context)
    }
}
