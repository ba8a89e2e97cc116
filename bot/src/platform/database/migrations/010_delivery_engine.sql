-- The delivery engine paces every replica's sends by one clock, the database's. A row per tenant and per
-- conversation, keyed by a keyed hash (never a Teams id): when each may be sent to next.
CREATE TABLE delivery_pace (
  key bytea PRIMARY KEY,
  -- The earliest next send (even spacing).
  next_at timestamptz NOT NULL,
  -- A conversation's theoretical arrival time for its long-run rate (GCRA); NULL for a tenant.
  tat timestamptz,
  touched_at timestamptz NOT NULL DEFAULT now()
);

-- Reserves the next send slot for a tenant and a conversation in one statement, so the lock on the busy
-- tenant row is held for microseconds. Returns either how long to wait for the slot (wait_ms), or, when
-- the conversation is the one holding things up, when to ask again (later_ms) with nothing reserved,
-- so one busy conversation never makes the whole tenant wait.
CREATE FUNCTION delivery_reserve(
  p_tenant bytea,
  p_conversation bytea,
  p_tenant_spacing_ms double precision,
  p_conversation_spacing_ms double precision,
  p_conversation_rate_ms double precision,
  p_conversation_burst integer,
  -- How many tenant spacings this send takes: more than one leaves room around a send that may arrive late.
  p_weight integer
) RETURNS TABLE (wait_ms double precision, later_ms double precision)
LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamptz := clock_timestamp();
  v_tenant_next timestamptz;
  v_next timestamptz;
  v_tat timestamptz;
  v_ready timestamptz;
  v_slot timestamptz;
BEGIN
  -- Pace state need not survive a crash (a replica starting afresh only waits a little longer), so this
  -- commit does not wait for the disk: the busy tenant row is locked for microseconds, not an fsync.
  PERFORM set_config('synchronous_commit', 'off', true);
  INSERT INTO delivery_pace (key, next_at, tat) VALUES (p_tenant, v_now, NULL), (p_conversation, v_now, v_now)
    ON CONFLICT (key) DO NOTHING;
  -- Always in key order, so two reservations never wait for each other in a circle.
  PERFORM 1 FROM delivery_pace WHERE key IN (p_tenant, p_conversation) ORDER BY key FOR UPDATE;
  SELECT next_at INTO v_tenant_next FROM delivery_pace WHERE key = p_tenant;
  SELECT next_at, tat INTO v_next, v_tat FROM delivery_pace WHERE key = p_conversation;
  v_ready := greatest(v_next, v_tat - make_interval(secs => p_conversation_burst * p_conversation_rate_ms / 1000));
  IF v_ready > greatest(v_now, v_tenant_next) THEN
    RETURN QUERY SELECT NULL::double precision, extract(epoch FROM v_ready - v_now)::double precision * 1000;
    RETURN;
  END IF;
  v_slot := greatest(v_now, v_tenant_next);
  UPDATE delivery_pace SET next_at = v_slot + make_interval(secs => p_weight * p_tenant_spacing_ms / 1000), touched_at = v_now
    WHERE key = p_tenant;
  UPDATE delivery_pace SET next_at = v_slot + make_interval(secs => p_conversation_spacing_ms / 1000),
      tat = greatest(v_tat, v_slot) + make_interval(secs => p_conversation_rate_ms / 1000), touched_at = v_now
    WHERE key = p_conversation;
  RETURN QUERY SELECT extract(epoch FROM v_slot - v_now)::double precision * 1000, NULL::double precision;
END
$$;

-- A message whose send had started when its process died: it is sent again (at least once), and counted.
ALTER TABLE outbox ADD COLUMN send_started_at timestamptz;
ALTER TABLE outbox ADD COLUMN in_doubt boolean NOT NULL DEFAULT false;

-- Claims whose replica died are looked for among the rows being sent only.
CREATE INDEX outbox_sending ON outbox (next_attempt_at) WHERE status = 'sending';
