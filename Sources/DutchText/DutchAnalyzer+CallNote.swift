/// An agent's note of a call ("Klant belt: wil weten of … Uitgelegd dat … Klant rustig."): the trouble
/// words tell what the call was about, and the note says in words of its own why the customer called and
/// how they were. Those decide, where the note has them.
struct CallNoteReading: Sendable, Equatable {
    enum Purpose: Sendable { case question, compliment, notice }
    enum Mood: Sendable { case upset, calm }
    var purpose: Purpose?
    var mood: Mood?
    /// "eist vergoeding", "dreigt", "klacht", "ontevreden over …": a demand or grievance, which keeps a note
    /// that also asks a complaint.
    var demands = false
}

extension DutchAnalyzer {
    static let callNoteOpeners: Set<String> = ["klant", "klante", "meneer", "mevrouw", "beller", "customer", "caller"]
    static let callVerbs: Set<String> = [
        "belt", "belde", "mailt", "mailde", "chat", "chatte", "appt", "appte", "komt", "kwam", "called", "calls", "rang",
    ]
    /// Written as tokens read them, accents folded ("geïrriteerd" is "geirriteerd").
    static let upsetWords: Set<String> = [
        "boos", "geirriteerd", "ontdaan", "ontevreden", "woedend", "kwaad", "gefrustreerd", "overstuur",
        "angry", "upset", "annoyed", "frustrated", "furious",
    ]
    /// How the customer was, in the note's words: "Klant rustig", "verward maar rustig", "Klant begrijpt het",
    /// "Meneer opgelucht", "Customer fine with that". (Not "Rustig uitgelegd": that is the agent.)
    static let calmWords: Set<String> = ["rustig", "vriendelijk", "beleefd", "gerustgesteld", "opgelucht", "begrijpt", "akkoord", "fine"]
    static let askingVerbs: Set<String> = ["vraagt", "vroeg", "informeert", "asked", "asks"]
    static let askedWords: Set<String> = [
        "of", "hoe", "wanneer", "wat", "welke", "waar", "waarom", "naar", "wie", "if", "whether", "how", "when", "what", "about",
    ]
    static let demandWords: Set<String> = ["eist", "eiste", "dreigt", "dreigde", "klacht", "demands", "complaint"]

    /// Whether the message is an agent's note of a call: "Klant belt: …", "Meneer (79) belt, erg ongerust: …".
    func isCallNote(_ tokens: [Token], infos: [WordInfo?]) -> Bool {
        guard let first = infos.first, (first?.marks ?? 0) & WordInfo.callNoteOpener != 0 else { return false }
        return tokens.prefix(6).contains { Self.callVerbs.contains($0.normal) }
    }

    /// What a word can say in a call note, so each word of the note costs one look-up.
    enum CallNoteWord: Sendable { case upset, calm, demand, asking, wil, purposeThanks, om, niets, hoe }
    static let callNoteWords: [String: CallNoteWord] = {
        var words: [String: CallNoteWord] = [:]
        for word in upsetWords { words[word] = .upset }
        for word in calmWords { words[word] = .calm }
        for word in demandWords { words[word] = .demand }
        for word in askingVerbs { words[word] = .asking }
        for word in ["wil", "wilde", "wants"] { words[word] = .wil }
        for word in ["bedanken", "compliment", "complimenten", "thank"] { words[word] = .purposeThanks }
        words["om"] = .om
        words["niets"] = .niets
        words["hoe"] = .hoe
        return words
    }()

    func readCallNote(_ tokens: [Token]) -> CallNoteReading {
        var reading = CallNoteReading()
        var calm = false
        var upset = false
        func word(_ index: Int) -> String? { index < tokens.count && tokens[index].kind == .word ? tokens[index].normal : nil }
        func purpose(_ found: CallNoteReading.Purpose) { if reading.purpose == nil { reading.purpose = found } }
        for index in tokens.indices where tokens[index].kind == .word {
            guard let kind = Self.callNoteWords[tokens[index].normal] else { continue }
            switch kind {
            case .upset:
                upset = true
                // "Zeer ontevreden over bereikbaarheid": a grievance of its own, beside what was asked.
                if word(index + 1) == "over" || word(index + 1) == "about" { reading.demands = true }
            case .calm:
                guard word(index + 1) != "uitgelegd", word(index + 1) != "explained" else { break }
                // "Klant niet akkoord" disagrees ("niet begrijpt" is confused); "Klant rustig maar wil dat het
                // deze keer wel opgelost wordt" complains all the same.
                if index > 0, tokens[index - 1].normal == "niet" || tokens[index - 1].normal == "not" {
                    if tokens[index].normal == "akkoord" { upset = true }
                } else if word(index + 1) != "maar" && word(index + 1) != "but" {
                    calm = true
                }
            case .demand: reading.demands = true
            case .hoe: if word(index + 1) == "het" && word(index + 2) == "kan" { reading.demands = true }
            // Why the customer called.
            case .asking: if word(index + 1).map(Self.askedWords.contains) == true { purpose(.question) }
            case .wil:
                if word(index + 1) == "weten" || word(index + 1) == "to" && word(index + 2) == "know" { purpose(.question) }
            case .purposeThanks: purpose(.compliment)
            case .om:
                if word(index + 1) == "door" && word(index + 2) == "te" && word(index + 3) == "geven"
                    || word(index + 1) == "te" && word(index + 2) == "melden"
                {
                    purpose(.notice)
                }
            case .niets: if word(index + 1) == "meer" && word(index + 2) == "nodig" { purpose(.notice) }
            }
        }
        reading.mood = upset ? .upset : (calm ? .calm : nil)
        return reading
    }
}
