import Foundation
import GRDB
import Hummingbird

// The orientation of issue 2, measured on the same machine as Signaal's intake: a minimal
// Hummingbird + GRDB server whose one endpoint decodes a small JSON body and inserts one row
// (SQLite in WAL mode, one write per request), beside a /health that answers "ok".
// Usage: reference <database file> <port>
struct Input: Decodable {
    let text: String
    let author: String
}

struct Output: ResponseEncodable {
    let id: Int64
}

let arguments = CommandLine.arguments
guard arguments.count == 3, let port = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: reference <database file> <port>\n".utf8))
    exit(64)
}
var configuration = Configuration()
configuration.journalMode = .wal
let pool = try DatabasePool(path: arguments[1], configuration: configuration)
try pool.write { db in
    try db.execute(
        sql: "CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY, text TEXT NOT NULL, author TEXT NOT NULL, created_at REAL NOT NULL)")
}
let router = Router()
router.get("health") { _, _ in "ok" }
router.post("insert") { request, context -> EditedResponse<Output> in
    let input = try await request.decode(as: Input.self, context: context)
    let id = try await pool.write { db in
        try db.execute(
            sql: "INSERT INTO messages (text, author, created_at) VALUES (?, ?, ?)",
            arguments: [input.text, input.author, Date().timeIntervalSince1970])
        return db.lastInsertedRowID
    }
    return EditedResponse(status: .created, response: Output(id: id))
}
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
