import GRDB
import SignaalStore

/// Numbered migrations. Never edit one after release: add the next number.
enum SQLiteMigrations {
    static let all: [(version: Int, name: String, sql: String)] = [
        (1, "initial", """
            CREATE TABLE teams (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                created_at INTEGER NOT NULL
            );
            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                email TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('agent', 'lead', 'admin')),
                password_hash TEXT NOT NULL,
                team_id TEXT REFERENCES teams(id),
                active INTEGER NOT NULL DEFAULT 1,
                created_at INTEGER NOT NULL
            );
            CREATE TABLE api_tokens (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                secret_hash TEXT NOT NULL UNIQUE,
                created_at INTEGER NOT NULL,
                revoked_at INTEGER
            );
            CREATE TABLE customers (
                id TEXT PRIMARY KEY,
                name TEXT,
                created_at INTEGER NOT NULL
            );
            CREATE TABLE customer_identities (
                kind TEXT NOT NULL,
                value TEXT NOT NULL,
                customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
                created_at INTEGER NOT NULL,
                PRIMARY KEY (kind, value)
            );
            CREATE INDEX customer_identities_customer ON customer_identities(customer_id);
            CREATE TABLE cases (
                id TEXT PRIMARY KEY,
                customer_id TEXT NOT NULL REFERENCES customers(id),
                status TEXT NOT NULL CHECK (status IN ('new', 'open', 'waiting_on_customer', 'resolved', 'closed')),
                owner_id TEXT REFERENCES users(id),
                team_id TEXT REFERENCES teams(id),
                priority REAL NOT NULL,
                subject TEXT NOT NULL,
                channel TEXT NOT NULL,
                opened_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                last_inbound_at INTEGER NOT NULL,
                waiting_since INTEGER,
                signal_count INTEGER NOT NULL,
                reopen_count INTEGER NOT NULL,
                max_followers INTEGER NOT NULL,
                text_score REAL NOT NULL DEFAULT 0
            );
            -- One priority index, by status: every intake moves a case's priority, and each
            -- index on it is another page written per intake.
            CREATE INDEX cases_status_priority ON cases(status, priority DESC, id DESC);
            CREATE INDEX cases_customer ON cases(customer_id, status);
            CREATE TABLE case_transitions (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                case_id TEXT NOT NULL REFERENCES cases(id),
                from_status TEXT,
                to_status TEXT NOT NULL,
                at INTEGER NOT NULL,
                actor_id TEXT REFERENCES users(id),
                reason TEXT NOT NULL
            );
            CREATE INDEX case_transitions_case ON case_transitions(case_id, id);
            CREATE TABLE signals (
                id TEXT PRIMARY KEY,
                channel TEXT NOT NULL,
                external_id TEXT,
                customer_id TEXT NOT NULL REFERENCES customers(id),
                case_id TEXT NOT NULL REFERENCES cases(id),
                author_handle TEXT,
                author_name TEXT,
                author_email TEXT,
                author_phone TEXT,
                author_followers INTEGER,
                text TEXT NOT NULL,
                received_at INTEGER NOT NULL,
                in_reply_to TEXT,
                url TEXT,
                analysis TEXT,
                created_at INTEGER NOT NULL
            );
            CREATE UNIQUE INDEX signals_channel_external ON signals(channel, external_id) WHERE external_id IS NOT NULL;
            CREATE INDEX signals_received ON signals(received_at DESC, id DESC);
            CREATE INDEX signals_channel_received ON signals(channel, received_at DESC, id DESC);
            CREATE INDEX signals_case ON signals(case_id, received_at);
            CREATE INDEX signals_customer ON signals(customer_id, received_at);
            CREATE TABLE kv (
                key TEXT PRIMARY KEY,
                value BLOB NOT NULL,
                expires_at INTEGER
            );
            """),
        (2, "signal_labels", """
            CREATE TABLE signal_labels (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                signal_id TEXT NOT NULL REFERENCES signals(id),
                sentiment TEXT CHECK (sentiment IN ('negative', 'neutral', 'positive')),
                intent TEXT CHECK (intent IN ('complaint', 'compliment', 'question', 'other')),
                topics TEXT,
                user_id TEXT NOT NULL REFERENCES users(id),
                created_at INTEGER NOT NULL
            );
            CREATE INDEX signal_labels_signal ON signal_labels(signal_id, id);
            """),
        (3, "channels", """
            ALTER TABLE signals ADD COLUMN details TEXT;
            ALTER TABLE signals ADD COLUMN text_pending INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE signals ADD COLUMN removed_at INTEGER;
            CREATE INDEX signals_text_pending ON signals(received_at) WHERE text_pending = 1;
            CREATE TABLE signal_attachments (
                signal_id TEXT NOT NULL REFERENCES signals(id),
                ordinal INTEGER NOT NULL,
                filename TEXT,
                content_type TEXT NOT NULL,
                size INTEGER NOT NULL,
                content BLOB,
                PRIMARY KEY (signal_id, ordinal)
            );
            CREATE TABLE replies (
                id TEXT PRIMARY KEY,
                case_id TEXT NOT NULL REFERENCES cases(id),
                signal_id TEXT REFERENCES signals(id),
                channel TEXT NOT NULL,
                text TEXT NOT NULL,
                author_id TEXT REFERENCES users(id),
                status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'delivered', 'read', 'failed')),
                attempts INTEGER NOT NULL,
                next_attempt_at INTEGER,
                last_error TEXT,
                external_id TEXT,
                created_at INTEGER NOT NULL,
                sent_at INTEGER,
                updated_at INTEGER NOT NULL
            );
            CREATE INDEX replies_case ON replies(case_id, created_at);
            CREATE INDEX replies_due ON replies(status, next_attempt_at);
            CREATE UNIQUE INDEX replies_channel_external ON replies(channel, external_id) WHERE external_id IS NOT NULL;
            CREATE TABLE identity_events (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                customer_id TEXT NOT NULL REFERENCES customers(id),
                kind TEXT NOT NULL,
                value TEXT NOT NULL,
                action TEXT NOT NULL CHECK (action IN ('link', 'unlink')),
                previous_customer_id TEXT REFERENCES customers(id),
                user_id TEXT REFERENCES users(id),
                at INTEGER NOT NULL
            );
            CREATE INDEX identity_events_customer ON identity_events(customer_id, id);
            """),
        (4, "reply_coach", """
            ALTER TABLE replies ADD COLUMN coach_score INTEGER;
            ALTER TABLE replies ADD COLUMN coach_findings TEXT;
            CREATE INDEX replies_author_created ON replies(author_id, created_at);
            """),
        (5, "handoffs", """
            CREATE TABLE handoffs (
                id TEXT PRIMARY KEY,
                case_id TEXT NOT NULL REFERENCES cases(id),
                from_user_id TEXT REFERENCES users(id),
                to_user_id TEXT NOT NULL REFERENCES users(id),
                by_user_id TEXT NOT NULL REFERENCES users(id),
                briefing TEXT NOT NULL,
                at INTEGER NOT NULL
            );
            CREATE INDEX handoffs_case ON handoffs(case_id, at);
            """),
        (6, "promises", """
            CREATE TABLE promises (
                id TEXT PRIMARY KEY,
                case_id TEXT NOT NULL REFERENCES cases(id),
                owner_id TEXT NOT NULL REFERENCES users(id),
                text TEXT NOT NULL,
                due_at INTEGER NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('open', 'kept', 'broken')),
                created_at INTEGER NOT NULL,
                created_by TEXT NOT NULL REFERENCES users(id),
                settled_at INTEGER,
                settled_by TEXT REFERENCES users(id)
            );
            CREATE INDEX promises_case ON promises(case_id, due_at);
            CREATE INDEX promises_due ON promises(due_at);
            """),
        (7, "cases_owner", """
            CREATE INDEX cases_owner_priority ON cases(owner_id, status, priority DESC, id DESC);
            """),
        (8, "case_root_cause", """
            ALTER TABLE cases ADD COLUMN root_cause TEXT;
            """),
        (9, "satisfaction", """
            CREATE TABLE satisfaction_checks (
                token TEXT PRIMARY KEY,
                case_id TEXT NOT NULL REFERENCES cases(id),
                sent_at INTEGER NOT NULL,
                answered_at INTEGER,
                score INTEGER CHECK (score BETWEEN 1 AND 5),
                solved INTEGER,
                comment TEXT
            );
            CREATE INDEX satisfaction_case ON satisfaction_checks(case_id, sent_at);
            """),
        (10, "compensations", """
            CREATE TABLE compensations (
                id TEXT PRIMARY KEY,
                case_id TEXT NOT NULL REFERENCES cases(id),
                customer_id TEXT NOT NULL REFERENCES customers(id),
                kind TEXT NOT NULL CHECK (kind IN ('refund', 'waived_costs', 'voucher', 'gift')),
                amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
                reason TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('granted', 'pending', 'rejected')),
                requested_by TEXT NOT NULL REFERENCES users(id),
                requested_at INTEGER NOT NULL,
                decided_by TEXT REFERENCES users(id),
                decided_at INTEGER,
                decision_note TEXT
            );
            CREATE INDEX compensations_case ON compensations(case_id, requested_at);
            CREATE INDEX compensations_customer ON compensations(customer_id, requested_at);
            CREATE INDEX compensations_status ON compensations(status, requested_at);
            """),
        (11, "sla", """
            ALTER TABLE cases ADD COLUMN sla_started_at INTEGER;
            ALTER TABLE cases ADD COLUMN responded_at INTEGER;
            UPDATE cases SET sla_started_at = opened_at;
            UPDATE cases SET responded_at = (SELECT MIN(created_at) FROM replies WHERE replies.case_id = cases.id);
            CREATE TABLE sla_breaches (
                case_id TEXT NOT NULL REFERENCES cases(id),
                kind TEXT NOT NULL CHECK (kind IN ('firstResponse', 'resolution')),
                due_at INTEGER NOT NULL,
                recorded_at INTEGER NOT NULL,
                PRIMARY KEY (case_id, kind, due_at)
            );
            CREATE INDEX sla_breaches_recorded ON sla_breaches(recorded_at);
            """),
        // Full-text search with Dutch stemming ("pakketten" finds "pakket"), kept in step with
        // the signals by triggers. The index keeps its own copy of the text, keyed by rowid.
        (12, "search", """
            CREATE VIRTUAL TABLE signals_fts USING fts5(text, tokenize = 'dutch');
            INSERT INTO signals_fts (rowid, text) SELECT rowid, text FROM signals;
            CREATE TRIGGER signals_fts_insert AFTER INSERT ON signals BEGIN
                INSERT INTO signals_fts (rowid, text) VALUES (new.rowid, new.text);
            END;
            CREATE TRIGGER signals_fts_update AFTER UPDATE OF text ON signals BEGIN
                DELETE FROM signals_fts WHERE rowid = old.rowid;
                INSERT INTO signals_fts (rowid, text) VALUES (new.rowid, new.text);
            END;
            CREATE TRIGGER signals_fts_delete AFTER DELETE ON signals BEGIN
                DELETE FROM signals_fts WHERE rowid = old.rowid;
            END;
            """),
        (13, "privacy", """
            CREATE TABLE audit_log (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at INTEGER NOT NULL,
                user_id TEXT REFERENCES users(id),
                action TEXT NOT NULL,
                subject TEXT NOT NULL,
                subject_id TEXT,
                detail TEXT NOT NULL
            );
            CREATE INDEX audit_log_subject ON audit_log(subject_id, id);
            ALTER TABLE customers ADD COLUMN erased_at INTEGER;
            """),
        (14, "routing", """
            CREATE TABLE routing_profiles (
                user_id TEXT PRIMARY KEY REFERENCES users(id),
                paused INTEGER NOT NULL DEFAULT 0,
                capacity INTEGER NOT NULL CHECK (capacity > 0),
                channels TEXT NOT NULL,
                topics TEXT NOT NULL,
                languages TEXT NOT NULL
            );
            """),
        // Teams: admin rules send new work to a team's queue; a handoff can go to a team. Cases
        // keep what their messages say (sentiment, intent, topics, language) for inbox filters
        // and those rules, filled in here from the analyses already stored.
        (15, "teams", """
            CREATE TABLE team_rules (
                id TEXT PRIMARY KEY,
                position INTEGER NOT NULL,
                field TEXT NOT NULL CHECK (field IN ('topic', 'channel', 'language', 'brand')),
                value TEXT NOT NULL,
                team_id TEXT NOT NULL REFERENCES teams(id)
            );
            CREATE INDEX cases_team_priority ON cases(team_id, status, priority DESC, id DESC);
            CREATE TABLE handoffs_with_teams (
                id TEXT PRIMARY KEY,
                case_id TEXT NOT NULL REFERENCES cases(id),
                from_user_id TEXT REFERENCES users(id),
                to_user_id TEXT REFERENCES users(id),
                to_team_id TEXT REFERENCES teams(id),
                by_user_id TEXT NOT NULL REFERENCES users(id),
                briefing TEXT NOT NULL,
                at INTEGER NOT NULL,
                CHECK ((to_user_id IS NULL) <> (to_team_id IS NULL))
            );
            INSERT INTO handoffs_with_teams (id, case_id, from_user_id, to_user_id, by_user_id, briefing, at)
                SELECT id, case_id, from_user_id, to_user_id, by_user_id, briefing, at FROM handoffs;
            DROP TABLE handoffs;
            ALTER TABLE handoffs_with_teams RENAME TO handoffs;
            CREATE INDEX handoffs_case ON handoffs(case_id, at);
            CREATE INDEX handoffs_at ON handoffs(at);
            ALTER TABLE cases ADD COLUMN sentiment TEXT;
            ALTER TABLE cases ADD COLUMN intent TEXT;
            ALTER TABLE cases ADD COLUMN topics TEXT NOT NULL DEFAULT '';
            ALTER TABLE cases ADD COLUMN language TEXT;
            UPDATE cases SET
                sentiment = (SELECT json_extract(s.analysis, '$.sentiment') FROM signals s
                    WHERE s.case_id = cases.id AND s.analysis IS NOT NULL ORDER BY s.received_at DESC, s.rowid DESC LIMIT 1),
                intent = (SELECT json_extract(s.analysis, '$.intent') FROM signals s
                    WHERE s.case_id = cases.id AND s.analysis IS NOT NULL ORDER BY s.received_at DESC, s.rowid DESC LIMIT 1),
                language = (SELECT json_extract(s.analysis, '$.language') FROM signals s
                    WHERE s.case_id = cases.id AND s.analysis IS NOT NULL ORDER BY s.received_at, s.rowid LIMIT 1),
                topics = COALESCE((SELECT '|' || group_concat(topic, '|') || '|' FROM (
                    SELECT DISTINCT t.value AS topic FROM signals s, json_each(s.analysis, '$.topics') t
                    WHERE s.case_id = cases.id AND s.analysis IS NOT NULL)), '');
            """),
        // Who has a case open: short-lived reports from the case pages, for collision warnings.
        (16, "presence", """
            CREATE TABLE case_presence (
                case_id TEXT NOT NULL REFERENCES cases(id),
                user_id TEXT NOT NULL REFERENCES users(id),
                typing INTEGER NOT NULL,
                seen_at INTEGER NOT NULL,
                PRIMARY KEY (case_id, user_id)
            );
            CREATE INDEX case_presence_seen ON case_presence(seen_at);
            """),
        // The inbox: open cases in priority order, with every column its filters look at, so a
        // page (also of a rare filter) is read from this index alone, however many cases are closed.
        (17, "inbox_index", """
            CREATE INDEX cases_inbox ON cases(priority DESC, id DESC, owner_id, team_id, channel, sentiment, intent, topics)
                WHERE status IN ('new', 'open', 'waiting_on_customer');
            DROP INDEX cases_team_priority;
            """),
        // Cheaper intake.
        // - The inbox index under `SQLiteStore.unresolvedCondition`: an IN list of three made
        //   SQLite build a temporary table each time it checked a case row against it. It now
        //   also covers the status, for views of some of the unresolved statuses.
        // - Cases ordered by priority per status only for resolved and closed cases (the open
        //   ones have `cases_inbox`): a new message changes its case's priority, and each index
        //   on the priority costs intake two random pages.
        // - New signals are put in the search index by whoever inserts them, one statement per
        //   transaction (`SQLiteStore.indexSignals`): with the trigger, every later statement
        //   of the transaction made FTS5 write what it had so far as a segment of its own.
        (18, "intake_speed", """
            DROP TRIGGER signals_fts_insert;
            DROP INDEX cases_inbox;
            CREATE INDEX cases_inbox ON cases(priority DESC, id DESC, owner_id, team_id, channel, sentiment, intent, topics, status)
                WHERE status NOT IN ('resolved', 'closed');
            DROP INDEX cases_status_priority;
            CREATE INDEX cases_done_priority ON cases(status, priority DESC, id DESC) WHERE status IN ('resolved', 'closed');
            """),
        // The search index folds every accent of `Diacritics` ("enquete" finds "enquête"); the
        // stemmer folded only Snowball's few. Words already indexed are indexed again, in a new
        // table: deleting from the old one would look up their old tokens with the new fold.
        (19, "search_folds_accents", """
            DROP TABLE signals_fts;
            CREATE VIRTUAL TABLE signals_fts USING fts5(text, tokenize = 'dutch');
            INSERT INTO signals_fts (rowid, text) SELECT rowid, text FROM signals;
            """),
        // What an integration read through the API is in the audit log, under its token's name.
        (20, "audit_token", """
            ALTER TABLE audit_log ADD COLUMN token_name TEXT;
            """),
        // An erased message's platform id, as a digest (`ErasedMessages`): a redelivery of it is a
        // duplicate of the placeholder instead of the message in full again.
        (21, "erased_external_ids", """
            CREATE TABLE erased_external_ids (
                channel TEXT NOT NULL,
                digest TEXT NOT NULL,
                signal_id TEXT NOT NULL REFERENCES signals(id),
                PRIMARY KEY (channel, digest)
            ) WITHOUT ROWID;
            """),
        // The satisfaction question is a reply of its own kind: kept out of the coaching figures,
        // and its delivery shown with the check it asks.
        (22, "reply_satisfaction_token", """
            ALTER TABLE replies ADD COLUMN satisfaction_token TEXT;
            """),
        // Who answered a customer's message (an account posing as ours, on the customer's case page).
        (23, "signals_in_reply_to", """
            CREATE INDEX signals_in_reply_to ON signals(channel, in_reply_to) WHERE in_reply_to IS NOT NULL;
            """),
        // Incidents: one cause behind many messages, handled with one status update (S3). One open
        // incident per topic ('' for all messages), so two leads cannot open the same one twice.
        (24, "incidents", """
            CREATE TABLE incidents (
                id TEXT PRIMARY KEY,
                title TEXT NOT NULL,
                topic TEXT,
                started_at INTEGER NOT NULL,
                opened_by TEXT NOT NULL REFERENCES users(id),
                opened_at INTEGER NOT NULL,
                closed_at INTEGER,
                closed_by TEXT REFERENCES users(id)
            );
            CREATE UNIQUE INDEX incidents_open_topic ON incidents(COALESCE(topic, '')) WHERE closed_at IS NULL;
            CREATE TABLE incident_updates (
                id TEXT PRIMARY KEY,
                incident_id TEXT NOT NULL REFERENCES incidents(id),
                text TEXT NOT NULL,
                posted_by TEXT NOT NULL REFERENCES users(id),
                posted_at INTEGER NOT NULL,
                reached INTEGER NOT NULL,
                skipped INTEGER NOT NULL
            );
            CREATE INDEX incident_updates_incident ON incident_updates(incident_id, posted_at);
            """),
        // Improvement actions on a root cause (capability 9): one unfinished per cause; the
        // colleagues told when one is done. The partial index on the root cause stays out of
        // intake's way: a new case has none.
        (25, "improvements", """
            CREATE TABLE improvements (
                id TEXT PRIMARY KEY,
                title TEXT NOT NULL,
                topic TEXT NOT NULL,
                plan TEXT NOT NULL,
                cases_since INTEGER NOT NULL,
                started_by TEXT NOT NULL REFERENCES users(id),
                started_at INTEGER NOT NULL,
                done_at INTEGER,
                done_by TEXT REFERENCES users(id),
                done_message TEXT,
                reached INTEGER NOT NULL DEFAULT 0,
                skipped INTEGER NOT NULL DEFAULT 0
            );
            CREATE UNIQUE INDEX improvements_open_topic ON improvements(topic) WHERE done_at IS NULL;
            CREATE TABLE improvement_notices (
                improvement_id TEXT NOT NULL REFERENCES improvements(id),
                user_id TEXT NOT NULL REFERENCES users(id),
                cases INTEGER NOT NULL,
                seen_at INTEGER,
                PRIMARY KEY (improvement_id, user_id)
            );
            CREATE INDEX improvement_notices_unseen ON improvement_notices(user_id) WHERE seen_at IS NULL;
            CREATE INDEX cases_root_cause ON cases(root_cause) WHERE root_cause IS NOT NULL;
            """),
        // Spells of work on a case, from the case page's reports while it is in use.
        (26, "work_spells", """
            CREATE TABLE work_spells (
                id INTEGER PRIMARY KEY,
                case_id TEXT NOT NULL REFERENCES cases(id),
                user_id TEXT NOT NULL REFERENCES users(id),
                started_at INTEGER NOT NULL,
                last_at INTEGER NOT NULL
            );
            CREATE INDEX work_spells_case ON work_spells(case_id, user_id, last_at);
            CREATE INDEX work_spells_started ON work_spells(started_at);
            """),
        // Notes on a case for colleagues only.
        (27, "internal_notes", """
            CREATE TABLE internal_notes (
                id TEXT PRIMARY KEY,
                case_id TEXT NOT NULL REFERENCES cases(id),
                author_id TEXT NOT NULL REFERENCES users(id),
                text TEXT NOT NULL,
                created_at INTEGER NOT NULL
            );
            CREATE INDEX internal_notes_case ON internal_notes(case_id, created_at);
            """),
        // The colleagues a note calls on with "@Naam", until they have seen it.
        (28, "note_mentions", """
            CREATE TABLE note_mentions (
                note_id TEXT NOT NULL REFERENCES internal_notes(id),
                user_id TEXT NOT NULL REFERENCES users(id),
                seen_at INTEGER,
                PRIMARY KEY (note_id, user_id)
            );
            CREATE INDEX note_mentions_unseen ON note_mentions(user_id) WHERE seen_at IS NULL;
            """),
        // Who an improvement's message is for, queued with the finishing, so a server that stops
        // while sending leaves the rest to send, not to forget.
        (29, "improvement_recipients", """
            CREATE TABLE improvement_recipients (
                improvement_id TEXT NOT NULL REFERENCES improvements(id),
                case_id TEXT NOT NULL REFERENCES cases(id),
                state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'reached', 'skipped')),
                reason TEXT,
                PRIMARY KEY (improvement_id, case_id)
            );
            CREATE INDEX improvement_recipients_pending ON improvement_recipients(improvement_id) WHERE state = 'pending';
            """),
        // The same for an incident's status update: stored with the update, sent one by one.
        (30, "incident_update_recipients", """
            CREATE TABLE incident_update_recipients (
                update_id TEXT NOT NULL REFERENCES incident_updates(id),
                case_id TEXT NOT NULL REFERENCES cases(id),
                state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'reached', 'skipped')),
                reason TEXT,
                PRIMARY KEY (update_id, case_id)
            );
            CREATE INDEX incident_update_recipients_pending ON incident_update_recipients(update_id) WHERE state = 'pending';
            """),
        // A case opened by an account posing as the brand: no service level, no assignment.
        (31, "cases_poses_as_brand", """
            ALTER TABLE cases ADD COLUMN poses_as_brand INTEGER NOT NULL DEFAULT 0;
            """),
        // What the monthly report and the surge watch count per message, beside the stored
        // analysis: SQLite parsed each message's JSON for every count (over a second for a
        // month of 160,000), where a covering index over these columns reads a month in 0.1 s.
        // `topics` is the analysis's array as JSON, NULL for none.
        (32, "signals_counted_columns", """
            ALTER TABLE signals ADD COLUMN sentiment TEXT;
            ALTER TABLE signals ADD COLUMN intent TEXT;
            ALTER TABLE signals ADD COLUMN topics TEXT;
            UPDATE signals SET sentiment = json_extract(analysis, '$.sentiment'), intent = json_extract(analysis, '$.intent'),
                topics = CASE WHEN json_array_length(analysis, '$.topics') > 0 THEN json_extract(analysis, '$.topics') END
            WHERE json_valid(analysis);
            CREATE INDEX signals_counted ON signals(received_at, intent, sentiment, case_id, topics);
            """),
        // A note's author may change it; what it said before is kept beside it.
        (33, "internal_note_versions", """
            ALTER TABLE internal_notes ADD COLUMN edited_at INTEGER;
            CREATE TABLE internal_note_versions (
                note_id TEXT NOT NULL REFERENCES internal_notes(id),
                text TEXT NOT NULL,
                written_at INTEGER NOT NULL,
                replaced_at INTEGER NOT NULL
            );
            CREATE INDEX internal_note_versions_note ON internal_note_versions(note_id, replaced_at);
            """),
        // Since when the customer waited when a reply answered them: given back if it never arrives.
        (34, "reply_waited_since", """
            ALTER TABLE replies ADD COLUMN waited_since INTEGER;
            """),
        // Which reply a message to many wrote for each recipient: whether it arrived is the
        // reply's state in the outbox, and coaching leaves these replies out. Recipients written
        // to before keep NULL: which reply was theirs is not known for sure.
        (35, "recipient_reply", """
            ALTER TABLE improvement_recipients ADD COLUMN reply_id TEXT REFERENCES replies(id);
            ALTER TABLE incident_update_recipients ADD COLUMN reply_id TEXT REFERENCES replies(id);
            CREATE INDEX improvement_recipients_reply ON improvement_recipients(reply_id) WHERE reply_id IS NOT NULL;
            CREATE INDEX incident_update_recipients_reply ON incident_update_recipients(reply_id) WHERE reply_id IS NOT NULL;
            """),
        // The few cases of accounts posing as the brand: the counts of customer messages (surges,
        // the monthly report) leave their messages out by this list, read from the index alone.
        (36, "cases_posing", "CREATE INDEX cases_posing ON cases(id) WHERE poses_as_brand = 1;"),
        // A customer's name as a search for it reads it: lower case, accents folded ("danielle" finds
        // Daniëlle). Written with the name from now on (`CustomerNameSearch.folded`); filled in here.
        (37, "customer_name_folded", """
            ALTER TABLE customers ADD COLUMN name_folded TEXT;
            UPDATE customers SET name_folded = signaal_fold_name(name) WHERE name IS NOT NULL;
            """),
        // A lead's hand on an incident's cases: taken out (linked by mistake) or added by hand;
        // the latest decision per case holds.
        (38, "incident_cases", """
            CREATE TABLE incident_cases (
                incident_id TEXT NOT NULL REFERENCES incidents(id),
                case_id TEXT NOT NULL REFERENCES cases(id),
                included INTEGER NOT NULL,
                decided_by TEXT NOT NULL REFERENCES users(id),
                decided_at INTEGER NOT NULL,
                PRIMARY KEY (incident_id, case_id)
            );
            """),
        // The reply form's one-time key: the same form sent twice (a network retry, back and
        // resubmit) stores one reply, and so sends one.
        (39, "reply_form_key", """
            ALTER TABLE replies ADD COLUMN form_key TEXT;
            CREATE UNIQUE INDEX replies_form_key ON replies(form_key) WHERE form_key IS NOT NULL;
            """),
        // A month's cases by the time they were opened: the CSV export read all 300,000 cases in
        // priority order to keep one month's (23-28 s; on PostgreSQL minutes).
        (40, "cases_opened", "CREATE INDEX cases_opened ON cases(opened_at);"),
        // An API token may end by itself (`token create --expires-in-days`).
        (41, "api_token_expiry", "ALTER TABLE api_tokens ADD COLUMN expires_at INTEGER;"),
    ]

    /// `signaal_fold_name(text)`: `CustomerNameSearch.folded` in SQL, for migration 37 (SQLite's
    /// lower() knows only ASCII and has no accents to fold).
    static let foldName = DatabaseFunction("signaal_fold_name", argumentCount: 1, pure: true) { values in
        String.fromDatabaseValue(values[0]).map(CustomerNameSearch.folded)
    }

    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in all {
            migrator.registerMigration(identifier(migration.version, migration.name)) { db in
                try db.execute(sql: migration.sql)
            }
        }
        return migrator
    }

    static func identifier(_ version: Int, _ name: String) -> String {
        let number = String(version)
        return String(repeating: "0", count: max(0, 4 - number.count)) + number + "_" + name
    }
}
