@testable import DutchText
import Foundation
import Testing

/// One analyser for every test: Swift Testing makes a suite value per test case, and building the
/// analyser's vocabulary for each of them took most of the test run's first minute on two cores.
let sharedAnalyzer = DutchAnalyzer.shared()

@Suite("Dutch analyser")
struct AnalyzerTests {
    let analyzer = sharedAnalyzer

    @Test("clear complaints are negative complaints; clear praise is a positive compliment", arguments: [
        ("Wat een waardeloze service, al drie weken wacht ik op mijn pakket!", "negative", "complaint"),
        ("Schandalig hoe jullie met klanten omgaan. Ik zeg mijn abonnement op.", "negative", "complaint"),
        ("Super bedankt Jeroen van de klantenservice, binnen tien minuten opgelost! Top!", "positive", "compliment"),
        ("Heerlijk gegeten, vriendelijke bediening en een aanrader voor iedereen.", "positive", "compliment"),
        // What did not happen is the complaint: no-shows, a bus that drove on, a cancelled flight, a promise.
        ("De monteur is niet komen opdagen", "negative", "complaint"),
        ("Bus reed gewoon voorbij terwijl ik stond te zwaaien", "negative", "complaint"),
        ("Mijn vlucht is gecanceld en niemand laat iets weten", "negative", "complaint"),
        ("Beloofd dat ik teruggebeld zou worden. Nooit gebeurd.", "negative", "complaint"),
        ("Ik word gek van jullie keuzemenu", "negative", "complaint"),
    ])
    func clearCases(text: String, sentiment: String, intent: String) {
        let result = analyzer.analyse(text)
        #expect(result.sentiment.rawValue == sentiment, "\(result)")
        #expect(result.intent.rawValue == intent, "\(result)")
        #expect(!result.evidence.isEmpty)
    }

    @Test("negation turns the polarity of what follows in its clause")
    func negation() {
        #expect(analyzer.analyse("Ik ben niet tevreden over de service").sentiment == .negative)
        #expect(analyzer.analyse("Het eten was helemaal niet slecht").score > analyzer.analyse("Het eten was slecht").score)
    }

    @Test("contrast: what follows 'maar' decides")
    func contrast() {
        let result = analyzer.analyse("Het eten was lekker, maar de bediening was ronduit onbeschoft en traag")
        #expect(result.sentiment == .negative, "\(result)")
    }

    @Test("common sarcasm is read as negative", arguments: [
        "Top service weer 🙄", "Bedankt hoor NS, alweer vertraging", "Geweldig, derde keer deze week een storing 👏",
    ])
    func sarcasm(text: String) {
        #expect(analyzer.analyse(text).sentiment == .negative, "\(analyzer.analyse(text))")
    }

    /// Irony without an eye roll must not reach the compliments page (applause beside trouble, praise in
    /// scare quotes, praise opening a story of waiting, "… hoor" after a wait); praise beside a problem
    /// that was put right is meant, and the irony rules must leave it alone.
    @Test("irony is a negative complaint; praise for a fix stays a positive compliment", arguments: [
        ("Slim hoor 👏👏", false), ("Bravo @Ziggo, de derde storing deze week 👏👏👏", false), ("Chapeau, nu al 2 uur geen stroom", false),
        ("Ah heerlijk, mijn \"verse\" aardbeien hebben al een wit jasje.", false),
        ("Vandaag 40 minuten aan de lijn gehangen. Klantvriendelijk hoor.", false), ("Top service weer @NS, 3 uur in de wacht 👏", false),
        ("Dank je wel @bol voor de \"snelle\" levering, 9 dagen later nog niks", false),
        ("Bedankt voor de 'snelle' hulp hoor", false), ("Wat een \u{2018}snelle\u{2019} service weer.", false),
        ("Goed gedaan hoor, Sanne heeft mijn probleem in één keer opgelost", true),
        ("Heel fijn geholpen door Mark, na twee weken gedoe eindelijk opgelost 👏", true),
        ("Knap hoe snel jullie de storing van vanochtend hebben verholpen 👏👏", true),
        ("Weer een fijne vlucht gehad met @KLM, dank jullie wel", true), ("Geen probleem hoor, bedankt voor het meedenken!", true),
        ("Top, dank je wel! Het werkt weer 👍", true),
        ("Bedankt voor niks, jullie zijn echt geweldig in het kwijtraken van pakketten", false),
        ("Dank je de koekoek, weer geen reactie op mijn mail", false), ("Thanks for nothing KLM", false),
        ("2 uur vast tussen Leiden en Schiphol. geen water, geen info. telefoon bijna leeg. dankjewel @nsreizigers 😤", false), ("Dankjewel voor niets KLM, ik zoek het zelf wel uit", false),
        ("Bedankt voor het snelle terugbellen, alles is geregeld", true),
        // Praise for a failure told without a complaint word: nothing received, never works, nobody to call.
        ("Lekker bezig @bol, pakket 'bezorgd' maar niks ontvangen 👏👏", false),
        ("Echt top dat jullie app het nooit doet als ik hem nodig heb", false), ("Mooi werk @Vodafone, ik kan weer niemand bellen", false),
        ("Leuk dat jullie niks van je laten horen na drie mails", false),
        // A callback that never came, a thank-you for nothing, a cancelled train: trouble in plain words.
        ("Heel fijn dat jullie nooit terugbellen", false), ("Dank je wel voor niks @KPN", false),
        ("Lekker bezig NS, trein gewoon geschrapt", false), ("Weer een dag zonder stroom, hartelijk bedankt Eneco", false),
        // The bank of the seed texts that puts a caller through twice and hangs up; a complaint fixed the next day.
        ("Twee keer doorverbonden en toen werd er gewoon opgehangen. Bedankt ING.", false),
        ("Gisteren een klacht ingediend, vandaag al opgelost. Zo kan het dus ook!", true),
        ("Fijn dat Liander ons zo goed op de hoogte hield via sms tijdens de stroomstoring 👍", true),
        ("Fijn dat jullie zo snel reageerden, het pakket was kwijt maar is nu terecht", true),
        ("Vlucht geannuleerd, maar de stewardess was top 👏", true),
        // A quoted promise is the company's words, not praise: the demo's Transavia customer.
        ("@Transavia 'u wordt zo snel mogelijk teruggebeld'. Dat was om 10:00. Het is nu 12:45. Definieer 'zo snel mogelijk'.", false),
        ("De chauffeur zei \"geen probleem hoor, ik wacht wel even\" en wachtte echt. Top!", true),
    ])
    func ironyOrPraise(text: String, meant: Bool) {
        let result = analyzer.analyse(text)
        #expect(result.sentiment == (meant ? .positive : .negative), "\(result)")
        #expect(result.intent == (meant ? .compliment : .complaint), "\(result)")
    }

