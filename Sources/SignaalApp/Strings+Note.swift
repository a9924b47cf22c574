/// The agent's "Contact vastleggen" page (`/notes/new`): a phone call, counter visit or letter.
/// The kinds of contact are named by `DisplayFormat.channel`.
extension Strings {
    static let noteNL: [String: String] = [
        "note_title": "Contact vastleggen",
        "note_intro": "Een telefoongesprek, een bezoek aan de balie of een brief: leg het vast, dan staat het in het dossier van de klant en hoeft niemand het opnieuw te vragen.",
        "note_channel": "Soort contact",
        "note_name": "Naam van de klant",
        "note_email": "E-mailadres",
        "note_phone": "Telefoonnummer",
        "note_at": "Wanneer",
        "note_at_hint": "(leeg: nu)",
        "note_text": "Wat vertelde de klant?",
        "note_submit": "Vastleggen",
        "note_direction": "Wie nam contact op?",
        "note_direction_customer": "De klant (belde, kwam langs, schreef)",
        "note_direction_us": "Wij (belden, schreven de klant)",
        "note_direction_us_hint": "telt als ons antwoord, niet als bericht van de klant",
    ]

    static let noteEN: [String: String] = [
        "note_title": "Log a contact",
        "note_intro": "A phone call, a visit to the counter or a letter: log it, so it is in the customer's file and nobody has to ask again.",
        "note_channel": "Type of contact",
        "note_name": "Customer's name",
        "note_email": "E-mail address",
        "note_phone": "Phone number",
        "note_at": "When",
        "note_at_hint": "(empty: now)",
        "note_text": "What did the customer tell you?",
        "note_submit": "Log contact",
        "note_direction": "Who made contact?",
        "note_direction_customer": "The customer (called, visited, wrote)",
        "note_direction_us": "We did (called or wrote to the customer)",
        "note_direction_us_hint": "counts as our answer, not as the customer's message",
    ]
}
