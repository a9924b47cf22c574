/// The coach's word lists. Phrases use the PhrasePattern notation: "a|b" alternatives, "x*" a
/// prefix, "_N" up to N words in between, "#" a number. Everything is lowercase with diacritics
/// folded, as the tokenizer normalises ("privébericht" → "privebericht").
enum CoachPhrases {
    /// Parties a reply can pass the blame to: "de vervoerder", "ons expertisebureau", "de netbeheerder".
    static let party = "*vervoerder|*bureau|*partner|*beheerder|*leverancier|*hersteller|*afhandelaar|*platform|*provider|*fabrikant|*verhuurder|*installateur|*aannemer|*koerier"

    // MARK: Dutch

    static let dutch: [(Cue, [String])] = [
        (.apology, [
            "excuses", "excuus", "sorry", "spijt", "spijtig", "betreur*", "verontschuldig*", "pardon",
            "wat|erg|heel|echt|zeer|super|ontzettend|enorm|hartstikke|bijzonder|vreselijk|best|ook vervelend",
            "vervelend dat|om|voor|zeg|hoor|van|is|!", "is|was _2 vervelend", "balen", "baal|baalt|balend", "wat|erg|heel|echt jammer", "jammer dat",
            "had|hadden|heeft|hebben _2 niet|nooit mogen gebeuren|gebeurd", "mag|mocht niet|nooit gebeuren", "niet goed gegaan|gelopen",
            "ging|is|gaat _2 niet goed|mis|fout", "dat|dit is|was _2 niet goed|netjes|oke|ok|acceptabel|zoals",
            "niet de bedoeling", "terecht", "onze|mijn fout", "fout van ons|onze", "schaam*", "wat|echt|heel rot", "rot dat|voor",
            "wat|echt|heel|erg naar", "wat een gedoe|ellende|pech|toestand|domper", "pech", "frustrerend|frustratie|teleurstelling|ergernis|balen",
            "klopt inderdaad", "u|je heeft|hebt _2 gelijk", "heeft|hebt u|je _2 gelijk", "had|hadden _3 anders|beter gemoeten|moeten|gekund", "hoort _3 niet", "zo hoort het niet",
            "ik|we|wij begrijp|begrijpen|snap|snappen _4 boos|frustrerend|teleurgesteld|vervelend|geergerd|geirriteerd|balen|frustratie",
            "onacceptabel", "niet zo horen", "niet wat u|je mag verwachten", "niet wat je|u van ons",
        ]),
        (.conditional, [
            "eventuele|eventueel|eventuelen", "mogelijke|mogelijk ongemak|overlast|ongerief", "indien", "voor zover", "mocht|mochten u|je|jij|dit|dat|het|er|uw|jouw",
            "als _4 gevoeld|gevoel|voelt|voelde|ervaren|ervaart|overkwam|overkomt|opgevat",
            "als dit|dat|het _3 zo|geval|zou", "als er _3 iets", "als|indien dit|dat|het _4 veroorzaakt|geleid|gezorgd|overgekomen|bezorgd", "wellicht", "zo overkomt|overkwam|overgekomen", "zo _4 overgekomen|overkwam|overkomt",
            "ongemak dat u|je _3 ervaren|ervaart|ondervonden|heeft|hebt",
            "bij u|je|jou _4 veroorzaakt|opgeroepen|teweeggebracht|gewekt|losgemaakt", "onrust|ophef|commotie|ongerustheid _3 veroorzaakt|gegeven|geleid|opgeleverd",
            "de indruk _3 gewekt|ontstaan|gekregen|heeft|hebt", "het gevoel _3 gekregen|gegeven",
        ]),
        (.feelings, [
            "dat u|je|jij _4 ervaart|ervaren|ervaarde|beleeft|beleefd|beleefde|voelt|voelde|opvat|opgevat|vindt|vond|gevoeld|denkt|dacht",
            "dat u|je|jij _3 teleurgesteld|ontevreden|boos|geirriteerd|gefrustreerd|ontstemd|gestoord|geergerd|gekwetst|beledigd|ontdaan|overstuur",
            "dat u|je|jij _3 niet tevreden", "u|je _2 zo voelt|voelde",
        ]),
        (.but, [
            "maar", "echter", "desondanks", "helaas", "wel is het zo", "neemt niet weg", "toch is", "niettemin", "alleen", "het is wel zo", "wel zo dat", "al komt",
            // "Sorry voor de verwarring, al staat dat ook in de app": a concession that takes it back.
            "al staat|stond|staan|wordt|worden|bieden|hanteren|geldt|gelden",
        ]),
        (.explanation, [
            "dit|dat|het komt|kwam _2 doordat|omdat|door|vanwege", "komt|kwam dit|dat|het _2 doordat|omdat|door|vanwege",
            "komt|komen|kwam|kwamen meestal|vaak|doorgaans|soms|altijd door|doordat", "uitzonderlijk|erg|extra|heel|extreem|enorm|ontzettend|bijzonder druk", "de drukte", "wegens", "vanwege", "door de|het drukte|storing|weer|omstandigheden|vakantie|feestdagen",
            // "… vielen veel chauffeurs tegelijk uit door een storing in onze routeplanner": what happened on our side.
            "door een storing|staking|ziekmelding|defect|tekort|uitval",
            "door drukte|omstandigheden|overmacht", "doordat", "omdat", "dit|dat ligt|lag aan|bij", "de oorzaak", "het gevolg van", "in verband met",
            "ivm", "i.v.m", "drukte", "overmacht",
        ]),
        (.defensive, [
            "helaas is|zijn|was het|dit|dat|er", "helaas kunnen|kan|kon|mogen|mag|hanteren|geldt|gelden|valt|vallen|dienen|moeten|moet|hebben|heeft|bieden|doen",
            "volgens _2 *voorwaarden|*regels|*beleid|*afspraken|*richtlijnen|*systeem|systemen|gegevens|administratie|informatie|wet|protocol|*reglement|*overeenkomst|*contract",
            "zoals vermeld|aangegeven|beschreven|vermeldt|gecommuniceerd|staat|eerder|bekend|gemeld|vastgelegd|afgesproken",
            "zoals _4 staat|stond|vermeld|aangegeven|beschreven|vermeldt|gecommuniceerd|gemeld|afgesproken|aangekondigd",
            "altijd|standaard|uitsluitend|automatisch|toegestaan|verboden|verplicht|aangekondigd|geldig|overmacht",
            "geldt|gelden|gold|golden _3 alleen|voor|bij|niet|uitsluitend", "op basis van", "mag|mogen _3 niet", "alleen _2 geldig|mogelijk|bij|voor|als|op",
            "wordt|worden|is|zijn|kan|kunnen alleen", "al onze", "bij|voor alle", "alle _2 worden",
            "in verband met", "i.v.m", "ivm", "wij|we hanteren", "hanteren wij|we", "door de drukte", "door drukte|omstandigheden",
            "ons|onze *beleid|*voorwaarden|*regels", "het beleid", "het is|was _2 niet mogelijk", "dat|dit is _2 niet mogelijk", "conform",
            "wij|we zijn _2 niet aansprakelijk|verantwoordelijk", "valt _2 buiten", "op grond van", "de _2 voorwaarden", "u|je dient",
            "in principe", "wij|we wijzen _3 op", "willen _3 wijzen op", "wijzen wij|we _3 u|je _2 erop|op", "graag wijzen", "uit _3 blijkt", "blijkt uit",
            "wij|we kunnen|mogen _2 niet|geen", "kunnen|mogen wij|we _3 niet|geen", "het is zo dat", "feit is", "wegens", "vanwege",
            "dit|dat ligt|lag niet aan|bij", "niet aan ons", "buiten onze schuld", "regels zijn regels", "daar gaan wij|we niet over",
            "wij|we zijn _2 afhankelijk", "zijn|is _2 afhankelijk van", "wij|we zijn _2 niet verantwoordelijk", "uitgesloten", "staat _3 vermeld|beschreven|aangegeven",
        ]),
        (.blame, [
            "u|je|jij had|hadden _8 moeten|gemoeten", "u|je|jij had|hadden _3 beter|eerder|zelf|even|gewoon",
            "had|hadden u|je|jij _5 gelezen|gecontroleerd|gekeken|bekeken|nagekeken|gemeld|gebeld|gevolgd|bewaard|ingevuld|aangemeld|opgelet|geregistreerd|opgezegd|gedaan|moeten|beter|goed",
            "zoals _2 duidelijk|expliciet|ook|al|nadrukkelijk|gewoon _2 vermeld|aangegeven|beschreven|vermeldt|staat|gecommuniceerd|vermelden|te lezen|te zien|aangeven|stond",
            "zoals _4 op onze|de site|website|pagina|bevestiging|ticket|factuur|voorwaarden|bon",
            "zoals _3 bij het _2 bestellen|afrekenen|boeken|kopen|afsluiten",
            "duidelijk vermeld|aangegeven|beschreven|staat|stond|vermeldt|gecommuniceerd", "staat _3 duidelijk", "stond _3 duidelijk",
            "kunt|kun|kan|kunnen u|je|jij _3 aantonen|bewijzen|onderbouwen", "u|je _3 moet|moeten|dient _3 aantonen|bewijzen",
            "bewijs _3 aanleveren|overleggen|sturen", "u|je|jij bent|is _2 verantwoordelijk", "zelf verantwoordelijk",
            "uw|jouw|je eigen verantwoordelijkheid|schuld|fout|keuze", "het is|was uw|jouw|je eigen", "eigen schuld",
            "u|je heeft|hebt|had _2 nagelaten", "nagelaten", "ligt|lag _2 bij|aan u|jou|uzelf|jezelf|jullie", "uw|jouw fout",
            "dat is|was uw|jouw verantwoordelijkheid|fout|probleem|taak", "uw|jouw verantwoordelijkheid|taak",
            "u|je|jij heeft|hebt|had|bent|was _3 niet|nooit|geen _4 aangemeld|gelezen|ingevuld|gecontroleerd|betaald|opgegeven|doorgegeven|gereageerd|bijgevoegd|ingestuurd|gemeld|opgezegd|geregistreerd|ingecheckt|uitgecheckt|geactiveerd|geretourneerd|bewaard|aangegeven|gevolgd|gekeken|gebeld|nagekeken|opgehaald|verlengd|bevestigd|geaccepteerd|aangevraagd|tijdig|opgelet|voldaan|gedaan|gehouden|goed",
            "u|je|jij heeft|hebt|bent _3 zelf", "hoor|hoort|zag|ziet|zie|las|leest|lees|let|lette|keek|kijkt je|u _4 niet|over|overheen",
            "staat|stond|stonden _4 gewoon|ook|nadrukkelijk|expliciet", "kleine letters|lettertjes", "in uw|je|jouw spam|spambox|ongewenste",
            "als u|je _4 goed|beter _2 had|hebt|heeft|zou", "had|hadden _3 kunnen weten|lezen|zien", "u|je|jij bent|heeft|hebt _3 vergeten", "u|je|jij bent _2 te laat", "akkoord gegaan|gegeven",
            "u|je|jij heeft|hebt _3 akkoord", "u|je|jij dient|diende|moest|moet _3 zelf", "wij|we kunnen _2 niet zien dat u|je",
            "niet ons probleem", "niet onze schuld|fout|verantwoordelijkheid", "had|hadden _3 beter moeten", "beter moeten lezen",
            "niet goed gelezen|opgelet|gekeken", "verkeerd ingevuld|opgegeven|doorgegeven|gelezen|begrepen",
            // "mogelijk is die brief bij u blijven liggen".
            "bij u|jou|je _2 blijven liggen",
            "u|je|jij heeft|hebt _3 verkeerd|fout", "onjuist ingevuld|opgegeven|doorgegeven",
            "wel _2 goed gelezen|gekeken|gecontroleerd|opgelet|ingevuld|bekeken|bewaard", "heeft|hebt|had u|je _6 wel _2 gelezen|gecontroleerd|gekeken|ingevuld",
            "aan uw|jouw|je kant", "ligt _3 aan uw|jouw|je", "u|je moet|moest _2 gewoon",
            "als|mits|wanneer u|je _5 heeft|hebt|had|hadden aangezet|ingeschakeld|geactiveerd|gelezen|gecontroleerd|ingesteld|bijgehouden|gevolgd|aangevinkt",
            "misschien|wellicht|waarschijnlijk|mogelijk heeft|hebt|had|bent|was|zit|zat u|je", "toch als u|je", "lees|leest|ziet|zie je|u _2 toch",
            "waarschijnlijk|vermoedelijk|wellicht is|zijn|werd|werden _5 verkeerde|verkeerd|foute|fout|onjuist|onjuiste _2 aangeklikt|gekozen|ingevuld|ingevoerd|geselecteerd|opgegeven|besteld|doorgegeven",
            "ligt|lag|ontstaat|ontstond _3 bij|aan de|het|een vervoerder|bezorger|partner|leverancier|fabrikant|post|postnl|bank|installateur|winkel",
            // Burden of proof as a condition: "Zonder bon kunnen we helaas niets vergoeden."
            "zonder _4 kunnen|kan|konden|kon wij|we|ik _3 niet|niets|niks|geen",
        ]),
        (.otherParty, [
            // Another party's fault: "De vertraging zit bij het expertisebureau", "is het pakket bij de
            // vervoerder zoekgeraakt", "Dat is buiten ons om gegaan", "zij zijn verantwoordelijk voor …".
            "vertraging|fout|probleem|oorzaak|schuld _2 zit|zat|ligt|lag bij _4 \(party)",
            "\(party) _4 daar zit|zat|ligt|lag de|het vertraging|fout|probleem|oorzaak",
            "door|bij de|het|onze|een|hun _2 \(party) _5 misgegaan|misgelopen|zoekgeraakt|kwijtgeraakt|vergeten",
            "door|bij de|het|onze|een|hun _2 \(party) _4 blijven liggen",
            "afhankelijk van de|het|onze|een _2 \(party)", "buiten ons om", "zij|ze|die zijn _2 verantwoordelijk",
            "verantwoordelijkheid van de|het|onze|een|hun _2 \(party)",
        ]),
        (.action, [
            "stuur|stuurt|sturen|verstuur|verstuurt|versturen|gestuurd|verstuurd|opgestuurd|toegestuurd|nagestuurd|stuurde|verstuurde",
            "bel|belt|bellen|terugbel|terugbellen|gebeld|teruggebeld|bel _4 terug|op",
            "stort|storten|teruggestort|gestort|overgemaakt|maak|maken _4 over|crediteer|crediteren|gecrediteerd|creditnota|terugbetaald|terugbetalen|betalen _3 terug",
            "vergoed|vergoeden|vergoeding|compensatie|compenseer|compenseren|gecompenseerd|tegoedbon|voucher|waardebon|cadeaubon|tegoed",
            "regel|regelen|geregeld|boek|boeken|geboekt|omgeboekt|omboeken|plan|plannen|gepland|ingepland|inplannen",
            "zet|zetten _4 gang|klaar|door|terug|om|vast|open|recht", "doorgezet|klaargezet|teruggezet|omgezet|rechtgezet|vastgezet",
            "pas|passen _4 aan", "aangepast|aanpassen", "los|lossen _4 op", "opgelost|oplossen", "herstel|herstellen|hersteld|repareer|repareren|gerepareerd",
            "vervang|vervangen|vervangend|omruilen|omgeruild|ruil|ruilen|geruild", "bestel|bestellen|besteld|nabestellen|nabesteld|nagestuurd",
            "gereserveerd|reserveer|reserveren", "annuleer|annuleren|geannuleerd|stopgezet|opgezegd|beeindigd|zeg _3 op",
            "draai|draaien _4 terug", "teruggedraaid", "verwijderd|verwijder|verwijderen", "aangemaakt|activeer|activeren|geactiveerd|vrijgegeven|deblokkeren|gedeblokkeerd",
            "toegevoegd|gecorrigeerd|corrigeer|corrigeren|gewijzigd|wijzig|wijzigen|verlengd|verleng|verlengen|ontgrendeld|gereset|reset",
            "kwijtgescholden|scheld _3 kwijt|laten vallen|ingetrokken|trek _3 in|stopgezet|stop|stoppen|gestopt|geblokkeerd|blokkeer",
            "verzonden|verzend|verzenden|uitgeleverd|bezorgd|bezorgen|afgeleverd|opgehaald|ophalen|haal|halen _3 op",
            "langs|langskomen|komt _4 langs", "monteur", "terugbetaling", "retourlabel", "nieuw|nieuwe exemplaar|pakket|toestel|kaart|pas|factuur",
            "schrijf|schrijven _3 af|bij|terug", "bijgeschreven|afgeschreven", "gestart|start|starten", "verhoogd|verlaagd",
            "ingediend|ingestuurd|aangevraagd|aangemeld|aanvragen|aanmelden|doorgestuurd|doorgegeven|gemeld|gemaild|mail|mailen",
            "zorg|zorgen _4 dat|voor", "neem|nemen _4 contact", "contact opgenomen",
            "krijgt|krijg|krijgen|ontvangt|ontvang|ontvangen _3 nieuwe|nieuw|vervangende|vervangend|gratis|kosteloos",
        ]),
        // Disowning the problem: it was someone else's doing, or nothing could be done.
        (.disclaimer, [
            "buiten onze|mijn|ons macht|invloed|schuld|verantwoordelijkheid|handen", "valt|vallen|viel|lag|ligt _3 buiten onze|ons|mijn",
            "kunnen|kan|konden|kon wij|we|ik _3 weinig|niets|niks _2 aan doen|veranderen", "wij|we|ik kunnen|kan|konden|kon _3 weinig|niets|niks _2 aan doen|veranderen",
            "daar|hier kunnen|kan|konden|kon _3 weinig|niets|niks _2 aan|doen|veranderen", "daaraan|hieraan kunnen|kan|konden|kon _3 weinig|niets|niks", "ligt|lag _3 niet bij|aan ons|mij|onze", "niet aan ons _2 te wijten|gelegen",
            "niet onze schuld|fout|verantwoordelijkheid", "wij|we zijn _3 afhankelijk van", "gebeurt|komt _2 nu eenmaal|wel vaker|helaas vaker",
            "dit|dat|het gebeurt|komt _2 soms|weleens|regelmatig|vaker", "vanzelf _3 opgelost|rechtgezet|hersteld|verholpen|terug|goed",
            "helaas _3 overmacht", "sprake van overmacht", "wij|we|ik zijn|ben|waren|was _3 niet verantwoordelijk|aansprakelijk", "hebben _3 geen invloed", "heb _3 geen invloed",
        ]),
        (.negatedAbility, [
            "kan|kunnen|kon|konden|mag|mogen|mocht _4 niet|geen|niets|niks", "niet|geen _3 kunnen|mogelijk|mogen",
            "helaas niet|geen", "is _2 niet mogelijk", "zijn _2 niet in staat", "wij|we zien _2 geen", "ik zie _2 geen",
        ]),
        (.vague, [
            "kijken|kijk|kijkt _3 ernaar|naar|wat", "zo snel|spoedig _3 kan|kunnen|lukt|mogelijk", "in de gaten", "werken|werkt|werk _4 aan",
            "laten|laat het|ik|we|wij|dit|dat je|u|jou _1 weten", "je|u hoort|horen _3 van", "ernaar kijken", "naar kijken", "aan de slag", "nemen|neem|neemt _3 mee",
            "meenemen", "zo snel mogelijk", "snel|spoedig van", "hoort|hoor|horen _3 snel|spoedig|binnenkort", "zsm", "z.s.m", "ons|mijn best", "binnenkort", "op korte termijn", "spoedig",
            "zo spoedig", "in behandeling",
            "komen|kom _4 terug", "ik|we|wij kom|komen _4 terug", "houden|hou|houd _3 op de hoogte", "intern", "betreffende|juiste|desbetreffende|bevoegde afdeling",
            "ter harte", "wordt|worden|is _3 gewerkt|gekeken|onderzocht|bekeken|uitgezocht", "te zijner tijd", "nabije toekomst", "op termijn",
            "opgepakt|oppakken|pakken _3 op", "verbeterpunt|verbeteren|verbetering", "leerpunt", "ik|we|wij laat|laten _4 weten",
            "laten|laat ik|we|wij _4 weten", "wanneer er meer bekend", "terugkoppeling|terugkoppelen|koppelen _3 terug",
            "meegenomen|doorgegeven|doorgezet|gemeld|genoteerd|doorgestuurd",
        ]),
        (.investigate, [
            "onderzoeken|onderzoek|uitzoeken|nagaan|bekijken|uitzoekt|onderzoekt|bekijkt", "zoek|zoeken _4 uit", "check|checken|controleer|controleren|nakijken",
            "kijk|kijken _4 na|mee|of",
        ]),
        (.time, [
            "vandaag", "morgen", "morgenochtend", "morgenmiddag", "morgenavond", "overmorgen", "vanmiddag", "vanavond", "vanochtend",
            "vanmorgen", "straks", "direct", "meteen", "gelijk", "nu", "zojuist", "net", "inmiddels", "vanaf nu", "per direct",
            "binnen # uur|uren|dagen|dag|werkdagen|werkdag|minuten|minuut|weken|week|kwartier", "binnen het uur", "binnen een uur",
            "binnen 24|48|72", "binnen de # uur|dagen", "voor|op|uiterlijk|tot|komende|aanstaande|deze|volgende|vrijdag|donderdag maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag",
            "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|maandagochtend|dinsdagochtend|woensdagochtend|donderdagochtend|vrijdagochtend|maandagmiddag|vrijdagmiddag",
            "om #", "voor # uur", "# uur", "tussen # en #", "deze week", "einde van de dag|middag|week", "eind van de dag|middag|week",
            "uiterlijk", "# januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|okt|nov|dec",
            "# werkdagen|dagen", "over # dagen|werkdagen|uur|minuten", "aan het eind", "voor het weekend", "volgende week", "na het weekend",
            "vanochtend|vanmiddag|vanavond", "middernacht",
            "vannacht", "half #", "kwart over|voor #", "over # weken|week|kwartier", "na de kerstdagen|kerst|feestdagen|jaarwisseling", "na kerst|nieuwjaar",
            "medio januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december",
            // "vóór 20:00", "tot 17.30": only with a clock time (`realTimes`), not "voor 3 producten".
            "voor|tot|rond|omstreeks #",
        ]),
        (.contact, [
            "je|u hoort|horen _3 van", "ik|we|wij kom|komen _4 terug", "komen|kom _4 terug", "laten|laat _4 weten", "nemen|neem|neemt _4 contact",
        ]),
        (.commitment, [
            "ik|we|wij _6 bel|bellen _3 terug|u|je|jou", "bel|bellen ik|we|wij _3 terug|u|je|jou", "ik|we|wij _6 terugbellen|opbellen",
            "u|je wordt|word _4 teruggebeld|gebeld|gemaild|benaderd",
            "ik|we|wij _6 neem|nemen _5 contact", "neem|nemen ik|we|wij _5 contact",
            "ik|we|wij _6 laat|laten _4 weten", "laat|laten ik|we|wij _4 weten",
            "u|je hoort|horen _4 van",
            "ik|we|wij _6 kom|komen _4 terug", "kom|komen ik|we|wij _4 terug",
            "ik|we|wij _6 stuur|sturen|mail|mailen _3 u|je|jou", "stuur|stuurt|mail ik|we|wij _3 u|je|jou",
            "u|je ontvangt|krijgt _4 mail|e-mail|email|bericht|antwoord|reactie|terugkoppeling|bevestiging|retourlabel|creditnota|tegoedbon",
        ]),
        (.check, [
            "lukt|lukte _3 dat|het|dit|zo", "klopt dat|dit|het", "is|zijn het|dit|dat|alles|je|uw|jouw _4 opgelost|geregeld|gelukt|duidelijk|goed|oke|ok|akkoord|zo|genoeg",
            "hiermee|daarmee|zo _2 opgelost|geholpen|verder", "helpt|hielp dit|dat|het", "werkt het|alles|dat|hij|ze _3 weer|nu",
            "ben|bent|benje je|u _3 geholpen|tevreden|blij", "kun|kunt|kan je|u _3 verder", "is dat|dit _2 goed|oke|ok|akkoord",
            "past|schikt dat|dit|het", "wat vind|vindt _2 je|u _2 ervan|daarvan|hiervan", "voldoet dat|dit", "akkoord",
            "heb|hebt|heeft je|u _3 ontvangen|gekregen|binnen", "is _3 aangekomen|binnen",
        ]),
        (.invitation, [
            "laat|laten _3 me|mij|ons|gerust|maar|even _3 weten", "laat|laten je|u _4 weten", "laat het weten", "hoor|horen _4 graag", "hoor ik|we", "horen we|wij", "mocht|mochten _8 vragen|vraag|iets|nog|niet|lukken|werken|opgelost",
            "als _5 vragen|vraag|iets|niet _3 lukt|werkt", "als _3 nog _3 vragen|vraag|iets", "neem|neemt _3 gerust|vooral|dan _3 contact",
            "reageer|reageert|stuur|stuurt|vraag|vraagt|bel|belt|app|appt _3 gerust", "help|helpen _3 graag _2 verder", "ik|we|wij blijf|blijven _3 beschikbaar|bereikbaar",
            "sta|staan _3 voor je|u klaar", "ben|zijn _3 bereikbaar", "hoor _2 het graag", "contact _3 met ons|mij|me op", "contact op met ons|mij|me",
            "reply|hier _3 reageren", "kun|kunt _2 je|u _3 hier|hierop _2 reageren|antwoorden",
        ]),
        (.referral, [
            "daarvoor|hiervoor|dan|daar|daarmee|hiermee|ermee _2 moet|moeten|kunt|kun|dient|kan|moest|bent|ben _3 u|je _4 bij|naar|contact|bellen|mailen|terecht|wenden",
            "moet|moeten|dient|kunt|kun|kan u|je _4 bij|naar|met _3 afdeling|klantenservice|winkel|verkoper|leverancier|bank|vervoerder|verzekeraar|gemeente|fabrikant|servicedesk|helpdesk|collega|collegas|webshop|partner|monteur|installateur|bezorger|postnl|dhl|dpd|provider|netbeheerder|fabriek|importeur|dealer|verhuurder|eigenaar|filiaal",
            "bel|belt|bellen _2 u|je _2 even|gerust|dan|zelf _3 met|naar", "bel|belt _2 met|naar", "neem|neemt|nemen _3 contact _3 met|op", "contact opnemen met", "contact op te nemen met",
            "bel|mail|app|ga|gaat|vul|vult hiervoor|daarvoor|dan|even|gerust|zelf", "u|je kunt|kan|kun _4 contact|bellen|mailen|terecht|terugvragen|indienen|aanvragen",
            "zelf _3 via|online|app|site|website", "*formulier _6 invullen|indienen|insturen|gebruiken",
            "moet|moeten|dient|kunt|kun|kan _3 u|je _6 invullen|indienen|aanvragen|aanmelden|melden|insturen|opvragen", "afgehandeld door|via",
            "terecht bij|op|via", "wendt|wend|wenden _3 tot", "contactformulier|webformulier|klachtenformulier", "kunt|kun|kan u|je _3 bellen|mailen|whatsappen|chatten|terecht|schrijven|contact",
            "verwijs|verwijzen|verwezen _3 naar", "doorverwijzen|doorverwezen", "kunt|kun|kan u|je _3 zich|je|u _2 melden|wenden", "bij de|het _3 afdeling|klantenservice _3 melden|navragen|aankaarten|neerleggen|indienen",
            "moet|moeten|dient|dienen _3 u|je _2 zelf", "raden _3 aan _3 contact",
            // Someone else's number: "Je kunt ze bereiken op 050-…" (not "je kunt mij bereiken op …").
            "u|je kunt|kun|kan ze|hen|hem|haar|hun _3 bereiken|bellen|mailen|appen", "kunt|kun|kan u|je ze|hen|hem|haar|hun _3 bereiken|bellen|mailen|appen",
            // Another line, address or party: "Bel onze fraudelijn op …", "Mail je bevestiging naar administratie@…",
            // "… het best rechtstreeks bij hen melden", "maak je een afspraak via onze website".
            "bel|belt|bellen onze|de|het _2 *lijn|*nummer|klantenservice|servicedesk|helpdesk|afdeling|meldkamer",
            "mail|mailt|stuur|stuurt je|u _4 naar _2 administratie|klantenservice|afdeling|info|service|support",
            "rechtstreeks|direct bij hen|hun|ze", "rechtstreeks|direct bij de vervoerder|leverancier|verkoper|fabrikant", "bij hen|hun _3 melden|indienen|aanvragen|navragen",
            "maak|maakt je|u _3 afspraak via",
            // Self-service: the customer is told to do it online ("je kunt het zelf in de app aanpassen").
            "u|je kunt|kun|kan _6 online|zelf|website|site|webshop|app|portal|omgeving|klantportaal _4 aanpassen|wijzigen|aanvragen|indienen|doorgeven|regelen|opzeggen|melden|invullen|instellen|opvragen|terugvragen|declareren|registreren|activeren|veranderen|aanmelden|afmelden|omboeken|annuleren|retourneren|downloaden|uploaden|terugvinden|nalezen|lezen|vinden|claimen",
            "kunt|kun|kan u|je _6 online|zelf|website|site|webshop|app|portal|omgeving|klantportaal _4 aanpassen|wijzigen|aanvragen|indienen|doorgeven|regelen|opzeggen|melden|invullen|instellen|opvragen|terugvragen|declareren|registreren|activeren|veranderen|aanmelden|afmelden|omboeken|annuleren|retourneren|downloaden|uploaden|terugvinden|nalezen|lezen|vinden|claimen",
            "u|je kunt|kun|kan _5 aanpassen|wijzigen|aanvragen|indienen|doorgeven|regelen|opzeggen|melden|invullen|instellen|opvragen|terugvragen|declareren|registreren|activeren|veranderen|aanmelden|afmelden|omboeken|annuleren|retourneren|downloaden|uploaden|terugvinden|nalezen|lezen|vinden|claimen _2 via|op|in _3 website|site|webshop|app|portal|omgeving|klantportaal|formulier", "adviseren _3 contact|bellen|te melden", "kunt|kun _3 het beste",
        ]),
        (.ownership, [
            "ik|we|wij heb|hebben _6 doorgezet|doorgestuurd|doorgegeven|aangemeld|gevraagd|geregeld|ingeschakeld|gemaild|gebeld|overgedragen|gemeld|ingelicht|benaderd|uitgezet|opgenomen|voorgelegd|gesproken",
            "ik neem|we nemen|wij nemen _4 contact", "neem|nemen ik|we|wij _4 contact", "ik|we|wij zorg|zorgen _3 dat|ervoor|voor", "zorg|zorgen ik|we|wij",
            "ik|we|wij regel|regelen", "regel|regelen ik|we|wij", "ik|we|wij bel|bellen _3 zelf|met|de|het|hen|ze|hun", "ik|we|wij schakel|schakelen _3 in",
            "zij|ze|hij|collega|collegas|afdeling|monteur _5 bellen|belt|nemen|neemt|mailen|mailt|sturen|stuurt|komen|komt _4 u|je|jou|contact|terug",
            "ik|we|wij _2 leg|leggen _3 voor", "ik|we|wij stuur|sturen _4 door", "ik|we|wij _3 contact gehad|opgenomen", "ik|we|wij hebben|heb _3 contact",
            "ik|we|wij geef|geven _4 door", "ik|we|wij _3 meld|melden _3 aan", "persoonlijk",
        ]),
        (.template, [
            "betreuren|betreurt|betreur _3 ongemak|ongerief|overlast", "excuses|excuus|sorry _3 voor _2 ongemak|ongerief|overlast",
            "nemen|neem _3 feedback|opmerkingen|opmerking|suggestie|klacht _2 mee", "feedback _3 meenemen|meegenomen",
            "klacht _3 in behandeling", "in behandeling genomen", "danken|dankt|bedanken _4 voor uw|je _2 feedback|bericht|melding|reactie|mail|schrijven|e-mail|klacht",
            "nemen|neem _3 feedback|opmerkingen|opmerking|klacht|klachten|melding|ervaring serieus", "voor het delen van _2 ervaring|feedback|mening",
            "vinden we|wij het _2 belangrijk dat",
            "streven ernaar|naar", "streven _2 ernaar", "waarderen _3 feedback|reactie|opmerkingen|bericht", "feedback _3 waardevol|gewaardeerd|zeer",
            "hopen|hopende|vertrouwen _4 voldoende _2 geinformeerd", "ter harte", "tevredenheid staat|staan _2 voorop|hoog", "klanttevredenheid",
            "doen _2 er alles aan", "wij|we hechten _3 waarde", "hoog in het vaandel", "van harte welkom", "voor eventuele vragen", "met vriendelijke groet _2 klantenservice",
            "begrijpen uw|je frustratie|ongenoegen", "uw ongenoegen", "ongenoegen", "klachtenprocedure|klachtenafhandeling",
            "we|wij hebben _3 kennisgenomen|kennis genomen", "kennisgenomen|kennis genomen", "intern besproken|bespreken|teruggekoppeld|doorgezet|gedeeld",
            "correspondentie", "bovenstaande", "beste|geachte klant|klanten|relatie", "geachte heer _2 mevrouw", "dear customer|sir|madam|valued", "vervelend|jammer|naar om te lezen|horen", "wat vervelend|jammer om te lezen|horen", "wij vertrouwen erop", "hopende", "wij hopen u|je hiermee", "naar tevredenheid",
        ]),
        (.tone, [
            "nogmaals", "zoals ik _3 zei|zeg|aangaf|schreef|al|eerder|vertelde|aangegeven|gezegd", "zoals _2 eerder _2 gezegd|aangegeven|gemeld|vermeld|uitgelegd|gecommuniceerd",
            "zoals al _2 gezegd|aangegeven|gemeld|vermeld|uitgelegd", "zoals _3 al _5 verteld|gezegd|aangegeven|uitgelegd|gemeld|gemaild|geschreven",
            "ja hoor", "nou ja", "hoe vaak nog", "u|je begrijpt toch|natuurlijk", "begrijpt u|begrijp je _2 toch|natuurlijk",
            "helaas pindakaas", "succes ermee|daarmee|hiermee", "tja", "jammer dan", "wat wilt|wil|verwacht|verwachten u|je _2 dan|eigenlijk|nou",
            "dat is|gaat nu eenmaal", "nu eenmaal", "zo gaat dat", "rustig aan", "kalm aan", "doe|doet _2 normaal|rustig", "met alle respect",
            "lees|leest _2 even|eerst|nog eens|gewoon", "nou nou", "dan maar", "rustig maar", "hoef|hoeft _4 echt|toch niet|geen",
            "echt|gewoon duidelijk", "zelf ook al", "gebeurt _2 vaker", "dat is alles", "meer kunnen|kan wij|we|ik niet", "echt niet iets", "wat moet ik|we _3 dan", "dat is niet zo moeilijk",
            "niet zo moeilijk", "overdrijven|overdrijft|overdreven", "zeur|zeuren|zeurt|gezeur", "heel simpel|gewoon simpel", "het is gewoon zo",
            "kunnen wij|we ook niets|niks|niet aan doen", "daar kunnen wij|we _2 niets|niks aan", "eerst lezen", "einde discussie",
            "zoals gezegd|gemeld|vermeld", "heus wel|niet",
            // A lesson for next time, and sympathy waved away: "Voor de volgende keer: zo'n vraag is telefonisch
            // echt sneller geregeld", "… en dat geldt ook voor die van jou, hoe vervelend ook".
            "voor de volgende keer _8 sneller|handiger|handig|slimmer|makkelijker|verstandig|verstandiger", "hoe vervelend|jammer|lastig ook",
        ]),
        (.privateRoute, [
            "dm", "dmtje", "dm'etje", "dm'tje", "dmen", "dm'en", "pb", "pbtje", "privebericht|priveberichtje", "prive|persoonlijk _2 bericht|berichtje",
            "direct message", "inbox", "whatsapp|messenger|privechat", "beveiligde|beveiligd", "prive", "mail|e-mail|email|mailen", "contactformulier|formulier",
            "niet openbaar|publiek", "tweet _2 niet",
        ]),
        (.thanks, [
            "bedankt|dank|dankjewel|dankuwel|danku|dankje|thanks|thank", "fijn dat",
        ]),
        (.dataAsk, [
            "stuur|stuurt|sturen|geef|geeft|geven|deel|deelt|delen|vermeld|vermeldt|noem|noemt|zet|zetten|laat|laten|mail|mailt _6 weten|door|toe|mee|nummer|adres|gegevens|postcode|iban|rekeningnummer|ordernummer|telefoonnummer|geboortedatum|klantnummer|bestelnummer|e-mailadres|mailadres",
            "mag|mogen|kan|kun|kunt|kunnen|wil|wilt|zou _3 ik|we|wij|je|u _5 nummer|adres|gegevens|postcode|iban|rekeningnummer|ordernummer|telefoonnummer|geboortedatum|klantnummer|bestelnummer|e-mailadres|mailadres|bsn|wachtwoord",
            "wat is _3 nummer|adres|postcode|iban|rekeningnummer|ordernummer|telefoonnummer|geboortedatum|klantnummer|bestelnummer|e-mailadres|mailadres",
            "graag _5 nummer|adres|gegevens|postcode|iban|rekeningnummer|ordernummer|telefoonnummer|geboortedatum|klantnummer|bestelnummer|e-mailadres|mailadres|bsn|wachtwoord",
            "met _3 gegevens",
        ]),
    ]

