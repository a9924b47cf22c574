import Foundation
import Hummingbird
import SignaalDomain

/// The languages of the pages: Dutch first, English second.
enum Language: String, Sendable {
    case nl, en

    /// `?lang=` wins, then the choice remembered in the `signaal_lang` cookie, then
    /// Accept-Language, then Dutch.
    static func of(_ request: Request) -> Language {
        if let lang = request.uri.queryParameters.get("lang"), let language = Language(rawValue: lang.lowercased()) {
            return language
        }
        if let cookie = request.cookies["signaal_lang"]?.value, let language = Language(rawValue: cookie) {
            return language
        }
        let accept = request.headers[.acceptLanguage]?.lowercased() ?? ""
        let preferred = accept.split(separator: ",").map { $0.split(separator: ";")[0].trimmingCharacters(in: .whitespaces) }
        for tag in preferred {
            if tag.hasPrefix("nl") { return .nl }
            if tag.hasPrefix("en") { return .en }
        }
        return .nl
    }

    var strings: [String: String] { self == .nl ? Strings.allNL : Strings.allEN }

    /// The words the pages use for a sentiment and an intent; forms submit the raw values.
    func sentiment(_ sentiment: Analysis.Sentiment) -> String { text("sentiment_" + sentiment.rawValue) }
    func intent(_ intent: Analysis.Intent) -> String { text("intent_" + intent.rawValue) }

    /// One page text with its `{name}` placeholders filled in, e.g.
    /// `text("coaching_intro_period", ["days": "30"])`; an unknown key shows as itself.
    /// One pass over the text, so a value that itself contains "{other}" is never filled in again.
    func text(_ key: String, _ values: [String: String] = [:]) -> String {
        let template = strings[key] ?? key
        guard !values.isEmpty else { return template }
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"), let value = values[String(rest[afterOpen..<close])] {
                result += value
                rest = rest[rest.index(after: close)...]
            } else {
                result += "{"
                rest = rest[afterOpen...]
            }
        }
        return result + rest
    }

    /// A role as the reader says it: "teamleider", "team lead".
    func roleName(_ role: User.Role) -> String { text("role_\(role.rawValue)") }
}

/// Fixed texts of the pages, by key: the layout's and the agent pages' here, each further page's
/// in a `Strings+Page.swift` of its own with keys that start with the page's name.
enum Strings {
    /// Every page's texts in one table per language; a key defined twice is a mistake (see the test).
    static let tables: [(nl: [String: String], en: [String: String])] = [
        (nl, en), (complimentsNL, complimentsEN), (satisfactionNL, satisfactionEN), (coachingNL, coachingEN),
        (compensationsNL, compensationsEN), (privacyNL, privacyEN), (routingNL, routingEN), (teamsNL, teamsEN),
        (webformNL, webformEN), (noteNL, noteEN), (inboxPageNL, inboxPageEN), (casePageNL, casePageEN), (staffingNL, staffingEN),
        (incidentsNL, incidentsEN), (reportNL, reportEN), (improvementsNL, improvementsEN), (usersNL, usersEN),
    ]
    static let allNL = tables.reduce(into: [String: String]()) { all, table in all.merge(table.nl) { first, _ in first } }
    static let allEN = tables.reduce(into: [String: String]()) { all, table in all.merge(table.en) { first, _ in first } }