    /// Seen on a team's compliments page: a question with 🙏, a stranded family told "dit kan echt
    /// beter", a late delivery that is "niet boos op hem" but on the planning.
    @Test("no compliment: a question with 🙏, 'kan echt beter', a negated complaint word", arguments: [
        ("Goedemiddag, hebben jullie ook halal kipgehakt? En zo ja, in welke winkels? 🙏", TextAnalysis.Intent.question),
        ("Hoi, kan ik mijn bezorgmoment nog wijzigen? Ik ben pas na 20:00 thuis 🙏", .question),
        ("Kinderen slapen op de grond bij gate D7. Geen dekens, geen eten. @KLM dit kan echt beter.", .complaint),
        ("Diepvries helemaal ontdooid. Niet boos op de bezorger trouwens, hij kon er niks aan doen.", nil),
        // A wish; an outage with relief that it is not the customer's fault.
        ("Stiltecoupé = de plek waar mensen bellen op speaker. Zou leuk zijn als de conducteur daar ooit eens iets van zegt. @NS_online", .complaint),
        ("Oh gelukkig, het ligt niet aan mij. @Rivierbank ligt er gewoon uit 😅", .complaint),
    ])
    func noCompliment(text: String, intent: TextAnalysis.Intent?) {
        let result = analyzer.analyse(text)
        #expect(result.intent != .compliment, "\(result)")
        if let intent { #expect(result.intent == intent, "\(result)") }
        #expect(result.sentiment != .positive, "\(result)")
    }

    /// Seen on the demo's compliments page: an enthusiastic job application.
    @Test("a job application is warm but no compliment; a complaint about applying stays a complaint", arguments: [
        ("Beste recruiter, Met veel enthousiasme solliciteer ik naar de functie van webcaremedewerker. Ik heb twee jaar ervaring. Met vriendelijke groet", TextAnalysis.Intent.other),
        ("Ik solliciteer al drie weken en krijg nooit antwoord, belachelijk", .complaint),
        ("@NS_online trein naar Zwolle uitgevallen, ik kom te laat op mijn sollicitatie", .complaint),
    ])
    func jobApplication(text: String, intent: TextAnalysis.Intent) {
        #expect(analyzer.analyse(text).intent == intent, "\(analyzer.analyse(text))")
    }

    /// Doubled marks are exasperation, not a request for information — unless the customer asks
    /// what to do; "ik vroeg" tells what was asked before, it asks nothing now.
    @Test("an exasperated or past question is a complaint; asking what to do stays a question", arguments: [
        ("Hoe kan mijn bestelling nou geannuleerd zijn terwijl ik al betaald heb??", TextAnalysis.Intent.complaint),
        ("@Ziggo waar blijft de monteur?! Al de hele ochtend thuisgebleven", .complaint),
        ("Mijn pinpas is gestolen en er is 600 euro afgeschreven. Wat moet ik doen??", .question),
        ("Hoe kan ik mijn abonnement opzeggen?", .question),
        ("De kassière deed heel kortaf toen ik vroeg of er nog verse broodjes waren. Niet prettig zo.", .complaint),
        ("Klant vroeg of de levertijd van de bank nog klopt, die staat op week 12.", .question),
    ])
    func exasperatedQuestions(text: String, intent: TextAnalysis.Intent) {
        #expect(analyzer.analyse(text).intent == intent, "\(analyzer.analyse(text))")
    }

    /// Missing from the demo's compliments page: a letter praising the driver that asks to pass it on
    /// (with "slecht ter been", which says how someone walks, not what went wrong), and thanks again.
    @Test("praise that asks to be passed on, or thanks again, is a compliment", arguments: [
        "Beste Albert Heijn, Ik wil graag een compliment geven aan de bezorger die vorige week bij ons was. Mijn man is slecht ter been en de bezorger heeft zonder dat we het vroegen de kratten naar binnen gedragen. Wilt u dit aan hem doorgeven? Met vriendelijke groet, Inge",
        "Nogmaals dank. U had dit helemaal niet hoeven doen. Het voelde voor het eerst in jaren alsof iemand echt meedacht.",
        // The demo's English letter: the trouble is told, the thanks are the point ("last Friday" is no Dutch "last").
        "Dear KLM team, I just wanted to say thank you to the ground staff at Schiphol last Friday. My connection to Singapore was cancelled and I was completely lost. A lady called Marieke rebooked me and even walked me to the shuttle bus. She was kind and calm. Please pass this on to her manager. Best regards, Emily Chen",
    ])
    func praisePassedOn(text: String) {
        let result = analyzer.analyse(text)
        #expect(result.intent == .compliment, "\(result)")
        #expect(!result.cues.contains("repeat"), "\(result.cues)")
    }

    /// Seen on the demo's compliments page: phone notes of a question that end "Klant bedankt.".
    @Test("thanks that only closes a question leaves it a question; a compound is not read as an adverb", arguments: [
        "Klant belt met vraag of statiegeldbonnetjes van een andere AH ook in zijn eigen filiaal inwisselbaar zijn. Uitgelegd dat dit bij de meeste filialen wel kan, maar niet gegarandeerd. Klant bedankt.",
        "Klant belt: wil weten of zijn kleinzoon (11) alleen met de trein mag reizen en of hij een Railrunner nodig heeft. Uitgelegd: vanaf 12 jaar eigen kaart. Klant bedankt.",
        "Hoe zet ik een bestedingslimiet op de pas van mijn zoon? Alvast bedankt!",
        // A request that ends in thanks in the same sentence: it must reopen a resolved case.
        "Kan iemand mij nog de factuur mailen, dank je",
        "Wanneer komt de monteur langs, bedankt",
    ])
    func closingThanks(text: String) {
        let result = analyzer.analyse(text)
        #expect(result.intent == .question, "\(result)")
        #expect(!result.evidence.contains { $0.text.lowercased().hasSuffix("bonnetjes") }, "\(result.evidence)")
    }

    @Test("thanks after a question is still thanks when it is a word; a negation does not turn an emoji")
    func thanksAndEmoji() {
        #expect(analyzer.analyse("Ok top, dank u wel. Fijne dag verder!").intent == .compliment)
        #expect(analyzer.analyse("Fijn dat het opgelost is, dank je").intent == .compliment)
        let sigh = analyzer.analyse("Die airfryer doet het al niet meer 😑 knop reageert nergens op")
        #expect(sigh.evidence.contains { $0.text == "😑" && $0.weight < -0.15 }, "\(sigh.evidence)")
        #expect(sigh.sentiment == .negative, "\(sigh)")
    }

    @Test("quotes: a quoted name carries no praise; a quoted status is still the problem")
    func quotes() {
        let name = analyzer.analyse("12 mei €240 betaald via jullie ‘Veilig betalen’ en nog steeds niks ontvangen.")
        #expect(name.sentiment == .negative, "\(name)")
        #expect(!name.evidence.contains { $0.text == "Veilig" }, "\(name.evidence)")
        let status = analyzer.analyse("Betaald met iDEAL, geld is weg, bestelling \"mislukt\".")
        #expect(status.evidence.contains { $0.text == "mislukt" && $0.weight < 0 }, "\(status.evidence)")
    }

    @Test("urgency cues are named", arguments: [
        ("Dit is alweer de derde keer", "repeat"), ("Ik wacht al 3 weken op mijn geld", "duration"),
        ("Ik stap over naar een andere provider", "churn_threat"), ("Ik schakel de Consumentenbond in", "escalation"),
        ("Ik hang nu 3 uur in de wacht", "duration"), ("Ik moest 6 weken wachten op mijn geld", "duration"),
        ("Ik heb drie keer gebeld en niemand belt terug", "repeat"), ("De derde storing deze week", "repeat"),
        ("Ik ben slachtoffer van fraude", "vulnerability"), ("@radartv kijk hier eens naar", "amplification"),
        ("Per 1 maart geen klant meer bij jullie.", "churn_threat"), ("Graag een reactie, dit is mijn derde mail", "repeat"),
        ("Kheb al 3x gebeld en niemand die iets weet", "repeat"), ("Dit is de 2e keer deze maand", "repeat"),
        ("De 3e storing deze week", "repeat"), ("Dit is nu de vierde persoon die ik spreek", "repeat"),
        ("Ik heb vier keer op 'afmelden' geklikt en krijg nog mails", "repeat"), ("Blij dat het geregeld is, maar het heeft wel 3 maanden geduurd", "duration"),
        ("Mijn oma van 84 staat in de kou op het perron in Zwolle, er rijdt niks. Kan iemand helpen?? Ze is slecht ter been.", "vulnerability"),
        ("Mijn vader heeft beginnende dementie en snapt de nieuwe app niet", "vulnerability"),
        ("Heb een journalist van het AD gesproken over hoe jullie met klanten omgaan", "escalation"),
        // The customer's own age, and a newspaper named or threatened.
        ("Mijn pinpas is gestolen en er is 800 euro afgeschreven, ik ben 82 jaar en weet niet wat ik moet doen", "vulnerability"),
        ("Als 82-jarige snap ik die app niet", "vulnerability"), ("Ik ben 91 jaar oud en heb geen computer", "vulnerability"),
        ("Ik stap hiermee naar de Telegraaf", "escalation"), ("Stond vanochtend in de Telegraaf, jullie storing", "media"),
    ])
    func cues(text: String, cue: String) {
        let result = analyzer.analyse(text)
        #expect(result.cues.contains(cue), "\(result.cues)")
        #expect(result.urgency > 0)
    }

    /// Thanks for a fix is a compliment, whatever went before; a wish for a fix is not one, and lasting
    /// good ("nog steeds comfortabel") is no repeated trouble.
    @Test("thanks after trouble is a compliment; a wish for a fix and lasting good are read as such")
    func thanksAfterTrouble() {
        let thanks = analyzer.analyse("Ik had al drie keer gebeld, maar Fleur heeft het nu echt geregeld. Topper!")
        #expect(thanks.intent == .compliment, "\(thanks)")
        #expect(thanks.cues.contains("repeat"), "\(thanks.cues)")
        let wish = analyzer.analyse(
            "Tevreden over de installatie, maar de app geeft al drie weken geen opbrengst weer. Wil dat dit snel opgelost wordt.")
        #expect(wish.intent == .complaint, "\(wish)")
        #expect(analyzer.analyse("Schoenen lopen na een halfjaar nog steeds comfortabel.").cues.isEmpty)
        #expect(analyzer.analyse("Ik wacht nog steeds op mijn geld").cues == ["repeat"])
        #expect(analyzer.analyse("Mijn pakket is nog steeds niet goed aangekomen").cues == ["repeat"])
    }

    @Test("a time that is no wait is no duration cue; the wait's end leaves a repeat after it")
    func waitsAndRepeats() {
        #expect(analyzer.analyse("Binnen 10 minuten iemand aan de lijn, top!").cues.isEmpty)
        #expect(analyzer.analyse("Na 3 dagen zonder internet kwam de monteur").cues.isEmpty)
        #expect(analyzer.analyse("Ik heb twee keer een pizza besteld").cues.isEmpty)
        #expect(analyzer.analyse("Bestelling van 2x een jas").cues.isEmpty)
        #expect(analyzer.analyse("Op de 2e verdieping is het koud").cues.isEmpty)
        #expect(analyzer.analyse("Aan de kassa werd me de volle prijs gerekend").cues.isEmpty)
        #expect(analyzer.analyse("Ik stuur dit naar Kassa").cues == ["escalation"])
        #expect(analyzer.analyse("De reparatie heeft maar 2 dagen geduurd, netjes").cues.isEmpty)
        let both = analyzer.analyse("Drie dagen later nog steeds niks")
        #expect(both.cues == ["duration", "repeat"], "\(both.evidence)")
        #expect(both.evidence.contains { $0.kind == "duration" && $0.text == "Drie dagen later" }, "\(both.evidence)")
    }

    @Test("topics come from the taxonomy, also through compounds", arguments: [
        ("Mijn pakket is nooit bezorgd", "levering"), ("Weer een treinvertraging bij Utrecht", "storing"),
        ("Er is twee keer afgeschreven van mijn rekening", "betaling"), ("Ik wil mijn geld terug", "terugbetaling"),
        ("De medewerker was onbeschoft", "bejegening"), ("Al een uur in de wacht bij de klantenservice", "bereikbaarheid"),
    ])
    func topics(text: String, topic: String) {
        #expect(analyzer.analyse(text).topics.contains(topic), "\(analyzer.analyse(text).topics)")
    }

    @Test("questions and auto-replies are recognised")
    func intents() {
        #expect(analyzer.analyse("Hoe kan ik mijn adres wijzigen in de app?").intent == .question)
        #expect(analyzer.analyse("Ik ben afwezig tot maandag 3 december en lees mijn mail dan.").intent == .other)
        // A mail server's bounce is no complaint; a parcel that could not be delivered is the customer's problem.
        let bounce = "Onbestelbaar: uw bericht aan j.vanderlinden@example.invalid kon niet worden afgeleverd. Het domein bestaat niet. (Mail Delivery Subsystem)"
        #expect(analyzer.analyse(bounce).intent == .other, "\(analyzer.analyse(bounce))")
        #expect(analyzer.analyse("Mijn pakket kon niet worden afgeleverd en nu moet ik het ophalen").intent == .complaint)
    }

    /// "Wat een …!" exclaims; "laat maar" takes a message back only where it means "never mind";
    /// "niet de laatste keer" promises to come back.
    @Test("exclamations, 'laat maar' and a negated last time are read for what they say")
    func exclamationsAndNeverMind() {
        #expect(analyzer.analyse("Wat een heerlijke lunchplek! Verse soep en een heel vriendelijke eigenaar.").intent == .compliment)
        #expect(analyzer.analyse("Wat een gedoe met die bezorging, kunnen jullie kijken waar mijn pakket is?").intent != .compliment)
        #expect(analyzer.analyse("Wat kost een nieuwe pas").intent == .question)
        #expect(analyzer.analyse("Laat maar, ik heb het al gevonden").intent == .other)
        #expect(analyzer.analyse("Pakket was een dag te laat maar de bezorger was super vriendelijk. Top!").intent == .compliment)
        let ask = analyzer.analyse("Kun je je klantnummer even sturen? Laat maar weten.")
        #expect(ask.intent == .question, "\(ask)")
        let back = analyzer.analyse("Zeker niet de laatste keer dat we hier komen. Alles klopte: eten, sfeer, bediening.")
        #expect(!back.cues.contains("churn_threat"), "\(back.cues)")
        #expect(analyzer.analyse("Dit was de laatste keer dat ik bij jullie bestel").cues.contains("churn_threat"))
    }

    /// A prize scam is cheerful, but no compliment for the team: it must not reach the compliments page.
    @Test("a prize scam with a short link is not a compliment")
    func prizeScam() {
        let scam = analyzer.analyse(
            "Gefeliciteerd! 🎉 U bent geselecteerd voor een AH-cadeaukaart van €500. Klik hier binnen 24 uur om uw prijs te claimen: bit.ly/ah-winnaar")
        #expect(scam.intent == .other)
        #expect(analyzer.analyse("Gefeliciteerd met jullie nieuwe app, werkt echt top! Bedankt!").intent == .compliment)
    }

    @Test("language: Dutch, English, other")
    func language() {
        #expect(analyzer.analyse("Mijn trein is weer te laat en niemand zegt iets").language == "nl")
        #expect(analyzer.analyse("My parcel is late again and nobody answers the phone").language == "en")
        #expect(analyzer.analyse("My parcel is late again and the service was terrible").sentiment == .negative)
        #expect(analyzer.analyse("😡😡😡").language == "other")
    }

    @Test("bad input gives a sensible result, never a crash", arguments: [
        "", "   ", "😡😡😡", "https://example.nl/klacht", "<b>slecht</b> <script>alert(1)</script>",
        "slecht\u{200B}\u{0000}\u{0007}service", "Mixed: the service was bad maar de medewerker was aardig",
    ])
    func badInput(text: String) {
        let result = analyzer.analyse(text)
        #expect((-1...1).contains(result.score))
        #expect((0...1).contains(result.urgency))
    }

    @Test("a megabyte of text and invalid UTF-8 are analysed in bounded time")
    func large() {
        let big = String(repeating: "De service was slecht en de trein was weer te laat. ", count: 20_000)
        let started = ContinuousClock.now
        let result = analyzer.analyse(big)
        #expect(result.sentiment == .negative)
        #expect(result.evidence.count <= 16)
        #expect(ContinuousClock.now - started < .seconds(20))
        let invalid = String(decoding: [0x66, 0xFF, 0xFE, 0x6F, 0xC3, 0x28], as: UTF8.self)
        _ = analyzer.analyse(invalid)
    }
}

@Suite("Dutch analyser: morphology and hashtags")
struct MorphologyTests {
    let analyzer = sharedAnalyzer