    // MARK: English

    static let english: [(Cue, [String])] = [
        (.apology, [
            "sorry", "apologise|apologize|apologies|apology|apologising|apologizing|apologised|apologized", "regret", "regrettable",
            "shouldn't|should|should've _3 happened|not", "not ok|okay|acceptable|good enough", "our|my mistake|fault|bad", "frustrating|frustration|annoying|disappointing|disappointment",
            "understand _3 frustrat*|upset|annoy*|disappoint*", "that's|that is _2 not on|right", "rightly", "fair point", "what a hassle|pain|mess",
        ]),
        (.conditional, ["if _5 feel|felt|upset|inconvenienced|caused|offended|any", "any inconvenience", "may have|might have _3 caused|experienced", "possible inconvenience", "to the extent"]),
        (.feelings, ["that you _3 feel|felt|see it|experienced it|perceive", "you feel|felt _2 that way|this way|upset|frustrated|disappointed", "you're|you are _2 upset|unhappy|disappointed|frustrated"]),
        (.but, ["but", "however", "unfortunately", "nevertheless", "that said", "although", "though"]),
        (.explanation, ["due to", "because", "caused by", "as a result of", "this is because|happened", "owing to", "busy|busier period|time|times"]),
        (.defensive, [
            "unfortunately we|it|this|that|our|there|the|as", "according to _2 policy|terms|records|conditions|system", "as stated|mentioned|indicated|explained|specified|noted",
            "our|the policy", "policy", "it is|it's _2 not possible", "in accordance with", "due to", "we are|we're _2 not liable|responsible", "per our",
            "terms and conditions", "we cannot|can't|can not", "as per",
        ]),
        (.blame, [
            "you should|should've|could|could've _2 have|checked|read|contacted|called", "as _2 clearly|explicitly|already _2 stated|mentioned|indicated|shown|explained",
            "you failed|neglected _2 to", "your own|own _2 responsibility|fault|risk", "your responsibility|fault|mistake|error", "did|didn't you _3 read|check",
            "you didn't|did not|never|haven't|have not _3 read|check|checked|follow|followed|register|registered|return|returned|submit|submitted|pay|paid|cancel|cancelled",
            "can|could you _2 prove|show proof|provide proof", "you need|have|must _2 to prove", "you agreed|accepted", "you forgot|missed",
            "caused by|due to _2 your", "on your end|side", "your bank|provider|browser|phone _3 caused|fault|problem|issue", "did you _3 check|read|try",
        ]),
        (.action, [
            "send|sent|sending|resend|resent|ship|shipped|shipping|dispatch|dispatched", "call|calling|called|ring", "refund|refunded|refunding|reimburse|reimbursed|credit|credited|compensate|compensation|voucher",
            "arrange|arranged|book|booked|rebook|rebooked|schedule|scheduled|replace|replaced|replacement|fix|fixed|repair|repaired|restore|restored",
            "cancel|cancelled|canceled|reverse|reversed|waive|waived|remove|removed|reset|unblock|unblocked|activate|activated|correct|corrected|update|updated|change|changed|order|ordered",
            "pay|paid|transfer|transferred|issue|issued|escalate|escalated|raise|raised|set up|sorted|sort", "make sure|ensure", "get in touch",
        ]),
        (.negatedAbility, ["can't|cannot|couldn't|unable", "not able|possible", "can|could not|no"]),
        (.disclaimer, ["beyond|outside _2 our control", "out of our hands", "nothing we can|could do", "not our fault|responsibility", "no control over"]),
        (.vague, [
            "as soon as possible", "asap", "get back|come back _3 to you", "soon", "shortly", "our|my best", "take _3 on board",
            "pass _3 on|along", "work on", "working on", "investigate|investigating|investigated", "in due course", "keep you _2 updated|posted|informed", "hope|hopefully",
            "relevant|appropriate department|team", "internally", "feedback",
        ]),
        (.investigate, ["look into|at", "looking into|at", "check|checking", "find out"]),
        (.time, [
            "today", "tomorrow", "tonight", "this morning|afternoon|evening|week", "right away", "now", "immediately", "straight away", "just",
            "within # hours|hour|days|day|working|business|minutes|weeks", "by|on|before|this|next monday|tuesday|wednesday|thursday|friday|saturday|sunday|noon|tonight",
            "monday|tuesday|wednesday|thursday|friday|saturday|sunday", "at #", "# pm|am|pm.|am.|o'clock", "in # days|hours|minutes", "end of _2 day|week", "next week",
            "already", "midnight", "by|before|until|around #",
        ]),
        (.contact, ["get back|come back _3 to you", "hear _3 from", "let you _2 know", "be in touch", "contact you"]),
        (.commitment, [
            "i'll|we'll _3 call|contact|email|phone _2 you|back", "i|we will _3 call|contact|email|phone _2 you|back",
            "i'll|we'll _3 get|come back _2 to you", "i|we will _3 get|come back _2 to you", "you'll _3 hear from", "you will _3 hear from",
            "i'll|we'll _3 let you _2 know", "i|we will _3 let you _2 know", "i'll|we'll _3 be in touch", "i|we will _3 be in touch",
        ]),
        (.check, [
            "does|did that|this _2 help|work|solve", "is that|this|everything _3 ok|okay|alright|right|sorted|resolved|clear|fine", "did _3 arrive|work|get",
            "are you _3 happy|satisfied|ok", "has _3 solved|resolved|arrived", "works|working _2 now|again", "how does that sound",
        ]),
        (.invitation, [
            "let _2 me|us know", "feel free", "get back to me|us", "reach out _3 if", "if _5 questions|anything|need", "reply|respond _3 here|this", "happy to help", "don't hesitate",
            "we're|i'm|we are|i am _2 here", "hear from you",
        ]),
        (.referral, [
            "please _2 contact|call|email|reach", "you _3 need|have _2 to _2 contact|call|email|reach|go", "contact _2 our|the|your", "reach out _2 to",
            "get in touch _2 with", "call _2 our|the|your", "you can _2 call|contact|email|reach", "refer _3 to", "via _2 contact form|our website|the website",
        ]),
        (.ownership, [
            "i've|i|we|we've _3 passed|forwarded|escalated|asked|arranged|contacted|raised|informed", "i'll|i will|we'll|we will _3 contact|call|arrange|make sure|ensure|chase",
            "they|they'll|he|she _3 will _2 call|contact|email|reach", "i'll|i will _2 make sure", "make sure",
        ]),
        (.template, [
            "apologise|apologize|apologies|sorry _3 inconvenience|inconvenience caused", "regret _3 inconvenience", "thank you for your feedback|patience|message|email",
            "value _2 feedback|customers", "we strive", "strive to", "your complaint _3 being|been handled|processed", "take _3 feedback _2 on board", "customer satisfaction",
            "top priority", "hope _3 this _2 information|helps", "we have taken note", "duly noted", "thank you for contacting|reaching out",
            "important to us", "working hard to", "resolve your query|issue|complaint", "we value _2 custom|business|feedback", "valued customer",
        ]),
        (.tone, [
            "again", "as i said|mentioned|stated|explained", "as previously|already _2 said|stated|mentioned|explained", "obviously", "clearly you", "good luck with that",
            "whatever", "calm down", "no idea", "read _2 carefully|properly|again", "that's just|life", "not our problem|fault", "deal with it",
        ]),
        (.privateRoute, ["dm", "direct message", "private message", "pm", "privately", "inbox", "email|e-mail|mail", "form", "whatsapp|messenger"]),
        (.thanks, ["thanks|thank"]),
        (.dataAsk, [
            "send|give|share|provide|tell|dm _6 number|address|details|postcode|zip|iban|account|order|phone|birth|email|password",
            "what is|what's _3 number|address|postcode|zip|iban|account|order|phone|email", "could|can|may|would _3 you|i _5 number|address|details|postcode|iban|account|order|phone|birth|email|password",
        ]),
    ]

