/// Where a complaint from an earlier complaint log (`signaal import csv`) stood when it came
/// into Signaal. Such a complaint reached the team before Signaal did, so its case is dated by
/// the log, not by the import.
public enum LogStatus: Sendable, Hashable {
    /// Still open work, or the log does not say.
    case open
    /// Handled before Signaal knew of it; `note` is the log's own word ("opgelost"), kept in
    /// the case history so anyone can see where the closing came from.
    case handled(note: String)
}
