/// The Snowball Dutch stemmer (the published algorithm by M. F. Porter), implemented here.
///
/// Works on lowercase words; keeps no state, so one value can be shared by every thread.
public struct DutchStemmer: Sendable {
    public init() {}

    // Works on ASCII bytes: Character comparisons cost more than the whole algorithm.
    private static let a = UInt8(ascii: "a"), e = UInt8(ascii: "e"), i = UInt8(ascii: "i"), o = UInt8(ascii: "o")
    private static let u = UInt8(ascii: "u"), y = UInt8(ascii: "y"), upperY = UInt8(ascii: "Y"), upperI = UInt8(ascii: "I")
    private static let grave = UInt8(0xE8)  // è, kept as one byte below

    @inline(__always) private static func isVowelByte(_ c: UInt8) -> Bool {
        c == a || c == e || c == i || c == o || c == u || c == y || c == grave
    }

    public func stem(_ word: String) -> String {
        guard word.utf8.count > 2 else { return word }
        // Remove umlauts and acute accents; anything else outside ASCII is not a Dutch word.
        var w: [UInt8] = []
        w.reserveCapacity(word.utf8.count)
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            w.append(contentsOf: word.utf8)
        } else {
            for scalar in word.unicodeScalars {
                switch scalar {
                case "ä", "á": w.append(Self.a)
                case "ë", "é": w.append(Self.e)
                case "ï", "í": w.append(Self.i)
                case "ö", "ó": w.append(Self.o)
                case "ü", "ú": w.append(Self.u)
                case "è": w.append(Self.grave)
                default:
                    guard scalar.isASCII else { return word }
                    w.append(UInt8(scalar.value))
                }
            }
        }
        guard w.count > 2 else { return word }
        // Initial y, y after a vowel, and i between vowels are consonants: mark them upper case.
        for index in w.indices {
            if w[index] == Self.y && (index == 0 || Self.isVowelByte(w[index - 1])) {
                w[index] = Self.upperY
            } else if w[index] == Self.i, index > 0, index + 1 < w.count, Self.isVowelByte(w[index - 1]),
                Self.isVowelByte(w[index + 1])
            {
                w[index] = Self.upperI
            }
        }
        let (r1Start, r2Start) = regions(w)
        var eFound = false

        func inR1(_ suffixStart: Int) -> Bool { suffixStart >= r1Start }
        func inR2(_ suffixStart: Int) -> Bool { suffixStart >= r2Start }
        func ends(_ suffix: StaticString) -> Bool {
            let count = suffix.utf8CodeUnitCount
            guard w.count >= count else { return false }
            return suffix.withUTF8Buffer { buffer in
                var k = 0
                while k < count {
                    if w[w.count - count + k] != buffer[k] { return false }
                    k += 1
                }
                return true
            }
        }
        func isVowel(_ c: UInt8) -> Bool { Self.isVowelByte(c) }
        func undouble() {
            if ends("kk") || ends("dd") || ends("tt") { w.removeLast() }
        }
        func validEnEnding(_ end: Int) -> Bool {
            // the letter before must be a non-vowel and the word must not end in "gem" there
            guard end > 0 else { return false }
            if isVowel(w[end - 1]) { return false }
            if end >= 3 && w[end - 3] == UInt8(ascii: "g") && w[end - 2] == Self.e && w[end - 1] == UInt8(ascii: "m") { return false }
            return true
        }
        func removeEn(_ suffix: StaticString) -> Bool {
            let start = w.count - suffix.utf8CodeUnitCount
            guard ends(suffix), inR1(start), validEnEnding(start) else { return false }
            w.removeLast(suffix.utf8CodeUnitCount)
            undouble()
            return true
        }

        // Step 1
        if ends("heden") {
            let start = w.count - 5
            if inR1(start) {
                w.removeLast(5)
                w.append(contentsOf: Array("heid".utf8))
            }
        } else if ends("ene") {
            _ = removeEn("ene")
        } else if ends("en") {
            _ = removeEn("en")
        } else if ends("se") {
            let start = w.count - 2
            if inR1(start), start > 0, !isVowel(w[start - 1]), w[start - 1] != UInt8(ascii: "j") { w.removeLast(2) }
        } else if ends("s") {
            let start = w.count - 1
            if inR1(start), start > 0, !isVowel(w[start - 1]), w[start - 1] != UInt8(ascii: "j") { w.removeLast(1) }
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
            if inR2(start), start > 0, w[start - 1] != UInt8(ascii: "c") {
                w.removeLast(4)
                _ = removeEn("en")
            }
        }

        // Step 3b
        if ends("end") || ends("ing") {
            let start = w.count - 3
            if inR2(start) {
                w.removeLast(3)
                if ends("ig"), inR2(w.count - 2), w.count > 2, w[w.count - 3] != Self.e {
                    w.removeLast(2)
                } else {
                    undouble()
                }
            }
        } else if ends("ig") {
            let start = w.count - 2
            if inR2(start), start > 0, w[start - 1] != Self.e { w.removeLast(2) }
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
            if !isVowel(d), d != Self.upperI, v1 == v2, v1 == Self.a || v1 == Self.e || v1 == Self.o || v1 == Self.u, !isVowel(c) {
                w.remove(at: w.count - 2)
            }
        }
        for index in w.indices where w[index] == Self.upperY || w[index] == Self.upperI { w[index] |= 0x20 }
        guard w.contains(Self.grave) else { return String(decoding: w, as: UTF8.self) }
        var result = String.UnicodeScalarView()
        for byte in w { result.append(Unicode.Scalar(byte)) }
        return String(result)
    }

    /// R1 and R2 as Snowball defines them; R1 starts at least three letters in.
    private func regions(_ w: [UInt8]) -> (Int, Int) {
        func isVowel(_ c: UInt8) -> Bool { Self.isVowelByte(c) }
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