    /// Personal data that should not be asked for or shown in public; ordernumbers are minor.
    static let personalData: [String: CoachSeverity] = [
        "rekeningnummer": .high, "iban": .high, "bsn": .high, "burgerservicenummer": .high, "adres": .high, "huisadres": .high,
        "adresgegevens": .high, "postcode": .high, "huisnummer": .high, "telefoonnummer": .high, "telefoonnr": .high, "mobiele": .medium,
        "06-nummer": .high, "geboortedatum": .high, "wachtwoord": .high, "pincode": .high, "klantnummer": .medium, "ordernummer": .low,
        "bestelnummer": .low, "e-mailadres": .high, "emailadres": .high, "mailadres": .high, "contractnummer": .medium,
        "polisnummer": .medium, "persoonsgegevens": .high, "gegevens": .medium, "paspoort": .high, "legitimatie": .high,
        "kenteken": .medium, "woonadres": .high, "factuuradres": .high, "afleveradres": .high, "bezorgadres": .high,
        "account": .low, "address": .high, "phone": .high, "password": .high, "birth": .high, "birthday": .high, "postcode_en": .high,
        "zip": .high, "email": .medium, "details": .medium, "ssn": .high, "klantgegevens": .high, "rekeningnr": .high, "dossiernummer": .medium,
        "zaaknummer": .low, "ticketnummer": .low, "pasnummer": .high, "kaartnummer": .high,
    ]

