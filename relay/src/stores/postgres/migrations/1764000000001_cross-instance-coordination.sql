-- Up Migration
-- What several relay instances on one database must agree on (relay/src/stores/postgres/coordination/).

-- A CRM account's rate budget, one for all instances: a row per call granted (rolling window), and a
-- pause per budget after the CRM answered 429 with Retry-After.
CREATE TABLE rate_grants (
  budget_key text NOT NULL,
  granted_at timestamptz NOT NULL
);
CREATE INDEX rate_grants_window ON rate_grants (budget_key, granted_at);
CREATE TABLE rate_pauses (
  budget_key text PRIMARY KEY,
  paused_until timestamptz NOT NULL
);

-- Grants one call of `p_key`'s budget (p_limit calls per p_window_ms) and answers 0, or answers how many ms
-- to wait before asking again. The advisory lock serializes the callers of one budget across instances; the
-- time is the database's, read after the lock, so grant times never go backwards whatever the instances' clocks say.
CREATE FUNCTION relay_rate_acquire(p_key text, p_limit integer, p_window_ms integer) RETURNS double precision
LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamptz;
  v_window interval := make_interval(secs => p_window_ms / 1000.0);
  v_paused timestamptz;
  v_count integer;
  v_oldest timestamptz;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('relay_rate:' || p_key, 0));
  v_now := clock_timestamp();
  SELECT paused_until INTO v_paused FROM rate_pauses WHERE budget_key = p_key;
  IF v_paused IS NOT NULL AND v_paused > v_now THEN
    RETURN extract(epoch FROM v_paused - v_now) * 1000;
  END IF;
  DELETE FROM rate_grants WHERE budget_key = p_key AND granted_at <= v_now - v_window;
  SELECT count(*), min(granted_at) INTO v_count, v_oldest FROM rate_grants WHERE budget_key = p_key;
  IF v_count < p_limit THEN
    INSERT INTO rate_grants (budget_key, granted_at) VALUES (p_key, v_now);
    RETURN 0;
  END IF;
  RETURN GREATEST(extract(epoch FROM v_oldest + v_window - v_now) * 1000, 1);
END
$$;

-- OAuth refresh, single-flight across instances: the answer to each refresh, keyed by a hash of the refresh
-- token it spent, sealed with ENCRYPTION_KEY. An instance still holding a spent (rotated) refresh token gets
-- the answer another instance obtained instead of a refused refresh, so a rotated token is never lost.
CREATE TABLE oauth_refreshes (
  connection_key text NOT NULL,
  spent_token_hash text NOT NULL,
  sealed_answer text NOT NULL,
  obtained_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (connection_key, spent_token_hash)
);

-- Down Migration
DROP TABLE oauth_refreshes;
DROP FUNCTION relay_rate_acquire(text, integer, integer);
DROP TABLE rate_pauses, rate_grants;