    @Test("a thumbs-up acknowledges: alone or after a neutral message it is no compliment", arguments: [
        ("👍", "other"), ("@hm_nl DM gestuurd met mijn 06-nummer 👍", "other"), ("Oké, ik wacht het af 👍", "other"),
        ("Top, dank je wel! Het werkt weer 👍", "compliment"), ("Super vriendelijk geholpen door Sanne 👍", "compliment"),
    ])
    func thumbsUp(text: String, intent: String) {
        #expect(analyzer.analyse(text).intent.rawValue == intent, "\(analyzer.analyse(text))")
    }

    @Test("hashtags are split into words that count")
    func hashtags() {
        let result = analyzer.analyse("#nooitmeerNS")
        #expect(result.cues.contains("churn_threat"))
        #expect(analyzer.analyse("Wat een #schandalig slechte service").sentiment == .negative)
    }

    @Test("unknown compounds resolve to their head", arguments: [
        ("De klantenservicemedewerker was onbeschoft", "bejegening"), ("Treinvertraging bij Amersfoort", "storing"),
    ])
    func compounds(text: String, topic: String) {
        #expect(analyzer.analyse(text).topics.contains(topic))
    }

    @Test("a compound's head is its longest known tail, with at least three letters in front")
    func compoundHeads() {
        var heads = CompoundHeads<String>()
        for head in ["medewerker", "werker", "service", "klantenservice", "loket", "tram"] { heads.insert(head, head) }
        #expect(heads.head(of: "klantenservicemedewerker")?.value == "medewerker")
        #expect(heads.head(of: "oudeloket")?.value == "loket")
        #expect(heads.head(of: "oudloket") == nil, "too short: fewer than nine letters")
        #expect(heads.head(of: "bijmedewerker")?.value == "medewerker")
        // "medewerker" would leave two letters in front; the next longest tail does not.
        #expect(heads.head(of: "exmedewerker")?.value == "werker")
        #expect(heads.head(of: "zelfbedieningsservice")?.value == "service")
        #expect(heads.head(of: "onderhoudstram") == nil, "heads have at least five letters")
        #expect(heads.head(of: "servicedesks") == nil, "a head ends the word")
        // Outside ASCII the tails are taken a character at a time.
        #expect(heads.head(of: "reïntegratiemedewerker")?.head == "medewerker")
        #expect(heads.head(of: "medewerkerë") == nil)
    }

    @Test("a word is worth stemming only when a known stem starts with its first four characters")
    func stemPrefixes() {
        let prefixes = StemPrefixes(stems: ["vertrag", "geïrrit", "café", "bel"])
        #expect(prefixes.contains("vertragingen"))
        #expect(!prefixes.contains("verzoeken"))
        #expect(prefixes.contains("geïrriteerde"))
        #expect(prefixes.contains("cafétaria"))
        #expect(!prefixes.contains("cafe"), "café and cafe are different characters")
        // A mark joins the fourth letter to make another character: not "vert".
        #expect(!prefixes.contains("vert\u{301}ragingen"))
        #expect(!prefixes.contains("bellen"), "stems under four letters never match")
    }

    @Test("a written-out duration and a Flemish message are read")
    func durationAndFlemish() {
        #expect(analyzer.analyse("Ik wacht al drie weken op antwoord").cues.contains("duration"))
        #expect(analyzer.analyse("Amai, da was echt plezant en tof geholpen!").sentiment == .positive)
    }

    /// "Nog nooit zo goed geholpen" is the best help ever, not no help: "nooit zo" and "zelden zo"
    /// make a superlative; "nooit" alone still negates. "zonder reden geblokkeerd": "zonder" denies the
    /// reason, not the blocking; "zonder gedoe" stays praise.
    @Test("'nooit zo' intensifies; 'zonder reden' is the complaint, 'zonder gedoe' praise", arguments: [
        ("Ik ben nog nooit zo goed geholpen door een klantenservice.", TextAnalysis.Sentiment.positive),
        ("Zelden zo'n vriendelijke monteur over de vloer gehad.", .positive),
        ("Nog nooit zo slecht geslapen als in dit hotel.", .negative),
        ("Ik ben nooit goed geholpen door jullie.", .negative),
        ("Mijn pas is zonder reden geblokkeerd.", .negative),
        ("Jullie hebben zonder overleg mijn termijnbedrag verhoogd.", .negative),
        ("Account zonder enige waarschuwing afgesloten.", .negative), ("Alles zonder gedoe geregeld.", .positive),
    ])
    func negationScope(text: String, sentiment: TextAnalysis.Sentiment) {
        #expect(analyzer.analyse(text).sentiment == sentiment, "\(analyzer.analyse(text))")
    }

    /// "betaalbaar" (affordable) and "betalen" (to pay) share the stem "betal": paying is no praise,
    /// and trying to reach someone is not being reachable. Listed -baar words keep their weight.
    @Test("a -baar adjective lends its weight to no verb of the same stem")
    func ableAdjectivesLendNoStem() {
        let pay = analyzer.analyse("Waarom moet ik ineens 3 euro betalen voor een papieren factuur?")
        #expect(!pay.evidence.contains { $0.kind == "sentiment" && $0.text == "betalen" }, "\(pay.evidence)")
        #expect(pay.sentiment != .positive, "\(pay)")
        let reach = analyzer.analyse("Ik probeer jullie al de hele dag te bereiken")
        #expect(!reach.evidence.contains { $0.kind == "sentiment" && $0.weight > 0 }, "\(reach.evidence)")
        #expect(analyzer.analyse("Betaalbare prijzen en een betrouwbare app.").sentiment == .positive)
    }

    @Test("an English message without function words is read as English", arguments: [
        ("Terrible service. Rude staff, cold food.", TextAnalysis.Sentiment.negative),
        ("Useless app, constant crashes.", .negative), ("Great food, friendly staff!", .positive),
    ])
    func telegraphicEnglish(text: String, sentiment: TextAnalysis.Sentiment) {
        let result = analyzer.analyse(text)
        #expect(result.language == "en", "\(result)")
        #expect(result.sentiment == sentiment, "\(result)")
    }

    @Test("thanking in a phone note or a longer sentence is thanks")
    func thanksVerb() {
        let note = analyzer.analyse("Klant belt om te bedanken voor de snelle hulp bij de storing van gisteren.")
        #expect(note.intent == .compliment, "\(note)")
    }

    /// Asking why something changed all of a sudden, or is so while it should not be, is complaining
    /// about it; "ineens betalen" (in one go) is no change.
    @Test("'waarom … ineens', 'hoezo … opeens' and 'waarom … terwijl' are complaints, not questions", arguments: [
        ("Waarom betaal ik ineens 5 euro meer per maand?", TextAnalysis.Intent.complaint),
        ("hoezo moet ik opeens verzendkosten betalen??", .complaint),
        ("Waarom is mijn wifi opeens zo traag?", .complaint),
        ("Kan ik de factuur ook ineens betalen?", .question),
        ("Waarom moet ik een nieuwe pas aanvragen?", .question),
        // The H&M customer of the seed texts: a cost that was nowhere to be read.
        ("Waarom moet ik 6,95 rembourskosten betalen terwijl dat nergens stond? @HM", .complaint),
        ("Waarom is mijn rekening 80 euro hoger terwijl ik minder verbruik?", .complaint),
    ])
    func suddenChange(text: String, intent: TextAnalysis.Intent) {
        #expect(analyzer.analyse(text).intent == intent, "\(analyzer.analyse(text))")
    }

    /// "Waar blijft …?" and "hoe lang nog?" chase what was promised: a complaint, where "waar kan ik …?"
    /// asks the way.
    @Test("'waar blijft mijn …?' and 'hoe lang moet ik nog …?' are negative complaints; 'waar kan ik …?' a question", arguments: [
        ("Waar blijft mijn terugbetaling? Het is nu al zes weken.", TextAnalysis.Intent.complaint),
        ("@bol WAAR BLIJFT HET", .complaint), ("Waar blijft de monteur nou?", .complaint),
        ("Hoe lang moet ik nog wachten op mijn nieuwe pas?", .complaint), ("Waar kan ik mijn pakket ophalen?", .question),
        ("Hoe lang duurt de levering naar België?", .question), ("Waarom duurt het zo lang voordat ik iets hoor?", .complaint),
    ])
    func chasing(text: String, intent: TextAnalysis.Intent) {
        let result = analyzer.analyse(text)
        #expect(result.intent == intent, "\(result)")
        #expect(result.sentiment == (intent == .complaint ? .negative : .neutral), "\(result)")
    }

    /// What a customer waited for and never got, with words between ("nooit een bevestiging ontvangen"),
    /// and the Dutch negation after its verb ("lukt dat nooit", "begrijpt mijn vraag niet"); "nooit
    /// eerder zo …" still praises.
    @Test("'nooit een … ontvangen' and 'lukt me niet' are negative; 'nog nooit zo snel …' stays praise", arguments: [
        ("Ik heb nooit een bevestiging ontvangen", TextAnalysis.Sentiment.negative),
        ("Ik heb geen enkele mail gekregen over mijn verhuizing", .negative),
        ("Aan de telefoon lukt het nooit om iemand te spreken", .negative),
        ("Het lukt me niet om in te loggen in de app", .negative), ("De link werkt bij mij helaas niet", .negative),
        ("Nooit eerder zo snel een antwoord gekregen!", .positive), ("Nog nooit zo goed geholpen", .positive),
        ("Nog nooit zo slecht geholpen", .negative), ("Werkt prima, nooit problemen gehad", .positive),
        ("De chatbot begrijpt mijn vraag niet en een mens krijg ik niet te spreken", .negative),
        ("De app opent niet meer sinds de update", .negative), ("Hij snapt er echt niks van", .negative),
        ("Reageert niet alleen snel maar ook vriendelijk, top", .positive),
        // A negation of two words that holds an expression's first: "echt" only strengthens it.
        ("Ik voel me echt niet serieus genomen door jullie medewerker", .negative), ("Het eten was echt niet slecht", .positive),
        ("Ik heb twee keer betaald voor dezelfde bestelling", .negative), ("Niemand neemt de telefoon op", .negative),
        ("Fijne service, maar de levertijd mag wel wat sneller", .negative),
        ("Sinds de update kan ik niet meer betalen met Apple Pay", .negative),
        ("Ik kan niet wachten tot mijn nieuwe telefoon er is!", .positive),
        ("De bezorger heeft mijn pakket gewoon over het hek gegooid", .negative),
        ("Mijn factuur is 40 euro hoger zonder dat iemand het me heeft verteld", .negative),
        ("Het werkt weer, dank jullie wel!", .positive), ("Werkt weer niet 🙄", .negative), ("Niks dan goeds over de chat", .positive),
        ("internet doet het weer niet al sinds gisteravond", .negative),
    ])
    func neverReceived(text: String, sentiment: TextAnalysis.Sentiment) {
        let result = analyzer.analyse(text)
        #expect(result.sentiment == sentiment, "\(result)")
    }