    /// Nouns a "data only" question asks for.
    static let dataNouns: Set<String> = Set(personalData.keys).union([
        "nummer", "foto", "fotos", "bon", "kassabon", "bewijs", "screenshot", "bijlage", "naam", "order", "factuurnummer", "reserveringsnummer",
        "boekingsnummer", "trackingnummer", "kaart", "photo", "receipt", "reference", "booking", "serienummer", "imei", "meterstand",
    ])

    /// Words that report a problem, for complaints the analyser reads as neutral or positive.
    static let problemMarkers: Set<String> = [
        "niet", "geen", "niks", "niets", "nooit", "kapot", "stuk", "defect", "kwijt", "mis", "fout", "verkeerd", "vertraging", "vertraagd",
        "geannuleerd", "geschrapt", "gemist", "ontbrak", "ontbreekt", "ontbreken", "alweer", "steeds", "gewacht", "wachten", "klacht", "probleem",
        "storing", "beschadigd", "schade", "laat", "teleurgesteld", "boos", "jammer", "helaas", "dubbel", "onterecht", "belachelijk", "schandalig",
        "derde", "weer", "nog", "not", "no", "never", "broken", "missing", "late", "still", "again", "wrong", "cancelled", "canceled", "twice",
        "refund", "waiting", "damaged",
    ]

