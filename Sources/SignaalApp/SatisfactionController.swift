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

    private func check(_ context: AppRequestContext) async throws -> SatisfactionCheck {
        let token = context.parameters.get("token") ?? ""
        guard token.count == 32, let check = try await store.satisfactionCheck(token: token) else {
            throw DomainError.notFound("Deze vragenlijst")
        }
        return check
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let check = try await check(context)
        return pages.render(
            "tevredenheid", titleKey: "satisfaction_title",
            values: ["token": check.token, "answered": check.answeredAt != nil, "scores": SatisfactionCheck.scores.map { ["value": $0] }],
            request: request, context: context)
    }

    @Sendable func answer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let check = try await check(context)
        let fields = WebController.formFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
        guard let score = fields["score"]?.first.flatMap(Int.init) else {
            throw DomainError.invalidField("score", "kies een cijfer van 1 tot en met 5")
        }
        let solved: Bool? = switch fields["solved"]?.first {
        case "ja": true
        case "nee": false
        default: nil
        }
        _ = try await satisfaction.answer(token: check.token, score: score, solved: solved, comment: fields["comment"]?.first)
        return pages.render(
            "tevredenheid", titleKey: "satisfaction_thanks_title", values: ["thanks": true, "reopened": solved == false || score <= 2],
            request: request, context: context)
    }
}
