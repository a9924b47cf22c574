import DutchText

/// Numbered migrations in PostgreSQL's dialect, one statement per string (the extended
/// query protocol runs one statement at a time). Never edit one after release.
enum PostgresMigrations {
    static let all: [(version: Int, name: String, statements: [String])] = [
        (1, "initial", [
            """
            CREATE TABLE teams (
                id uuid PRIMARY KEY,
                name text NOT NULL UNIQUE,
                created_at timestamptz NOT NULL
            )
            """,
            """
            CREATE TABLE users (
                id uuid PRIMARY KEY,
                email text NOT NULL UNIQUE,
                name text NOT NULL,
                role text NOT NULL CHECK (role IN ('agent', 'lead', 'admin')),
                password_hash text NOT NULL,
                team_id uuid REFERENCES teams(id),
                active boolean NOT NULL DEFAULT true,
                created_at timestamptz NOT NULL
            )
            """,
            """
            CREATE TABLE api_tokens (
                id uuid PRIMARY KEY,
                name text NOT NULL,
                secret_hash text NOT NULL UNIQUE,
                created_at timestamptz NOT NULL,
                revoked_at timestamptz
            )
            """,
            """
            CREATE TABLE customers (
                id uuid PRIMARY KEY,
                name text,
                created_at timestamptz NOT NULL
            )
            """,
            """
            CREATE TABLE customer_identities (
                kind text NOT NULL,
                value text NOT NULL,
                customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
                created_at timestamptz NOT NULL,
                PRIMARY KEY (kind, value)
            )
            """,
            "CREATE INDEX customer_identities_customer ON customer_identities(customer_id)",
            """
            CREATE TABLE cases (
                id uuid PRIMARY KEY,
                customer_id uuid NOT NULL REFERENCES customers(id),
                status text NOT NULL CHECK (status IN ('new', 'open', 'waiting_on_customer', 'resolved', 'closed')),
                owner_id uuid REFERENCES users(id),
                team_id uuid REFERENCES teams(id),
                priority double precision NOT NULL,
                subject text NOT NULL,
                channel text NOT NULL,
                opened_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL,
                last_inbound_at timestamptz NOT NULL,
                waiting_since timestamptz,
                signal_count bigint NOT NULL,
                reopen_count bigint NOT NULL,
                max_followers bigint NOT NULL,
                text_score double precision NOT NULL DEFAULT 0
            )
            """,
            "CREATE INDEX cases_status_priority ON cases(status, priority DESC, id DESC)",
            "CREATE INDEX cases_customer ON cases(customer_id, status)",
            """
            CREATE TABLE case_transitions (
                id bigserial PRIMARY KEY,
                case_id uuid NOT NULL REFERENCES cases(id),
                from_status text,
                to_status text NOT NULL,
                at timestamptz NOT NULL,
                actor_id uuid REFERENCES users(id),
                reason text NOT NULL
            )
            """,
            "CREATE INDEX case_transitions_case ON case_transitions(case_id, id)",
            """
            CREATE TABLE signals (
                id uuid PRIMARY KEY,
                channel text NOT NULL,
                external_id text,
                customer_id uuid NOT NULL REFERENCES customers(id),
                case_id uuid NOT NULL REFERENCES cases(id),
                author_handle text,
                author_name text,
                author_email text,
                author_phone text,
                author_followers bigint,
                text text NOT NULL,
                received_at timestamptz NOT NULL,
                in_reply_to text,
                url text,
                analysis jsonb,
                created_at timestamptz NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX signals_channel_external ON signals(channel, external_id) WHERE external_id IS NOT NULL",
            "CREATE INDEX signals_received ON signals(received_at DESC, id DESC)",
            "CREATE INDEX signals_channel_received ON signals(channel, received_at DESC, id DESC)",
            "CREATE INDEX signals_case ON signals(case_id, received_at)",
            "CREATE INDEX signals_customer ON signals(customer_id, received_at)",
            """
            CREATE TABLE kv (
                key text PRIMARY KEY,
                value bytea NOT NULL,
                expires_at timestamptz
            )
            """,
        ]),
        (2, "signal_labels", [
            """
            CREATE TABLE signal_labels (
                id bigserial PRIMARY KEY,
                signal_id uuid NOT NULL REFERENCES signals(id),
                sentiment text CHECK (sentiment IN ('negative', 'neutral', 'positive')),
                intent text CHECK (intent IN ('complaint', 'compliment', 'question', 'other')),
                topics text,
                user_id uuid NOT NULL REFERENCES users(id),
                created_at timestamptz NOT NULL
            )
            """,
            "CREATE INDEX signal_labels_signal ON signal_labels(signal_id, id)",
        ]),
        (3, "channels", [
            "ALTER TABLE signals ADD COLUMN details jsonb",
            "ALTER TABLE signals ADD COLUMN text_pending boolean NOT NULL DEFAULT false",
            "ALTER TABLE signals ADD COLUMN removed_at timestamptz",
            "CREATE INDEX signals_text_pending ON signals(received_at) WHERE text_pending",
            """
            CREATE TABLE signal_attachments (
                signal_id uuid NOT NULL REFERENCES signals(id),
                ordinal integer NOT NULL,
                filename text,
                content_type text NOT NULL,
                size bigint NOT NULL,
                content bytea,
                PRIMARY KEY (signal_id, ordinal)
            )
            """,
            """
            CREATE TABLE replies (
                id uuid PRIMARY KEY,
                case_id uuid NOT NULL REFERENCES cases(id),
                signal_id uuid REFERENCES signals(id),
                channel text NOT NULL,
                text text NOT NULL,
                author_id uuid REFERENCES users(id),
                status text NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'delivered', 'read', 'failed')),
                attempts integer NOT NULL,
                next_attempt_at timestamptz,
                last_error text,
                external_id text,
                created_at timestamptz NOT NULL,
                sent_at timestamptz,
                updated_at timestamptz NOT NULL
            )
            """,
            "CREATE INDEX replies_case ON replies(case_id, created_at)",
            "CREATE INDEX replies_due ON replies(status, next_attempt_at)",
            "CREATE UNIQUE INDEX replies_channel_external ON replies(channel, external_id) WHERE external_id IS NOT NULL",
            """
            CREATE TABLE identity_events (
                id bigserial PRIMARY KEY,
                customer_id uuid NOT NULL REFERENCES customers(id),
                kind text NOT NULL,
                value text NOT NULL,
                action text NOT NULL CHECK (action IN ('link', 'unlink')),
                previous_customer_id uuid REFERENCES customers(id),
                user_id uuid REFERENCES users(id),
                at timestamptz NOT NULL
            )
            """,
            "CREATE INDEX identity_events_customer ON identity_events(customer_id, id)",
        ]),
        (4, "reply_coach", [
            "ALTER TABLE replies ADD COLUMN coach_score integer",
            "ALTER TABLE replies ADD COLUMN coach_findings text",
            "CREATE INDEX replies_author_created ON replies(author_id, created_at)",
        ]),
        (5, "handoffs", [
            """
            CREATE TABLE handoffs (
                id uuid PRIMARY KEY,
                case_id uuid NOT NULL REFERENCES cases(id),
                from_user_id uuid REFERENCES users(id),
                to_user_id uuid NOT NULL REFERENCES users(id),
                by_user_id uuid NOT NULL REFERENCES users(id),
                briefing text NOT NULL,
                at timestamptz NOT NULL
            )
            """,
            "CREATE INDEX handoffs_case ON handoffs(case_id, at)",
        ]),
        (6, "promises", [
            """
            CREATE TABLE promises (
                id uuid PRIMARY KEY,
                case_id uuid NOT NULL REFERENCES cases(id),
                owner_id uuid NOT NULL REFERENCES users(id),
                text text NOT NULL,
                due_at timestamptz NOT NULL,
                status text NOT NULL CHECK (status IN ('open', 'kept', 'broken')),
                created_at timestamptz NOT NULL,
                created_by uuid NOT NULL REFERENCES users(id),
                settled_at timestamptz,
                settled_by uuid REFERENCES users(id)
            )
            """,
            "CREATE INDEX promises_case ON promises(case_id, due_at)",
            "CREATE INDEX promises_due ON promises(due_at)",
        ]),
        (7, "cases_owner", [
            "CREATE INDEX cases_owner_priority ON cases(owner_id, status, priority DESC, id DESC)",
        ]),
        (8, "case_root_cause", [
            "ALTER TABLE cases ADD COLUMN root_cause text",
        ]),
        (9, "satisfaction", [
            """
            CREATE TABLE satisfaction_checks (
                token text PRIMARY KEY,
                case_id uuid NOT NULL REFERENCES cases(id),
                sent_at timestamptz NOT NULL,
                answered_at timestamptz,
                score integer CHECK (score BETWEEN 1 AND 5),
                solved boolean,
                comment text
            )
            """,
            "CREATE INDEX satisfaction_case ON satisfaction_checks(case_id, sent_at)",
        ]),
        (10, "compensations", [
            """
            CREATE TABLE compensations (
                id uuid PRIMARY KEY,
                case_id uuid NOT NULL REFERENCES cases(id),
                customer_id uuid NOT NULL REFERENCES customers(id),
                kind text NOT NULL CHECK (kind IN ('refund', 'waived_costs', 'voucher', 'gift')),
                amount_cents bigint NOT NULL CHECK (amount_cents > 0),
                reason text NOT NULL,
                status text NOT NULL CHECK (status IN ('granted', 'pending', 'rejected')),
                requested_by uuid NOT NULL REFERENCES users(id),
                requested_at timestamptz NOT NULL,
                decided_by uuid REFERENCES users(id),
                decided_at timestamptz,
                decision_note text
            )
            """,
            "CREATE INDEX compensations_case ON compensations(case_id, requested_at)",
            "CREATE INDEX compensations_customer ON compensations(customer_id, requested_at)",
            "CREATE INDEX compensations_status ON compensations(status, requested_at)",
        ]),
        (11, "sla", [
            "ALTER TABLE cases ADD COLUMN sla_started_at timestamptz",
            "ALTER TABLE cases ADD COLUMN responded_at timestamptz",
            "UPDATE cases SET sla_started_at = opened_at",
            "UPDATE cases SET responded_at = (SELECT MIN(created_at) FROM replies WHERE replies.case_id = cases.id)",
            """
            CREATE TABLE sla_breaches (
                case_id uuid NOT NULL REFERENCES cases(id),
                kind text NOT NULL CHECK (kind IN ('firstResponse', 'resolution')),
                due_at timestamptz NOT NULL,
                recorded_at timestamptz NOT NULL,
                PRIMARY KEY (case_id, kind, due_at)
            )
            """,
            "CREATE INDEX sla_breaches_recorded ON sla_breaches(recorded_at)",
        ]),
        // Full-text search with PostgreSQL's Dutch stemming (the same Snowball algorithm as SQLite's).
        (12, "search", [
            "CREATE INDEX signals_text_dutch ON signals USING gin (to_tsvector('dutch', text))",
        ]),
        (13, "privacy", [
            """
            CREATE TABLE audit_log (
                id bigserial PRIMARY KEY,
                at timestamptz NOT NULL,
                user_id uuid REFERENCES users(id),
                action text NOT NULL,
                subject text NOT NULL,
                subject_id text,
                detail text NOT NULL
            )
            """,
            "CREATE INDEX audit_log_subject ON audit_log(subject_id, id)",
            "ALTER TABLE customers ADD COLUMN erased_at timestamptz",
        ]),
        // Live updates across instances: every committed change to a case's status, owner,
        // subject or messages is announced on a channel named after the schema.
        (14, "case_notify", [
            """
            CREATE FUNCTION signaal_notify_case() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('signaal_cases_' || TG_TABLE_SCHEMA, NEW.id::text);
                RETURN NULL;
            END $$
            """,
            """
            CREATE TRIGGER cases_notify AFTER INSERT OR UPDATE OF status, owner_id, subject, signal_count ON cases
            FOR EACH ROW EXECUTE FUNCTION signaal_notify_case()
            """,
        ]),
        (15, "routing", [
            """
            CREATE TABLE routing_profiles (
                user_id uuid PRIMARY KEY REFERENCES users(id),
                paused boolean NOT NULL DEFAULT false,
                capacity integer NOT NULL CHECK (capacity > 0),
                channels text NOT NULL,
                topics text NOT NULL,
                languages text NOT NULL
            )
            """,
        ]),
        // Teams: admin rules send new work to a team's queue; a handoff can go to a team. Cases
        // keep what their messages say (sentiment, intent, topics, language) for inbox filters
        // and those rules, filled in here from the analyses already stored.
        (16, "teams", [
            """
            CREATE TABLE team_rules (
                id uuid PRIMARY KEY,
                position integer NOT NULL,
                field text NOT NULL CHECK (field IN ('topic', 'channel', 'language', 'brand')),
                value text NOT NULL,
                team_id uuid NOT NULL REFERENCES teams(id)
            )
            """,
            "CREATE INDEX cases_team_priority ON cases(team_id, status, priority DESC, id DESC)",
            "ALTER TABLE handoffs ALTER COLUMN to_user_id DROP NOT NULL",
            "ALTER TABLE handoffs ADD COLUMN to_team_id uuid REFERENCES teams(id)",
            "ALTER TABLE handoffs ADD CONSTRAINT handoffs_one_receiver CHECK ((to_user_id IS NULL) <> (to_team_id IS NULL))",
            "CREATE INDEX handoffs_at ON handoffs(at)",
            """
            ALTER TABLE cases ADD COLUMN sentiment text, ADD COLUMN intent text,
                ADD COLUMN topics text NOT NULL DEFAULT '', ADD COLUMN language text
            """,
            """
            UPDATE cases SET sentiment = latest.analysis->>'sentiment', intent = latest.analysis->>'intent'
            FROM (SELECT DISTINCT ON (case_id) case_id, analysis FROM signals WHERE analysis IS NOT NULL
                  ORDER BY case_id, received_at DESC, id DESC) latest
            WHERE latest.case_id = cases.id
            """,
            """
            UPDATE cases SET language = first.analysis->>'language'
            FROM (SELECT DISTINCT ON (case_id) case_id, analysis FROM signals WHERE analysis IS NOT NULL
                  ORDER BY case_id, received_at, id) first
            WHERE first.case_id = cases.id
            """,
            """
            UPDATE cases SET topics = '|' || named.list || '|'
            FROM (SELECT case_id, string_agg(DISTINCT topic, '|') AS list
                  FROM signals, jsonb_array_elements_text(analysis->'topics') AS topic
                  WHERE analysis IS NOT NULL GROUP BY case_id) named
            WHERE named.case_id = cases.id
            """,
        ]),
        // Who has a case open: short-lived reports from the case pages, for collision warnings.
        (17, "presence", [
            """
            CREATE TABLE case_presence (
                case_id uuid NOT NULL REFERENCES cases(id),
                user_id uuid NOT NULL REFERENCES users(id),
                typing boolean NOT NULL,
                seen_at timestamptz NOT NULL,
                PRIMARY KEY (case_id, user_id)
            )
            """,
            "CREATE INDEX case_presence_seen ON case_presence(seen_at)",
        ]),
        // The inbox: open cases in priority order, as a whole and per owner, team and channel, so
        // a page is the first rows of one index however many cases are closed.
        (18, "inbox_index", [
            "CREATE INDEX cases_inbox ON cases(priority DESC, id DESC) WHERE status IN ('new', 'open', 'waiting_on_customer')",
            "CREATE INDEX cases_inbox_owner ON cases(owner_id, priority DESC, id DESC) WHERE status IN ('new', 'open', 'waiting_on_customer')",
            "CREATE INDEX cases_inbox_team ON cases(team_id, priority DESC, id DESC) WHERE status IN ('new', 'open', 'waiting_on_customer')",
            "CREATE INDEX cases_inbox_channel ON cases(channel, priority DESC, id DESC) WHERE status IN ('new', 'open', 'waiting_on_customer')",
            "DROP INDEX cases_team_priority",
        ]),
        // Search reads a stored tsvector. With the index on an expression, a scan in time order
        // (the planner's choice for a word it expects often) recomputed to_tsvector for every
        // message it passed: 756 ms for a word in 1 of 18 messages among 1,000,000.
        (19, "search_vector", [
            "ALTER TABLE signals ADD COLUMN text_dutch tsvector GENERATED ALWAYS AS (to_tsvector('dutch', text)) STORED",
            "CREATE INDEX signals_search ON signals USING gin (text_dutch)",
            "DROP INDEX signals_text_dutch",
        ]),
        // Search gives the answers SQLite's FTS5 gives. PostgreSQL's 'dutch' drops about a
        // hundred common words, so "niet" or "geen reactie" found nothing or too much; ours
        // stems the same way and keeps every word. And "foo@bar.nl", "€2.500" or "06-12345678"
        // were one token each, which a search (split into letters and digits) never matched.
        (20, "search_all_words", [
            "CREATE TEXT SEARCH DICTIONARY signaal_dutch_stem (TEMPLATE = snowball, LANGUAGE = dutch)",
            "CREATE TEXT SEARCH CONFIGURATION signaal_dutch (COPY = pg_catalog.dutch)",
            "ALTER TEXT SEARCH CONFIGURATION signaal_dutch ALTER MAPPING REPLACE dutch_stem WITH signaal_dutch_stem",
            "ALTER TABLE signals DROP COLUMN text_dutch",
            """
            ALTER TABLE signals ADD COLUMN text_dutch tsvector GENERATED ALWAYS AS
                (to_tsvector('signaal_dutch', regexp_replace(text, '[[:punct:]]+', ' ', 'g'))) STORED
            """,
            "CREATE INDEX signals_search ON signals USING gin (text_dutch)",
        ]),
        // Search folds every accent of `Diacritics`, as SQLite's index does: the Snowball
        // stemmer folds only ä, é and their like, so "enquete" did not find "enquête", nor
        // "facade" "façade". Queries fold with the same `searchText` expression.
        (21, "search_folds_accents", [
            "DROP INDEX signals_search",
            "ALTER TABLE signals DROP COLUMN text_dutch",
            "ALTER TABLE signals ADD COLUMN text_dutch tsvector GENERATED ALWAYS AS (to_tsvector('signaal_dutch', \(searchText("text")))) STORED",
            "CREATE INDEX signals_search ON signals USING gin (text_dutch)",
        ]),
        // What an integration read through the API is in the audit log, under its token's name.
        (22, "audit_token", [
            "ALTER TABLE audit_log ADD COLUMN token_name text",
        ]),
        // An erased message's platform id, as a digest (`ErasedMessages`): a redelivery of it is a
        // duplicate of the placeholder instead of the message in full again.
        (23, "erased_external_ids", [
            """
            CREATE TABLE erased_external_ids (
                channel text NOT NULL,
                digest text NOT NULL,
                signal_id uuid NOT NULL REFERENCES signals(id),
                PRIMARY KEY (channel, digest)
            )
            """,
        ]),
        // The satisfaction question is a reply of its own kind: kept out of the coaching figures,
        // and its delivery shown with the check it asks.
        (24, "reply_satisfaction_token", [
            "ALTER TABLE replies ADD COLUMN satisfaction_token text",
        ]),
        // Who answered a customer's message (an account posing as ours, on the customer's case page).
        (25, "signals_in_reply_to", [
            "CREATE INDEX signals_in_reply_to ON signals(channel, in_reply_to) WHERE in_reply_to IS NOT NULL",
        ]),
        // Incidents: one cause behind many messages, handled with one status update (S3). One open
        // incident per topic ('' for all messages), so two leads cannot open the same one twice.
        (26, "incidents", [
            """
            CREATE TABLE incidents (
                id uuid PRIMARY KEY,
                title text NOT NULL,
                topic text,
                started_at timestamptz NOT NULL,
                opened_by uuid NOT NULL REFERENCES users(id),
                opened_at timestamptz NOT NULL,
                closed_at timestamptz,
                closed_by uuid REFERENCES users(id)
            )
            """,
            "CREATE UNIQUE INDEX incidents_open_topic ON incidents((COALESCE(topic, ''))) WHERE closed_at IS NULL",
            """
            CREATE TABLE incident_updates (
                id uuid PRIMARY KEY,
                incident_id uuid NOT NULL REFERENCES incidents(id),
                text text NOT NULL,
                posted_by uuid NOT NULL REFERENCES users(id),
                posted_at timestamptz NOT NULL,
                reached integer NOT NULL,
                skipped integer NOT NULL
            )
            """,
            "CREATE INDEX incident_updates_incident ON incident_updates(incident_id, posted_at)",
        ]),
        // Improvement actions on a root cause (capability 9): one unfinished per cause; the
        // colleagues told when one is done. The partial index on the root cause stays out of
        // intake's way: a new case has none.
        (27, "improvements", [
            """
            CREATE TABLE improvements (
                id uuid PRIMARY KEY,
                title text NOT NULL,
                topic text NOT NULL,
                plan text NOT NULL,
                cases_since timestamptz NOT NULL,
                started_by uuid NOT NULL REFERENCES users(id),
                started_at timestamptz NOT NULL,
                done_at timestamptz,
                done_by uuid REFERENCES users(id),
                done_message text,
                reached integer NOT NULL DEFAULT 0,
                skipped integer NOT NULL DEFAULT 0
            )
            """,
            "CREATE UNIQUE INDEX improvements_open_topic ON improvements(topic) WHERE done_at IS NULL",
            """
            CREATE TABLE improvement_notices (
                improvement_id uuid NOT NULL REFERENCES improvements(id),
                user_id uuid NOT NULL REFERENCES users(id),
                cases integer NOT NULL,
                seen_at timestamptz,
                PRIMARY KEY (improvement_id, user_id)
            )
            """,
            "CREATE INDEX improvement_notices_unseen ON improvement_notices(user_id) WHERE seen_at IS NULL",
            "CREATE INDEX cases_root_cause ON cases(root_cause) WHERE root_cause IS NOT NULL",
        ]),
        // Spells of work on a case, from the case page's reports while it is in use.
        (28, "work_spells", [
            """
            CREATE TABLE work_spells (
                id bigserial PRIMARY KEY,
                case_id uuid NOT NULL REFERENCES cases(id),
                user_id uuid NOT NULL REFERENCES users(id),
                started_at timestamptz NOT NULL,
                last_at timestamptz NOT NULL
            )
            """,
            "CREATE INDEX work_spells_case ON work_spells(case_id, user_id, last_at)",
            "CREATE INDEX work_spells_started ON work_spells(started_at)",
        ]),
        // Notes on a case for colleagues only.
        (29, "internal_notes", [
            """
            CREATE TABLE internal_notes (
                id uuid PRIMARY KEY,
                case_id uuid NOT NULL REFERENCES cases(id),
                author_id uuid NOT NULL REFERENCES users(id),
                text text NOT NULL,
                created_at timestamptz NOT NULL
            )
            """,
            "CREATE INDEX internal_notes_case ON internal_notes(case_id, created_at)",
        ]),
        // The colleagues a note calls on with "@Naam", until they have seen it.
        (30, "note_mentions", [
            """
            CREATE TABLE note_mentions (
                note_id uuid NOT NULL REFERENCES internal_notes(id),
                user_id uuid NOT NULL REFERENCES users(id),
                seen_at timestamptz,
                PRIMARY KEY (note_id, user_id)
            )
            """,
            "CREATE INDEX note_mentions_unseen ON note_mentions(user_id) WHERE seen_at IS NULL",
        ]),
        // Who an improvement's message is for, queued with the finishing, so a server that stops
        // while sending leaves the rest to send, not to forget.
        (31, "improvement_recipients", [
            """
            CREATE TABLE improvement_recipients (
                improvement_id uuid NOT NULL REFERENCES improvements(id),
                case_id uuid NOT NULL REFERENCES cases(id),
                state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'reached', 'skipped')),
                reason text,
                PRIMARY KEY (improvement_id, case_id)
            )
            """,
            "CREATE INDEX improvement_recipients_pending ON improvement_recipients(improvement_id) WHERE state = 'pending'",
        ]),
        // The same for an incident's status update: stored with the update, sent one by one.
        (32, "incident_update_recipients", [
            """
            CREATE TABLE incident_update_recipients (
                update_id uuid NOT NULL REFERENCES incident_updates(id),
                case_id uuid NOT NULL REFERENCES cases(id),
                state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'reached', 'skipped')),
                reason text,
                PRIMARY KEY (update_id, case_id)
            )
            """,
            "CREATE INDEX incident_update_recipients_pending ON incident_update_recipients(update_id) WHERE state = 'pending'",
        ]),
        // A colleague's note changes the case for whoever has it open: announced like a message.
        (33, "note_notify", [
            """
            CREATE FUNCTION signaal_notify_note() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('signaal_cases_' || TG_TABLE_SCHEMA, NEW.case_id::text);
                RETURN NULL;
            END $$
            """,
            "CREATE TRIGGER internal_notes_notify AFTER INSERT ON internal_notes FOR EACH ROW EXECUTE FUNCTION signaal_notify_note()",
        ]),
        // A case opened by an account posing as the brand: no service level, no assignment.
        (34, "cases_poses_as_brand", ["ALTER TABLE cases ADD COLUMN poses_as_brand boolean NOT NULL DEFAULT false"]),
        // A note's author may change it; what it said before is kept beside it, and the change is
        // announced like a new note.
        (35, "internal_note_versions", [
            "ALTER TABLE internal_notes ADD COLUMN edited_at timestamptz",
            """
            CREATE TABLE internal_note_versions (
                note_id uuid NOT NULL REFERENCES internal_notes(id),
                text text NOT NULL,
                written_at timestamptz NOT NULL,
                replaced_at timestamptz NOT NULL
            )
            """,
            "CREATE INDEX internal_note_versions_note ON internal_note_versions(note_id, replaced_at)",
            "CREATE TRIGGER internal_notes_notify_edit AFTER UPDATE OF text ON internal_notes FOR EACH ROW EXECUTE FUNCTION signaal_notify_note()",
        ]),
        // Since when the customer waited when a reply answered them: given back if it never arrives.
        (36, "reply_waited_since", ["ALTER TABLE replies ADD COLUMN waited_since timestamptz"]),
        // Which reply a message to many wrote for each recipient: whether it arrived is the
        // reply's state in the outbox, and coaching leaves these replies out. Recipients written
        // to before keep NULL: which reply was theirs is not known for sure.
        (37, "recipient_reply", [
            "ALTER TABLE improvement_recipients ADD COLUMN reply_id uuid REFERENCES replies(id)",
            "ALTER TABLE incident_update_recipients ADD COLUMN reply_id uuid REFERENCES replies(id)",
            "CREATE INDEX improvement_recipients_reply ON improvement_recipients(reply_id) WHERE reply_id IS NOT NULL",
            "CREATE INDEX incident_update_recipients_reply ON incident_update_recipients(reply_id) WHERE reply_id IS NOT NULL",
        ]),
        // See SQLite's migration 36: the cases of accounts posing as the brand, for the counts of
        // customer messages to leave out.
        (38, "cases_posing", ["CREATE INDEX cases_posing ON cases(id) WHERE poses_as_brand"]),
        // See SQLite's migration 37: the name as a search for it reads it, lower case and accents folded.
        (39, "customer_name_folded", [
            "ALTER TABLE customers ADD COLUMN name_folded text GENERATED ALWAYS AS (translate(lower(name), '\(Diacritics.letters)', '\(Diacritics.plain)')) STORED",
        ]),
        // See SQLite's migration 38: a lead's hand on an incident's cases.
        (40, "incident_cases", [
            """
            CREATE TABLE incident_cases (
                incident_id uuid NOT NULL REFERENCES incidents(id),
                case_id uuid NOT NULL REFERENCES cases(id),
                included boolean NOT NULL,
                decided_by uuid NOT NULL REFERENCES users(id),
                decided_at timestamptz NOT NULL,
                PRIMARY KEY (incident_id, case_id)
            )
            """,
        ]),
        // A colleague's reply and an analysis correction change the case for whoever has it open,
        // announced like a note: a second agent sees the customer was answered before answering too.
        (41, "reply_label_notify", [
            "CREATE TRIGGER replies_notify AFTER INSERT ON replies FOR EACH ROW EXECUTE FUNCTION signaal_notify_note()",
            """
            CREATE FUNCTION signaal_notify_label() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('signaal_cases_' || TG_TABLE_SCHEMA, case_id::text) FROM signals WHERE id = NEW.signal_id;
                RETURN NULL;
            END $$
            """,
            "CREATE TRIGGER signal_labels_notify AFTER INSERT ON signal_labels FOR EACH ROW EXECUTE FUNCTION signaal_notify_label()",
        ]),
        // See SQLite's migration 39: the reply form's one-time key, so that the same form sent
        // twice stores one reply, also when both arrive at once.
        (42, "reply_form_key", [
            "ALTER TABLE replies ADD COLUMN form_key text",
            "CREATE UNIQUE INDEX replies_form_key ON replies(form_key)",
        ]),
        // See SQLite's migration 40: a month's cases by the time they were opened (the export).
        (43, "cases_opened", ["CREATE INDEX cases_opened ON cases(opened_at)"]),
        // See SQLite's migration 41: an API token may end by itself.
        (44, "api_token_expiry", ["ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz"]),
    ]

    /// The text a search indexes or looks for: punctuation as spaces (see migration 20), accents
    /// folded. A change here needs a migration that computes `text_dutch` again.
    static func searchText(_ expression: String) -> String {
        "translate(regexp_replace(\(expression), '[[:punct:]]+', ' ', 'g'), '\(Diacritics.letters)', '\(Diacritics.plain)')"
    }
}