    // MARK: Acknowledgement

    /// Stems that overlap by accident between any complaint and any reply.
    static let weakTerms: Set<String> = [
        "werk", "werken", "werkt", "bericht", "meld", "melding", "vrag", "team", "dienstverlen", "ervar", "ervaring", "gevoel", "feedback",
        "oploss", "ongemak", "informatie", "inform", "verwar", "verwarring", "gedo", "afdel", "collega", "medewerker", "excus", "vervel",
        "lat", "hor", "lez", "zegg", "antwoord", "reag", "reactie", "contact", "mail", "gemaild", "bell", "telefon", "klant", "klantenservic",
        "thank", "sorry", "pleas", "help", "issu", "problem", "feedback", "servic", "contact", "inconvenienc", "apologis", "apologiz",
    ]

    /// Verbs, particles and stock words of any reply: shared with a complaint they name nothing
    /// ("we zorgen ervoor" / "bezorging", "we komen erop terug" / "ik wil mijn geld terug").
    static let replyVocabulary: [String] = [
        "terug", "zet", "zetten", "gezet", "ontvang", "ontvangt", "ontvangen", "zoek", "zoeken", "uitzoeken", "gezocht", "kijk", "kijken", "gekeken",
        "regel", "regelen", "geregeld", "zorg", "zorgen", "gezorgd", "neem", "nemen", "genomen", "stuur", "sturen", "gestuurd", "verstuur",
        "versturen", "verstuurd", "verwacht", "verwachten", "duurt", "duren", "geduurd", "lukt", "lukken", "gelukt", "gebeurt", "gebeuren",
        "gebeurd", "stap", "stappen", "geven", "doorgeven", "doorgegeven", "doorgezet", "vinden", "gevonden", "houden", "gehouden", "hoop",
        "hopen", "wens", "wensen", "fijn", "spoed", "aandacht", "orde", "rechtzetten", "verder", "direct", "meteen", "gelopen", "loopt",
        "lopen", "last", "zitten", "gezeten", "stellen", "gesteld", "brengen", "gebracht", "vraagt", "gevraagd", "vertel", "vertellen", "verteld",
        "begrijp", "begrijpen", "begrip", "snap", "snappen", "serieus", "vervelend", "jammer", "excuus", "spijt", "frustratie", "frustrerend",
        "goede", "juiste", "snelste", "mogelijk", "mogelijkheid", "mogelijkheden", "opnieuw", "binnenkort", "spoedig", "voortaan",
    ]

