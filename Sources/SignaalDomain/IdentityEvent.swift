import Foundation

/// An agent linked or unlinked an identity by hand: kept so the dossier shows who and when.
public struct IdentityEvent: Sendable, Hashable, Codable {
    public enum Action: String, Sendable, Hashable, Codable {
        case link
        case unlink
    }

    public var customerID: CustomerID
    public var identity: Identity
    public var action: Action
    /// The customer the identity belonged to before a link moved it.
    public var previousCustomerID: CustomerID?
    public var userID: UserID?
    public var at: Date

    public init(
        customerID: CustomerID, identity: Identity, action: Action, previousCustomerID: CustomerID?, userID: UserID?,
        at: Date
    ) {
        self.customerID = customerID
        self.identity = identity
        self.action = action
        self.previousCustomerID = previousCustomerID
        self.userID = userID
        self.at = at
    }
}
