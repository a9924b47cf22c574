/// The Snowball Dutch stemmer (the published algorithm by M. F. Porter), implemented here.
///
/// Works on lowercase words; keeps no state, so one value can be shared by every thread.
public struct DutchStemmer: Sendable {
    public init() {}

    private static let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y", "è"]

    public func stem(_ word: String) -> String {
        guard word.count > 2 else { return word }
        // Remove umlauts and acute accents.
        var w: [Character] = word.map { c in
            switch c {
            case "ä", "á": return "a"
            case "ë", "é": return "e"
            case "ï", "í": return "i"
            case "ö", "ó": return "o"
            case "ü", "ú": return "u"
            default: return c
            }
        }
        // Initial y, y after a vowel, and i between vowels are consonants: mark them upper case.
        for index in w.indices {
            if w[index] == "y" && (index == 0 || Self.vowels.contains(w[index - 1])) {
                w[index] = "Y"
            } else if w[index] == "i", index > 0, index + 1 < w.count, Self.vowels.contains(w[index - 1]),
                Self.vowels.contains(w[index + 1])
            {
                w[index] = "I"
            }
        }
        let (r1Start, r2Start) = regions(w)
        var eFound = false

        func inR1(_ suffixStart: Int) -> Bool { suffixStart >= r1Start }
        func inR2(_ suffixStart: Int) -> Bool { suffixStart >= r2Start }
        func ends(_ suffix: String) -> Bool {
            let s = Array(suffix)
            return w.count >= s.count && Array(w[(w.count - s.count)...]) == s
        }
        func isVowel(_ c: Character) -> Bool { Self.vowels.contains(c) }
        func undouble() {
            if ends("kk") || ends("dd") || ends("tt") { w.removeLast() }
        }
        func validEnEnding(_ end: Int) -> Bool {
            // the letter before must be a non-vowel and the word must not end in "gem" there
            guard end > 0 else { return false }
            if isVowel(w[end - 1]) { return false }
            if end >= 3 && String(w[(end - 3)..<end]) == "gem" { return false }
            return true
        }
        func removeEn(_ suffix: String) -> Bool {
            let start = w.count - suffix.count
            guard ends(suffix), inR1(start), validEnEnding(start) else { return false }
            w.removeLast(suffix.count)
            undouble()
            return true
        }

        // Step 1
        if ends("heden") {
            let start = w.count - 5
            if inR1(start) {
                w.removeLast(5)
                w.append(contentsOf: ["h", "e", "i", "d"])
            }
        } else if ends("ene") {
            _ = removeEn("ene")
        } else if ends("en") {
            _ = removeEn("en")
        } else if ends("se") {
            let start = w.count - 2
            if inR1(start), start > 0, !isVowel(w[start - 1]), w[start - 1] != "j" { w.removeLast(2) }
        } else if ends("s") {
            let start = w.count - 1
            if inR1(start), start > 0, !isVowel(w[start - 1]), w[start - 1] != "j" { w.removeLast(1) }
        }

        // Step 2
        if ends("e") {
            let start = w.count - 1
            if inR1(start), start > 0, !isVowel(w[start - 1]) {
                w.removeLast()
                eFound = true
                undouble()
            }
        }

        // Step 3a
        if ends("heid") {
            let start = w.count - 4
            if inR2(start), start > 0, w[start - 1] != "c" {
                w.removeLast(4)
                _ = removeEn("en")
            }
        }

        // Step 3b
        if ends("end") || ends("ing") {
            let start = w.count - 3
            if inR2(start) {
                w.removeLast(3)
                if ends("ig"), inR2(w.count - 2), w.count > 2, w[w.count - 3] != "e" {
                    w.removeLast(2)
                } else {
                    undouble()
                }
            }
        } else if ends("ig") {
            let start = w.count - 2
            if inR2(start), start > 0, w[start - 1] != "e" { w.removeLast(2) }
        } else if ends("lijk") {
            let start = w.count - 4
            if inR2(start) {
                w.removeLast(4)
                // repeat step 2
                if ends("e") {
                    let e = w.count - 1
                    if inR1(e), e > 0, !isVowel(w[e - 1]) {
                        w.removeLast()
                        undouble()
                    }
                }
            }
        } else if ends("baar") {
            if inR2(w.count - 4) { w.removeLast(4) }
        } else if ends("bar") {
            if inR2(w.count - 3), eFound { w.removeLast(3) }
        }

        // Step 4: undouble a vowel in C VV D endings (maan → man).
        if w.count >= 4 {
            let d = w[w.count - 1], v2 = w[w.count - 2], v1 = w[w.count - 3], c = w[w.count - 4]
            if !isVowel(d), d != "I", v1 == v2, ["a", "e", "o", "u"].contains(v1), !isVowel(c) {
                w.remove(at: w.count - 2)
            }
        }
        return String(w.map { $0 == "Y" ? "y" : ($0 == "I" ? "i" : $0) })
    }

    /// R1 and R2 as Snowball defines them; R1 starts at least three letters in.
    private func regions(_ w: [Character]) -> (Int, Int) {
        func isVowel(_ c: Character) -> Bool { Self.vowels.contains(c) }
        var r1 = w.count
        var index = 1
        while index < w.count {
            if !isVowel(w[index]) && isVowel(w[index - 1]) {
                r1 = index + 1
                break
            }
            index += 1
        }
        var r2 = w.count
        index = r1 + 1
        while index < w.count {
            if !isVowel(w[index]) && isVowel(w[index - 1]) {
                r2 = index + 1
                break
            }
            index += 1
        }
        return (max(3, r1), r2)
    }
}