    /// Praise for one channel and a failure of another after a comma: the failure is the point, as
    /// after "maar"; it must not reach the compliments page.
    @Test("'top dat …, aan de telefoon lukt dat nooit' is a complaint, not a compliment")
    func praiseThenFailure() {
        let result = analyzer.analyse("Top dat jullie zo snel reageren op twitter, aan de telefoon lukt dat nooit")
        #expect(result.intent == .complaint, "\(result)")
        #expect(result.sentiment != .positive, "\(result)")
    }

    /// The case page marks the evidence: the verb alone ("lukt") would explain nothing.
    @Test("the evidence of a negation after the verb, or of what never came, is the whole phrase", arguments: [
        ("Aan de telefoon lukt dat nooit", "lukt dat nooit"), ("Sinds de update kan ik niet meer betalen", "kan ik niet meer"),
        ("Ik heb nooit een bevestiging ontvangen", "nooit een bevestiging ontvangen"),
    ])
    func negationEvidence(text: String, phrase: String) {
        let evidence = analyzer.analyse(text).evidence.filter { $0.kind == "sentiment" }
        #expect(evidence.map(\.text) == [phrase], "\(evidence)")
        if let mark = evidence.first {
            #expect(Array(Array(text.utf8)[mark.start..<mark.end]) == Array(phrase.utf8))
        }
    }

    /// Stories of the demo that read neutral or as praise: a lost suitcase and a broken promise in a
    /// formal letter, "achterstallig onderhoud" (no "onderhoudend"), a closing "eerlijk is eerlijk"
    /// that praises nothing, a price charged in full at the till, a customer passed around.
    @Test("the demo's complaints without a complaint word are negative", arguments: [
        "Geachte KLM, Mijn koffer is nu negen dagen zoek. Ik ben twee keer beloofd dat ik teruggebeld zou worden en dat is niet gebeurd.",
        "@NS_online alweer geen treinen op mijn traject. Bomen langs het spoor niet snoeien is geen overmacht, dat is achterstallig onderhoud.",
        "Zoveel DM's gekregen over die linnen set 💛 maar eerlijk is eerlijk: na 1x wassen zitten er gaten bij de naden. Jammer @hm, ik had er echt meer van verwacht.",
        "Bonus 1+1 gratis op de Ben & Jerry's maar aan de kassa wordt gewoon 2x de volle prijs gerekend. Dit is de 2e keer deze maand.",
        "Klant belt: wordt al 20 minuten van afdeling naar afdeling doorverbonden voor een simpele vraag over zijn adres.",
        "Transavia heeft vandaag de hele dag 'we doen ons best' gepost. Doe dan je best en neem de telefoon op. #storm",
        // An English sign-off is no praise.
        "Hello, my card was blocked without any warning and nobody answers the phone. Kind regards, Tom",
    ])
    func demoComplaints(text: String) {
        let result = analyzer.analyse(text)
        #expect(result.sentiment == .negative, "\(result)")
        #expect(result.intent == .complaint, "\(result)")
    }

    @Test("words listed as neutral on purpose are no evidence")
    func neutralEntriesExplainNothing() {
        let result = analyzer.analyse("Mijn man is slecht ter been, de bezorger droeg de kratten naar binnen")
        #expect(!result.evidence.contains { $0.kind == "sentiment" && $0.weight == 0 }, "\(result.evidence)")
    }

    /// "Super" strengthens the next word ("super slecht"), and with nothing to strengthen it is praise.
    @Test("'Super!' and 'Super dat …' praise; 'super slecht' blames", arguments: [
        ("Super!", TextAnalysis.Sentiment.positive), ("Super dat jullie op zondag ook bereikbaar zijn!", .positive),
        ("Echt super, bedankt", .positive), ("Super slecht geregeld", .negative),
    ])
    func superAlone(text: String, sentiment: TextAnalysis.Sentiment) {
        let result = analyzer.analyse(text)
        #expect(result.sentiment == sentiment, "\(result)")
        #expect(result.intent == (sentiment == .positive ? .compliment : .complaint), "\(result)")
    }

    /// "Mijn vraag" is an earlier question the customer tells of; "ik heb een vraag" or "mijn vraag is:"
    /// asks one.
    @Test("'mijn vraag is niet beantwoord' complains; 'ik heb een vraag' and 'mijn vraag is: …' ask", arguments: [
        ("Na 3 weken eindelijk antwoord, maar mijn vraag is niet beantwoord", TextAnalysis.Intent.complaint),
        ("Ik heb een vraag over mijn factuur", .question), ("Mijn vraag is: kan ik ook later betalen", .question),
        // Something that stopped working, told calmly with a question, asks.
        ("Ik kan sinds vanochtend niet meer inloggen in de app. Is er een storing?", .question),
    ])
    func earlierQuestion(text: String, intent: TextAnalysis.Intent) {
        #expect(analyzer.analyse(text).intent == intent, "\(analyzer.analyse(text))")
    }

