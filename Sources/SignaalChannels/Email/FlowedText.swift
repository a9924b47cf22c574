import Foundation

/// RFC 3676 `format=flowed`: lines ending in a space continue on the next line.
enum FlowedText {
    static func unflow(_ text: String, deleteSpace: Bool) -> String {
        var output: [String] = []
        var paragraph = ""
        var paragraphDepth: Int?

        func finishParagraph() {
            guard let depth = paragraphDepth else { return }
            output.append(prefix(depth, empty: paragraph.isEmpty) + paragraph)
            paragraph = ""
            paragraphDepth = nil
        }

        for rawLine in TextLines.split(text) {
            var line = Substring(rawLine)
            var depth = 0
            while line.first == ">" {
                depth += 1
                line = line.dropFirst()
            }
            // Space-stuffing: one leading space was added by the sender.
            if line.first == " " { line = line.dropFirst() }
            // A paragraph never continues across a change in quote depth.
            if let current = paragraphDepth, current != depth { finishParagraph() }
            let isSignatureSeparator = line == "-- "
            let isFlowed = line.hasSuffix(" ") && !isSignatureSeparator
            var content = String(line)
            if isFlowed, deleteSpace { content.removeLast() }
            paragraph += content
            paragraphDepth = depth
            if !isFlowed { finishParagraph() }
        }
        finishParagraph()
        return output.joined(separator: "\n")
    }

    private static func prefix(_ depth: Int, empty: Bool) -> String {
        depth == 0 ? "" : String(repeating: ">", count: depth) + (empty ? "" : " ")
    }
}