    static let nl: [String: String] = [
        "lang": "nl",
        "app_tagline": "Elk klantsignaal telt",
        "login_title": "Inloggen",
        "email": "E-mailadres",
        "password": "Wachtwoord",
        "login_button": "Inloggen",
        "login_failed": "Dit e-mailadres en wachtwoord horen niet bij elkaar. Probeer het opnieuw.",
        "login_expired": "Uw sessie is verlopen; log opnieuw in. Wat u typte is bewaard.",
        "login_locked": "Te veel mislukte pogingen om in te loggen. Probeer het later opnieuw of vraag een beheerder om hulp.",
        "logout": "Uitloggen",
        "inbox": "Inbox",
        "inbox_title": "Openstaande zaken",
        "inbox_intro": "Hoogste prioriteit bovenaan: wie het langst wacht, vaker contact zocht of een groot bereik heeft.",
        "col_priority": "Prioriteit",
        "col_subject": "Onderwerp",
        "col_customer": "Klant",
        "col_channel": "Kanaal",
        "col_status": "Status",
        "col_waiting": "Wacht",
        "col_messages": "Berichten",
        "col_owner": "Eigenaar",
        "col_sla": "Norm",
        "col_sla_hint": "(werktijd)",
        "sla_all": "Alle normen",
        "sla_risk": "Norm in gevaar",
        "sla_breached": "Norm verlopen",
        "sla_counted_at": "Geteld om {time}; de lijst zelf is van nu",
        "sla_response": "reactie",
        "sla_resolution": "oplossing",
        "sla_paused": "gepauzeerd",
        // The inbox timer's hover text; {due} is the date and time it runs out.
        "sla_working_title": "In werktijd (openingsuren); uiterlijk {due}",
        "sla_working_title_open": "In werktijd (openingsuren)",
        "sla_none": "geen norm",
        "sla_none_title": "Een account dat zich voordoet als het merk wacht niet op ons antwoord: meld het, beantwoord het niet.",
        "filter_all": "Alle open zaken",
        "filter_mine": "Mijn zaken",
        "filter_unassigned": "Zonder eigenaar",
        "filter_team": "Mijn team",
        "filter_refine": "Verfijn",
        "filter_channel": "Kanaal",
        "filter_topic": "Onderwerp",
        "filter_sentiment": "Toon",
        "filter_intent": "Soort",
        "filter_recent": "Laatste bericht",
        "filter_recent_60": "in het afgelopen uur",
        "filter_recent_240": "in de afgelopen 4 uur",
        "filter_recent_1440": "in de afgelopen 24 uur",
        "filter_any": "Alle",
        "filter_apply": "Toon zaken",
        "filter_clear": "Wis filters",
        "sentiment_negative": "negatief",
        "sentiment_neutral": "neutraal",
        "sentiment_positive": "positief",
        "intent_complaint": "klacht",
        "intent_compliment": "compliment",
        "intent_question": "vraag",
        "intent_other": "overig",
        "keys_hint": "Toetsen: j/k volgende/vorige zaak, Enter openen, / zoeken, ? uitleg.",
        "search_label": "Zoek in alle berichten",
        "search_button": "Zoeken",
        // {q} is what the agent searched for.
        "inbox_empty_search": "Niets gevonden voor ‘{q}’.",
        "search_no_words": "Geen woorden om op te zoeken: zoek op een woord uit het bericht, een naam of een kenmerk.",
        "search_results": "Zaken, ook afgehandelde, met berichten waarin alle woorden voorkomen (ook vervoegd: 'pakketten' vindt 'pakket'), nieuwste treffer eerst. De weergave en Verfijn gelden ook hier.",
        "search_clear": "Terug naar de inbox",
        "search_customer": "Klant gevonden:",
        "no_cases": "Geen openstaande zaken. Mooi werk!",
        "inbox_fake": "nepaccount?",
        "inbox_empty_mine": "U heeft geen openstaande zaken.",
        "inbox_empty_team": "Uw team heeft geen openstaande zaken.",
        "inbox_empty_unassigned": "Geen openstaande zaken zonder eigenaar.",
        "inbox_empty_risk": "Geen zaken waarvan de norm in gevaar is.",
        "inbox_empty_breached": "Geen zaken waarvan de norm verlopen is.",
        "inbox_empty_refined": "Geen openstaande zaken die bij deze filters passen.",
        "next_page": "Volgende pagina",
        "first_page": "Eerste pagina",
        "case": "Zaak",
        "customer": "Klant",
        "identities": "Bekend als",
        "opened": "Geopend",
        "status": "Status",
        "priority": "Prioriteit",
        "owner": "Eigenaar",
        "no_owner": "nog niemand",
        "timeline": "Tijdlijn van de klant",
        "timeline_intro": "De berichten van deze klant, over alle kanalen. Berichten van deze zaak zijn gemarkeerd; hun analyse corrigeer je hier.",
        "this_case": "deze zaak",
        "other_case": "andere zaak",
        "history": "Verloop van de zaak",
        "other_cases": "Andere zaken van deze klant",
        "waiting_since": "Wacht sinds",
        "nobody_waiting": "niemand",
        "waiting_on_customer": "op de klant",
        "back_to_inbox": "Terug naar de inbox",
        "error_title": "Er ging iets mis",
        "store_unavailable_page": "De database is even niet bereikbaar; probeer het over een minuut opnieuw. U bent niet uitgelogd.",
        "request_id": "Kenmerk",
        "followers": "volgers",
        "skip": "Naar de inhoud",
        "signed_in_as": "Ingelogd als",
        "intent": "bedoeling", "topics": "onderwerpen", "urgency": "urgentie", "sentiment": "sentiment",
        "corrected": "gecorrigeerd", "correct_analysis": "Analyse corrigeren", "save_correction": "Correctie opslaan",
        "other_language": "English",
        "other_language_code": "en",
        "main_menu": "hoofdmenu",
        "nav_compliments": "Complimenten", "nav_note": "Contact vastleggen", "nav_coaching": "Coaching", "nav_staffing": "Bezetting", "nav_report": "Rapport", "nav_incidents": "Incidenten", "nav_improvements": "Verbeteringen", "nav_compensations": "Tegemoetkomingen",
        "nav_audit": "Auditlog", "nav_routing": "Routering", "nav_teams": "Teams", "nav_users": "Collega's",
        "role_agent": "medewerker", "role_lead": "teamleider", "role_admin": "beheerder",
    ]

