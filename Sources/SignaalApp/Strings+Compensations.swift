/// The leads' compensations page: requests above mandate waiting for approval, and customers
/// who received unusually much. Kinds and statuses are named by `DisplayFormat`.
extension Strings {
    static let compensationsNL: [String: String] = [
        "compensations_title": "Tegemoetkomingen",
        "compensations_forbidden": "Alleen teamleiders zien de tegemoetkomingen die op akkoord wachten.",
        "compensations_decide_forbidden": "Alleen een teamleider keurt een tegemoetkoming goed.",
        "compensations_intro": "Wat medewerkers boven hun mandaat willen geven wacht hier op uw akkoord. Binnen het mandaat is alles al toegekend, zonder bewijs te vragen van de klant.",
        "compensations_pending_heading": "Wacht op akkoord",
        "compensations_requested_by": "gevraagd door",
        "compensations_note": "Toelichting",
        "compensations_optional": "(optioneel)",
        "compensations_approve": "Akkoord",
        "compensations_above_mandate": "Boven uw eigen mandaat ({limit} {scope}): een beheerder keurt dit goed. Afwijzen kan wel.",
        "compensations_above_every_mandate": "Boven het hoogste mandaat ({limit} {scope}): niemand kan dit in Signaal goedkeuren. Wijs het af, of pas het mandaat aan.",
        "compensations_scope_case": "per zaak", "compensations_scope_kind": "voor {kind}",
        "compensations_reject": "Afwijzen",
        "compensations_none_pending": "Niets wacht op akkoord.",
        "compensations_flagged_heading": "Klanten die opvallend vaak iets kregen",
        "compensations_flagged_hint": "De afgelopen twaalf maanden. Alleen teamleiders zien dit; het is een reden om mee te kijken, geen oordeel over de klant.",
        "compensations_col_customer": "Klant",
        "compensations_col_grants": "Keer",
        "compensations_col_total": "Samen",
        "compensations_none_flagged": "Geen klanten boven de drempel.",
    ]

    static let compensationsEN: [String: String] = [
        "compensations_title": "Compensations",
        "compensations_forbidden": "Only team leads can see the compensations awaiting approval.",
        "compensations_decide_forbidden": "Only a team lead can approve a compensation.",
        "compensations_intro": "What agents want to give above their mandate waits here for your approval. Everything within the mandate has already been granted, without asking the customer for proof.",
        "compensations_pending_heading": "Awaiting approval",
        "compensations_requested_by": "requested by",
        "compensations_note": "Note",
        "compensations_optional": "(optional)",
        "compensations_approve": "Approve",
        "compensations_above_mandate": "Above your own mandate ({limit} {scope}): an admin approves this. You can still reject it.",
        "compensations_above_every_mandate": "Above the highest mandate ({limit} {scope}): nobody can approve this in Signaal. Reject it, or change the mandate.",
        "compensations_scope_case": "per case", "compensations_scope_kind": "for {kind}",
        "compensations_reject": "Reject",
        "compensations_none_pending": "Nothing is awaiting approval.",
        "compensations_flagged_heading": "Customers who received something unusually often",
        "compensations_flagged_hint": "The past twelve months. Only team leads see this; it is a reason to take a closer look, not a judgement of the customer.",
        "compensations_col_customer": "Customer",
        "compensations_col_grants": "Times",
        "compensations_col_total": "Total",
        "compensations_none_flagged": "No customers above the threshold.",
    ]
}
