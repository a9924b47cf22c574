import Foundation

/// Files shipped inside the SignaalApp bundle (templates, CSS, the OpenAPI document).
enum BundledResources {
    /// Foundation on Linux and on macOS disagree on `resourceURL`; the bundle's own folder
    /// holds what `.copy(...)` put there on both.
    static func url(_ relativePath: String) -> URL {
        let candidates = [Bundle.module.bundleURL, Bundle.module.bundleURL.appendingPathComponent("Contents/Resources")]
        for base in candidates {
            let url = base.appendingPathComponent(relativePath)
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        return Bundle.module.bundleURL.appendingPathComponent(relativePath)
    }
}