    static let en: [String: String] = [
        "lang": "en",
        "app_tagline": "Every customer signal counts",
        "login_title": "Sign in",
        "email": "E-mail address",
        "password": "Password",
        "login_button": "Sign in",
        "login_failed": "This e-mail address and password do not match. Please try again.",
        "login_expired": "Your session has ended; please sign in again. What you typed has been kept.",
        "login_locked": "Too many failed sign-in attempts. Try again later or ask an administrator.",
        "logout": "Sign out",
        "inbox": "Inbox",
        "inbox_title": "Open cases",
        "inbox_intro": "Highest priority first: who waits longest, contacted us again or has a large reach.",
        "col_priority": "Priority",
        "col_subject": "Subject",
        "col_customer": "Customer",
        "col_channel": "Channel",
        "col_status": "Status",
        "col_waiting": "Waiting",
        "col_messages": "Messages",
        "col_owner": "Owner",
        "col_sla": "SLA",
        "col_sla_hint": "(working hours)",
        "sla_all": "Any SLA",
        "sla_risk": "SLA at risk",
        "sla_breached": "SLA breached",
        "sla_counted_at": "Counted at {time}; the list itself is current",
        "sla_response": "response",
        "sla_resolution": "resolution",
        "sla_paused": "paused",
        "sla_working_title": "In working hours (opening hours); due {due}",
        "sla_working_title_open": "In working hours (opening hours)",
        "sla_none": "no target",
        "sla_none_title": "An account posing as the brand is not waiting for our answer: report it, do not answer it.",
        "filter_all": "All open cases",
        "filter_mine": "My cases",
        "filter_unassigned": "Unassigned",
        "filter_team": "My team",
        "filter_refine": "Refine",
        "filter_channel": "Channel",
        "filter_topic": "Topic",
        "filter_sentiment": "Tone",
        "filter_intent": "Kind",
        "filter_recent": "Last message",
        "filter_recent_60": "in the last hour",
        "filter_recent_240": "in the last 4 hours",
        "filter_recent_1440": "in the last 24 hours",
        "filter_any": "Any",
        "filter_apply": "Show cases",
        "filter_clear": "Clear filters",
        "sentiment_negative": "negative",
        "sentiment_neutral": "neutral",
        "sentiment_positive": "positive",
        "intent_complaint": "complaint",
        "intent_compliment": "compliment",
        "intent_question": "question",
        "intent_other": "other",
        "keys_hint": "Keys: j/k next/previous case, Enter to open, / to search, ? help.",
        "search_label": "Search all messages",
        "search_button": "Search",
        "inbox_empty_search": "Nothing found for ‘{q}’.",
        "search_no_words": "No words to search for: search for a word from the message, a name or a reference.",
        "search_results": "Cases, resolved ones too, with messages containing every word (Dutch word forms match: 'pakketten' finds 'pakket'), newest match first. The view and Refine apply here too.",
        "search_clear": "Back to the inbox",
        "search_customer": "Customer found:",
        "no_cases": "No open cases. Well done!",
        "inbox_fake": "fake account?",
        "inbox_empty_mine": "You have no open cases.",
        "inbox_empty_team": "Your team has no open cases.",
        "inbox_empty_unassigned": "No open cases without an owner.",
        "inbox_empty_risk": "No cases whose SLA is at risk.",
        "inbox_empty_breached": "No cases whose SLA has been breached.",
        "inbox_empty_refined": "No open cases match these filters.",
        "next_page": "Next page",
        "first_page": "First page",
        "case": "Case",
        "customer": "Customer",
        "identities": "Known as",
        "opened": "Opened",
        "status": "Status",
        "priority": "Priority",
        "owner": "Owner",
        "no_owner": "nobody yet",
        "timeline": "Customer timeline",
        "timeline_intro": "The messages of this customer, on every channel. Messages of this case are marked; their analysis is corrected here.",
        "this_case": "this case",
        "other_case": "other case",
        "history": "Case history",
        "other_cases": "Other cases of this customer",
        "waiting_since": "Waiting since",
        "nobody_waiting": "nobody",
        "waiting_on_customer": "on the customer",
        "back_to_inbox": "Back to the inbox",
        "error_title": "Something went wrong",
        "store_unavailable_page": "The database cannot be reached just now; please try again in a minute. You have not been signed out.",
        "request_id": "Reference",
        "followers": "followers",
        "skip": "Skip to content",
        "signed_in_as": "Signed in as",
        "intent": "intent", "topics": "topics", "urgency": "urgency", "sentiment": "sentiment",
        "corrected": "corrected", "correct_analysis": "Correct the analysis", "save_correction": "Save correction",
        "other_language": "Nederlands",
        "other_language_code": "nl",
        "main_menu": "main menu",
        "nav_compliments": "Compliments", "nav_note": "Log a contact", "nav_coaching": "Coaching", "nav_staffing": "Staffing", "nav_report": "Report", "nav_incidents": "Incidents", "nav_improvements": "Improvements", "nav_compensations": "Compensations",
        "nav_audit": "Audit log", "nav_routing": "Routing", "nav_teams": "Teams", "nav_users": "Colleagues",
        "role_agent": "agent", "role_lead": "team lead", "role_admin": "administrator",
    ]
}
