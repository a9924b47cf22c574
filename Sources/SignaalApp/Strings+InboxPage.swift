extension Strings {
    /// The inbox's own texts: promise reminders, the routing state and the pager.
    static let inboxPageNL: [String: String] = [
        "inboxpage_reminders_title": "Toezeggingen die bijna verlopen",
        // Promises past their time and not yet kept, in a box of their own below the others.
        "inboxpage_late_reminders_title": "Toezeggingen die te laat zijn",
        "inboxpage_reminder_due": "uiterlijk",
        "inboxpage_reminder_owner": "van",
        "inboxpage_reminder_late": "te laat",
        // {capacity} is replaced by the agent's maximum number of open cases.
        "inboxpage_routing_active": "Nieuwe zaken komen naar u (maximaal {capacity} open).",
        // {author} wrote an internal note that calls on the viewer with "@Name".
        "mention_notice_one": "{author} noemde u in een notitie:",
        "mention_notice_many": "{count} notities noemen u; de nieuwste van {author}:",
        "inboxpage_routing_paused": "Routering gepauzeerd:",
        "inboxpage_routing_paused_text": "u krijgt geen nieuwe zaken toegewezen.",
        "inboxpage_routing_pause": "Pauzeer",
        "inboxpage_routing_resume": "Hervat",
        "inboxpage_routing_not_member": "U krijgt geen zaken toegewezen; een teamleider kan u laten meedoen met de routering.",
        "inboxpage_routing_not_member_lead": "U krijgt geen zaken toegewezen; zet uzelf aan op",
        "inboxpage_pager": "paginering",
        // A surge (S3): per topic the messages of the last hour, and what this hour usually brings.
        "inbox_surge_title": "Piek in het afgelopen uur",
        "inbox_surge_all": "alle berichten",
        "inbox_surge_usual": "gewoonlijk {usual}",
        "inbox_surge_usual_none": "gewoonlijk bijna geen",
        "inbox_surge_advice": "één statusupdate voor iedereen helpt.",
        "inbox_surge_incident": "incident ‘{title}’ is open, nog zonder statusupdate.",
        "inbox_surge_incident_updated": "incident ‘{title}’ is open; statusupdate verstuurd op {at}. Antwoord in die lijn.",
        // A channel whose replies stopped getting out (an expired token, a mail server that refuses).
        "inbox_trouble_title": "Antwoorden via {channels} komen niet aan",
        "inbox_trouble_text": "{failed} van {attempts} mislukt in het afgelopen uur (laatste {time})",
        "inbox_trouble_advice": "gebruik een ander kanaal.",
        "inbox_trouble_why": "Waarom?",
        "inbox_trouble_admin": "Een beheerder controleert de koppeling.",
        "list_and": " en ",
        // Said (not shown) after a live refresh: only how many cases joined the list, so a screen
        // reader does not read the whole list again.
        "inbox_live_new_one": "1 nieuwe zaak in de lijst.",
        "inbox_live_new_many": "{count} nieuwe zaken in de lijst.",
        "inbox_cursor_invalid": "Deze link naar een volgende pagina klopt niet (meer). Open de inbox opnieuw vanaf de eerste pagina.",
    ]

    static let inboxPageEN: [String: String] = [
        "inboxpage_reminders_title": "Promises about to expire",
        "inbox_live_new_one": "1 new case in the list.",
        "inbox_live_new_many": "{count} new cases in the list.",
        "inboxpage_late_reminders_title": "Overdue promises",
        "inboxpage_reminder_due": "due",
        "inboxpage_reminder_owner": "owned by",
        "inboxpage_reminder_late": "overdue",
        "inboxpage_routing_active": "New cases are assigned to you (at most {capacity} open).",
        "mention_notice_one": "{author} mentioned you in a note:",
        "mention_notice_many": "{count} notes mention you; the newest by {author}:",
        "inboxpage_routing_paused": "Routing paused:",
        "inboxpage_routing_paused_text": "you will not be assigned any new cases.",
        "inboxpage_routing_pause": "Pause",
        "inboxpage_routing_resume": "Resume",
        "inboxpage_routing_not_member": "You are not assigned any cases; a team lead can add you to routing.",
        "inboxpage_routing_not_member_lead": "You are not assigned any cases; add yourself on",
        "inbox_surge_title": "Surge in the last hour",
        "inbox_surge_all": "all messages",
        "inbox_surge_usual": "usually {usual}",
        "inbox_surge_usual_none": "usually almost none",
        "inbox_surge_advice": "one status update for everyone helps.",
        "inbox_surge_incident": "incident ‘{title}’ is open, without a status update yet.",
        "inbox_surge_incident_updated": "incident ‘{title}’ is open; status update sent on {at}. Answer in line with it.",
        "inbox_trouble_title": "Replies via {channels} are not getting out",
        "inbox_trouble_text": "{failed} of {attempts} failed in the last hour (last {time})",
        "inbox_trouble_advice": "use another channel.",
        "inbox_trouble_why": "Why?",
        "inbox_trouble_admin": "An administrator checks the connection.",
        "list_and": " and ",
        "inboxpage_pager": "pagination",
        "inbox_cursor_invalid": "This link to a next page is not valid (any more). Open the inbox again from the first page.",
    ]
}