    /// Asking how to cancel is a question about the procedure; saying one will is a threat.
    @Test("'kan ik opzeggen?' asks; 'ik ga overstappen' threatens", arguments: [
        ("Hoi, kan ik mijn abonnement ook per maand opzeggen?", false),
        ("Moet ik eerst bij mijn oude provider opzeggen als ik naar jullie kom?", false),
        ("Ik ga overstappen, dit is niet normaal.", true), ("Waarom zou ik niet gewoon overstappen?", true),
    ])
    func cancelQuestion(text: String, threat: Bool) {
        let result = analyzer.analyse(text)
        #expect(result.cues.contains("churn_threat") == threat, "\(result)")
        if !threat { #expect(result.intent == .question, "\(result)") }
    }

    /// Common ways to say nobody answers, a disappointment with the pronoun inside the separable verb,
    /// a sarcastic "Niet dus." and tears in a phone note.
    @Test("'reageert nergens op', 'viel ons tegen', '… Niet dus.' and 'in tranen' are negative", arguments: [
        "De klantenservice reageert nergens op, al twee mails gestuurd.", "Het nieuwe menu viel ons tegen.",
        "Wat een snelle levering weer. Niet dus.", "Klant belt in tranen: gas afgesloten.",
    ])
    func plainlyNegative(text: String) {
        #expect(analyzer.analyse(text).sentiment == .negative, "\(analyzer.analyse(text))")
    }

    /// An auto-reply, a message meant for someone else, spam and the company's own voice asking for a DM
    /// are no customer's word to the company: no intent to act on and no feeling to count.
    @Test("auto-replies, wrong addressees, spam and the brand's own voice are neutral 'other'", arguments: [
        "Dit is een automatisch antwoord. Ik ben met vakantie tot 3 maart, uw mail wordt niet doorgestuurd.",
        "Oeps, dit bericht was eigenlijk voor mijn broer bedoeld 🙈 Sorry!",
        "Gefeliciteerd, jij bent de winnaar van onze actie! Claim je prijs via de link in onze bio 🎁",
        "Wat vervelend! Stuur ons je IBAN en inloggegevens via DM, dan regelen wij vandaag nog je terugbetaling 😊",
    ])
    func unaddressed(text: String) {
        let result = analyzer.analyse(text)
        #expect(result.intent == .other, "\(result)")
        #expect(result.sentiment == .neutral && result.score == 0, "\(result)")
        #expect(!result.evidence.contains { $0.kind == "sentiment" }, "\(result.evidence)")
    }

    /// An insult in the brand's name hurts the customer who reads it; a customer's own "per ongeluk" and
    /// "voor jullie bedoeld" are to the company.
    @Test("an insulting fake account stays negative; 'per ongeluk betaald' and 'voor jullie bedoeld' are the customer's", arguments: [
        ("Eigen schuld, sukkel. Stuur ons je wachtwoord via DM dan kijken we of we iets kunnen doen.",
         TextAnalysis.Sentiment.negative, TextAnalysis.Intent.other),
        ("Deze klacht is voor jullie bedoeld: de bus reed gewoon door.", .negative, .complaint),
    ])
    func addressedAfterAll(text: String, sentiment: TextAnalysis.Sentiment, intent: TextAnalysis.Intent) {
        let result = analyzer.analyse(text)
        #expect(result.sentiment == sentiment && result.intent == intent, "\(result)")
    }

    @Test("'per ongeluk twee keer betaald' is no message meant for someone else")
    func accidentalPayment() {
        #expect(analyzer.analyse("Ik heb per ongeluk twee keer betaald voor dezelfde cursus. Hoe krijg ik mijn geld terug?").intent != .other)
    }

    /// Thanks that close a question are politeness; a call note's last line is how the call ended.
    @Test("'… ? Dank je wel!' and 'Klant tevreden.' closing a question leave it a neutral question", arguments: [
        "Hoe laat zijn jullie open op tweede paasdag? Dank je wel!", "Do you also deliver on Sundays? Thanks!",
        "Klant belt: wil weten wanneer de container wordt geleegd. Datum doorgegeven. Klant tevreden.",
    ])
    func closingThanks(text: String) {
        let result = analyzer.analyse(text)
        #expect(result.sentiment == .neutral && result.intent == .question, "\(result)")
    }

    @Test("thanks for something done stays a positive compliment")
    func thanksForHelp() {
        let result = analyzer.analyse("Bedankt voor de snelle hulp gisteren!")
        #expect(result.sentiment == .positive && result.intent == .compliment, "\(result)")
    }

    /// Praise beside a question of its own: the agent must answer the question. A request to pass the
    /// praise on asks nothing of its own.
    @Test("praise with a question of its own is a question; 'kunnen jullie dit doorgeven?' a compliment", arguments: [
        ("Geweldig geholpen door jullie monteur! Kan ik de beschermfolie er zelf af halen?", TextAnalysis.Intent.question),
        ("Kunnen jullie dit compliment doorgeven aan Esther? Zij was geweldig.", .compliment),
    ])
    func praiseAndQuestion(text: String, intent: TextAnalysis.Intent) {
        let result = analyzer.analyse(text)
        #expect(result.sentiment == .positive && result.intent == intent, "\(result)")
    }

    @Test("a greeting before the question word: 'hallo hoe kan ik …' asks without a question mark")
    func greetingThenQuestion() {
        #expect(analyzer.analyse("hallo hoe kan ik mijn adres wijzigen").intent == .question)
    }

    /// "@vriendin kijk" shows a friend something; "@NS_online kijk nou, alweer …" complains.
    @Test("'@friend kijk …' is other; '@brand kijk nou, alweer …' a complaint", arguments: [
        ("@joris_k kijk, die lamp wilde jij toch? 😍", TextAnalysis.Intent.other),
        ("@NS_online kijk nou, alweer een volle trein 🙄", .complaint),
    ])
    func showingAFriend(text: String, intent: TextAnalysis.Intent) {
        #expect(analyzer.analyse(text).intent == intent, "\(analyzer.analyse(text))")
    }

    /// A notice of cancellation is work to process; a question about the notice is a question.
    @Test("'Hierbij zeg ik op' is other; asking about the notice period or switching is no threat", arguments: [
        ("Hierbij zeg ik mijn lidmaatschap op per 1 maart.", TextAnalysis.Intent.other),
        ("Ik wil opzeggen omdat ik naar het buitenland verhuis. Wat is de opzegtermijn?", .question),
        ("Als ik naar jullie overstap, moet ik dan zelf bij mijn oude bank opzeggen?", .question),
    ])
    func cancellationNotice(text: String, intent: TextAnalysis.Intent) {
        let result = analyzer.analyse(text)
        #expect(result.intent == intent && result.sentiment == .neutral, "\(result)")
        if intent == .question { #expect(!result.cues.contains("churn_threat"), "\(result)") }
    }

    @Test("'al 12 jaar klant' and 'al 10 minuten eerder' are no wait", arguments: [
        "Al 12 jaar klant en nog steeds blij met jullie.", "De monteur stond al 10 minuten eerder voor de deur, top!",
    ])
    func noWait(text: String) {
        let result = analyzer.analyse(text)
        #expect(!result.cues.contains("duration") && result.intent == .compliment, "\(result)")
    }

    /// Praise, then "maar" and a clause of the customer's own words: the praise is the run-up. A short
    /// concession ("maar hij is er") and praise after "maar" are not.
    @Test("praise, then 'maar' and the customer's own words is a complaint", arguments: [
        ("Lekker eten en aardige bediening, maar voor 30 euro verwacht ik een hoofdgerecht dat op tafel komt zoals op de kaart.",
         TextAnalysis.Sentiment.negative),
        ("Na twee weken, maar hij is er! Dank aan Jamal voor het regelen.", .positive), ("Duur, maar de kwaliteit is top.", .positive),
    ])
    func praiseThenOwnWords(text: String, sentiment: TextAnalysis.Sentiment) {
        let result = analyzer.analyse(text)
        #expect(result.sentiment == sentiment, "\(result)")
        #expect(result.intent == (sentiment == .negative ? .complaint : .compliment), "\(result)")
    }

    /// "terwijl" sets what happened against what should have prevented it; praise beside it stays praise.
    @Test("'X terwijl ik …' is negative; a compliment with 'terwijl we stilstonden' stays one", arguments: [
        ("Ik krijg een rekening van 80 euro terwijl ik aanvullend verzekerd ben.", TextAnalysis.Sentiment.negative),
        ("Compliment voor de conducteur die koffie uitdeelde terwijl we stilstonden 👏", .positive),
    ])
    func whileContradiction(text: String, sentiment: TextAnalysis.Sentiment) {
        #expect(analyzer.analyse(text).sentiment == sentiment, "\(analyzer.analyse(text))")
    }

    @Test("'voor een dichte deur', 'kan ietsje beter', 'lekker dan', 'geen warm water', 'what a joke' are negative", arguments: [
        "Vanochtend stond ik weer voor een dichte deur bij jullie servicepunt.", "De uitleg op de website kan ietsje beter.",
        "Lekker dan, weer geen bus.", "Geen warm water sinds gisteren.", "Two hours on hold. What a joke.",
    ])
    func moreNegatives(text: String) {
        #expect(analyzer.analyse(text).sentiment == .negative, "\(analyzer.analyse(text))")
    }

    @Test("'quick question' is no praise")
    func quickQuestion() {
        let result = analyzer.analyse("Quick question: do you ship to Belgium?")
        #expect(result.sentiment == .neutral && result.intent == .question, "\(result)")
    }

    /// "Wanneer komt de actie weer?" asks when, as before; "alweer" (one word with "weer" to the
    /// tokenizer) sighs.
    @Test("'weer' in a question of when or whether is no sigh; 'weer te laat' still is", arguments: [
        ("Wanneer wordt het oud papier in onze wijk weer opgehaald?", TextAnalysis.Sentiment.neutral),
        ("De bus is weer te laat.", .negative),
    ])
    func againInAQuestion(text: String, sentiment: TextAnalysis.Sentiment) {
        #expect(analyzer.analyse(text).sentiment == sentiment, "\(analyzer.analyse(text))")
    }

    /// A double charge and what a customer never agreed to, with words between.
    @Test("'twee keer … afgeschreven' and 'nooit … afgesloten' are negative; 'nog niets besteld' is a prospect's fact", arguments: [
        ("Mijn premie van maart is twee keer van mijn rekening afgeschreven.", TextAnalysis.Sentiment.negative),
        ("Ik krijg een factuur voor een verzekering die ik nooit heb afgesloten.", .negative),
        ("Ik heb nog niets besteld maar wil weten of jullie naar België leveren.", .neutral),
    ])
    func chargedAndNeverAgreed(text: String, sentiment: TextAnalysis.Sentiment) {
        #expect(analyzer.analyse(text).sentiment == sentiment, "\(analyzer.analyse(text))")
    }

    /// Questions that protest rather than ask. A plain confirmation without those openers still asks.
    @Test("'Dus ik moet …?', 'Serieus?' and 'Heb ik het nou goed begrepen dat …?' are complaints", arguments: [
        "Dus ik moet nu zelf naar het depot rijden om mijn eigen pakket op te halen?",
        "Drie uur gewacht op de monteur en niemand kwam. Serieus?",
        "Heb ik het nou goed begrepen dat ik voortaan moet betalen voor een papieren factuur?",
    ])
    func indignantQuestions(text: String) {
        let result = analyzer.analyse(text)
        #expect(result.sentiment == .negative && result.intent == .complaint, "\(result)")
    }

    @Test("a confirmation question without a protesting opener stays a neutral question")
    func confirmationQuestion() {
        let result = analyzer.analyse("Kan ik de meterstand ook via de app doorgeven?")
        #expect(result.sentiment == .neutral && result.intent == .question, "\(result)")
    }

    /// The customer's own slip is no complaint about the company; the company's slip is.
    @Test("'ik heb per ongeluk …' with a question is a neutral question; 'jullie hebben per ongeluk' a complaint", arguments: [
        ("Ik heb per ongeluk twee keer betaald voor mijn parkeervergunning. Hoe krijg ik één betaling terug?",
         TextAnalysis.Sentiment.neutral, TextAnalysis.Intent.question),
        ("Mijn zoon heeft zich per ongeluk voor het verkeerde examen ingeschreven. Kan hij dat nog wijzigen?", .neutral, .question),
        ("Jullie hebben per ongeluk twee keer de premie afgeschreven en niemand reageert op mijn mail.", .negative, .complaint),
    ])
    func ownSlip(text: String, sentiment: TextAnalysis.Sentiment, intent: TextAnalysis.Intent) {
        let result = analyzer.analyse(text)
        #expect(result.sentiment == sentiment && result.intent == intent, "\(result)")
    }

    /// What the customer sends is no complaint; a long letter with an enclosure, or one that names its
    /// grievance, still is.
    @Test("an enclosure is neutral 'other'; a complaint with an enclosure stays a complaint", arguments: [
        ("Hierbij de foto's van de kapotte kast en de pakbon, zoals gevraagd.", TextAnalysis.Sentiment.neutral, TextAnalysis.Intent.other),
        ("Bijgevoegd het schadeformulier met de foto's van de deuk.", .neutral, .other),
        ("Hierbij dien ik een klacht in: de bezorger heeft mijn pakket kapot gegooid.", .negative, .complaint),
    ])
    func enclosure(text: String, sentiment: TextAnalysis.Sentiment, intent: TextAnalysis.Intent) {
        let result = analyzer.analyse(text)
        #expect(result.sentiment == sentiment && result.intent == intent, "\(result)")
    }

    /// Phishing and brand replies that ask for data, and a mailbox that answers for its owner.
    @Test("a request for data in the company's voice and an 'uw e-mail wordt …' reply are neutral 'other'", arguments: [
        "Beste klant, wij konden uw laatste betaling niet verwerken. Vul uw IBAN opnieuw in via mijn-betaling-nl.com om afsluiting te voorkomen.",
        "@jan_de_vries Hoi Jan, wat vervelend dat je reis niet doorgaat! Stuur je boekingsnummer en bankgegevens naar ons WhatsApp-nummer.",
        "Bedankt voor uw bericht. Ons kantoor is gesloten tot maandag. Uw e-mail wordt daarna zo snel mogelijk beantwoord.",
    ])
    func dataRequestsAndMailboxReplies(text: String) {
        let result = analyzer.analyse(text)
        #expect(result.intent == .other && result.sentiment == .neutral, "\(result)")
    }

    @Test("a customer asking the company to send a new card is no data request")
    func customerAsksForACard() {
        let result = analyzer.analyse("Mijn pinpas is gestolen. Stuur je mij een nieuwe bankpas?")
        #expect(result.intent != .other, "\(result)")
    }

    /// A friend tagged by a personal handle: no message to the company. A company's handle is not one.
    @Test("a message to a friend's handle is 'other'; the same to a company's handle is not", arguments: [
        ("@femke.devries kijk deze jas, zo mooi 😍", TextAnalysis.Intent.other),
        ("@tim_vd zaterdag pizza? Ze hebben 2 halen 1 betalen 🍕", .other),
        ("@Zalando_NL deze jas is zo mooi 😍 wanneer is hij weer op voorraad?", .question),
    ])
    func friendTag(text: String, intent: TextAnalysis.Intent) {
        #expect(analyzer.analyse(text).intent == intent, "\(analyzer.analyse(text))")
    }

    /// Asking whether there is an outage is a neutral question, symptoms and all; outrage or a repeat is not.
    @Test("'is er een storing?' with its symptoms is a neutral question; with outrage or repeats it is a complaint", arguments: [
        ("Is er een storing in Delft? Tv en internet liggen eruit sinds 20:00.", TextAnalysis.Sentiment.neutral, TextAnalysis.Intent.question),
        ("Is er een storing?? Voor de derde keer deze week geen internet, belachelijk!", .negative, .complaint),
    ])
    func outageQuestion(text: String, sentiment: TextAnalysis.Sentiment, intent: TextAnalysis.Intent) {
        let result = analyzer.analyse(text)
        #expect(result.sentiment == sentiment && result.intent == intent, "\(result)")
    }

    /// "Klant tevreden" in a call note is how the call ended.
    @Test("'klant tevreden' mid-sentence in a call note is no praise")
    func callOutcome() {
        let result = analyzer.analyse(
            "Klant belt: wil weten of de nota in termijnen betaald kan worden. Uitgelegd hoe dat gaat, klant tevreden.")
        #expect(result.intent == .question && result.sentiment == .neutral, "\(result)")
    }

    /// "… dan wacht ik … af" ends a conversation: nothing to answer, however warm.
    @Test("'dank je, dan wacht ik jullie mail af' needs no answer")
    func awaitingNextStep() {
        let result = analyzer.analyse("Prima, dank je, dan wacht ik jullie mail af.")
        #expect(result.intent == .other, "\(result)")
    }

    @Test("thanks the intent rules read as a compliment is positive even when its words weigh little")
    func complimentIsPositive() {
        let result = analyzer.analyse("Big thanks to the night staff, super patient with my terrible Dutch 🙏")
        #expect(result.intent == .compliment && result.sentiment == .positive, "\(result)")
    }

    /// A closing word or two of stock praise after a story that praises nothing and shows trouble.
    @Test("'… Applaus.' and 'Brilliant. 👏' after trouble are sarcasm; praise after a fix, or thanks after a question, is not", arguments: [
        ("De metro stond een half uur stil in de tunnel, weer eens door 'technische problemen'. Applaus.", TextAnalysis.Sentiment.negative),
        ("Missed my connection because the gate changed twice. Brilliant. 👏", .negative),
        ("Storing binnen een uur opgelost. Top!", .positive),
        ("Hoe lang duurt het voordat een 'Betaalverzoek' verwerkt is? Merci!", .neutral),
    ])
    func closingApplause(text: String, sentiment: TextAnalysis.Sentiment) {
        #expect(analyzer.analyse(text).sentiment == sentiment, "\(analyzer.analyse(text))")
    }

    /// Contesting a charge, or asking who pays for the damage, is a complaint; asking why a price differs
    /// or why a step is needed may just ask.
    @Test("'waarom moet ik … betalen?' and 'wie betaalt mijn …?' are complaints; other why-questions may ask", arguments: [
        ("Kan iemand mij uitleggen waarom ik 2 euro moet betalen voor een papieren factuur?", TextAnalysis.Intent.complaint),
        ("De trein viel uit en ik miste mijn vlucht, maar wie betaalt mijn nieuwe ticket?", .complaint),
        ("Waarom moet ik een nieuwe pas aanvragen als mijn oude nog werkt?", .question),
        ("Waarom betaalt mijn buurman minder voor hetzelfde verbruik?", .question),
    ])
    func contestedCharges(text: String, intent: TextAnalysis.Intent) {
        #expect(analyzer.analyse(text).intent == intent, "\(analyzer.analyse(text))")
    }

    /// A complaint told in plain facts is negative: the customer has a problem, whatever the words weigh.
    @Test("a complaint in plain facts is negative", arguments: [
        "'Vandaag bezorgd' stond er in de app. Dat was vrijdag. Het is nu woensdag.",
        "Mijn retourpakket is vorige week opgehaald en het geld staat nog niet op mijn rekening.",
    ])
    func plainFactComplaint(text: String) {
        let result = analyzer.analyse(text)
        #expect(result.intent == .complaint && result.sentiment == .negative, "\(result)")
    }

    /// A review's stars outweigh the words of its story, either way; three stars are left to the words.
    @Test("a review's stars decide its sentiment and intent", arguments: [
        ("★★★★★ Pakket kwam een dag te laat, maar de klantenservice heeft het meteen goedgemaakt met een tegoedbon.",
         TextAnalysis.Sentiment.positive, TextAnalysis.Intent.compliment),
        ("2 sterren: de app ziet er mooi uit maar inloggen lukt om de dag niet.", .negative, .complaint),
        ("De bezorger was vriendelijk en op tijd, dat wel. Maar de kast was beschadigd en niemand reageert op mijn mail. ★★☆☆☆",
         .negative, .complaint),
    ])
    func starRatings(text: String, sentiment: TextAnalysis.Sentiment, intent: TextAnalysis.Intent) {
        let result = analyzer.analyse(text)
        #expect(result.sentiment == sentiment && result.intent == intent, "\(result)")
        #expect(result.evidence.contains { $0.kind == "sentiment" && $0.text.contains("ster") || $0.text.contains("★") }, "\(result)")
    }

    @Test("a score, a deduction or a lone star is no rating", arguments: [
        "Wist u dat uw score kan stijgen naar 4,8 sterren? Reageer voor een offerte.",
        "Top geholpen, 1 ster eraf voor de wachttijd.",
        "Snel geleverd ⭐",
    ])
    func noStarRating(text: String) {
        let tokens = analyzer.expandHashtags(analyzer.tokenizer.tokenize(text))
        #expect(analyzer.starRating(tokens, from: 0) == nil)
    }

    @Test("a question beside an eye-roll is a complaint")
    func eyeRollQuestion() {
        let result = analyzer.analyse("Mijn pakket is naar het verkeerde adres gestuurd. Lezen jullie de adressen eigenlijk wel? 🙃")
        #expect(result.intent == .complaint, "\(result)")
    }

    @Test("accepting an offer closes the complaint: no compliment, nothing to answer")
    func acceptsOffer() {
        let result = analyzer.analyse("Akkoord met het tegoed van €20, dank voor het meedenken.")
        #expect(result.intent == .other, "\(result)")
    }

    /// A call note says why the customer called and how they were; its trouble words tell what it was about.
    @Test("a call note's purpose and the customer's mood in it decide", arguments: [
        ("Klant belt: wil weten of de monteur morgen ook 's ochtends kan komen, cv-ketel lekt. Afspraak verzet. Klant rustig.",
         TextAnalysis.Sentiment.neutral, TextAnalysis.Intent.question),
        ("Klant belt: monteur twee keer niet gekomen. Klant niet akkoord met nieuwe datum, wil compensatie.", .negative, .complaint),
        ("Klant belt: wil weten wanneer de storing voorbij is. Zeer ontevreden over de bereikbaarheid.", .negative, .complaint),
        ("Mevrouw belt alleen om te bedanken: inbraakschade binnen een week vergoed, ze was erg in paniek geweest na de inbraak.", .positive, .compliment),
    ])
    func callNotes(text: String, sentiment: TextAnalysis.Sentiment, intent: TextAnalysis.Intent) {
        let result = analyzer.analyse(text)
        #expect(result.sentiment == sentiment && result.intent == intent, "\(result)")
    }

    @Test("'Compliment voor …' frames the trouble told after it, unless irony shows", arguments: [
        ("Compliment voor de medewerkster die mij gisteren hielp. Ik belde voor de vierde keer over mijn kapotte wasmachine en was eerlijk gezegd ziedend.",
         TextAnalysis.Sentiment.positive),
        ("Complimenten aan de NS, alweer een halfuur vertraging 🙄", .negative),
    ])
    func complimentFrame(text: String, sentiment: TextAnalysis.Sentiment) {
        #expect(analyzer.analyse(text).sentiment == sentiment, "\(analyzer.analyse(text))")
    }

    @Test("a question after 'Compliment voor …' still wants its answer")
    func complimentFrameWithQuestion() {
        let result = analyzer.analyse("Compliment voor de nieuwe app! Kan ik er ook mee sparen?")
        #expect(result.intent == .question, "\(result)")
    }

    @Test("years with a company are loyalty, not a wait")
    func tenureIsNoWait() {
        let result = analyzer.analyse("Al twaalf jaar bij jullie en nooit een probleem gehad.")
        #expect(!result.cues.contains("duration") && result.sentiment != .negative, "\(result)")
    }

    @Test("'renovatie' is no ovation")
    func renovationIsNeutral() {
        let result = analyzer.analyse("Sinds de renovatie van de hal werkt de lift niet meer.")
        #expect(result.sentiment == .negative && !result.evidence.contains { $0.weight > 0.3 }, "\(result)")
    }

    @Test("a call note that only passes something on, or needs nothing more, is calm and needs no answer")
    func callNoteNotice() {
        let result = analyzer.analyse("Klant belt terug ivm ontbrekende factuur. Heeft hem inmiddels zelf gevonden in de app. Niets meer nodig.")
        #expect(result.intent == .other && result.sentiment == .neutral, "\(result)")
    }

    @Test("thanks after a question are politeness, not sarcasm about the trouble before it")
    func thanksAfterQuestion() {
        let result = analyzer.analyse("Mijn pas is kwijt en de winkel is dicht. Kan ik met mijn rijbewijs een pakket ophalen? Merci!")
        #expect(result.intent == .question && !result.evidence.contains { $0.text == "Merci" && $0.weight < 0 }, "\(result)")
    }

    @Test("help that came within the hour earns the closing praise")
    func fastHelpEarnsPraise() {
        let result = analyzer.analyse("Gisteren een lekkage gemeld bij de meterkast. Binnen het uur stond er een loodgieter. Chapeau!")
        #expect(result.sentiment == .positive && result.intent == .compliment, "\(result)")
    }

    @Test("'Moet eerlijk zeggen dat …' tells, it does not ask")
    func mustSayTells() {
        let result = analyzer.analyse("Moet eerlijk zeggen dat de nieuwe app veel beter werkt dan de oude.")
        #expect(result.intent == .compliment, "\(result)")
    }

    @Test("'dan hoor ik het wel' and 'mag het dossier dicht' close the conversation", arguments: [
        "ok top, dan hoor ik het wel",
        "Top, het geld staat erop. Wat mij betreft mag het dossier dicht.",
    ])
    func closingTheCase(text: String) {
        #expect(analyzer.analyse(text).intent == .other, "\(analyzer.analyse(text))")
    }

    @Test("'Can I still …?' asks whether there is time left; it repeats no trouble")
    func canIStill() {
        let result = analyzer.analyse("Can I still change the date of my flight to Lisbon?")
        #expect(result.intent == .question && !result.cues.contains("repeat") && result.sentiment == .neutral, "\(result)")
    }

    @Test("thanks in advance ask, they do not praise; nor do thanks before the writer's name")
    func politeClosings() {
        let inAdvance = analyzer.analyse("Geachte heer/mevrouw, mag ik een dakkapel plaatsen op mijn huurwoning? Bij voorbaat dank voor uw antwoord.")
        #expect(inAdvance.intent == .question && inAdvance.sentiment == .neutral, "\(inAdvance)")
        let signed = analyzer.analyse("Could someone tell me which form I need for the parking permit? Thanks, Priya")
        #expect(signed.intent == .question && signed.sentiment == .neutral, "\(signed)")
    }

    @Test("'Nvm, …' takes the message back")
    func neverMind() {
        let result = analyzer.analyse("Nvm, had het verkeerde wachtwoord ingetikt 🤦")
        #expect(result.intent == .other && result.sentiment == .neutral, "\(result)")
    }

    @Test("'??' alone chases an answer; a question the writer answers with 'Nee hoor' protests", arguments: [
        "??",
        "Stond een uur op het perron in Zwolle. Omgeroepen? Nee hoor.",
    ])
    func chasingMarks(text: String) {
        let result = analyzer.analyse(text)
        #expect(result.intent == .complaint && result.sentiment == .negative, "\(result)")
    }

    @Test("'#nooitweer' threatens to leave, as '#nooitmeer' does")
    func neverAgainHashtag() {
        #expect(analyzer.analyse("#nooitweer drie uur vertraging en geen water aan boord").cues.contains("churn_threat"))
    }

    @Test("a practical question during an outage asks without anger; shouting beside it stays negative", arguments: [
        ("Alle treinen tussen Zwolle en Deventer zijn uitgevallen door de storm. Rijden er bussen?", TextAnalysis.Sentiment.neutral),
        ("Alle treinen uitgevallen en in de app staat NIKS. Rijden er bussen?", .negative),
    ])
    func outageQuestion(text: String, sentiment: TextAnalysis.Sentiment) {
        let result = analyzer.analyse(text)
        #expect(result.intent == .question && result.sentiment == sentiment, "\(result)")
    }

    @Test("'Hallo?' alone asks nothing yet")
    func helloAlone() {
        #expect(analyzer.analyse("Hallo?").intent == .other)
    }

    @Test("'verder niks dan lof' is praise")
    func nothingButPraise() {
        let result = analyzer.analyse("Kamer was klein, maar verder niks dan lof!")
        #expect(result.sentiment == .positive && result.intent == .compliment, "\(result)")
    }

    @Test("'een overzicht' is no praise, and a skipped bin no success", arguments: [
        ("Kunt u mij een overzicht van mijn betalingen sturen?", TextAnalysis.Sentiment.neutral),
        ("De ophaaldienst heeft onze container nu drie weken op rij overgeslagen. Graag deze week alsnog legen.", .negative),
    ])
    func falseFriendsOfPraise(text: String, sentiment: TextAnalysis.Sentiment) {
        #expect(analyzer.analyse(text).sentiment == sentiment, "\(analyzer.analyse(text))")
    }

    @Test("'Is het normaal dat …?' and 'Waarom moet ik …?' contest what happened: a negative complaint", arguments: [
        "is het normaal dat de incasso van mijn zorgpremie deze maand 2x van mijn rekening is gehaald?",
        "Waarom moet ik voor een parkeervergunning eerst de DigiD-app hebben? Mijn moeder van 79 heeft geen smartphone.",
        "Is it normal that I was charged twice for one appointment?",
    ])
    func contestingQuestions(text: String) {
        let result = analyzer.analyse(text)
        #expect(result.intent == .complaint && result.sentiment == .negative, "\(result)")
    }

    @Test("an English question opening with its verb asks whether nothing changed; 'still not' and 'why … still' stay a repeat", arguments: [
        ("Hi there, is the gym open on King's Day, and are the group classes still on that day?", false),
        ("Is my parcel still not delivered?", true),
        ("Why is my refund still pending?", true),
    ])
    func englishStill(text: String, repeated: Bool) {
        let result = analyzer.analyse(text)
        #expect(result.cues.contains("repeat") == repeated, "\(result)")
        if !repeated { #expect(result.intent == .question && result.sentiment == .neutral, "\(result)") }
    }

    @Test("asking how to cancel after 'klein vraagje:' is no threat to leave")
    func cancellingQuestionAfterColon() {
        let result = analyzer.analyse("Dag Telenet, klein vraagje: kan ik mijn abonnement maandelijks opzeggen of zit ik vast voor een jaar? Merci!")
        #expect(!result.cues.contains("churn_threat") && result.intent == .question && result.sentiment == .neutral, "\(result)")
    }

    @Test("a message to friends by their handles, a year of birth among them, is no word to the company", arguments: [
        "@joris_86 hahaha die kassabon op de foto, dat zijn wij elke vrijdagavond 😂",
        "@nina_vh @joris_86 vanavond sushi? 🍣",
    ])
    func friendsByHandle(text: String) {
        #expect(analyzer.analyse(text).intent == .other, "\(analyzer.analyse(text))")
    }

    @Test("topics: a letter's 'Met vriendelijke groet' says nothing of treatment, a flight is no disruption until it is cancelled, a hotel's breakfast and room are its quality", arguments: [
        ("Geachte heer/mevrouw, graag ontvang ik een kopie van mijn polis. Met vriendelijke groet, Jan de Vries", "bejegening", false),
        ("De medewerker aan de balie was onvriendelijk en kortaf.", "bejegening", true),
        ("Mag mijn kind gratis mee op schoot op een vlucht naar Curaçao?", "storing", false),
        ("Onze vlucht naar Lissabon is geannuleerd door de storm.", "storing", true),
        ("Ik heb uw brief van 3 mei ontvangen en heb nog een vraag over de termijn.", "levering", false),
        ("Het ontbijt was koud en de kamer was niet schoon.", "kwaliteit", true),
        ("Mijn termijnbedrag is zonder bericht verhoogd.", "prijs", true),
        ("De conducteur zette ons gewoon uit de trein.", "bejegening", true),
        ("Hoe kan ik mijn lidmaatschap opzeggen?", "account", true),
    ])
    func topicWords(text: String, topic: String, found: Bool) {
        #expect(analyzer.analyse(text).topics.contains(topic) == found, "\(analyzer.analyse(text).topics)")
    }

    @Test("praise beside a yes-or-no question opening with its verb: the question is what must be answered")
    func praiseBesideVerbFirstQuestion() {
        let result = analyzer.analyse("Fijn dat jullie mijn laptopscherm binnen een dag hebben vervangen, echt top! Zit er op zo'n reparatie ook garantie, en hoe lang?")
        #expect(result.intent == .question && result.sentiment == .positive, "\(result)")
    }

    @Test("a new address, information sent as asked, and a case the customer closes need no answer", arguments: [
        "Hoi, ik ben per 1 juni verhuisd naar Nieuwstraat 8, 7411 LG Deventer. Willen jullie mijn bezorgadres aanpassen? Klantnummer 400291.",
        "Ordernummer 2210-88174, zoals gevraagd. De foto van de kapotte eieren heb ik hierboven gestuurd.",
        "Ontvangen, alles klopt! Wat mij betreft mag het ticket dicht. Fijn weekend 🙂",
    ])
    func needsNoAnswer(text: String) {
        #expect(analyzer.analyse(text).intent == .other, "\(analyzer.analyse(text))")
    }

    @Test("'Nooit. Meer.' threatens to leave; 'sinds gisteren klant' is no wait; 'had een vraag … geholpen' thanks")
    func spelledThreatNewCustomerEarlierQuestion() {
        #expect(analyzer.analyse("Nooit. Meer. #Thuisbezorgd").cues.contains("churn_threat"))
        let fan = analyzer.analyse("Had een vraag over mijn abonnement en werd geholpen door Ruben in de winkel. Sinds gisteren klant en nu al fan 🙌")
        #expect(!fan.cues.contains("duration") && fan.intent == .compliment, "\(fan)")
    }

    @Test("a stem lends a listed word's weight only to forms of the same derivation", arguments: [
        // "achterlijk", "voorkomend" and "voldoende" share stems with these; they lend nothing.
        ("Er zat niemand achter de balie, dus ik kom morgen terug.", "achter", false),
        ("Hoe kan ik voorkomen dat mijn pas opnieuw wordt geblokkeerd?", "voorkomen", false),
        ("Ik wil de openstaande factuur voldoen, naar welk rekeningnummer moet dat?", "voldoen", false),
        // An unlisted plural still reads as its singular.
        ("Weer twee afwijzingen zonder uitleg, terwijl ik alles had ingeleverd.", "afwijzingen", true),
        // "gereden" (driven) is no "gered" (saved), which still weighs.
        ("Occasion vorige week gekocht, pas 200 km gereden en nu brandt het motorlampje.", "gereden", false),
        ("De wegenwacht heeft onze vakantie gered!", "gered", true),
    ])
    func derivedStems(text: String, word: String, weighs: Bool) {
        let result = analyzer.analyse(text)
        let weighed = result.evidence.contains { $0.kind == "sentiment" && $0.text.lowercased() == word }
        #expect(weighed == weighs, "\(result)")
    }

    @Test("'slimme meter' is a device, and a tax return ('aangifte') no escalation; reporting the company still is", arguments: [
        ("Kan de monteur de slimme meter ook op zaterdag komen plaatsen?", false),
        ("Moet ik mijn Duitse inkomen opgeven in mijn aangifte?", false),
        ("Als het geld morgen niet terug is, ik doe aangifte.", true),
    ])
    func smartMeterAndTaxReturn(text: String, escalates: Bool) {
        let result = analyzer.analyse(text)
        #expect(result.cues.contains("escalation") == escalates, "\(result)")
        if !escalates { #expect(result.sentiment == .neutral && result.intent == .question, "\(result)") }
    }

    @Test("an echo question ('Eigenlijk?') doubts what was said: the message stays a complaint")
    func echoQuestion() {
        let result = analyzer.analyse(
            "De man aan de balie zei dat ze dat eigenlijk nooit terugnemen. Eigenlijk? Het staat gewoon in jullie voorwaarden. Ik voelde me echt een zeur.")
        #expect(result.intent == .complaint && result.sentiment == .negative, "\(result)")
    }

    @Test("a wait the customer wants to head off is no wait")
    func avertedWait() {
        let result = analyzer.analyse(
            "Geachte heer/mevrouw, mijn uitkering stopt per 1 mei. Ik wil voorkomen dat ik twee maanden zonder inkomen zit. Wanneer hoor ik iets?")
        #expect(!result.cues.contains("duration") && result.sentiment == .neutral && result.intent == .question, "\(result)")
    }

    @Test("a score out of ten or five closes the review; a date written the same way does not", arguments: [
        ("Lekke band onderweg, binnen een half uur een vervangende fiets gekregen. 10/10", TextAnalysis.Sentiment.positive),
        ("Eten lauw, bediening nergens te bekennen. 3/10", .negative),
        ("Mijn nieuwe abonnement gaat per 1/10 in.", .neutral),
    ])
    func scoresOutOfTen(text: String, sentiment: TextAnalysis.Sentiment) {
        let result = analyzer.analyse(text)
        #expect(result.sentiment == sentiment, "\(result)")
        #expect(result.evidence.contains { $0.text.contains("/") } == (sentiment != .neutral), "\(result)")
    }

    @Test("'Beste … ooit' is a superlative, 'Beste klantenservice,' a greeting, and the best decision to leave no praise", arguments: [
        ("Beste kapper ooit! Eindelijk een knipbeurt die ik zelf kan bijhouden.", TextAnalysis.Sentiment.positive),
        ("Beste klantenservice, wanneer wordt mijn bestelling bezorgd?", .neutral),
        ("Vanaf vandaag geen klant meer bij jullie. Beste beslissing ooit.", .negative),
    ])
    func bestEver(text: String, sentiment: TextAnalysis.Sentiment) {
        #expect(analyzer.analyse(text).sentiment == sentiment, "\(analyzer.analyse(text))")
    }

    @Test("a message that opens on praise and 'hoor' and goes on is ironic, unless it thanks", arguments: [
        ("Lekker bezig hoor @Eneco, een voorschot van 300 euro per maand voor een tweekamerflat.", TextAnalysis.Sentiment.negative),
        ("Goed bezig hoor, de lift staat sinds vrijdag stil en de monteur komt pas volgende week.", .negative),
        ("Top hoor, dank je wel voor het snelle antwoord!", .positive),
    ])
    func openingPraiseHoor(text: String, sentiment: TextAnalysis.Sentiment) {
        #expect(analyzer.analyse(text).sentiment == sentiment, "\(analyzer.analyse(text))")
    }

    @Test("a prize to claim at a bare .info address is spam")
    func bareInfoLinkSpam() {
        let result = analyzer.analyse("Beantwoord 2 vragen en claim je tankpas van 50 euro 👉 tank-actie-nl.info")
        #expect(result.intent == .other, "\(result)")
    }

    @Test("'??' to friends is eagerness, not exasperation")
    func doubledMarksToFriends() {
        let result = analyzer.analyse("@sanne_vd kijk, de ijsbaan op het plein is weer open 😍 zaterdag??")
        #expect(result.intent == .other && result.sentiment == .positive, "\(result)")
    }

    @Test("'Wat een service.' praises after help and turns after trouble", arguments: [
        ("Mijn moeder kon de trap niet meer op; de monteur heeft de meter zonder morren naar beneden verplaatst. Wat een service.", TextAnalysis.Sentiment.positive),
        ("Al twee weken geen internet en niemand die terugbelt. Wat een service.", .negative),
    ])
    func whatAService(text: String, sentiment: TextAnalysis.Sentiment) {
        #expect(analyzer.analyse(text).sentiment == sentiment, "\(analyzer.analyse(text))")
    }

    @Test("help 'binnen een half uur' earns its closing praise; 'weer' before a verb of running is service back, not a sigh; the Flemish 'eer' (before) is no honour", arguments: [
        ("Lekke band op de snelweg, de wegenwacht had me binnen een half uur weer op weg. Top!", TextAnalysis.Sentiment.positive),
        ("Top dat bus 12 weer elke tien minuten rijdt! Geldt dat ook in de vakantie?", .positive),
        ("Top dat bus 12 weer niet rijdt. Derde keer deze week.", .negative),
        ("Hoe lang gaat dat nog duren eer mijn pakket er is?", .neutral),
    ])
    func againOnTheRoad(text: String, sentiment: TextAnalysis.Sentiment) {
        #expect(analyzer.analyse(text).sentiment == sentiment, "\(analyzer.analyse(text))")
    }

    @Test("praise, then a sentence opening on 'Maar' in plain words: the praise was the run-up", arguments: [
        ("De monteur was top. Maar twee weken op een afspraak wachten en dan drie uur te laat komen.", TextAnalysis.Sentiment.negative),
        ("Prima gegeten! Maar €12 voor een glas huiswijn met de fles erbij op tafel?", .negative),
        // Praise after "Maar" is meant.
        ("Super geholpen door Ilse aan de telefoon. Maar ook de monteur was erg vriendelijk.", .positive),
    ])
    func butOpensTheNextSentence(text: String, sentiment: TextAnalysis.Sentiment) {
        let result = analyzer.analyse(text)
        #expect(result.sentiment == sentiment, "\(result)")
        if sentiment == .negative { #expect(result.intent != .compliment, "\(result)") }
    }

    @Test("the clock tells the wait: a time now a quarter of an hour or more after a time named earlier", arguments: [
        ("Trein van 08:05 stond op het bord. Het is nu 08:50.", true),
        ("Bezorging tussen 17:00 en 18:00 beloofd. Inmiddels 19:15.", true),
        // Ten minutes is no wait, and times without a "now" are a timetable.
        ("Om 09:00 gebeld. Nu 09:10 al teruggebeld, top!", false),
        ("Is de winkel zaterdag open van 09:00 tot 18:00?", false),
    ])
    func clockTellsTheWait(text: String, waited: Bool) {
        let result = analyzer.analyse(text)
        #expect(result.cues.contains("duration") == waited, "\(result)")
        if waited { #expect(result.intent == .complaint && result.sentiment == .negative, "\(result)") }
    }

    @Test("the customer counting the days of trouble waits; 'vanaf dag 1' counts nothing", arguments: [
        ("Dag 5 zonder internet. @Ziggo", true),
        ("Stand van zaken: dag 12. Nog steeds niemand geweest.", true),
        ("Vanaf dag 1 was het fijn wonen hier.", false),
        ("Op dag 3 van de cursus kregen we het boek.", false),
    ])
    func countsTheDays(text: String, waited: Bool) {
        let result = analyzer.analyse(text)
        #expect(result.cues.contains("duration") == waited, "\(result)")
        if waited { #expect(result.intent == .complaint, "\(result)") }
    }

    @Test("a customer who only gets an automatic reply complains; the automatic reply itself is none")
    func toldOfAnAutoReply() {
        let told = analyzer.analyse("Ik mail al een week en krijg alleen een automatisch antwoord terug.")
        #expect(told.intent == .complaint && told.sentiment == .negative, "\(told)")
        let autoReply = analyzer.analyse("Dit is een automatisch antwoord. Ik ben tot 3 maart afwezig.")
        #expect(autoReply.intent == .other && autoReply.sentiment == .neutral, "\(autoReply)")
    }

    @Test("the customer who must pay back makes a payment, not a refund")
    func customerPaysBack() {
        let paying = analyzer.analyse("Nu moet ik 800 euro kinderbijslag terugbetalen omdat jullie een fout maakten.")
        #expect(paying.sentiment == .negative && paying.topics.contains("betaling") && !paying.topics.contains("terugbetaling"), "\(paying)")
        let refund = analyzer.analyse("Jullie moeten mij nog 40 euro terugbetalen.")
        #expect(refund.topics == ["terugbetaling"], "\(refund)")
    }

    @Test("luck within a sentence is no praise; 'Gelukkig is alles goed gekomen' and 'heel gelukkig met' are", arguments: [
        ("Monteur liet de gaskraan open staan. Mijn buurman rook het gelukkig.", false),
        ("Gelukkig is alles goed gekomen, dank jullie wel", true),
        ("Ik ben heel gelukkig met mijn nieuwe bank.", true),
        ("Nieuwe keuken staat er. Ik ben er gelukkig mee!", true),
    ])
    func luckOrHappiness(text: String, praise: Bool) {
        let result = analyzer.analyse(text)
        #expect((result.sentiment == .positive) == praise && (result.intent == .compliment) == praise, "\(result)")
    }

    @Test("no apology is a grievance", arguments: [
        "Bij het ophalen van de fiets geen sorry, alleen een schouderophaal.",
        "Reparatie duurde twee dagen langer, geen sorry.",
    ])
    func noApology(text: String) {
        let result = analyzer.analyse(text)
        #expect(result.sentiment == .negative && result.intent == .complaint, "\(result)")
    }

    @Test("'25 min' is a wait")
    func minutesAbbreviated() {
        let result = analyzer.analyse("zit al 25 min in de chat te wachten, wil alleen weten waar mijn pakket is")
        #expect(result.cues.contains("duration") && result.intent == .complaint, "\(result)")
    }

    @Test("a message taken back or sent to the wrong company needs no answer", arguments: [
        "Mijn zoon heeft per ongeluk op 'account verwijderen' getikt, dat was niet de bedoeling. Graag negeren!",
        "Oeps, dit bericht was voor de huisarts van mijn vader bedoeld, niet voor jullie. Sorry!",
    ])
    func takenBack(text: String) {
        let result = analyzer.analyse(text)
        #expect(result.intent == .other && result.sentiment == .neutral, "\(result)")
    }

    @Test("a move is about the customer's account, money back is a refund, a price per head a price", arguments: [
        ("Ik verhuis per 1 maart naar Kampen. Kan ik mijn internetabonnement meenemen?", "account"),
        ("Wanneer kan ik mijn borg terugkrijgen? De sleutels heb ik vorige week ingeleverd.", "terugbetaling"),
        ("50 euro per persoon en dan is de helft van de attracties dicht.", "prijs"),
    ])
    func movesRefundsAndPrices(text: String, topic: String) {
        #expect(analyzer.analyse(text).topics.contains(topic), "\(analyzer.analyse(text))")
    }

    @Test("a call note that records a move is a notice, not a complaint")
    func moveNotice() {
        let result = analyzer.analyse("Klant belt: verhuist per 1 mei naar Assen, nieuw adres ingevoerd.")
        #expect(result.intent == .other && result.sentiment == .neutral && result.topics.contains("account"), "\(result)")
    }

    @Test("'free' twice beside an eye-roll is a complaint about a charge, not spam")
    func eyeRollIsNoSpam() {
        let result = analyzer.analyse("Gratis verzending zeggen ze, en dan toch €3,95 op de factuur 🙄 heel gratis")
        #expect(result.intent == .complaint && result.sentiment == .negative, "\(result)")
    }

    @Test("English: no reply and a cash grab complain", arguments: [
        "Your technician left a hole in our kitchen wall. Three emails, no reply.",
        "€60 for a bag that was 1 cm too big. Pure cash grab.",
    ])
    func englishNoReply(text: String) {
        let result = analyzer.analyse(text)
        #expect(result.intent == .complaint && result.sentiment == .negative, "\(result)")
    }

    @Test("the customer telling the next step they take needs no answer")
    func customerSendsNextStep() {
        let result = analyzer.analyse("Duidelijk, dank je! Dan stuur ik de foto's van de schade morgenochtend nog door 👍")
        #expect(result.intent == .other && result.sentiment == .positive, "\(result)")
    }
}

@Suite("Dutch analyser: denials")
struct DenialTests {
    let analyzer = sharedAnalyzer

    @Test("a denial right after praise takes it back; nobody getting back to the customer is a failure", arguments: [
        "Er is helemaal niemand teruggekomen bij mij. Opgelost?? Echt niet!",
        "Opgelost?? Echt niet!",
        "Er is niemand bij mij teruggekomen.",
    ])
    func denialAfterPraise(text: String) {
        let result = analyzer.analyse(text)
        #expect(result.sentiment == .negative && result.intent == .complaint, "\(result)")
        #expect(!result.evidence.contains { $0.kind == "sentiment" && $0.weight > 0 }, "\(result)")
    }

    @Test("praise followed by more than a denial stays praise")
    func praiseThenMore() {
        let result = analyzer.analyse("Opgelost! Echt niet verwacht dat het zo snel zou gaan.")
        #expect(result.sentiment != .negative, "\(result)")
    }
}

@Suite("Dutch analyser: the shipped model's topic evidence")
struct ModelTopicEvidenceTests {
    let analyzer = sharedAnalyzer

    @Test("a topic the model adds points at a word of substance, never at 'wat', 'was' or 'me'", arguments: [
        "De storm raast over het land",
        "Wat een storm vandaag",
        "Niemand heeft me teruggebeld, terwijl dat beloofd was",
        "Niemand heeft me teruggebeld.",
    ])
    func evidenceIsNoFunctionWord(text: String) throws {
        let shipped = try #require(TrainedModels.bundledClassifier)
        let result = shipped.apply(analyzer.analyse(text), text: text)
        for evidence in result.evidence where evidence.kind.hasPrefix("topic:") {
            #expect(!["wat", "was", "me", "het", "de", "een", "dat", "heeft", "over", "niemand"].contains(evidence.text.lowercased()), "\(result)")
        }
        // Every topic has its evidence.
        for topic in result.topics { #expect(result.evidence.contains { $0.kind == "topic:" + topic }, "\(result)") }
    }

    @Test("one word that weighs little for a topic does not add it")
    func singleWeakWord() throws {
        let shipped = try #require(TrainedModels.bundledClassifier)
        let text = "Wat een storm vandaag"
        #expect(!shipped.apply(analyzer.analyse(text), text: text).topics.contains("kwaliteit"))
    }
}
