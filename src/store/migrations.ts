import { InternalError } from "../core/index.js";

/**
 * One schema step. Versions are consecutive from 1; a migration is never
 * edited once released, only followed by a new one. Later layers (eval
 * results, audit log, approvals) append their tables here.
 */
export interface Migration {
  version: number;
  name: string;
  /** SQL run inside the migration's transaction. */
  up: string;
}

/** Every schema step, in order. The database's `PRAGMA user_version` is the last one applied. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "runs, layer results and findings",
    up: `
      CREATE TABLE runs (
        id          TEXT PRIMARY KEY,
        status      TEXT NOT NULL CHECK (status IN ('running', 'finished')),
        started_at  TEXT NOT NULL,
        finished_at TEXT,
        base        TEXT NOT NULL,
        head        TEXT NOT NULL,
        base_ref    TEXT NOT NULL,
        head_ref    TEXT NOT NULL,
        outcome     TEXT CHECK (outcome IN ('pass', 'fail', 'needs-human')),
        duration_ms INTEGER,
        findings    INTEGER NOT NULL DEFAULT 0,
        pid         INTEGER,
        host        TEXT,
        report_json TEXT
      ) STRICT;
      CREATE INDEX runs_started_at ON runs (started_at DESC, id DESC);

      CREATE TABLE layer_results (
        run_id      TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        name        TEXT NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('passed', 'failed', 'skipped', 'error')),
        skip_reason TEXT,
        error       TEXT,
        duration_ms INTEGER NOT NULL,
        findings    INTEGER NOT NULL,
        PRIMARY KEY (run_id, position)
      ) STRICT;
      CREATE INDEX layer_results_name ON layer_results (name, status);

      CREATE TABLE findings (
        run_id     TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        id         TEXT NOT NULL,
        layer      TEXT NOT NULL,
        rule_id    TEXT NOT NULL,
        severity   TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
        file       TEXT,
        line       INTEGER,
        title      TEXT NOT NULL,
        message    TEXT NOT NULL,
        suggestion TEXT,
        PRIMARY KEY (run_id, id)
      ) STRICT;
      CREATE INDEX findings_rule_id ON findings (rule_id);
      CREATE INDEX findings_file ON findings (file);
    `,
  },
  {
    version: 2,
    name: "model calls and loop escalations",
    up: `
      CREATE TABLE model_calls (
        id            INTEGER PRIMARY KEY,
        run_id        TEXT,
        purpose       TEXT NOT NULL,
        model_id      TEXT NOT NULL,
        call_key      TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('ok', 'cache', 'cassette', 'error')),
        attempt       INTEGER NOT NULL,
        error_kind    TEXT,
        error         TEXT,
        input_tokens  INTEGER NOT NULL,
        output_tokens INTEGER NOT NULL,
        cost_usd      REAL NOT NULL,
        prompt_bytes  INTEGER NOT NULL,
        duration_ms   INTEGER NOT NULL,
        started_at    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX model_calls_run_id ON model_calls (run_id);
      CREATE INDEX model_calls_started_at ON model_calls (started_at);

      CREATE TABLE escalations (
        id          TEXT PRIMARY KEY,
        created_at  TEXT NOT NULL,
        reason      TEXT NOT NULL,
        rounds      INTEGER NOT NULL,
        spec_id     TEXT,
        last_run_id TEXT,
        cost_usd    REAL NOT NULL,
        path        TEXT NOT NULL,
        detail_json TEXT NOT NULL
      ) STRICT;
      CREATE INDEX escalations_created_at ON escalations (created_at DESC);
    `,
  },
  {
    version: 3,
    name: "eval runs, eval results and the eval model cache",
    up: `
      CREATE TABLE eval_runs (
        id           TEXT PRIMARY KEY,
        status       TEXT NOT NULL CHECK (status IN ('running', 'finished')),
        started_at   TEXT NOT NULL,
        finished_at  TEXT,
        head         TEXT,
        head_ref     TEXT,
        shard        TEXT,
        passed       INTEGER,
        options_json TEXT NOT NULL,
        suites_json  TEXT NOT NULL,
        summary_json TEXT,
        pid          INTEGER
      ) STRICT;
      CREATE INDEX eval_runs_head ON eval_runs (head, started_at DESC);
      CREATE INDEX eval_runs_started_at ON eval_runs (started_at DESC, id DESC);

      CREATE TABLE eval_results (
        run_id          TEXT NOT NULL REFERENCES eval_runs (id) ON DELETE CASCADE,
        suite           TEXT NOT NULL,
        scenario        TEXT NOT NULL,
        attempt         INTEGER NOT NULL,
        status          TEXT NOT NULL CHECK (status IN ('pass', 'fail', 'error')),
        score           REAL NOT NULL,
        latency_ms      REAL NOT NULL,
        cached          INTEGER NOT NULL,
        output          TEXT,
        error           TEXT,
        stderr_tail     TEXT,
        assertions_json TEXT NOT NULL,
        PRIMARY KEY (run_id, suite, scenario, attempt)
      ) STRICT;

      CREATE TABLE eval_model_cache (
        key        TEXT PRIMARY KEY,
        text       TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 4,
    name: "agent audit log, approvals, MCP tool pins and the message bus",
    up: `
      CREATE TABLE audit_log (
        seq         INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        agent       TEXT NOT NULL,
        tool        TEXT NOT NULL,
        adapter     TEXT NOT NULL,
        input       TEXT NOT NULL,
        decision    TEXT NOT NULL,
        reason      TEXT NOT NULL,
        policies    TEXT NOT NULL,
        approval_id TEXT,
        prev_hash   TEXT NOT NULL,
        hash        TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_log_agent ON audit_log (agent, seq);
      CREATE TABLE audit_head (
        id   INTEGER PRIMARY KEY CHECK (id = 1),
        seq  INTEGER NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;

      CREATE TABLE approvals (
        id              TEXT PRIMARY KEY,
        kind            TEXT NOT NULL CHECK (kind IN ('call', 'tool-pin')),
        agent           TEXT NOT NULL,
        tool            TEXT NOT NULL,
        call_key        TEXT NOT NULL,
        summary         TEXT NOT NULL,
        input           TEXT NOT NULL,
        reason          TEXT NOT NULL,
        policies        TEXT NOT NULL,
        status          TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'expired')),
        created_at      TEXT NOT NULL,
        expires_at      TEXT NOT NULL,
        decided_at      TEXT,
        decided_by      TEXT,
        decision_reason TEXT
      ) STRICT;
      CREATE INDEX approvals_call ON approvals (agent, call_key, created_at DESC);
      CREATE INDEX approvals_status ON approvals (status, created_at DESC);
      CREATE TABLE approval_events (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        approval_id TEXT NOT NULL REFERENCES approvals (id),
        at          TEXT NOT NULL,
        from_status TEXT,
        to_status   TEXT NOT NULL,
        actor       TEXT NOT NULL,
        reason      TEXT
      ) STRICT;

      CREATE TABLE mcp_tool_pins (
        server     TEXT NOT NULL,
        tool       TEXT NOT NULL,
        hash       TEXT NOT NULL,
        definition TEXT NOT NULL,
        pinned_at  TEXT NOT NULL,
        PRIMARY KEY (server, tool)
      ) STRICT;

      CREATE TABLE messages (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        at        TEXT NOT NULL,
        sender    TEXT NOT NULL,
        recipient TEXT NOT NULL,
        type      TEXT NOT NULL,
        body      TEXT NOT NULL,
        chain     TEXT NOT NULL,
        status    TEXT NOT NULL CHECK (status IN ('unread', 'acting', 'done')),
        read_at   TEXT,
        done_at   TEXT
      ) STRICT;
      CREATE INDEX messages_inbox ON messages (recipient, status, id);
    `,
  },
  {
    version: 5,
    name: "approvals are used up: a granted count of uses, a 'used' status",
    // SQLite cannot change a CHECK in place, so both approval tables are
    // rebuilt. The events go first and are dropped first, so no foreign key
    // ever points at a missing approval; renaming rewrites their reference.
    // Call keys now cover the whole call (a Write's content too), so pending
    // and granted call approvals from before can match nothing: they are set
    // to lapse, and the next read records them expired. Tool pins keep theirs.
    up: `
      CREATE TABLE approvals_next (
        id              TEXT PRIMARY KEY,
        kind            TEXT NOT NULL CHECK (kind IN ('call', 'tool-pin')),
        agent           TEXT NOT NULL,
        tool            TEXT NOT NULL,
        call_key        TEXT NOT NULL,
        summary         TEXT NOT NULL,
        input           TEXT NOT NULL,
        reason          TEXT NOT NULL,
        policies        TEXT NOT NULL,
        status          TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'expired', 'used')),
        created_at      TEXT NOT NULL,
        expires_at      TEXT NOT NULL,
        decided_at      TEXT,
        decided_by      TEXT,
        decision_reason TEXT,
        max_uses        INTEGER CHECK (max_uses IS NULL OR max_uses > 0),
        uses            INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      INSERT INTO approvals_next (id, kind, agent, tool, call_key, summary, input, reason, policies,
          status, created_at, expires_at, decided_at, decided_by, decision_reason)
        SELECT id, kind, agent, tool, call_key, summary, input, reason, policies,
          status, created_at, expires_at, decided_at, decided_by, decision_reason
        FROM approvals;
      CREATE TABLE approval_events_next (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        approval_id TEXT NOT NULL REFERENCES approvals_next (id),
        at          TEXT NOT NULL,
        from_status TEXT,
        to_status   TEXT NOT NULL,
        actor       TEXT NOT NULL,
        reason      TEXT
      ) STRICT;
      INSERT INTO approval_events_next (seq, approval_id, at, from_status, to_status, actor, reason)
        SELECT seq, approval_id, at, from_status, to_status, actor, reason FROM approval_events;
      DROP TABLE approval_events;
      DROP TABLE approvals;
      ALTER TABLE approvals_next RENAME TO approvals;
      ALTER TABLE approval_events_next RENAME TO approval_events;
      CREATE INDEX approvals_call ON approvals (agent, call_key, created_at DESC);
      CREATE INDEX approvals_status ON approvals (status, created_at DESC);
      UPDATE approvals SET expires_at = created_at
        WHERE kind = 'call' AND status IN ('pending', 'approved');
    `,
  },
  {
    version: 6,
    name: "bus delegations last until a deadline or the reading session's end",
    // Completing a message no longer ends the delegation it imposed: the
    // reader's bus session and a deadline do. Messages completed before
    // keep their end; ones being acted on get a day from when they were read.
    up: `
      ALTER TABLE messages ADD COLUMN session TEXT;
      ALTER TABLE messages ADD COLUMN deadline TEXT;
      ALTER TABLE messages ADD COLUMN ended_at TEXT;
      UPDATE messages SET ended_at = done_at WHERE status = 'done';
      UPDATE messages SET deadline = strftime('%Y-%m-%dT%H:%M:%fZ', read_at, '+1 day')
        WHERE read_at IS NOT NULL;
      CREATE INDEX messages_delegating ON messages (recipient, deadline)
        WHERE read_at IS NOT NULL AND ended_at IS NULL;
    `,
  },
  {
    version: 7,
    name: "each recorded gate run anchors the audit log's head",
    // One row per run: the audit head when the run started. A later log that
    // ends before that seq, or holds another hash there, was truncated or
    // rewritten (the anchor file outside the repository says the same).
    up: `
      CREATE TABLE run_audit_anchors (
        run_id TEXT PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
        seq    INTEGER NOT NULL,
        hash   TEXT NOT NULL
      ) STRICT;
      `,
  },
  {
    version: 8,
    name: "the tests layer's runs and each test's result",
    up: `
      CREATE TABLE test_runs (
        run_id      TEXT PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
        started_at  TEXT NOT NULL,
        command     TEXT NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('passed', 'failed', 'error')),
        exit_code   INTEGER,
        duration_ms INTEGER NOT NULL,
        tests       INTEGER NOT NULL,
        failed      INTEGER NOT NULL,
        error       TEXT
      ) STRICT;
      CREATE INDEX test_runs_started_at ON test_runs (started_at DESC);

      CREATE TABLE test_results (
        run_id      TEXT NOT NULL REFERENCES test_runs (run_id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        name        TEXT NOT NULL,
        classname   TEXT,
        file        TEXT,
        line        INTEGER,
        status      TEXT NOT NULL CHECK (status IN ('passed', 'failed', 'skipped')),
        duration_ms INTEGER NOT NULL,
        message     TEXT,
        PRIMARY KEY (run_id, position)
      ) STRICT;
      CREATE INDEX test_results_name ON test_results (name, status);
      CREATE INDEX test_results_file ON test_results (file);
    `,
  },
  {
    version: 9,
    name: "autonomy evidence per agent and domain, and demotions in force",
    up: `
      CREATE TABLE autonomy_events (
        id             INTEGER PRIMARY KEY,
        at             TEXT NOT NULL,
        agent          TEXT NOT NULL,
        domain         TEXT NOT NULL,
        action         TEXT,
        kind           TEXT NOT NULL CHECK (kind IN ('gate', 'guard', 'answer', 'approval', 'escalation', 'eval', 'finding', 'outcome', 'incident')),
        outcome        TEXT CHECK (outcome IN ('agree', 'disagree')),
        subject        TEXT,
        coder_model    TEXT,
        reviewer_model TEXT,
        detail         TEXT
      ) STRICT;
      CREATE INDEX autonomy_events_class ON autonomy_events (agent, domain, at);
      CREATE INDEX autonomy_events_at ON autonomy_events (at);
      CREATE UNIQUE INDEX autonomy_events_once ON autonomy_events (kind, agent, domain, subject)
        WHERE subject IS NOT NULL AND kind IN ('outcome', 'incident');

      CREATE TABLE autonomy_demotions (
        id         INTEGER PRIMARY KEY,
        at         TEXT NOT NULL,
        agent      TEXT NOT NULL,
        domain     TEXT NOT NULL,
        from_mode  TEXT NOT NULL,
        to_mode    TEXT NOT NULL,
        trigger    TEXT NOT NULL CHECK (trigger IN ('incident', 'model-change', 'agreement-drop')),
        reason     TEXT NOT NULL,
        basis      TEXT NOT NULL
      ) STRICT;
      CREATE INDEX autonomy_demotions_class ON autonomy_demotions (agent, domain, at);
    `,
  },
  {
    version: 10,
    name: "the autonomy mode of each guard decision, the asks awaiting a person's answer, and sampled auto-logged calls",
    up: `
      ALTER TABLE audit_log ADD COLUMN mode TEXT;
      ALTER TABLE audit_log ADD COLUMN domain TEXT;

      CREATE TABLE guard_asks (
        tool_use_id TEXT PRIMARY KEY,
        at          TEXT NOT NULL,
        agent       TEXT NOT NULL,
        domain      TEXT NOT NULL,
        action      TEXT NOT NULL,
        mode        TEXT NOT NULL,
        engine      TEXT NOT NULL CHECK (engine IN ('allow', 'ask', 'deny')),
        summary     TEXT NOT NULL,
        answered_at TEXT,
        answer      TEXT CHECK (answer IN ('allowed', 'denied'))
      ) STRICT;
      CREATE INDEX guard_asks_pending ON guard_asks (at) WHERE answer IS NULL;

      CREATE TABLE autonomy_reviews (
        id          INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        agent       TEXT NOT NULL,
        domain      TEXT NOT NULL,
        action      TEXT NOT NULL,
        tool        TEXT NOT NULL,
        summary     TEXT NOT NULL,
        call_key    TEXT NOT NULL,
        reviewed_at TEXT,
        verdict     TEXT CHECK (verdict IN ('agree', 'disagree'))
      ) STRICT;
      CREATE INDEX autonomy_reviews_pending ON autonomy_reviews (at) WHERE verdict IS NULL;
    `,
  },
  {
    version: 11,
    name: "covering indexes for the dashboard's aggregates (jig ui)",
    up: `
      CREATE INDEX runs_status_started ON runs (status, started_at, outcome, head_ref);
      CREATE INDEX findings_layer_rule ON findings (layer, rule_id);
      CREATE INDEX model_calls_purpose ON model_calls (purpose, started_at, cost_usd);
    `,
  },
];

/** The schema version this jig writes. */
export function latestSchemaVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.at(-1)?.version ?? 0;
}

/**
 * The migrations a database at `current` still needs, in order. Pure, so the
 * plan can be tested without a database. Throws on a gap or disorder in the
 * list, which is a bug in jig, not in the user's database.
 */
export function pendingMigrations(
  current: number,
  migrations: readonly Migration[] = MIGRATIONS,
): Migration[] {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new InternalError(
        `migration ${migration.name} has version ${migration.version}, expected ${index + 1}`,
      );
    }
  });
  return migrations.filter((migration) => migration.version > current);
}
