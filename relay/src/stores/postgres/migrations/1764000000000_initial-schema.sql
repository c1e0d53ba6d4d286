-- Up Migration
-- The relay's whole state, for DATABASE_URL deployments (see docs/deployment.md). Applied by node-pg-migrate
-- on start (relay/src/stores/postgres/migrate.ts); never edit a shipped migration, add a new file.
-- Times are timestamptz; `seq` (identity, never reused) is the received order lists and the queue sort by.

-- Configuration: one JSON document per workspace and subscription, validated by the shared zod schemas
-- on every read and write; `version` grows on every save (compare-and-set for cross-instance updates).
CREATE TABLE workspaces (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  id text PRIMARY KEY,
  document jsonb NOT NULL,
  version bigint NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- findWorkspaceByApiKeyHash: document->'api_keys' @> '[{"hash": …}]'
CREATE INDEX workspaces_api_keys ON workspaces USING gin ((document -> 'api_keys') jsonb_path_ops);

CREATE TABLE subscriptions (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  workspace_id text NOT NULL,
  id text NOT NULL,
  document jsonb NOT NULL,
  PRIMARY KEY (workspace_id, id)
);

-- The event journal and the work queue in one row: an event is enqueued by the very INSERT that journals it.
CREATE TABLE events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id text NOT NULL,
  event_id text NOT NULL,
  type text NOT NULL,
  lead_id text NOT NULL,
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'processing', 'synced', 'skipped', 'failed', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  lease_until timestamptz,
  last_error jsonb,
  updated_at timestamptz NOT NULL,
  UNIQUE (workspace_id, event_id)
);
-- The queue: only unfinished events, in received order per workspace (claim scans this) and per lead (the head check).
CREATE INDEX events_queue ON events (workspace_id, seq) WHERE status IN ('pending', 'processing', 'failed');
CREATE INDEX events_lead_heads ON events (workspace_id, lead_id, seq) WHERE status IN ('pending', 'processing', 'failed');
CREATE INDEX events_by_status ON events (workspace_id, status, seq);
CREATE INDEX events_by_lead ON events (workspace_id, lead_id, seq);
CREATE INDEX events_ended ON events (received_at) WHERE status IN ('synced', 'skipped');

CREATE TABLE links (
  workspace_id text NOT NULL,
  key text COLLATE "C" NOT NULL,
  object_type text NOT NULL,
  crm_id text NOT NULL,
  url text,
  PRIMARY KEY (workspace_id, key)
);
CREATE INDEX links_by_crm_id ON links (workspace_id, object_type, crm_id);
CREATE INDEX links_by_type ON links (workspace_id, object_type, key);

CREATE TABLE leads (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  workspace_id text NOT NULL,
  lead_id text NOT NULL,
  lead jsonb NOT NULL,
  status text,
  crm_owner jsonb,
  dedup jsonb,
  review jsonb,
  review_state text,
  email_norm text,
  phone_norm text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, lead_id)
);
CREATE INDEX leads_newest ON leads (workspace_id, created_at, seq);
CREATE INDEX leads_by_email ON leads (workspace_id, email_norm);
CREATE INDEX leads_by_phone ON leads (workspace_id, phone_norm);

CREATE TABLE sync_log (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  id text NOT NULL,
  workspace_id text NOT NULL,
  at timestamptz NOT NULL,
  event_id text,
  lead_id text,
  record_type text NOT NULL,
  action text NOT NULL,
  status text NOT NULL,
  crm_id text,
  crm_url text,
  error jsonb,
  message text,
  retry_count integer NOT NULL,
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX sync_log_newest ON sync_log (workspace_id, at, seq);
CREATE INDEX sync_log_by_lead ON sync_log (workspace_id, lead_id, at);
CREATE INDEX sync_log_by_at ON sync_log (at);

CREATE TABLE deliveries (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  id text PRIMARY KEY,
  workspace_id text NOT NULL,
  subscription_id text NOT NULL,
  message_id text NOT NULL,
  event text NOT NULL,
  payload jsonb NOT NULL,
  attempt integer NOT NULL DEFAULT 0,
  status text NOT NULL,
  response_status integer,
  error text,
  next_attempt_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX deliveries_due ON deliveries (seq) WHERE status IN ('pending', 'failed');
CREATE INDEX deliveries_newest ON deliveries (workspace_id, seq);

-- Down Migration
DROP TABLE deliveries, sync_log, leads, links, events, subscriptions, workspaces;
