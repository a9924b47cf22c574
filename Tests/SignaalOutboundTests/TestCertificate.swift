import NIOSSL

/// A self-signed P-256 certificate for 127.0.0.1 and localhost, valid 2020–2120, made for
/// these tests with Python's `cryptography` package. Its key protects nothing.
enum TestCertificate {
    static let certificatePEM = """
        -----BEGIN CERTIFICATE-----
        MIIBazCCARGgAwIBAgIUOSZUzSG4kigtQ4NkFAoGhOR+vd0wCgYIKoZIzj0EAwIw
        HDEaMBgGA1UEAwwRU2lnbmFhbCB0ZXN0IFNNVFAwIBcNMjAwMTAxMDAwMDAwWhgP
        MjEyMDAxMDEwMDAwMDBaMBwxGjAYBgNVBAMMEVNpZ25hYWwgdGVzdCBTTVRQMFkw
        EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE8oKN/g7I9Kp1nxB9Iq8c2YhgrDNQznzC
        BherAV/x70SLiDQEN01zPjh6GnwqU2rT1Ks0S6flnIh1JjrHjyLjQqMvMC0wGgYD
        VR0RBBMwEYIJbG9jYWxob3N0hwR/AAABMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZI
        zj0EAwIDSAAwRQIgFuz4SNNk+Gk7HKxM5srAVLAOCf6E/u4OlFPLUWNSnV8CIQCG
        d9XssNpyR1tddsPz+TP97JGqUJ6JIhgX+y3MbtCDug==
        -----END CERTIFICATE-----
        """

    static let privateKeyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgCBUYgk7yF4nS9zdS
        BP3twjMuHs1RXiuH7t4sh7Dj+iyhRANCAATygo3+Dsj0qnWfEH0irxzZiGCsM1DO
        fMIGF6sBX/HvRIuINAQ3TXM+OHoafCpTatPUqzRLp+WciHUmOsePIuNC
        -----END PRIVATE KEY-----
        """

    static var certificate: NIOSSLCertificate {
        try! NIOSSLCertificate(bytes: Array(certificatePEM.utf8), format: .pem)
    }

    static var privateKey: NIOSSLPrivateKey {
        try! NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem)
    }

    /// A client configuration that trusts only this certificate.
    static var clientConfiguration: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .certificates([certificate])
        return configuration
    }
}
