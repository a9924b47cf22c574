import Foundation

/// Compliments reach the colleague they are about: named in the message ("Sanne was top!"),
/// else whoever owns the case, else the whole team.
public enum ComplimentRecipients {
    /// The colleagues named by first name in `text`, as whole words, ignoring case and accents.
    public static func named(in text: String, among users: [User]) -> [UserID] {
        let words = Set(fold(text).split { !$0.isLetter }.map(String.init))
        return users.filter { user in
            guard user.isActive, let first = user.name.split(separator: " ").first.map(String.init), first.count >= 3 else { return false }
            return words.contains(fold(first))
        }.map(\.id)
    }

    /// The compliment's recipients: named colleagues, else the case's owner; empty means the team.
    public static func recipients(of text: String, caseOwner: UserID?, among users: [User]) -> [UserID] {
        let named = named(in: text, among: users)
        if !named.isEmpty { return named }
        return caseOwner.map { [$0] } ?? []
    }

    private static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "nl_NL"))
    }
}
