-- Up Migration
-- Two-way sync polls each bidirectional workspace once per poll interval across all instances, not once per
-- instance (each poll spends the CRM account's budget): the instance that moves `claimed_at` forward by at
-- least one interval polls (relay/src/stores/postgres/coordination/two-way-poll.ts).
CREATE TABLE two_way_poll_claims (
  workspace_id text PRIMARY KEY,
  claimed_at timestamptz NOT NULL
);

-- Down Migration
DROP TABLE two_way_poll_claims;
