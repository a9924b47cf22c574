/// A review's own verdict in stars: "★★★★☆", "⭐⭐⭐⭐⭐", "1 ster omdat 0 niet kan", "4 sterren", "2 stars".
struct StarRating: Sendable, Equatable {
    let stars: Int
    let firstToken: Int
    let lastToken: Int
}

extension DutchAnalyzer {
    static let filledStars: Set<String> = ["★", "⭐", "🌟"]
    static let starWords: Set<String> = ["ster", "sterren", "star", "stars"]
    /// "Eén ster eraf omdat …", "2 sterren minder": a deduction, not the verdict.
    static let starDeductions: Set<String> = ["eraf", "af", "minder", "aftrek", "erbij", "extra", "off", "less", "more"]

    /// The first rating in the message, if any. `candidate` is the first emoji or number token, noted by
    /// the caller's own pass over the tokens, so a message without one costs nothing here.
    func starRating(_ tokens: [Token], from candidate: Int) -> StarRating? {
        var index = candidate
        while index < tokens.count {
            // The kind first, without copying the token (and retaining its text) for every word.
            let kind = tokens[index].kind
            guard kind == .emoji || kind == .number else {
                index += 1
                continue
            }
            let token = tokens[index]
            if token.kind == .emoji, Self.filledStars.contains(token.normal) || token.normal == "☆" {
                var filled = 0
                var empty = 0
                var last = index
                while last < tokens.count, tokens[last].kind == .emoji {
                    if Self.filledStars.contains(tokens[last].normal) {
                        filled += 1
                    } else if tokens[last].normal == "☆" {
                        empty += 1
                    } else {
                        break
                    }
                    last += 1
                }
                // Empty stars say "out of five"; five filled ones or a run that opens the message are a
                // verdict too. A lone ⭐ after "Top service" is praise, read as such by the lexicon.
                if filled + empty <= 5, empty > 0 || filled == 5 || index == 0 && filled >= 2 {
                    return StarRating(stars: filled, firstToken: index, lastToken: last - 1)
                }
                index = last
                continue
            }
            // "1 ster", "4 sterren", "5 stars"; a decimal ("4,8 sterren", a score) is one number token and
            // no whole number, and "Eén ster eraf" a deduction.
            if token.kind == .number, token.normal.utf8.count == 1, let stars = Int(token.normal), stars <= 5,
                index + 1 < tokens.count, Self.starWords.contains(tokens[index + 1].normal),
                index + 2 == tokens.count || !Self.starDeductions.contains(tokens[index + 2].normal)
            {
                return StarRating(stars: stars, firstToken: index, lastToken: index + 1)
            }
            if token.kind == .number, let stars = starsOutOf(tokens, at: index) {
                return StarRating(stars: stars, firstToken: index, lastToken: index + 2)
            }
            index += 1
        }
        return nil
    }

    /// Words before a date that "1/10" or "4/5" would otherwise be read as a score of: "per 1/10".
    static let datePrepositions: Set<String> = ["per", "op", "vanaf", "tot", "sinds", "voor", "na", "van", "en", "t", "m", "on", "from", "until"]

    /// A score out of ten or five that closes its sentence: "10/10", "Eten 2/10.", "4/5 ⭐". Stars on the
    /// scale of five, rounded: 8/10 is four, 5/10 three.
    func starsOutOf(_ tokens: [Token], at index: Int) -> Int? {
        guard index + 2 < tokens.count, tokens[index + 1].normal == "/", tokens[index + 2].kind == .number,
            tokens[index].range.upperBound == tokens[index + 1].range.lowerBound,
            tokens[index + 1].range.upperBound == tokens[index + 2].range.lowerBound,
            let score = Int(tokens[index].normal), let scale = Int(tokens[index + 2].normal), scale == 10 || scale == 5, score <= scale
        else { return nil }
        if index + 3 < tokens.count, tokens[index + 3].kind == .word || tokens[index + 3].kind == .number { return nil }
        if index > 0, tokens[index - 1].kind == .word, Self.datePrepositions.contains(tokens[index - 1].normal) { return nil }
        return scale == 5 ? score : Int((Double(score) / 2).rounded())
    }
}
