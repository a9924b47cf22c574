extension Strings {
    /// `{days}` and `{team}` are filled in by the compliments page.
    static let complimentsNL: [String: String] = [
        "compliments_title": "Complimenten",
        "compliments_intro": "Wat klanten de afgelopen {days} dagen waarderden, en over wie: de collega die ze noemen, anders wie de zaak had, anders het hele team. Vertel het door.",
        "compliments_for_everyone": "Voor iedereen",
        "compliments_for_me": "Voor mij",
        "compliments_team": "Team",
        "compliments_for_team": "Voor team",
        "compliments_for": "Voor",
        "compliments_via": "via",
        "compliments_none": "Nog geen complimenten in deze periode.",
        "compliments_whole_team": "het hele team",
        "compliments_recipient_team": "team {team}",
        "compliments_notice_one": "Een compliment voor u",
        "compliments_notice_many": "{count} complimenten voor u",
        "compliments_notice_from": "van",
        "compliments_notice_read": "lezen",
    ]
    static let complimentsEN: [String: String] = [
        "compliments_title": "Compliments",
        "compliments_intro": "What customers appreciated over the past {days} days, and who it was about: the colleague they mention, otherwise whoever had the case, otherwise the whole team. Pass it on.",
        "compliments_for_everyone": "For everyone",
        "compliments_for_me": "For me",
        "compliments_team": "Team",
        "compliments_for_team": "For team",
        "compliments_for": "For",
        "compliments_via": "via",
        "compliments_none": "No compliments in this period yet.",
        "compliments_whole_team": "the whole team",
        "compliments_recipient_team": "team {team}",
        "compliments_notice_one": "A compliment for you",
        "compliments_notice_many": "{count} compliments for you",
        "compliments_notice_from": "from",
        "compliments_notice_read": "read",
    ]
}
