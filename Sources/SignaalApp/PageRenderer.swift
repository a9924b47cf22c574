import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import SignaalDomain

/// Renders Mustache pages from the bundled templates. Mustache escapes `{{value}}`, so
/// customer text can never become markup.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    /// The name on the pages customers see (`AppConfig.organisation`).
    var organisation: String?

    static func load(organisation: String? = nil) async throws -> PageRenderer {
        PageRenderer(library: try await bundled.value, organisation: organisation)
    }

    /// The bundled templates, parsed once per process: they cannot change while it runs, and every
    /// app built after the first (the tests build hundreds, all at once) would parse them again.
    private static let bundled = Task<MustacheLibrary, any Error> {
        let directory = BundledResources.url("Resources/Templates")
        let library = try await MustacheLibrary(directory: directory.path)
        guard library.getTemplate(named: "inbox") != nil else {
            throw ConfigurationError("de paginasjablonen ontbreken in \(directory.path)")
        }
        return library
    }

    /// The same page in the other language: the page's own query (a filter, a period) is kept.
    /// Only a query, which the browser resolves against the page itself: a path such as
    /// "//evil.example/x" (a not-found page) would otherwise become a link to another site.
    static func languageLink(_ request: Request, to code: String) -> String {
        func escape(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .rfc3986Unreserved) ?? "" }
        let kept = request.uri.queryParameters.filter { $0.key != "lang" }
            .map { "\(escape(String($0.key)))=\(escape(String($0.value)))" }
        return "?" + (kept + ["lang=\(code)"]).joined(separator: "&")
    }

    /// A page whose title is one of the page texts (`titleKey`), in the reader's language.
    func render(
        _ template: String, titleKey: String, values: [String: Any], request: Request, context: AppRequestContext,
        status: HTTPResponse.Status = .ok, failed: FailedForm? = nil
    ) -> Response {
        let title = Language.of(request).text(titleKey)
        return render(template, title: title, values: values, request: request, context: context, status: status, failed: failed)
    }

    /// The main menu's pages by the name the layout uses (`menuCurrent.inbox`): the one this is gets
    /// aria-current="page", so a screen reader says where the agent is. All named, true or false:
    /// Mustache would look a missing name up elsewhere on the page.
    static func menuCurrent(_ path: String) -> [String: Bool] {
        let pages = [
            "inbox": "/", "note": "/notes/new", "compliments": "/complimenten", "incidents": "/incidenten",
            "improvements": "/verbeteringen", "coaching": "/coaching", "staffing": "/bezetting", "report": "/rapport",
            "compensations": "/tegemoetkomingen", "audit": "/audit", "routing": "/routering", "teams": "/teams", "users": "/gebruikers",
        ]
        return pages.mapValues { $0 == path }
    }

    /// The pages customers see: they carry the organisation's name instead of Signaal's, and no
    /// link into the agents' inbox.
    static let customerTemplates: Set<String> = ["melden", "melden-ontvangen", "tevredenheid"]

    /// The addresses customers open: the complaint form and its thanks, the satisfaction question.
    static func isCustomerPath(_ path: String) -> Bool {
        path == "/melden" || path.hasPrefix("/melden/") || path.hasPrefix("/tevredenheid/")
    }

    /// A page with the layout's fixed texts (`t`) and the signed-in user; after one of its forms
    /// `failed`, with that form's reason and typed fields (`failed.<form>`) under its status.
    func render(
        _ template: String, title: String, values: [String: Any], request: Request, context: AppRequestContext,
        status: HTTPResponse.Status = .ok, failed: FailedForm? = nil
    ) -> Response {
        let language = Language.of(request)
        let status = failed?.problem.status ?? status
        var object = values
        if let failed { object["failed"] = failed.values }
        object["t"] = language.strings
        object["title"] = title
        object["lang"] = language.rawValue
        object["path"] = request.uri.path
        object["menuCurrent"] = Self.menuCurrent(request.uri.path)
        object["languageLink"] = Self.languageLink(request, to: language.text("other_language_code"))
        // An error on a customer's page (a form too large, a fault) keeps their organisation's name too.
        let customerFacing = Self.customerTemplates.contains(template) || (template == "error" && Self.isCustomerPath(request.uri.path))
        object["customerFacing"] = customerFacing
        object["siteName"] = customerFacing ? organisation ?? "Signaal" : "Signaal"
        if let user = context.user {
            object["user"] = ["name": user.name, "role": language.roleName(user.role), "isLead": user.role >= .lead, "isAdmin": user.role >= .admin] as [String: Any]
        }
        if let session = context.sessions.session { object["csrf"] = session.csrfToken }
        let html = library.render(object, withTemplate: template) ?? "<!doctype html><title>Signaal</title><p>\(template)?</p>"
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'"
        headers[.xContentTypeOptions] = "nosniff"
        headers[.referrerPolicy] = "same-origin"
        // Pages show customers' messages and personal data: not for the browser's or a proxy's cache.
        headers[.cacheControl] = "no-store"
        var response = Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
        if let chosen = request.uri.queryParameters.get("lang"), Language(rawValue: chosen.lowercased()) != nil {
            // Remember an explicit choice, so the next page speaks the same language.
            response.setCookie(.init(name: "signaal_lang", value: language.rawValue, maxAge: 365 * 24 * 3600, path: "/", sameSite: .lax))
        }
        return response
    }

    func errorPage(_ problem: Problem, request: Request, context: AppRequestContext) -> Response {
        let language = Language.of(request)
        return render(
            "error", title: language.text("error_title"),
            values: ["status": problem.status.code, "detail": problem.pageDetail, "requestID": problem.requestID ?? context.id],
            request: request, context: context, status: problem.status)
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
}