    /// Nouns that name the kind of case, not this case: shared alone, they fit any complaint of
    /// that kind ("er ging iets mis met je bestelling").
    static let genericNouns: [String] = [
        "bestelling", "bestellingen", "bestel", "order", "orders", "pakket", "pakketje", "pakketten", "levering", "leveringen", "bezorging", "zending",
        "product", "producten", "artikel", "artikelen", "afspraak", "afspraken", "situatie", "kwestie", "zaak", "geval", "account", "abonnement",
        "aankoop", "aankopen", "dienst", "diensten", "aanvraag", "dossier", "bedoeling", "ervaring", "verzoek", "mail", "email", "brief", "gesprek",
        "geld", "bedrag", "kosten", "spullen", "ding", "dingen", "fout", "vergissing", "storing", "schade", "vertraging", "overlast", "ongemak",
        "package", "parcel", "delivery", "item", "items", "appointment", "account", "purchase", "request", "case", "situation",
    ]

    /// Words that say nothing specific about a complaint: function words, common verbs,
    /// complaint boilerplate. Not counted as naming the customer's problem.
    static let unspecific: Set<String> = [
        "de", "het", "een", "en", "van", "ik", "je", "jij", "jou", "jouw", "niet", "is", "dat", "op", "te", "met", "voor", "zijn", "er", "maar", "wat",
        "al", "nog", "ook", "bij", "mijn", "jullie", "geen", "wel", "naar", "hoe", "waarom", "ben", "heb", "hebben", "hebt", "heeft", "was", "waren", "dit",
        "deze", "die", "om", "uit", "aan", "als", "dan", "zo", "kan", "kun", "kunt", "kunnen", "wordt", "worden", "werd", "u", "uw", "we", "wij", "ze", "zij", "hij",
        "mij", "me", "ons", "onze", "nu", "weer", "alweer", "heel", "erg", "echt", "gewoon", "toch", "even", "wanneer", "waar", "had", "hadden", "zou", "moet",
        "moeten", "graag", "bedankt", "dank", "goed", "slecht", "nooit", "niks", "niets", "wie", "welke", "omdat", "zonder", "tot", "sinds", "na", "over",
        "onder", "door", "gaat", "gaan", "ga", "doet", "doen", "doe", "krijg", "krijgt", "krijgen", "gekregen", "hoor", "ja", "nee", "iemand", "iets", "elke", "keer", "dag", "dagen",
        "week", "weken", "maand", "maanden", "uur", "jaar", "klacht", "klachten", "probleem", "problemen", "service", "klantenservice", "bericht", "berichten",
        "reactie", "antwoord", "vraag", "vragen", "belachelijk", "schandalig", "waardeloos", "slechte", "helemaal", "allemaal", "zelfs", "alleen", "meer",
        "veel", "weet", "willen", "wil", "wilt", "zeg", "zegt", "zeggen", "gezegd", "kom", "komt", "komen", "gekomen", "zie", "ziet", "zien", "gezien", "denk",
        "vind", "vindt", "mag", "mogen", "moest", "kon", "konden", "zal", "zullen", "zouden", "laat", "laten", "geef", "gaf", "gegeven", "maak", "maakt",
        "gemaakt", "gedaan", "geweest", "wordt", "hallo", "hoi", "beste", "goedemorgen", "goedemiddag", "goedenavond", "groet", "groeten", "mvg", "bedrijf",
        "jullie", "hier", "daar", "daarom", "dus", "want", "of", "ofzo", "eens", "ooit", "altijd", "steeds", "pas", "eindelijk", "ineens", "opeens", "zomaar",
        "teleurgesteld", "boos", "woedend", "kwaad", "klaar", "genoeg", "lang", "langer", "eerst", "eerste", "tweede", "andere", "ander", "nieuwe", "nieuw",
        "hele", "heel", "super", "zeer", "enorm", "totaal", "compleet", "gisteren", "vandaag", "morgen", "sorry", "excuses", "help", "hulp", "helpen", "please",
        "the", "a", "an", "and", "of", "i", "you", "not", "is", "that", "on", "to", "with", "for", "are", "there", "but", "what", "all", "still", "also",
        "my", "your", "no", "yes", "how", "why", "am", "have", "has", "was", "this", "it", "can", "will", "would", "be", "been", "from", "at", "by", "we",
        "they", "me", "our", "just", "very", "really", "again", "never", "when", "where", "who", "do", "does", "did", "had", "were", "or", "so", "if", "get",
        "got", "im", "i'm", "ive", "it's", "dont", "don't", "customer", "service", "complaint", "problem", "issue", "nog", "zelf", "we", "jij", "mensen", "klant",
        "klanten", "bellen", "gebeld", "mail", "mailtje", "mails", "gemaild", "contact", "oplossing", "opgelost", "wachten", "gewacht", "wacht", "dm",
        "twee", "drie", "vier", "vijf", "zes", "tien", "eentje", "paar", "enkele", "ongeveer", "rond", "zit", "zitten", "staat", "staan", "ligt", "liggen",
        "hebt", "heeft", "moment", "momenteel", "tijd", "snel", "snelle", "beter", "normaal", "normale", "eigenlijk", "natuurlijk", "duidelijk", "kunt",
        "reageert", "reageren", "gereageerd", "tweet", "tweets", "facebook", "twitter", "insta", "instagram", "whatsapp", "app", "appje", "site", "website",
        "online", "internet", "niemand", "iedereen", "alles", "nergens", "ergens", "waarom", "waardoor", "hierdoor", "daardoor", "terwijl", "zoals",
    ]
}
