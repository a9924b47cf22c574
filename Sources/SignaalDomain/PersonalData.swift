import Foundation

/// What of one person is kept on customer records other than their own. Linking an identity moves
/// only the identity: the messages that came in under it stay on the record that had it, among
/// whatever else that record holds. They are still this person's, for their export and erasure.
public struct PersonalData: Sendable, Hashable {
    /// Their messages on other records: written under an identity that is theirs now.
    public var signalIDs: Set<SignalID>
    /// Cases on other records made of their messages only. A case that also holds someone else's
    /// message stays that person's too; only the messages in it are theirs.
    public var caseIDs: Set<CaseID>
    /// Cases there with someone else's messages too, opened by one of theirs: the subject is made
    /// of their words.
    public var subjectCaseIDs: Set<CaseID>
    /// Other records with nothing but their messages and no identity left: a record of theirs an
    /// agent linked into this one, whose name is theirs too.
    public var customerIDs: Set<CustomerID>

    public init(
        signalIDs: Set<SignalID> = [], caseIDs: Set<CaseID> = [], subjectCaseIDs: Set<CaseID> = [], customerIDs: Set<CustomerID> = []
    ) {
        self.signalIDs = signalIDs
        self.caseIDs = caseIDs
        self.subjectCaseIDs = subjectCaseIDs
        self.customerIDs = customerIDs
    }

    /// Decides from `identities`, the person's identities now; `signals`, every signal on the
    /// other records that ever held one of them (the identity history names those records); and
    /// `recordsWithIdentities`, which of those records still have an identity (of someone else).
    /// An identity unlinked from the person is not among `identities`, so what came in under it is
    /// not theirs.
    public init(identities: Set<Identity>, signals: [Signal], recordsWithIdentities: Set<CustomerID>) {
        let theirs = Set(signals.filter { !identities.isDisjoint(with: $0.author.identities(on: $0.channel)) }.map(\.id))
        func onlyTheirs(_ group: [Signal]) -> Bool { group.allSatisfy { theirs.contains($0.id) } }
        let byCase = Dictionary(grouping: signals, by: \.caseID)
        let mixed = byCase.filter { !onlyTheirs($0.value) }
        // The case's subject came from the message that opened it, the first one stored.
        let openers = mixed.compactMapValues { $0.min { ($0.createdAt, $0.id.description) < ($1.createdAt, $1.id.description) } }
        self.init(
            signalIDs: theirs,
            caseIDs: Set(byCase.keys).subtracting(mixed.keys),
            subjectCaseIDs: Set(openers.filter { theirs.contains($0.value.id) }.keys),
            customerIDs: Set(
                Dictionary(grouping: signals, by: \.customerID).filter { !recordsWithIdentities.contains($0.key) && onlyTheirs($0.value) }.keys))
    }
}
