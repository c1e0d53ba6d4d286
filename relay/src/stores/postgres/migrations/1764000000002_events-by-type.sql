-- Up Migration
-- EventFilter.type (GET /v1/meetings lists one workspace's meeting.booked events, newest first): one event type
-- in received order without scanning the workspace's other events. The SQLite twin is its migration 6.
CREATE INDEX events_by_type ON events (workspace_id, type, seq);

-- Down Migration
DROP INDEX events_by_type;
