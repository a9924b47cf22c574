// The executable imports only SignaalApp; these are the types its commands speak.
@_exported import SignaalDomain
@_exported import SignaalServices
@_exported import SignaalStore
@_exported import DutchText
@_exported import SignaalChannels
