import Foundation

/// What a labelled file is labelled for: the analysis's own label names, and the Dutch words a team
/// labelling in a spreadsheet is likely to type for them.
public enum LabelTask: String, Sendable, CaseIterable {
    case sentiment, intent

    /// Accepted spellings (lower case) to the analysis's label.
    public var vocabulary: [String: String] {
        switch self {
        case .sentiment:
            ["negative": "negative", "neutral": "neutral", "positive": "positive",
             "negatief": "negative", "neutraal": "neutral", "positief": "positive"]
        case .intent:
            ["complaint": "complaint", "compliment": "compliment", "question": "question", "other": "other",
             "klacht": "complaint", "vraag": "question", "overig": "other"]
        }
    }

    /// The analysis's labels, in the order it reports them.
    var labels: [String] { Array(Set(vocabulary.values)).sorted() }

    /// The Dutch spellings that are not also the analysis's own.
    var dutchLabels: [String] { vocabulary.keys.filter { vocabulary[$0] != $0 }.sorted() }
}

/// A labelled evaluation file: CSV or TSV with a header naming a `text` column and a `label`
/// column (or a column named after the task, such as `sentiment` or `intent`).
public struct LabelledSet: Sendable {
    public var texts: [String]
    public var labels: [String]
    /// Rows with a text but an empty label: not labelled yet, so left out.
    public var unlabelled: Int

    public init(texts: [String], labels: [String], unlabelled: Int = 0) {
        self.texts = texts
        self.labels = labels
        self.unlabelled = unlabelled
    }

    /// Reads the labels for `task` from the column named after it or, when `genericColumn` allows,
    /// from a column `label`. A label the analysis does not know stops the read with its line:
    /// a typo ("negatve") would otherwise count as a class of its own and skew every score.
    public static func read(path: String, task: LabelTask, genericColumn: Bool = true) throws -> LabelledSet {
        let (header, rows, textIndex) = try table(path: path)
        guard let labelIndex = header.firstIndex(of: task.rawValue) ?? (genericColumn ? header.firstIndex(of: "label") : nil) else {
            throw LabelledSetError(
                genericColumn ? "\(path) heeft geen kolom 'label' of '\(task.rawValue)'" : "\(path) heeft geen kolom '\(task.rawValue)'",
                missingLabelColumn: true)
        }
        let vocabulary = task.vocabulary
        var set = LabelledSet(texts: [], labels: [])
        for (number, row) in rows.dropFirst().enumerated() where !(row.count == 1 && row[0].isEmpty) {
            guard row.count > max(textIndex, labelIndex) else {
                throw LabelledSetError("\(path) regel \(number + 2): te weinig kolommen")
            }
            let written = row[labelIndex].trimmingCharacters(in: .whitespaces)
            if written.isEmpty {
                set.unlabelled += 1
                continue
            }
            guard let label = vocabulary[written.lowercased()] else {
                throw LabelledSetError(
                    "\(path) regel \(number + 2): '\(written)' is geen \(task.rawValue)-label; kies "
                        + task.labels.joined(separator: ", ") + " (of " + task.dutchLabels.joined(separator: ", ") + ")")
            }
            set.texts.append(row[textIndex])
            set.labels.append(label)
        }
        return set
    }

    /// The file's header (lower case), its rows (the header first) and the `text` column.
    static func table(path: String) throws -> (header: [String], rows: [[String]], textIndex: Int) {
        guard let data = FileManager.default.contents(atPath: path) else { throw LabelledSetError("kan \(path) niet lezen") }
        guard let text = String(data: data, encoding: .utf8) else { throw LabelledSetError("\(path) is geen UTF-8") }
        let content = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let firstLine = content.prefix { $0 != "\n" && $0 != "\r\n" }
        let rows = firstLine.contains("\t") ? tsvRows(content) : csvRows(content)
        guard let header = rows.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else {
            throw LabelledSetError("\(path) is leeg")
        }
        guard let textIndex = header.firstIndex(of: "text") else { throw LabelledSetError("\(path) heeft geen kolom 'text'") }
        return (header, rows, textIndex)
    }

    /// The texts of a file with a `topics` column (names separated by commas; empty: about none of
    /// them), or nil when it has none. A name outside `known` stops the read with its line.
    public static func readTopics(path: String, known: Set<String>) throws -> (texts: [String], topics: [[String]])? {
        let (header, rows, textIndex) = try table(path: path)
        guard let topicIndex = header.firstIndex(of: "topics") else { return nil }
        var texts: [String] = [], topics: [[String]] = []
        for (number, row) in rows.dropFirst().enumerated() where !(row.count == 1 && row[0].isEmpty) {
            guard row.count > max(textIndex, topicIndex) else { throw LabelledSetError("\(path) regel \(number + 2): te weinig kolommen") }
            let names = row[topicIndex].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
            if let unknown = names.first(where: { !known.contains($0) }) {
                throw LabelledSetError(
                    "\(path) regel \(number + 2): '\(unknown)' is geen onderwerp; kies uit " + known.sorted().joined(separator: ", "))
            }
            texts.append(row[textIndex])
            topics.append(names)
        }
        return (texts, topics)
    }

