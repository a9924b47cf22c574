/// Known words that can end a compound: "vertraging" in "treinvertraging", "medewerker" in
/// "klantenservicemedewerker". A word of at least nine letters has as head its longest known tail
/// of at least five letters that leaves at least three letters in front.
struct CompoundHeads<Value: Sendable>: Sendable {
    private var values: [Substring: Value] = [:]
    /// One bit per (hashed) first four bytes of a head. Most tails of a word start with four
    /// letters no head starts with; this rules them out without hashing the tail itself.
    private var starts = [UInt64](repeating: 0, count: 1024)

    static var minimumWord: Int { 9 }
    static var minimumHead: Int { 5 }
    static var minimumFront: Int { 3 }

    var isEmpty: Bool { values.isEmpty }

    /// Adds (or replaces) a head; shorter words cannot be heads and are left out.
    mutating func insert(_ head: String, _ value: Value) {
        guard head.utf8.count >= Self.minimumHead else { return }
        values[Substring(head)] = value
        let bit = Self.bit(head.utf8.prefix(4))
        starts[bit >> 6] |= 1 << UInt64(bit & 63)
    }

    func head(of word: String) -> (head: Substring, value: Value)? {
        let count = word.utf8.count
        guard count >= Self.minimumWord else { return nil }
        guard word.utf8.allSatisfy({ $0 < 0x80 }) else { return slowHead(of: word) }
        // ASCII: every byte is a letter, so the tails are the byte offsets, longest first.
        return word.utf8.withContiguousStorageIfAvailable { bytes -> (Substring, Value)? in
            for front in Self.minimumFront...(count - Self.minimumHead) {
                let bit = Self.bit(bytes[front..<front + 4])
                guard starts[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { continue }
                let tail = word.utf8.index(word.utf8.startIndex, offsetBy: front)
                if let value = values[word[tail...]] { return (word[tail...], value) }
            }
            return nil
        } ?? slowHead(of: word)
    }

    /// Any other word, a character at a time.
    private func slowHead(of word: String) -> (head: Substring, value: Value)? {
        var tail = Substring(word)
        while tail.utf8.count > Self.minimumHead {
            tail = tail.dropFirst()
            if let value = values[tail], word.utf8.count - tail.utf8.count >= Self.minimumFront { return (tail, value) }
        }
        return nil
    }

    private static func bit(_ bytes: some Sequence<UInt8>) -> Int {
        var packed: UInt32 = 0
        for byte in bytes.prefix(4) { packed = packed << 8 | UInt32(byte) }
        return Int((packed &* 0x9E37_79B1) >> 16)
    }
}
