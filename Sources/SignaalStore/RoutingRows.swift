import Foundation
import SignaalDomain

/// The skill lists of a routing profile as both stores keep them: comma-separated text.
public enum RoutingRows {
    public static func list(_ values: [String]) -> String { values.joined(separator: ",") }

    public static func values(_ text: String) -> [String] { text.split(separator: ",").map(String.init) }

    public static func channels(_ text: String) -> [Channel] { values(text).compactMap(Channel.init(rawValue:)) }
}