    static func tsvRows(_ content: String) -> [[String]] {
        content.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// RFC 4180: quoted fields may hold commas, quotes ("") and line breaks.
    static func csvRows(_ content: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = content.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" && field.isEmpty {
                quoted = true
            } else if character == "," {
                row.append(field)
                field = ""
            } else if character.isNewline {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(character)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}

public struct LabelledSetError: Error, CustomStringConvertible {
    public let description: String
    /// The file has no column for the task's labels (a file may be labelled for one task only).
    public let missingLabelColumn: Bool
    public init(_ description: String, missingLabelColumn: Bool = false) {
        self.description = description
        self.missingLabelColumn = missingLabelColumn
    }
}

/// Precision, recall and F1 per class, macro-F1 and accuracy.
public struct Scores: Sendable {
    public struct PerClass: Sendable {
        public var label: String
        public var precision: Double
        public var recall: Double
        public var f1: Double
        public var support: Int
    }

    public var classes: [PerClass]
    public var macroF1: Double
    public var accuracy: Double
    public var count: Int

    public init(gold: [String], predicted: [String]) {
        let labels = Array(Set(gold)).sorted()
        var classes: [PerClass] = []
        for label in labels {
            let truePositive = zip(gold, predicted).filter { $0 == label && $1 == label }.count
            let predictedCount = predicted.filter { $0 == label }.count
            let support = gold.filter { $0 == label }.count
            let precision = predictedCount == 0 ? 0 : Double(truePositive) / Double(predictedCount)
            let recall = support == 0 ? 0 : Double(truePositive) / Double(support)
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            classes.append(PerClass(label: label, precision: precision, recall: recall, f1: f1, support: support))
        }
        self.classes = classes
        self.macroF1 = classes.isEmpty ? 0 : classes.map(\.f1).reduce(0, +) / Double(classes.count)
        self.count = gold.count
        self.accuracy = gold.isEmpty ? 0 : Double(zip(gold, predicted).filter { $0 == $1 }.count) / Double(gold.count)
    }

    /// A table, then `macro_f1=F accuracy=A n=N` as the last line.
    public var report: String {
        var lines = ["label                 precision  recall     f1   support"]
        for entry in classes {
            lines.append(
                entry.label.padding(toLength: 20, withPad: " ", startingAt: 0)
                    + String(format: "%11.3f %7.3f %6.3f %9d", entry.precision, entry.recall, entry.f1, entry.support))
        }
        lines.append(String(format: "macro_f1=%.3f accuracy=%.3f n=%d", macroF1, accuracy, count))
        return lines.joined(separator: "\n")
    }
}

/// Precision, recall and F1 per topic, and micro-F1 over every (text, topic) pair: a text may be
/// about several topics or none, so there is no accuracy.
public struct TopicScores: Sendable {
    public var rows: [(topic: String, precision: Double, recall: Double, f1: Double, support: Int)] = []
    public var microF1: Double
    public var count: Int

    public init(gold: [[String]], predicted: [[String]], topics: [String]) {
        var total = (tp: 0, fp: 0, fn: 0)
        for topic in topics {
            var tp = 0, fp = 0, fn = 0
            for (expected, found) in zip(gold, predicted) {
                switch (expected.contains(topic), found.contains(topic)) {
                case (true, true): tp += 1
                case (false, true): fp += 1
                case (true, false): fn += 1
                case (false, false): break
                }
            }
            total = (total.tp + tp, total.fp + fp, total.fn + fn)
            let precision = tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp)
            let recall = tp + fn == 0 ? 0 : Double(tp) / Double(tp + fn)
            rows.append((topic, precision, recall, tp == 0 ? 0 : 2 * Double(tp) / Double(2 * tp + fp + fn), tp + fn))
        }
        microF1 = total.tp == 0 ? 0 : 2 * Double(total.tp) / Double(2 * total.tp + total.fp + total.fn)
        count = gold.count
    }

    public var report: String {
        var lines = ["topic                 precision  recall     f1   support"]
        for row in rows {
            lines.append(row.topic.padding(toLength: 20, withPad: " ", startingAt: 0)
                + String(format: "%11.3f %7.3f %6.3f %9d", row.precision, row.recall, row.f1, row.support))
        }
        lines.append(String(format: "micro_f1=%.3f n=%d", microF1, count))
        return lines.joined(separator: "\n")
    }
}
