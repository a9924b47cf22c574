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
    static let upsetWords: Set<String> = [
        "boos", "geirriteerd", "geïrriteerd", "ontdaan", "ontevreden", "woedend", "kwaad", "gefrustreerd", "overstuur",
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

    func readCallNote(_ tokens: [Token]) -> CallNoteReading {
        var reading = CallNoteReading()
        var calm = false
        var upset = false
        func word(_ index: Int) -> String? { index < tokens.count && tokens[index].kind == .word ? tokens[index].normal : nil }
        for index in tokens.indices where tokens[index].kind == .word {
            let normal = tokens[index].normal
            if Self.upsetWords.contains(normal) {
                upset = true
                // "Zeer ontevreden over bereikbaarheid": a grievance of its own, beside what was asked.
                if word(index + 1) == "over" || word(index + 1) == "about" { reading.demands = true }
            } else if Self.calmWords.contains(normal), word(index + 1) != "uitgelegd", word(index + 1) != "explained" {
                // "Klant niet akkoord" disagrees ("niet begrijpt" is confused); "Klant rustig maar wil dat het
                // deze keer wel opgelost wordt" complains all the same.
                if index > 0, tokens[index - 1].normal == "niet" || tokens[index - 1].normal == "not" {
                    if normal == "akkoord" { upset = true }
                } else if word(index + 1) != "maar" && word(index + 1) != "but" {
                    calm = true
                }
            } else if Self.demandWords.contains(normal) || normal == "hoe" && word(index + 1) == "het" && word(index + 2) == "kan" {
                reading.demands = true
            }
            // Why the customer called.
            if reading.purpose == nil {
                if (normal == "wil" || normal == "wilde") && word(index + 1) == "weten"
                    || Self.askingVerbs.contains(normal) && word(index + 1).map(Self.askedWords.contains) == true
                    || normal == "wants" && word(index + 1) == "to" && word(index + 2) == "know"
                {
                    reading.purpose = .question
                } else if normal == "bedanken" || normal == "compliment" || normal == "complimenten" || normal == "thank" {
                    reading.purpose = .compliment
                } else if normal == "om" && word(index + 1) == "door" && word(index + 2) == "te" && word(index + 3) == "geven"
                    || normal == "om" && word(index + 1) == "te" && word(index + 2) == "melden"
                    || normal == "niets" && word(index + 1) == "meer" && word(index + 2) == "nodig"
                {
                    reading.purpose = .notice
                }
            }
        }
        reading.mood = upset ? .upset : (calm ? .calm : nil)
        return reading
    }
}
