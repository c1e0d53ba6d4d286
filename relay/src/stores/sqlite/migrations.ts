/**
 * Schema migrations, applied in order on open; PRAGMA user_version records how many ran.
 * Never edit a shipped migration: append a new one. Times are ISO-8601 UTC text (see ../times.ts),
 * JSON columns are text. `seq` (AUTOINCREMENT, never reused) is the received order.
 */
export const migrations: readonly string[] = [
  `
  CREATE TABLE events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    type TEXT NOT NULL,
    lead_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    received_at TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    lease_until TEXT,
    last_error TEXT,
    updated_at TEXT NOT NULL
  );
  CREATE UNIQUE INDEX events_by_id ON events (workspace_id, event_id);
  -- The queue: only unfinished events, so claim's scan stays as small as the backlog.
  CREATE INDEX events_unfinished ON events (workspace_id, lead_id, seq) WHERE status IN ('pending', 'processing', 'failed');
  CREATE INDEX events_by_status ON events (workspace_id, status, seq);
  CREATE INDEX events_by_lead ON events (workspace_id, lead_id, seq);
  CREATE INDEX events_by_received ON events (received_at) WHERE status IN ('synced', 'skipped');

  CREATE TABLE links (
    workspace_id TEXT NOT NULL,
    key TEXT NOT NULL,
    object_type TEXT NOT NULL,
    crm_id TEXT NOT NULL,
    url TEXT,
    PRIMARY KEY (workspace_id, key)
  ) WITHOUT ROWID;
  CREATE INDEX links_by_crm_id ON links (workspace_id, object_type, crm_id);
  CREATE INDEX links_by_type ON links (workspace_id, object_type, key);

  CREATE TABLE leads (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id TEXT NOT NULL,
    lead_id TEXT NOT NULL,
    lead TEXT NOT NULL,
    status TEXT,
    crm_owner TEXT,
    dedup TEXT,
    review TEXT,
    review_state TEXT,
    email_norm TEXT,
    phone_norm TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE UNIQUE INDEX leads_by_id ON leads (workspace_id, lead_id);
  CREATE INDEX leads_newest ON leads (workspace_id, created_at, seq);
  CREATE INDEX leads_by_email ON leads (workspace_id, email_norm);
  CREATE INDEX leads_by_phone ON leads (workspace_id, phone_norm);

  CREATE TABLE sync_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    at TEXT NOT NULL,
    event_id TEXT,
    lead_id TEXT,
    record_type TEXT NOT NULL,
    action TEXT NOT NULL,
    status TEXT NOT NULL,
    crm_id TEXT,
    crm_url TEXT,
    error TEXT,
    message TEXT,
    retry_count INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX sync_log_by_id ON sync_log (workspace_id, id);
  CREATE INDEX sync_log_newest ON sync_log (workspace_id, at, seq);
  CREATE INDEX sync_log_by_lead ON sync_log (workspace_id, lead_id, at);
  CREATE INDEX sync_log_by_at ON sync_log (at);

  CREATE TABLE deliveries (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    workspace_id TEXT NOT NULL,
    subscription_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    event TEXT NOT NULL,
    payload TEXT NOT NULL,
    attempt INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    response_status INTEGER,
    error TEXT,
    next_attempt_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX deliveries_due ON deliveries (seq) WHERE status IN ('pending', 'failed');
  CREATE INDEX deliveries_newest ON deliveries (workspace_id, seq);
  `,
  // GET /v1/meetings: one event type, newest first, without scanning the workspace's other events.
  `
  CREATE INDEX events_by_type ON events (workspace_id, type, seq);
  `,
];
