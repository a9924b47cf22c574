/// Texts of the routing settings page (`/routering`).
extension Strings {
    static let routingNL: [String: String] = [
        "routing_title": "Routering",
        "routing_intro": "Nieuwe zaken gaan naar de collega die de klant al kent, als die beschikbaar is; anders naar de minst belaste beschikbare collega voor wie het kanaal, het onderwerp en de taal passen. Niemand krijgt meer open zaken dan zijn maximum. Wie niet meedoet of gepauzeerd is, krijgt niets toegewezen; niet-toegewezen zaken ziet iedereen in de inbox.",
        "routing_open_cases": "open zaken",
        "routing_open_case": "open zaak",
        "routing_member": "Doet mee met de routering",
        "routing_paused": "Gepauzeerd",
        "routing_capacity": "Maximaal open zaken",
        "routing_channels": "Kanalen",
        "routing_topics": "Onderwerpen",
        "routing_languages": "Talen",
        "routing_none_means_all": "(niets aangevinkt: alle)",
        "routing_language_nl": "Nederlands",
        "routing_language_en": "Engels",
        "routing_save": "Opslaan",
    ]

    static let routingEN: [String: String] = [
        "routing_title": "Routing",
        "routing_intro": "New cases go to the colleague who already knows the customer, if they are available; otherwise to the least busy available colleague whose channels, topics and languages match. Nobody gets more open cases than their maximum. Colleagues who do not take part or are paused get nothing assigned; everyone sees unassigned cases in the inbox.",
        "routing_open_cases": "open cases",
        "routing_open_case": "open case",
        "routing_member": "Takes part in routing",
        "routing_paused": "Paused",
        "routing_capacity": "Maximum open cases",
        "routing_channels": "Channels",
        "routing_topics": "Topics",
        "routing_languages": "Languages",
        "routing_none_means_all": "(none ticked: all)",
        "routing_language_nl": "Dutch",
        "routing_language_en": "English",
        "routing_save": "Save",
    ]
}
