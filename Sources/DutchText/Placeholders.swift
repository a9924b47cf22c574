/// Placeholders of a template left in a text ("{naam}", "[datum]", "{{order}}", "XXX"), found as
/// the reply coach finds them in a single reply: for a text that goes to many customers at once
/// (an incident's status update), where one slip reaches them all.
public enum Placeholders {
    /// The placeholders in `text` as written, in order, leaving out those in `filled` (the ones
    /// the sender fills in, such as "{klant}").
    public static func unfilled(in text: String, except filled: Set<String> = []) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return CoachText.findPlaceholders(scalars).map { start, end in
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[start..<end])
            return String(view)
        }.filter { !filled.contains($0) }
    }
}
