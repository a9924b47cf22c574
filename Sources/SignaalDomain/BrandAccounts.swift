/// The brand's own accounts on the public platforms (`SIGNAAL_BRAND_HANDLES`), and the accounts that
/// pose as them: S3's fake "Klantenservice" that answers the brand's customers rudely in its name.
/// A message by such an account is marked, so that the agent answers the customer and not the fake.
public struct BrandAccounts: Sendable, Hashable {
    /// The handles as configured, without "@".
    public let handles: [String]
    private let ownHandles: Set<String>
    private let skeletons: [(handle: String, skeleton: String, core: String)]

    /// Words a care account's handle or name carries ("NS Klantenservice", "@KLM_Webcare").
    /// Not "help" or "team": a customer's "@ns_help_me" must not be taken for a fake.
    /// As skeletons, as the words they are compared with ("service" reads "servlce").
    static let careWords = [
        "klantenservice", "klantendienst", "klantenteam", "webcare", "customercare", "customerservice", "service", "support",
        "helpdesk", "care", "official", "officieel",
    ].map(skeleton)
    /// Parts of a brand's handle that are not its name ("NS_online" is NS).
    static let handleSuffixes = ["online", "official", "nl", "be"].map(skeleton) + careWords

    public init(handles: [String]) {
        let cleaned = handles.map { Self.bare($0) }.filter { !$0.isEmpty }
        self.handles = cleaned
        ownHandles = Set(cleaned.map { $0.lowercased() })
        skeletons = cleaned.map { handle in
            let skeleton = Self.skeleton(handle)
            var core = skeleton
            // Strip what is not the name, longest first, as long as a name is left.
            var stripped = true
            while stripped {
                stripped = false
                for suffix in Self.handleSuffixes.sorted(by: { $0.count > $1.count })
                where core.hasSuffix(suffix) && core.count > suffix.count {
                    core.removeLast(suffix.count)
                    stripped = true
                }
            }
            return (handle, skeleton, core)
        }
    }

    public static func == (left: BrandAccounts, right: BrandAccounts) -> Bool { left.handles == right.handles }
    public func hash(into hasher: inout Hasher) { hasher.combine(handles) }

    /// The brand handle the customer poses as on `channel` (their handle there and their name):
    /// such an account is no customer to write to.
    public func impersonated(_ customer: Customer?, on channel: Channel) -> String? {
        guard let customer, let kind = channel.handleKind else { return nil }
        let handle = customer.identities.first { $0.kind == kind }?.value
        return impersonated(by: Author(handle: handle, name: customer.name), on: channel)
    }

    /// The brand handle `author` poses as on `channel`, or nil: a look-alike of a brand handle
    /// ("NS_0nline", "NS_online_hulp"), or the brand's name beside a care word in the handle or the
    /// display name ("@NSKlantenservice", "NS Klantenservice") of an account that is not the brand's.
    public func impersonated(by author: Author, on channel: Channel) -> String? {
        guard channel.isPublic, !skeletons.isEmpty else { return nil }
        let handle = Self.bare(author.handle ?? "")
        if ownHandles.contains(handle.lowercased()) { return nil }
        let handleSkeleton = Self.skeleton(handle)
        let words = Self.words(handle) + Self.words(author.name ?? "")
        for brand in skeletons {
            // A look-alike: the brand's handle with a digit for a letter, or with something added.
            if !handleSkeleton.isEmpty, handleSkeleton == brand.skeleton || brand.skeleton.count >= 5 && handleSkeleton.contains(brand.skeleton) {
                return brand.handle
            }
            // The brand's name as a word of its own (or fused with a care word) and a care word.
            let namesBrand = words.contains { $0 == brand.core || $0.hasPrefix(brand.core) && Self.careWords.contains(String($0.dropFirst(brand.core.count))) }
            let namesCare = words.contains { word in Self.careWords.contains { word == $0 || word.hasSuffix($0) && word.hasPrefix(brand.core) } }
            if namesBrand && namesCare { return brand.handle }
        }
        return nil
    }

    /// A handle without spaces and leading "@".
    static func bare(_ handle: String) -> String {
        String(handle.trimmingWhitespace().drop { $0 == "@" })
    }

    /// Letters only, lower case, with the digits that pass for letters read as those letters.
    static func skeleton(_ text: String) -> String {
        // "i" and "l" too: a capital I reads as an l in most fonts ("NS_onIine").
        let lookalikes: [Character: Character] = ["0": "o", "1": "l", "i": "l", "|": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b"]
        return String(text.lowercased().compactMap { character in
            if let letter = lookalikes[character] { return letter }
            return character.isLetter ? character : nil
        })
    }

    /// The words of a handle or name, lower case: "NS_Klantenservice" and "NS Klantenservice" both
    /// give "ns", "klantenservice"; digits read as letters inside a word ("Kl4ntenservice").
    static func words(_ text: String) -> [String] {
        text.split { !$0.isLetter && !$0.isNumber }.map { skeleton(String($0)) }.filter { !$0.isEmpty }
    }
}

